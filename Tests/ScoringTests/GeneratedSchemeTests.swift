import Diagnostics
import Documents
import ExactNumbers
import Foundation
import RulesLanguage
@testable import Scoring
import Testing

/// Random well-typed schemes (GeneratedSchemes.swift) with random bids, from a fixed seed:
/// the silent run against the recorded run, every recorded explanation recomputed. The same
/// generator runs under libFuzzer (`Fuzz/run.sh generated-schemes SECONDS`).
@Suite struct GeneratedSchemeTests {
    static let schemes = 150

    /// Refusals a random scheme may earn from the checker: its rules make sense as text but
    /// not as a scheme (a cap below what one commitment always gets, a rule that can never
    /// give points). Anything else is the generator's mistake, and fails the test.
    static let allowedRefusals: Set<String> = ["rules.check.cap-below-item", "rules.check.never-fires"]

    static let constructs = [
        "table", "constant", "input", "value", "gate", "explain", "line", "for each", "skip when", "points", "otherwise",
        "times", "plus", "minus", "cap", "maximum", "score", "highest", "lowest", "total", "weighted", "ties broken by",
        "sum of", "count for each", "where", "deprived(", "decile(", "is deprived", "is one of", "is not", "includes any of",
        "includes groups", "not ", " and ", " or ", "all groups except", "×", "÷", " + ", " - ", "%", "≥", "<", "≠", " = ",
        "bid.submitted", "tender.", "bidder.", "fair_work.", "per hour",
    ]

    @Test func silentAndRecordedRunsAgreeAndEveryExplanationAddsUp() throws {
        var accepted = 0, refusedByChecker = 0
        var properties = SchemeProperties()
        var seen = Set<String>()
        for seed in 1...UInt64(Self.schemes) {
            var g = SchemeGenerator(ByteSource(seed: seed))
            let generated = g.scheme()
            let scheme: Scheme
            do {
                scheme = try Scheme.parse(source: generated.text, file: "generated-\(seed).cbs")
            } catch {
                let unexpected = error.diagnostics.filter { $0.severity == .error && !Self.allowedRefusals.contains($0.id) }
                #expect(unexpected.isEmpty, "seed \(seed): \(unexpected.map(\.description))\n\(generated.text)")
                refusedByChecker += 1
                continue
            }
            accepted += 1
            for c in Self.constructs where generated.text.contains(c) { seen.insert(c) }
            let bids = GeneratedBids.bids(&g, count: g.int(1...10))
            let inputs = GeneratedBids.inputs(&g, names: generated.inputs, bids: bids)
            let before = properties.problems.count
            properties.check(scheme.program, bids: bids, inputs: inputs)
            #expect(properties.problems.count == before, "seed \(seed): \(properties.problems.dropFirst(before).prefix(5))\n\(generated.text)")
        }
        print("generated schemes: \(accepted) accepted, \(refusedByChecker) refused by the checker; \(properties.bids) bids "
            + "(\(properties.refused) refused, \(properties.excluded) excluded), \(properties.steps) steps recomputed")
        #expect(accepted >= Self.schemes * 3 / 4, "accepted \(accepted), refused \(refusedByChecker)")
        #expect(Set(Self.constructs).subtracting(seen).isEmpty, "never generated: \(Set(Self.constructs).subtracting(seen).sorted())")
        // The bids reach every outcome: scored, excluded by a gate, refused.
        #expect(properties.bids > 500 && properties.refused > 20 && properties.excluded > 20 && properties.steps > 2000,
                "\(properties.bids) bids, \(properties.refused) refused, \(properties.excluded) excluded, \(properties.steps) steps")
    }

    /// The property checker itself finds a wrong step, a wrong sum and a wrong cap.
    @Test func theRecomputationCatchesAWrongFigure() throws {
        let scheme = try Scheme.bundledDefault()
        let bid = Fixtures.workedExample()
        let result = try scheme.program.evaluate(bid: bid, tender: Fixtures.tender, areas: FakeAreas()).get()
        var clean = SchemeProperties()
        clean.recompute(result.explanation, bid.id)
        #expect(clean.problems.isEmpty, "\(clean.problems)")
        for tamper in 0..<3 {
            var e = result.explanation
            let jobs = try #require(e.scores.firstIndex { $0.id == "jobs" })
            switch tamper {
            case 0: e.scores[jobs].items[0].steps[1].result = Exact(1)
            case 1: e.scores[jobs].points = Exact(50)
            default: e.scores[jobs].steps[0].result = Exact(7)
            }
            var p = SchemeProperties()
            p.recompute(e, bid.id)
            #expect(!p.problems.isEmpty, "tamper \(tamper)")
        }
    }
}
