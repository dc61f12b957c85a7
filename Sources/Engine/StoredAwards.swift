import Areas
import Diagnostics
import DocumentReading
import Documents
import Foundation
import Monitoring
import Scoring
import Store

/// An award of a stored bid: which ranking it comes from and the contract's terms.
public struct StoredAwardRequest: Sendable {
    public var ranking: RankingRecord
    public var bidID: String
    public var contractID: String
    public var start: CalendarDate
    public var end: CalendarDate
    /// Awarded date, reporting, grace days, who; and the reason when the bid was excluded at a gate.
    public var details: AwardDetails

    public init(ranking: RankingRecord, bidID: String, contractID: String, start: CalendarDate, end: CalendarDate,
                details: AwardDetails) {
        self.ranking = ranking
        self.bidID = bidID
        self.contractID = contractID
        self.start = start
        self.end = end
        self.details = details
    }
}

/// Why a stored bid was not awarded.
public enum StoredAwardRefusal: Error, Sendable {
    /// The contract id is already in use.
    case contractExists
    /// The bid is not among the ranking's bids (refused bids are not).
    case notInRanking(known: [String])
    /// The bid is in the ranking but was excluded at a gate, and no override reason was given.
    case notRanked(gates: [String])
    /// The award itself is refused: an empty term, no commitments, an unknown area.
    case refused([Diagnostic])
}

extension EvaluationStore {
    /// Awards a bid of a stored ranking as a contract: the bid read again from the document it
    /// was uploaded in, scored with the ranking's scheme for its committed points
    /// (`Awarding.award`, as `cbscore contracts award` does), recorded with the ranking it came
    /// from. A bid excluded at a gate is awarded only with `details.overrideReason`, which is kept.
    public func awardStored(_ request: StoredAwardRequest, areas: any AreaLookup,
                            reader: DocumentReader) async throws -> StoredContract {
        if try await contract(request.contractID) != nil { throw StoredAwardRefusal.contractExists }
        let outcomes = try JSONDecoder().decode(RankedBids.self, from: Data(request.ranking.resultJSON.utf8)).bids
        guard let outcome = outcomes.first(where: { $0.id == request.bidID }) else {
            throw StoredAwardRefusal.notInRanking(known: outcomes.map(\.id).sorted())
        }
        if outcome.status != BidStatus.ranked.rawValue, (request.details.overrideReason ?? "").isEmpty {
            throw StoredAwardRefusal.notRanked(gates: outcome.gates.filter { !$0.passed }.map(\.id))
        }
        guard let tenderRecord = try await tender(id: request.ranking.tenderID),
              let tenderDocument = try await document(sha256: tenderRecord.documentSHA256),
              let bidRecord = try await bids(tender: request.ranking.tenderID).first(where: { $0.bidID == request.bidID }),
              let bidDocument = try await document(sha256: bidRecord.documentSHA256),
              let stored = try await scheme(sha256: request.ranking.schemeSHA256) else {
            throw StoreError.corrupt("documents of ranking \(request.ranking.id)")
        }
        var details = request.details
        details.rankingID = request.ranking.id
        do {
            let tender = try reader.readTender(.bytes(tenderDocument.bytes, name: tenderRecord.name))
            let bid = try Awarding.readBid(.bytes(bidDocument.bytes, name: bidRecord.name), id: request.bidID, reader: reader)
            let scheme = try Scheme.parse(source: stored.text, file: stored.file)
            let (award, _) = try Awarding.award(
                contractID: request.contractID, bid: bid, tender: tender, tenderName: tenderRecord.name, scheme: scheme,
                areas: areas, start: request.start, end: request.end, bidFile: bidRecord.name,
                bidSHA256: bidRecord.documentSHA256, override: request.details.overrideReason, details: details)
            return try await self.award(award, areas: areas)
        } catch let error as DiagnosticsError {
            if error.diagnostics.contains(where: { $0.id == MonitoringDiagnostic.contractExists.id }) {
                throw StoredAwardRefusal.contractExists
            }
            throw StoredAwardRefusal.refused(error.diagnostics)
        }
    }
}

/// What an award reads of a stored ranking's JSON: each bid's id, status and gates.
private struct RankedBids: Decodable {
    struct Outcome: Decodable {
        struct Gate: Decodable {
            var id: String
            var passed: Bool
        }
        var id: String
        var status: String
        var gates: [Gate]
    }
    var bids: [Outcome]
}
