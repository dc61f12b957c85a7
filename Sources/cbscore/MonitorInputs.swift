import Areas
import Documents
import Foundation
import Hashing
import Monitoring
import Scoring

/// Where the monitoring commands meet the readers, the area tables and the scheme. Kept in
/// one place so the commands stay thin.
enum MonitorInputs {
    struct Unavailable: Error, CustomStringConvertible {
        var what: String
        var description: String { "\(what) is not available in this build yet" }
    }

    /// Every bid in a bid file.
    static func readBids(at path: String) throws -> [Bid] {
        throw Unavailable(what: "reading bid files")
    }

    static func readReturn(at path: String) throws -> DeliveryReturn {
        throw Unavailable(what: "reading delivery returns")
    }

    /// The deprivation tables named by `--areas`, else CBSCORE_AREAS.
    static func areas(_ paths: [String]) throws -> any AreaLookup {
        throw Unavailable(what: "loading area tables")
    }

    static func readTender(at path: String) throws -> Tender {
        throw Unavailable(what: "reading tenders")
    }

    /// The scheme named, or the bundled default, as a points scorer for bids of `tender`.
    static func scorer(scheme path: String?, tender: Tender?, areas: any AreaLookup) throws
        -> (SchemeReference, any PointsScorer) {
        throw Unavailable(what: "loading a scoring scheme")
    }
}
