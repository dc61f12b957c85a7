import Areas
import Benchmark
import Foundation

/// The four real tables in `../shared/data`, found from this file (Benchmarks/Benchmarks/AreasBenchmarks/).
private let tablePaths: [String] = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    let data = url.deletingLastPathComponent().appendingPathComponent("shared/data").standardizedFileURL.path
    return [
        data + "/simd2020v2/simd2020v2_datazones.csv",
        data + "/imd2019-england/imd2019_lsoa_file1.csv",
        data + "/wimd2019/wimd2019_lsoa_ranks.csv",
        data + "/postcodes-scotland/nspl_nov2021_scotland_subset.csv",
    ]
}()

private let queries = ["S01012080", "S01009432", "E01000186", "W01000038", "dg1 1ad", "DG109AA", "ZE1 0AA",
                       "S01013481", "E01033768", "FK8 1AA"]

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(10),
        maxIterations: 200
    )

    // What every cbscore run pays before its first lookup once the cache is built.
    let warmCache = NSTemporaryDirectory() + "cbscore-areas-benchmark-warm"
    Benchmark(
        "Ready all four tables (warm cache)",
        configuration: .init(setup: { _ = try AreaDirectory.load(paths: tablePaths, cacheDirectory: warmCache) })
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            let directory = try AreaDirectory.load(paths: tablePaths, cacheDirectory: warmCache)
            precondition(directory.tables.allSatisfy(\.readFromCache))
            blackHole(directory)
        }
    }

    // The first run after a table changes: parse 7 MB of CSV and hash it, without the cache write.
    Benchmark("Ready all four tables (cold, no cache)", configuration: .init(maxIterations: 20)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try AreaDirectory.load(paths: tablePaths, cacheDirectory: nil))
        }
    }

    // The same with the cache entries written to a fresh folder.
    Benchmark("Ready all four tables (cold, building the cache)", configuration: .init(maxIterations: 20)) {
        benchmark in
        let folder = NSTemporaryDirectory() + "cbscore-areas-benchmark-cold-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for iteration in benchmark.scaledIterations {
            blackHole(try AreaDirectory.load(paths: tablePaths, cacheDirectory: folder + "/\(iteration)"))
        }
    }

    Benchmark("Look up 10 codes and postcodes", configuration: .init(
        scalingFactor: .kilo,
        setup: { _ = try AreaDirectory.load(paths: tablePaths, cacheDirectory: warmCache) }
    )) { benchmark in
        let directory = try AreaDirectory.load(paths: tablePaths, cacheDirectory: warmCache)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for query in queries { blackHole(try directory.lookup(query)) }
        }
    }
}
