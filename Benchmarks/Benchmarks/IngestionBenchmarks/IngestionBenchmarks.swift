import Benchmark
import DocumentReading
import Documents
import Foundation

// Reading documents into models, schema-validated. The whole-command comparison with
// xmllint on a 100,000-bid batch is Benchmarks/scripts/end-to-end-benchmark.sh
// (docs/performance.md); these track the per-document cost and allocations.

/// The repository's fixtures, found from this file (Benchmarks/Benchmarks/IngestionBenchmarks/).
private let fixtures: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("fixtures").path
}()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(10),
        maxIterations: 1000
    )

    Benchmark("Compile the three schemas") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try DocumentReader())
        }
    }

    Benchmark("Read the eight bids of GCR-2026-014") { benchmark in
        let reader = try DocumentReader()
        let paths = (1...8).map { fixtures + "/gcr-2026-014/bids/B-014-0\($0).xml" }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for path in paths {
                try reader.readBids(at: path) { blackHole($0) }
            }
        }
    }

    Benchmark("Stream the portal batch (4 bids)") { benchmark in
        let reader = try DocumentReader()
        let path = fixtures + "/batches/gcr-2026-014-portal-export.xml"
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try reader.readBids(at: path, tenderID: "GCR-2026-014") { blackHole($0) }
        }
    }

    Benchmark("Read a tender and a delivery return") { benchmark in
        let reader = try DocumentReader()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try reader.readTender(at: fixtures + "/gcr-2026-014/tender.xml"))
            blackHole(try reader.readReturn(at: fixtures + "/returns/C-2026-0142-2026-Q3.xml"))
        }
    }
}
