import Diagnostics
import Scoring
import Testing

/// Any text given as a scheme gives diagnostics, never a crash or a hang.
@Suite struct SchemeRobustnessTests {
    @Test func everyTruncationOfTheReferenceSchemeIsDiagnosed() throws {
        let text = Array(try BrokenSchemeTests.reference())
        var cut = 0
        while cut < text.count {
            _ = Scheme.diagnose(source: String(text[..<cut]), file: "cut.cbs")
            cut += 89
        }
    }

    @Test func scrambledLinesAreDiagnosed() throws {
        let lines = try BrokenSchemeTests.reference().split(separator: "\n", omittingEmptySubsequences: false)
        var state: UInt64 = 7
        for _ in 0..<40 {
            var copy = lines
            for _ in 0..<5 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let i = Int(state >> 33) % copy.count
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let j = Int(state >> 33) % copy.count
                copy.swapAt(i, j)
            }
            _ = Scheme.diagnose(source: copy.joined(separator: "\n"), file: "scrambled.cbs")
        }
    }

    @Test func oddInputs() {
        for text in ["", "\u{0}", "£", "\"", "end end end", "scheme", "gate", "line x \"X\" for each", "table t \"T\" in",
                     "value v = (((((1", "example \"E\"\n  area", "example \"E\"\n  expect", "ties broken by\n  more",
                     "total \"T\" out of", "value v = 99999999999999999999999999999 × 99999999999999999999999999999",
                     "constant c = 1 ÷ 0", "value v = sum of for each job"] {
            _ = Scheme.diagnose(source: text, file: "odd.cbs")
        }
    }
}
