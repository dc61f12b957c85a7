import TestSupport
import Testing
@testable import Areas

/// `AreaDirectory.decile(of:)` answers without building an `AreaInfo`; it must give exactly
/// `lookup(text).decile`, or the same error, for every kind of query.
@Suite(.needsSharedData) struct DecileTests {
    let directory: AreaDirectory

    init() throws { directory = try realTables() }

    func check(_ text: String) {
        let expected = Result { () throws(AreaLookupError) -> Int in try directory.lookup(text).decile }
        let fast = Result { () throws(AreaLookupError) -> Int in try directory.decile(of: text) }
        #expect(fast == expected, "\(text)")
    }

    @Test func codesOfEveryIndexTable() {
        for table in directory.data where table.kind.index != nil {
            for row in stride(from: 0, to: table.keys.count, by: 97) { check(AreaKey.codeText(table.keys[row])) }
        }
    }

    @Test func postcodesOfTheLookup() {
        for table in directory.data where table.kind == .nspl {
            for row in stride(from: 0, to: table.keys.count, by: 211) { check(AreaKey.postcodeText(table.keys[row])) }
        }
    }

    @Test(arguments: ["dg1 1aa", "DG11AA", " Dg1  1aA ", "DG1 1AA", "DG1 1AD", "s01012080", " S01012080", "S01999999",
                      "E01999999", "ZZ9 9ZZ", "not an area", "", "GIR 0AA", "W01000856"])
    func oddQueries(text: String) {
        check(text)
    }

    @Test func anEmptyDirectoryGivesTheSameError() {
        let expected = Result { () throws(AreaLookupError) -> Int in try AreaDirectory.empty.lookup("S01012080").decile }
        let fast = Result { () throws(AreaLookupError) -> Int in try AreaDirectory.empty.decile(of: "S01012080") }
        #expect(fast == expected)
    }
}
