import Areas
import DocumentReading
import Documents
import Foundation
import Monitoring
import Scoring

/// Where the monitoring commands meet the readers, the area tables and the scheme. Kept in
/// one place so the commands stay thin.
enum MonitorInputs {
    static func reader() throws -> DocumentReader { try DocumentReader() }

    /// The one bid of a file, or the bid `id` of a batch. Throws every diagnostic of the file
    /// when the bid wanted cannot be read.
    static func readBid(at path: String, id: String?) throws -> Bid {
        var bids: [Bid] = []
        var diagnostics: [Diagnostic] = []
        try reader().readBids(at: path) { result in
            switch result {
            case .bid(let bid): if id == nil || bid.id == id { bids.append(bid) }
            case .refused(let bidID, let found): if id == nil || bidID == id || bidID == nil { diagnostics += found }
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticsError(diagnostics) }
        guard bids.count == 1, let bid = bids.first else {
            throw DiagnosticsError([Diagnostic(
                MonitoringDiagnostic.whichBid, at: SourceLocation(file: path, line: 1, column: 1),
                message: bids.isEmpty ? "no bid\(id.map { " with id '\($0)'" } ?? "") in the file"
                    : "the file holds \(bids.count) bids; name the winner with --bid",
                hint: bids.isEmpty ? nil : "bids: " + bids.map(\.id).sorted().joined(separator: ", "))])
        }
        return bid
    }

    static func readReturn(at path: String) throws -> DeliveryReturn {
        try reader().readReturn(at: path)
    }

    static func readTender(at path: String) throws -> Tender {
        try reader().readTender(at: path)
    }

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

    /// The status thresholds the scheme states (`delivery status …`), else the defaults.
    static func thresholds(of scheme: Scheme) -> RAGThresholds {
        scheme.program.deliveryStatus.map { RAGThresholds(green: $0.green, amber: $0.amber) } ?? .schemeDefaults
    }
}

/// The Scorer as monitoring's `PointsScorer`: the commitments are put in the winning bid's
/// place and its per-bid lines read; gates are ignored. Lines shown are the scheme's per-bid
/// lines except `fair-work` (it reads the bid, not the commitments); the total is the
/// `community-benefit-points` line when the scheme has one, else the sum of the lines shown.
struct SchemePoints: PointsScorer {
    let scorer: Scorer
    let tender: Tender

    func points(for commitments: [Commitment], like bid: Bid) throws -> ScoredPoints {
        var synthetic = bid
        synthetic.commitments = commitments
        let evaluation = try scorer.evaluate(synthetic, tender: tender).get()
        let ids = scorer.scheme.program.lineIDs
        let totalID = "community-benefit-points"
        var lines: [PointsLine] = []
        for id in ids where id != "fair-work" && id != totalID {
            guard let line = evaluation.explanation.score(id) else { continue }
            lines.append(PointsLine(id: id, title: line.title, points: line.points))
        }
        let total = try evaluation.explanation.score(totalID)?.points ?? Exact.sum(lines.map(\.points))
        return ScoredPoints(lines: lines, total: total)
    }
}
