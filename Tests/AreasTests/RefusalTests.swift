import Foundation
import Testing
@testable import Areas

/// One test per way a table file is refused; each checks the FILE:LINE:COLUMN message.
@Suite struct RefusalTests {
    func load(_ text: String, as name: String = "table.csv") -> (String, [String]) {
        let folder = temporaryFolder()
        let path = write(text, to: folder, as: name)
        return (path, diagnostics { _ = try AreaDirectory.load(paths: [path], cacheDirectory: nil) })
    }

    @Test func samplesWithBOMCRLFAndThousandsSeparatorsLoad() throws {
        let folder = temporaryFolder()
        write(Sample.simd, to: folder, as: "a.csv")
        write(Sample.imd, to: folder, as: "b.txt")  // recognised by its header, whatever its name
        write(Sample.wimd, to: folder, as: "sub/c.csv")
        write(Sample.nspl, to: folder, as: "sub/deeper/d")
        write("# notes\n", to: folder, as: "README.md")
        let directory = try AreaDirectory.load(paths: [folder], cacheDirectory: nil)
        #expect(directory.tables.map(\.kind) == [.simd2020v2, .imd2019, .wimd2019, .nspl])
        #expect(directory.tables.map(\.path) == [folder + "/a.csv", folder + "/b.txt", folder + "/sub/c.csv",
                                                 folder + "/sub/deeper/d"].sorted())
        #expect(directory.skippedFiles == [folder + "/README.md"])
        #expect(directory.tables.filter { $0.index != nil }.allSatisfy { !$0.isComplete })
        #expect(try directory.lookup("E01000001").rank == 29199)
        #expect(try directory.lookup("E01000186").decile == 10)
        #expect(try directory.lookup("S01009432").decile == 2)
        #expect(try directory.lookup("W01000038").decile == 5)
        // The data zone of DG1 1AA is not in the sample SIMD table: the lookup's rank is used.
        #expect(try directory.lookup("dg11aa").decile == 1)
    }

    @Test func emptyFile() {
        let (path, found) = load("")
        #expect(found == ["\(path):1:1: the file is empty; expected the header of a SIMD 2020v2, IMD 2019, WIMD 2019 or NSPL table"])
    }

    @Test func headerOnly() {
        let (path, found) = load(Sample.simdHeader)
        #expect(found == ["\(path):2:1: no rows after the header; the file looks truncated"])
    }

    @Test func truncatedMidRow() {
        let (path, found) = load(Sample.simd + "\"S01006508\",\"Cul")
        #expect(found == ["\(path):4:13: a quoted field is never closed; the file looks truncated"])
    }

    @Test func truncatedAfterAField() {
        let (path, found) = load(Sample.imd + "\r\nE01000002,City of London 001B,E09000001")
        #expect(found == ["\(path):4:40: expected 6 fields, found 3; the file looks truncated"])
    }

    @Test func wrongHeader() {
        let (path, found) = load("code,rank,decile\nS01006506,1,1\n")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("\(path):1:1: not a recognised area table") == true)
    }

    @Test func headerOfAnotherEdition() {
        let (path, found) = load("\"Data_Zone\",\"Council_area\",\"SIMD2016_Rank\",\"SIMD2016_Decile\"\n")
        #expect(found == ["\(path):1:1: the header looks like that of the SIMD 2020v2 table but lacks the columns "
            + "'SIMD2020v2_Rank', 'SIMD2020v2_Decile', 'SIMD2020v2_Quintile'"])
    }

    @Test func wrongHeaderInAFolderIsSkippedButANamedFileIsNot() throws {
        let folder = temporaryFolder()
        write(Sample.wimd, to: folder, as: "wimd.csv")
        let other = write("a,b\n1,2\n", to: folder, as: "other.csv")
        let directory = try AreaDirectory.load(paths: [folder], cacheDirectory: nil)
        #expect(directory.skippedFiles == [other])
        #expect(diagnostics { _ = try AreaDirectory.load(paths: [other], cacheDirectory: nil) }.count == 1)
    }

    @Test func headerOfAKnownTableInAFolderWithMissingColumnsIsRefused() {
        let folder = temporaryFolder()
        let bad = write("lsoa_code,IMD_decile\nW01000001,5\n", to: folder, as: "wimd.csv")
        let found = diagnostics { _ = try AreaDirectory.load(paths: [folder], cacheDirectory: nil) }
        #expect(found == ["\(bad):1:1: the header looks like that of the WIMD 2019 table but lacks the column 'IMD_rank'"])
    }

    @Test func wrongFieldCount() {
        let (path, found) = load(Sample.wimd + "W01000039,5\nW01000040,5,900\n")
        #expect(found == ["\(path):3:12: expected 3 fields, found 2"])
    }

    @Test func rankOutOfRange() {
        let (path, found) = load(Sample.wimd + "W01000039,5,1910\n")
        #expect(found == ["\(path):3:13: expected WIMD 2019 rank from 1 to 1909, found '1910'"])
    }

    @Test func badThousandsSeparator() {
        let (path, found) = load(Sample.imd + "\r\nE01000003,City of London 001C,E09000001,City of London,\"14,91\",5")
        #expect(found == ["\(path):4:56: expected IMD 2019 rank from 1 to 32844, found '14,91'"])
    }

    @Test func codeOfTheWrongCountry() {
        let (path, found) = load(Sample.wimd + "E01000039,5,10\n")
        #expect(found == ["\(path):3:1: expected a LSOA code like W01000001, found 'E01000039'"])
    }

    @Test func badPostcode() {
        let (path, found) = load(Sample.nspl + "DG1 1A,198001,,1,S12000006,S01007612,S02001430,S92000003,392,1,1\n")
        #expect(found == ["\(path):4:1: expected a UK postcode like 'DG1 1AA', found 'DG1 1A'"])
    }

    @Test func duplicateCodeInOneFile() {
        let (path, found) = load(Sample.simd + "\"S01012080\",\"Paisley West\",\"Renfrewshire\",697,1,1\n")
        #expect(found == ["\(path):4:1: data zone S01012080 is given twice (first on line 2)"])
    }

    @Test func sameCodeInTwoFilesMustAgree() throws {
        let folder = temporaryFolder()
        let first = write(Sample.simd, to: folder, as: "a.csv")
        let same = write(Sample.simd, to: folder, as: "b.csv")
        let directory = try AreaDirectory.load(paths: [first, same], cacheDirectory: nil)
        #expect(try directory.lookup("S01009432").rank == 698)
        let differing = write(Sample.simdHeader + "\"S01009432\",\"Ballingry\",\"Fife\",699,2,1\n",
                              to: folder, as: "c.csv")
        let found = diagnostics { _ = try AreaDirectory.load(paths: [differing, first], cacheDirectory: nil) }
        #expect(found == ["\(differing):2:1: data zone S01009432 differs from \(first):3 (rank 699 here, 698 there)"])
    }

    @Test func missingPath() {
        let path = temporaryFolder() + "/nowhere.csv"
        let found = diagnostics { _ = try AreaDirectory.load(paths: [path], cacheDirectory: nil) }
        #expect(found == ["\(path):1:1: no such file or folder"])
    }

    @Test func noTablesLoaded() throws {
        let directory = try AreaDirectory.load(paths: [], cacheDirectory: nil)
        do {
            _ = try directory.lookup("S01006506")
            Issue.record("resolved with nothing loaded")
        } catch {
            #expect(error.message == "cannot resolve area 'S01006506': no deprivation tables are loaded; "
                + "pass --areas PATH (a file or a folder) or set CBSCORE_AREAS")
        }
    }

    @Test func pathsComeFromOptionsThenTheEnvironment() {
        let environment = ["CBSCORE_AREAS": "/a:/b/c::/d"]
        #expect(AreaDirectory.resolvePaths(options: ["x"], environment: environment) == ["x"])
        #expect(AreaDirectory.resolvePaths(options: [], environment: environment) == ["/a", "/b/c", "/d"])
        #expect(AreaDirectory.resolvePaths(options: [], environment: [:]) == [])
    }
}

extension RefusalTests {
    @Test func terminationMonthOutOfRange() {
        let (path, found) = load(Sample.nspl + "DG1 1AE,199906,201213,1,S12000006,S01007612,S02001430,S92000003,392,1,1\n")
        #expect(found == ["\(path):4:16: expected doterm as yyyymm with a month from 01 to 12, found '201213'"])
    }
}
