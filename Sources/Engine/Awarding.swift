import Areas
import Diagnostics
import DocumentReading
import Documents
import Monitoring
import Scoring

/// Turning a winning bid into a contract, the same for `cbscore contracts award` and the
/// service's award: the bid's commitments scored with the scheme that ranked it, recorded with
/// the award's details.
public enum Awarding {
    /// The award of `bid` as contract `contractID`, its committed points from `scheme`.
    /// `bidFile` and `bidSHA256` name the document the bid came in (a path, or a stored name).
    public static func award(contractID: String, bid: Bid, tender: Tender, scheme: Scheme, areas: any AreaLookup,
                             start: CalendarDate, end: CalendarDate, bidFile: String, bidSHA256: String,
                             details: AwardDetails = AwardDetails()) throws -> Award {
        let scorer = SchemePoints(scorer: Scorer(scheme: scheme, areas: areas), tender: tender)
        return Award(contractID: contractID, bid: bid, tender: tender, start: start, end: end, bidFile: bidFile,
                     bidSHA256: bidSHA256, scheme: scheme.reference,
                     committedPoints: try scorer.points(for: bid.commitments, like: bid), details: details)
    }

    /// The one bid of a document, or the bid `id` of a batch. Throws every diagnostic of the
    /// document when the bid wanted cannot be read.
    public static func readBid(_ document: DocumentInput, id: String?, reader: DocumentReader) throws -> Bid {
        var bids: [Bid] = []
        var diagnostics: [Diagnostic] = []
        try reader.readBids(document, tenderIDs: nil) { result in
            switch result {
            case .bid(let bid): if id == nil || bid.id == id { bids.append(bid) }
            case .refused(let bidID, let found): if id == nil || bidID == id || bidID == nil { diagnostics += found }
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticsError(diagnostics) }
        guard bids.count == 1, let bid = bids.first else {
            throw DiagnosticsError([Diagnostic(
                MonitoringDiagnostic.whichBid, at: SourceLocation(file: document.name, line: 1, column: 1),
                message: bids.isEmpty ? "no bid\(id.map { " with id '\($0)'" } ?? "") in the file"
                    : "the file holds \(bids.count) bids; name the winner with --bid",
                hint: bids.isEmpty ? nil : "bids: " + bids.map(\.id).sorted().joined(separator: ", "))])
        }
        return bid
    }
}

/// The Scorer as monitoring's `PointsScorer`: the commitments are put in the winning bid's
/// place and its per-bid lines read; gates are ignored. Lines shown are the scheme's per-bid
/// lines except `fair-work` (it reads the bid, not the commitments); the total is the
/// `community-benefit-points` line when the scheme has one, else the sum of the lines shown.
public struct SchemePoints: PointsScorer {
    public let scorer: Scorer
    public let tender: Tender

    public init(scorer: Scorer, tender: Tender) {
        self.scorer = scorer
        self.tender = tender
    }

    public func points(for commitments: [Commitment], like bid: Bid) throws -> ScoredPoints {
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

extension Scheme {
    /// The delivery status thresholds the scheme states (`delivery status …`), else the defaults.
    public var deliveryThresholds: RAGThresholds {
        program.deliveryStatus.map { RAGThresholds(green: $0.green, amber: $0.amber) } ?? .schemeDefaults
    }
}
