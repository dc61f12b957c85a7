import Benchmark
import Documents
import Monitoring
import Store

// Import and report a generated portfolio (contracts × 12 quarterly returns) through the
// store's public API. Sizes 2,500 / 5,000 / 10,000 contracts show how cost grows with the
// number of returns. Figures and commands: docs/performance-monitoring.md.
nonisolated(unsafe) var reportStores: [Int: EvaluationStore] = [:]

let benchmarks: @Sendable () -> Void = {
    let sizes = [2_500, 5_000, 10_000]
    let asOf = CalendarDate(year: 2029, month: 6, day: 30)!
    for contracts in sizes {
        Benchmark(
            "import \(contracts) contracts x 12 returns",
            configuration: .init(metrics: [.wallClock, .peakMemoryResident], warmupIterations: 0,
                                 maxDuration: .seconds(1_200), maxIterations: 1)
        ) { benchmark async throws in
            let store = try PortfolioGenerator.freshStore("import-\(contracts)")
            benchmark.startMeasurement()
            try await PortfolioGenerator.populate(store, contracts: contracts)
            benchmark.stopMeasurement()
            reportStores[contracts] = store
        }
    }
    for contracts in sizes {
        Benchmark(
            "portfolio report \(contracts) contracts x 12 returns",
            configuration: .init(metrics: [.wallClock, .peakMemoryResident], warmupIterations: 1,
                                 maxDuration: .seconds(60), maxIterations: 5,
                                 setup: {
                                     if reportStores[contracts] == nil {
                                         reportStores[contracts] = try await PortfolioGenerator.portfolioStore(contracts: contracts)
                                     }
                                 })
        ) { benchmark async throws in
            guard let store = reportStores[contracts] else { return }
            blackHole(try await store.portfolio(asOf: asOf))
        }
    }
}
