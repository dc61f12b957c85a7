import Areas
import Benchmark
import DocumentReading
import Documents
import ExactNumbers
import Foundation
import RulesLanguage
import Scoring

// Per-bid scoring: the scheme's executable form against the same scheme written by hand in Swift,
// on the same generated bids. Record figures in docs/performance-scoring.md.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(3))

    let bids = GeneratedBids.make(1000)
    let scheme = try! Scheme.bundledDefault()
    let scorer = Scorer(scheme: scheme, areas: GeneratedBids.Areas())
    let handWritten = HandWrittenReferenceScheme(areas: GeneratedBids.Areas())

    // Both implementations must agree before their speed means anything.
    for bid in bids {
        let e = try! scorer.evaluate(bid, tender: GeneratedBids.tender).get()
        let (h, points) = try! handWritten.evaluate(bid, explain: true)
        precondition(e.points("community-benefit-points") == points, "the scheme and hand-written code disagree on \(bid.id)")
        precondition(e.explanation.gates.map(\.passed) == h.gates.map(\.passed))
    }

    Benchmark("Parse and check the reference scheme") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Scheme.bundledDefault())
        }
    }

    Benchmark("Recorded: evaluate 1,000 bids with explanations") { benchmark in
        for _ in benchmark.scaledIterations {
            for bid in bids { blackHole(scorer.evaluate(bid, tender: GeneratedBids.tender)) }
        }
    }

    // `.summary` detail (what `rank --format text|csv` asks for): the scheme's silent code, which
    // must give the numbers of the recorded run above.
    for bid in bids {
        let silent = try! scheme.program.evaluate(bid: bid, tender: GeneratedBids.tender, areas: GeneratedBids.Areas(),
                                                  detail: .summary).get()
        let recorded = try! scheme.program.evaluate(bid: bid, tender: GeneratedBids.tender, areas: GeneratedBids.Areas()).get()
        precondition(silent.explanation.scores.map(\.points) == recorded.explanation.scores.map(\.points),
                     "silent and recorded runs disagree on \(bid.id)")
    }

    Benchmark("Silent: evaluate 1,000 bids, summary detail") { benchmark in
        for _ in benchmark.scaledIterations {
            for bid in bids {
                blackHole(scheme.program.evaluate(bid: bid, tender: GeneratedBids.tender, areas: GeneratedBids.Areas(),
                                                  detail: .summary))
            }
        }
    }

    Benchmark("Hand-written: evaluate 1,000 bids with explanations") { benchmark in
        for _ in benchmark.scaledIterations {
            for bid in bids { blackHole(try? handWritten.evaluate(bid, explain: true)) }
        }
    }

    Benchmark("Hand-written: evaluate 1,000 bids, numbers only") { benchmark in
        for _ in benchmark.scaledIterations {
            for bid in bids { blackHole(try? handWritten.evaluate(bid, explain: false)) }
        }
    }

    // The same bids as XML, read with the project's reader (schema validation included).
    let batchPath = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-scoring-bench-\(getpid()).xml").path
    try! BatchXML.write(bids, to: batchPath)
    let reader = try! DocumentReader()
    var readCount = 0
    try! reader.readBids(at: batchPath) { if case .bid = $0 { readCount += 1 } }
    precondition(readCount == bids.count, "the generated batch must read back: \(readCount) of \(bids.count)")

    Benchmark("XML read: the same 1,000 bids from one batch file") { benchmark in
        for _ in benchmark.scaledIterations {
            try! reader.readBids(at: batchPath) { blackHole($0) }
        }
    }

    let evaluations = bids.map { try! scorer.evaluate($0, tender: GeneratedBids.tender).get() }
    Benchmark("Rank 1,000 evaluated bids (scores, totals, tie-breaks)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! scorer.rank(tender: GeneratedBids.tender, evaluations: evaluations, inputs: [], refused: []))
        }
    }

    // Summary detail: the cross-bid step runs silent, split over the cores.
    let summaries = bids.map { try! scorer.evaluate($0, tender: GeneratedBids.tender, detail: .summary).get() }
    Benchmark("Rank 1,000 bids evaluated in summary detail") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! scorer.rank(tender: GeneratedBids.tender, evaluations: summaries, inputs: [], refused: []))
        }
    }
}
