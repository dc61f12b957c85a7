import Diagnostics
import Documents
import Testing
@testable import RulesLanguage

/// `constant priority_groups = …`: the groups the annual report counts as priority groups
/// (annual-report.md), kept with each contract awarded under the scheme.
@Suite struct PriorityGroupsTests {
    @Test func allGroupsExceptSchoolPupils() throws {
        let program = try Support.program("constant priority_groups = all groups except school-pupil\n")
        #expect(program.priorityGroups == TargetGroup.allCases.filter { $0 != .schoolPupil })
    }

    @Test func namedGroups() throws {
        let program = try Support.program("constant priority_groups = groups young-person, care-experienced, disabled\n")
        #expect(program.priorityGroups == [.youngPerson, .disabled, .careExperienced])
    }

    @Test func oneGroup() throws {
        #expect(try Support.program("constant priority_groups = veteran\n").priorityGroups == [.veteran])
    }

    @Test func absentMeansTheDefault() throws {
        #expect(try Support.program("").priorityGroups == nil)
    }

    @Test func aNumberIsRefused() throws {
        let d = try #require(Support.diagnostics("constant priority_groups = 5\n").first)
        #expect(d.id == "rules.check.priority-groups")
        #expect(d.message.hasPrefix("`priority_groups` is "))
        #expect(d.message.hasSuffix(", not a set of target groups"))
    }
}
