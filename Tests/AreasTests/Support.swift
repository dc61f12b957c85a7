import Diagnostics
import Foundation
import TestSupport
@testable import Areas

/// `../shared/data` next to the package root (tests using it carry `.needsSharedData`).
let sharedData = SharedData.path

let simdPath = sharedData + "/simd2020v2/simd2020v2_datazones.csv"
let imdPath = sharedData + "/imd2019-england/imd2019_lsoa_file1.csv"
let wimdPath = sharedData + "/wimd2019/wimd2019_lsoa_ranks.csv"
let nsplPath = sharedData + "/postcodes-scotland/nspl_nov2021_scotland_subset.csv"

/// The four real tables, parsed once for all tests (no cache, so the parser itself is exercised).
/// When they cannot be loaded each test using them fails with the reason, rather than the
/// whole run stopping.
private let realTablesLoaded = Result { () throws(DiagnosticsError) -> AreaDirectory in
    try AreaDirectory.load(paths: [simdPath, imdPath, wimdPath, nsplPath], cacheDirectory: nil)
}

func realTables() throws -> AreaDirectory {
    try realTablesLoaded.get()
}

/// A fresh folder under the system's temporary directory, for files a test writes.
func temporaryFolder(_ name: String = #function) -> String {
    let folder = NSTemporaryDirectory() + "cbscore-areas-tests/" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
}

@discardableResult
func write(_ text: String, to folder: String, as name: String) -> String {
    let path = folder + "/" + name
    try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                             withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return path
}

/// Small tables with the official headers.
enum Sample {
    static let simdHeader = "\"Data_Zone\",\"Intermediate_Zone\",\"Council_area\",\"SIMD2020v2_Rank\",\"SIMD2020v2_Decile\",\"SIMD2020v2_Quintile\"\n"
    static let simd = simdHeader
        + "\"S01012080\",\"Paisley West\",\"Renfrewshire\",697,1,1\n"
        + "\"S01009432\",\"Ballingry\",\"Fife\",698,2,1\n"
    static let imdHeader = "\u{FEFF}LSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority District name (2019),Index of Multiple Deprivation (IMD) Rank,Index of Multiple Deprivation (IMD) Decile\r\n"
    static let imd = imdHeader
        + "E01000001,City of London 001A,E09000001,City of London,\"29,199\",9\r\n"
        + "E01000186,Barnet 014A,E09000003,Barnet,\"30,326\",10"
    static let wimd = "lsoa_code,IMD_decile,IMD_rank\nW01000038,4,764\n"
    static let nsplHeader = "pcds,dointr,doterm,usertype,laua,lsoa11,msoa11,ctry,imd,lat,long\n"
    static let nspl = nsplHeader
        + "DG1 1AA,198001,,1,S12000006,S01007612,S02001430,S92000003,392,55.069708,-3.609592\n"
        + "DG1 1AD,198608,199512,1,S12000006,S01007612,S02001430,S92000003,392,55.069608,-3.609667\n"
}

func diagnostics(_ body: () throws -> Void) -> [String] {
    do {
        try body()
        return []
    } catch let error as DiagnosticsError {
        return error.diagnostics.map(\.description)
    } catch {
        return ["unexpected \(error)"]
    }
}
