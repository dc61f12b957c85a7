import Diagnostics
import Scoring
import Testing

/// Any text given as a scheme gives diagnostics, never a crash or a hang; and a broken scheme
/// is never taken for a sound one.
@Suite struct SchemeRobustnessTests {
    /// Block openers of the language, for telling whether a cut leaves a block open.
    static let openers = ["table ", "gate ", "line ", "score ", "total ", "ties broken by", "example "]

    /// True when the text, read line by line, has a block opened and not yet closed by `end`.
    static func leavesABlockOpen(_ text: String) -> Bool {
        var open = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .trimmingCharacters(in: .whitespaces)
            if line == "end" { open = false } else if openers.contains(where: { line.hasPrefix($0) }) { open = true }
        }
        return open
    }

    static func lineCount(_ text: String) -> Int { text.split(separator: "\n", omittingEmptySubsequences: false).count }

    @Test func everyTruncationOfTheReferenceSchemeIsDiagnosed() throws {
        let text = Array(try BrokenSchemeTests.reference())
        var cut = 0
        var openCuts = 0
        while cut < text.count {
            let shown = String(text[..<cut])
            let diagnostics = Scheme.diagnose(source: shown, file: "cut.cbs")
            // Every finding points inside the text it was given.
            #expect(diagnostics.allSatisfy { $0.location.file == "cut.cbs" && $0.location.line >= 1
                        && $0.location.line <= Self.lineCount(shown) + 1 }, "cut at \(cut)")
            // A cut inside a block is always an error: the block has no end.
            if Self.leavesABlockOpen(shown) {
                openCuts += 1
                #expect(diagnostics.contains { $0.severity == .error }, "cut at \(cut) leaves a block open: \(diagnostics)")
            }
            cut += 89
        }
        #expect(openCuts > 50)
    }

    @Test func scrambledLinesAreDiagnosed() throws {
        let original = try BrokenSchemeTests.reference()
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false)
        var state: UInt64 = 7
        var refused = 0
        for _ in 0..<40 {
            var copy = lines
            for _ in 0..<5 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let i = Int(state >> 33) % copy.count
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let j = Int(state >> 33) % copy.count
                copy.swapAt(i, j)
            }
            let text = copy.joined(separator: "\n")
            let diagnostics = Scheme.diagnose(source: text, file: "scrambled.cbs")
            #expect(diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.line <= copy.count + 1 })
            // The same text always gives the same findings.
            #expect(Scheme.diagnose(source: text, file: "scrambled.cbs") == diagnostics)
            if diagnostics.contains(where: { $0.severity == .error }) { refused += 1 }
        }
        // Five random swaps of a 250-line scheme nearly always break it (a swap of two comment
        // or blank lines, or of two rows of an example, may not).
        #expect(refused >= 30)
    }

    /// Each odd text is refused, with the faults it has (besides having no `scheme` heading).
    @Test(arguments: [
        ("", [String]()),
        ("\u{0}", ["rules.lex.character"]),
        ("£", ["rules.parse.unexpected"]),
        ("\"", ["rules.lex.unterminated-text", "rules.parse.unexpected"]),
        ("end end end", ["rules.parse.stray-end", "rules.parse.stray-end", "rules.parse.stray-end"]),
        ("scheme", ["rules.parse.expected-text"]),
        ("gate", ["rules.parse.gate-without-pass", "rules.parse.missing-end", "rules.parse.expected-name", "rules.parse.expected-text"]),
        ("line x \"X\" for each", ["rules.parse.missing-end", "rules.check.no-points", "rules.parse.expected-name"]),
        ("table t \"T\" in", ["rules.check.empty-table", "rules.parse.missing-end"]),
        ("value v = (((((1", ["rules.parse.expected"]),
        ("example \"E\"\n  area", ["rules.parse.missing-end", "rules.parse.expected-name"]),
        ("example \"E\"\n  expect", ["rules.parse.missing-end", "rules.parse.expected-name"]),
        ("ties broken by\n  more", ["rules.parse.missing-end", "rules.parse.expected-value"]),
        ("total \"T\" out of", ["rules.parse.missing-end", "rules.parse.expected-value"]),
        ("value v = 99999999999999999999999999999 × 99999999999999999999999999999", ["rules.check.arithmetic"]),
        ("constant c = 1 ÷ 0", ["rules.check.arithmetic"]),
        ("value v = sum of for each job", ["rules.parse.expected-value"]),
    ])
    func oddInputs(text: String, ids: [String]) {
        let found = Scheme.diagnose(source: text, file: "odd.cbs").filter { $0.severity == .error }.map(\.id)
        #expect(found.filter { $0 != "rules.check.no-name" } == ids, "\(text.debugDescription)")
        #expect(found.contains("rules.check.no-name"))
    }
}
