import Areas
import Diagnostics
import DocumentReading
import Documents
import Foundation
import Monitoring
import RulesLanguage
import Scoring

/// Turning a winning bid into a contract, the same for `cbscore contracts award` and the
/// service's award: the bid's commitments scored with the scheme that ranked it, recorded with
/// the award's details.
public enum Awarding {
    /// The award of `bid` as contract `contractID`, its committed points from `scheme`, and the
    /// gates of the scheme it fails. Refused when the bid answers another tender, or fails a gate
    /// and no `override` reason is given (the reason, when it is needed, is recorded in the
    /// details). `bidFile` and `bidSHA256` name the document the bid came in (a path, or a
    /// stored name); `tenderName` the tender's.
    public static func award(contractID: String, bid: Bid, tender: Tender, tenderName: String, scheme: Scheme,
                             areas: any AreaLookup, start: CalendarDate, end: CalendarDate, bidFile: String,
                             bidSHA256: String, override: String? = nil,
                             details: AwardDetails = AwardDetails()) throws -> (award: Award, failedGates: [GateResult]) {
        // A bid answering another tender is never this tender's winner.
        guard bid.tenderID == tender.id else {
            throw DiagnosticsError([Diagnostic(
                MonitoringDiagnostic.awardOtherTender, at: bid.location,
                message: "bid \(bid.id) answers tender \(bid.tenderID), not \(tender.id) (\(tenderName))",
                hint: "name the bid's own tender with --tender, or the winning bid of \(tender.id)")])
        }
        let scorer = Scorer(scheme: scheme, areas: areas)
        // A bid excluded at a gate is awarded only on an explicit, recorded reason.
        let failed = try scorer.evaluate(bid, tender: tender, detail: .gates).get().explanation.gates.filter { !$0.passed }
        let reason = override?.trimmingCharacters(in: .whitespaces) ?? ""
        if !failed.isEmpty, reason.isEmpty {
            throw DiagnosticsError([Diagnostic(
                MonitoringDiagnostic.awardExcluded, at: bid.location,
                message: "bid \(bid.id) fails \(failed.map { "\($0.title) (\($0.explanation))" }.joined(separator: "; ")), so the scheme excludes it",
                hint: "award it all the same only with --override REASON; the reason is recorded with the contract")])
        }
        var details = details
        details.overrideReason = failed.isEmpty ? nil : override
        let points = SchemePoints(scorer: scorer, tender: tender)
        let award = Award(contractID: contractID, bid: bid, tender: tender, start: start, end: end, bidFile: bidFile,
                          bidSHA256: bidSHA256, scheme: scheme.reference,
                          committedPoints: try points.points(for: bid.commitments, like: bid), details: details,
                          priorityGroups: scheme.priorityGroups)
        return (award, failed)
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
