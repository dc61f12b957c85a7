import Areas
import DocumentReading
import Documents
import Engine
import Foundation
import Monitoring
import Scoring

/// Where the monitoring commands meet the readers and the scheme. Awarding and scoring what is
/// delivered are library calls (`Engine.Awarding`, `SchemePoints`), shared with the service.
enum MonitorInputs {
    /// The scheme named, or the bundled default.
    static func scheme(at path: String?) throws -> Scheme {
        try path.map { p throws(DiagnosticsError) in try Scheme.load(path: p) } ?? Scheme.bundledDefault()
    }

    /// The scheme named, or the bundled default, as a points scorer for bids of `tender`.
    static func scorer(scheme path: String?, tender: Tender, areas: any AreaLookup) throws
        -> (SchemeReference, any PointsScorer) {
        let scheme = try scheme(at: path)
        return (scheme.reference, SchemePoints(scorer: Scorer(scheme: scheme, areas: areas), tender: tender))
    }
}
