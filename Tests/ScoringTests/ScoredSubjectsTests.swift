import RulesLanguage
import Scoring
import Testing

/// What a scheme's lines award points for, read from the scheme: what an OCDS release
/// declares as its sustainability goals (docs/interchange.md).
@Suite struct ScoredSubjectsTests {
    @Test func theReferenceSchemeScoresEveryKindAndFairWork() throws {
        let subjects = try Scheme.bundledDefault().reference.subjects
        #expect(subjects == ScoredSubjects(
            commitmentKinds: ["job", "apprenticeship", "placement", "training", "supply_chain", "volunteering"],
            supplyChainKinds: ["sme", "social-enterprise", "supported-business", "local"], fairWork: true))
    }

    static func subjects(_ lines: String) throws -> ScoredSubjects? {
        try Scheme.parse(source: "scheme \"Test\"\n\n" + lines + "\ntotal \"Total\"\n  only\nend\n", file: "t.cbs").reference.subjects
    }

    @Test func onlyTheSupplyChainKindsNamed() throws {
        let subjects = try Self.subjects("""
            line only "SME spend" for each supply_chain
              points supply_chain.amount ÷ £10,000 when supply_chain.kind is sme
            end
            """)
        #expect(subjects == ScoredSubjects(commitmentKinds: ["supply_chain"], supplyChainKinds: ["sme"], fairWork: false))
    }

    @Test func everySupplyChainKindWhenNoneIsNamed() throws {
        let subjects = try Self.subjects("""
            line only "Spend" for each supply_chain
              points supply_chain.amount ÷ £10,000
            end
            """)
        #expect(subjects?.supplyChainKinds == ["sme", "social-enterprise", "supported-business", "local"])
    }

    @Test func kindsSummedAndValuesReadCount() throws {
        let subjects = try Self.subjects("""
            value weeks "training weeks" = sum of training.count × training.hours ÷ 35 for each training
            line only "Training and wages"
              points weeks
              plus 2 when fair_work.workforce_voice
            end
            """)
        #expect(subjects == ScoredSubjects(commitmentKinds: ["training"], supplyChainKinds: [], fairWork: true))
    }

    @Test func gatesAreNotScored() throws {
        let subjects = try Self.subjects("""
            gate wage "Wage"
              pass when fair_work.workforce_voice
            end
            line only "Volunteering" for each volunteering
              points volunteering.hours ÷ 50
            end
            """)
        #expect(subjects == ScoredSubjects(commitmentKinds: ["volunteering"], supplyChainKinds: [], fairWork: false))
    }
}
