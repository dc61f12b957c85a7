import Foundation
import Testing
@testable import Areas

@Suite struct CacheTests {
    @Test func secondLoadComesFromTheCacheWithTheSameAnswers() throws {
        let folder = temporaryFolder(), cache = temporaryFolder()
        write(Sample.imd, to: folder, as: "imd.csv")
        write(Sample.nspl, to: folder, as: "nspl.csv")
        let cold = try AreaDirectory.load(paths: [folder], cacheDirectory: cache)
        let warm = try AreaDirectory.load(paths: [folder], cacheDirectory: cache)
        #expect(cold.tables.allSatisfy { !$0.readFromCache })
        #expect(warm.tables.allSatisfy { $0.readFromCache })
        #expect(warm.tables.map(\.sha256) == cold.tables.map(\.sha256))
        #expect(warm.data == cold.data)
        for query in ["E01000001", "E01000186", "dg1 1ad", "DG11AA"] {
            #expect(try warm.lookup(query) == cold.lookup(query))
        }
    }

    @Test func aChangedFileIsReadAgain() throws {
        let folder = temporaryFolder(), cache = temporaryFolder()
        let path = write(Sample.wimd, to: folder, as: "wimd.csv")
        let before = try AreaDirectory.load(paths: [path], cacheDirectory: cache)
        // Same size, changed at once: only the content tells (see AreaTableCache.racyWindow).
        write(Sample.wimd.replacingOccurrences(of: "764", with: "765"), to: folder, as: "wimd.csv")
        let after = try AreaDirectory.load(paths: [path], cacheDirectory: cache)
        #expect(!after.tables[0].readFromCache)
        #expect(after.tables[0].sha256 != before.tables[0].sha256)
        #expect(try after.lookup("W01000038").rank == 765)
    }

    @Test(arguments: [0, 1, 2])
    func aDamagedEntryIsRebuilt(damage: Int) throws {
        let folder = temporaryFolder(), cache = temporaryFolder()
        let path = write(Sample.simd, to: folder, as: "simd.csv")
        let cold = try AreaDirectory.load(paths: [path], cacheDirectory: cache)
        let entry = AreaTableCache.file(for: path, in: cache)
        var bytes = try #require(FileManager.default.contents(atPath: entry))
        switch damage {
        case 0: bytes[bytes.count / 2] ^= 0xFF
        case 1: bytes = bytes.prefix(bytes.count - 20)
        default: bytes = Data("not a cache".utf8)
        }
        _ = FileManager.default.createFile(atPath: entry, contents: bytes)
        let again = try AreaDirectory.load(paths: [path], cacheDirectory: cache)
        #expect(!again.tables[0].readFromCache)
        #expect(again.data == cold.data)
        #expect(try AreaDirectory.load(paths: [path], cacheDirectory: cache).tables[0].readFromCache)
    }

    @Test func anEntryWithRightChecksumButBrokenInvariantsIsRefused() throws {
        var table = AreaTable(kind: .simd2020v2)
        table.keys = [AreaKey.code("S01006506")!, AreaKey.code("S01006507")!]
        table.lines = [2, 3]
        table.ranks = [1, 7000]  // above 6976
        table.deciles = [1, 10]
        table.quintiles = [1, 5]
        table.councils = [AreaTable.noCouncil, AreaTable.noCouncil]
        let fingerprint = FileFingerprint(fields: [1, 2, 3, 4, 5, 6, 7])
        let entry = AreaTableCache.Entry(path: "/x", fingerprint: fingerprint, sha256: "00", table: table)
        #expect(AreaTableCache.decode(Data(AreaTableCache.encode(entry))) == nil)
        table.ranks = [1, 6976]
        let good = AreaTableCache.Entry(path: "/x", fingerprint: fingerprint, sha256: "00", table: table)
        #expect(AreaTableCache.decode(Data(AreaTableCache.encode(good))) == good)
    }

    @Test func cacheLocation() {
        #expect(AreaDirectory.cacheDirectory(environment: ["CBSCORE_CACHE_DIR": "/c", "HOME": "/h"]) == "/c")
        #expect(AreaDirectory.cacheDirectory(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"]) == "/x/cbscore")
        #expect(AreaDirectory.cacheDirectory(environment: ["HOME": "/h"]) == "/h/.cache/cbscore")
        #expect(AreaDirectory.cacheDirectory(environment: [:]) == nil)
    }
}
