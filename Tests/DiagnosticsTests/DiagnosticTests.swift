import Testing
import Diagnostics

@Suite struct DiagnosticTests {
    @Test func oneLineFormNamesFileLineColumn() {
        let d = Diagnostic(XMLDiagnostic.schema, at: SourceLocation(file: "bids/B-014-03.xml", line: 23, column: 41),
                           message: "Job/@fte: '1.5' is above the maximum of 1")
        #expect(d.id == "xml.schema")
        #expect(d.description == "bids/B-014-03.xml:23:41: Job/@fte: '1.5' is above the maximum of 1")
    }

    @Test func renderedFormPutsACaretUnderTheSpan() {
        let d = Diagnostic(RulesDiagnostic.unknownName,
                           at: SourceSpan(start: SourceLocation(file: "s.cbs", line: 2, column: 7), length: 4),
                           message: "unknown name 'rat'", hint: "did you mean 'rate'?")
        let text = DiagnosticFormatter(texts: ["s.cbs": "first\naward rat points\n"]).format([d])
        #expect(text == """
            s.cbs:2:7: unknown name 'rat'
              award rat points
                    ^^^^
              hint: did you mean 'rate'?
            """)
    }

    @Test func warningsSaySo() {
        let d = Diagnostic(RulesDiagnostic.neverFires, severity: .warning, at: SourceLocation(file: "f", line: 1, column: 1),
                           message: "m", subject: "B-1")
        #expect(d.description == "f:1:1: warning: bid B-1: m")
    }
}
