import Areas
import Documents
import ExactNumbers
import Scoring
import Testing

@Suite struct ReferenceSchemeTests {
    @Test func bundledSchemeLoadsWithoutWarnings() throws {
        let scheme = try Scheme.bundledDefault()
        #expect(scheme.reference.name == "GCR community benefits 2026")
        #expect(scheme.reference.file == "rules/gcr-2026.cbs")
        #expect(scheme.warnings.isEmpty, "\(scheme.warnings)")
    }

    @Test func everyExampleOfTheReferenceSchemePasses() throws {
        let scheme = try Scheme.bundledDefault()
        let outcomes = scheme.runExamples()
        #expect(outcomes.count >= 10)
        for o in outcomes {
            #expect(o.passed, "\(o.title): \(o.failures)")
        }
    }
}
