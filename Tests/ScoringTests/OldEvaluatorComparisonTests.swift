import Diagnostics
import Documents
import ExactNumbers
@testable import RulesLanguage
@testable import Scoring
import Testing

/// While the old evaluators exist: the one executable form against the interpreter (every
/// detail, refusals included), the compiled summary evaluator and the interpreter's cross-bid
/// step, on generated schemes and bids. Deleted with the old evaluators.
@Suite struct OldEvaluatorComparisonTests {
    @Test func theExecutableFormGivesTheOldResults() throws {
        var schemes = 0, bids = 0, compiledTaken = 0, crossBid = 0
        for seed in 1...UInt64(400) {
            var g = SchemeGenerator(ByteSource(seed: seed))
            let generated = g.scheme()
            guard let scheme = try? Scheme.parse(source: generated.text, file: "generated-\(seed).cbs") else { continue }
            schemes += 1
            let program = scheme.program
            let compiled = SummaryEvaluator(program)
            let list = GeneratedBids.bids(&g, count: g.int(1...10))
            let inputs = GeneratedBids.inputs(&g, names: generated.inputs, bids: list)
            var ids: [String] = []
            var results: [ExplanationDetail: [BidResult]] = [:]
            for bid in list {
                bids += 1
                var given: [String: Exact] = [:]
                for name in program.inputNames { given[name] = inputs[name]?[bid.id] }
                for detail in [ExplanationDetail.summary, .full, .gates] {
                    let old = program.interpret(bid: bid, tender: GeneratedBids.tender, areas: GeneratedBids.Areas(), inputs: given,
                                                detail: detail)
                    let new = program.evaluate(bid: bid, tender: GeneratedBids.tender, areas: GeneratedBids.Areas(), inputs: given,
                                               detail: detail)
                    switch (old, new) {
                    case (.success(let a), .success(let b)):
                        #expect(a == b, "seed \(seed) \(bid.id) \(detail)")
                    case (.failure(let a), .failure(let b)):
                        #expect(a.diagnostics == b.diagnostics, "seed \(seed) \(bid.id) \(detail)")
                    default:
                        Issue.record("seed \(seed) \(bid.id) \(detail): \(old) / \(new)")
                    }
                    if detail == .summary, case .success(let b) = new,
                       let c = try? compiled.run(bid: bid, tender: GeneratedBids.tender, areas: GeneratedBids.Areas(), inputs: given) {
                        compiledTaken += 1
                        #expect(c == b, "seed \(seed) \(bid.id): the compiled summary evaluator")
                    }
                    if detail != .gates, case .success(let b) = new, b.passedGates {
                        if detail == .summary { ids.append(bid.id) }
                        results[detail, default: []].append(b)
                    }
                }
            }
            for detail in [ExplanationDetail.summary, .full] {
                guard let list = results[detail], !list.isEmpty else { continue }
                crossBid += 1
                let old = Result { () throws(DiagnosticsError) in try program.interpretScores(ids: ids, results: list) }
                let new = Result { () throws(DiagnosticsError) in try program.evaluateScores(ids: ids, results: list) }
                switch (old, new) {
                case (.success(let a), .success(let b)): #expect(a == b, "seed \(seed) cross-bid \(detail)")
                case (.failure(let a), .failure(let b)): #expect(a.diagnostics == b.diagnostics, "seed \(seed) cross-bid \(detail)")
                default: Issue.record("seed \(seed) cross-bid \(detail): \(old) / \(new)")
                }
                if detail == .summary, let c = try? compiled.crossBid(list), case .success(let b) = new {
                    #expect(c == b, "seed \(seed): the compiled cross-bid step")
                }
            }
        }
        print("old against new: \(schemes) schemes, \(bids) bids, \(compiledTaken) compiled summaries, \(crossBid) cross-bid steps")
        #expect(schemes > 250)
    }
}
