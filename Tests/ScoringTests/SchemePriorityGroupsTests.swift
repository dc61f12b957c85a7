import Documents
import Scoring
import Testing

/// The reference scheme declares its priority groups, and a contract awarded under it keeps them.
@Suite struct SchemePriorityGroupsTests {
    @Test func theReferenceSchemeDeclaresEveryGroupButSchoolPupils() throws {
        #expect(try Scheme.bundledDefault().priorityGroups == TargetGroup.allCases.filter { $0 != .schoolPupil })
    }
}
