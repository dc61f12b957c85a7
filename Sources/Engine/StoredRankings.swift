import Areas
import Diagnostics
import DocumentReading
import Documents
import ExactNumbers
import Foundation
import Reports
import RulesLanguage
import Scoring
import Store

/// What the service ranks: a stored tender's stored bid documents with a stored scheme.
public struct StoredRankRequest: Sendable {
    public var tenderID: String
    public var scheme: StoredScheme
    /// Figures for the scheme's `input`s, by input name then bid id.
    public var inputs: [String: [String: Exact]]
    /// Rank the other bids when some are refused, listing the refused ones.
    public var excludeInvalid: Bool
    public var madeBy: String?

    public init(tenderID: String, scheme: StoredScheme, inputs: [String: [String: Exact]] = [:],
                excludeInvalid: Bool = false, madeBy: String? = nil) {
        self.tenderID = tenderID
        self.scheme = scheme
        self.inputs = inputs
        self.excludeInvalid = excludeInvalid
        self.madeBy = madeBy
    }
}

/// Why stored documents could not be ranked.
public enum StoredRankingRefusal: Error, Sendable {
    case unknownTender
    /// The tender has no bids yet.
    case noBids
    /// Refused bids (without `excludeInvalid`), a scheme that no longer reads, or inputs naming
    /// unknown bids: every diagnostic, with the names the documents were stored under.
    case refused([Diagnostic])
}

extension EvaluationStore {
    /// Ranks a stored tender's bids through the same pipeline as `cbscore rank` (the documents
    /// read from the store under the names they were uploaded with) and stores the ranking as
    /// a decision record: the scheme's and every document's SHA-256, the inputs, who and when.
    /// Its JSON is byte for byte what `cbscore rank --format json` gives for the same documents,
    /// except that files are named by their stored names.
    public func rankStored(_ request: StoredRankRequest, id: String, areas: any AreaLookup,
                           reader: DocumentReader) async throws -> (record: RankingRecord, ranking: Ranking) {
        guard let tender = try await tender(id: request.tenderID) else { throw StoredRankingRefusal.unknownTender }
        let bids = try await bids(tender: request.tenderID)
        guard !bids.isEmpty else { throw StoredRankingRefusal.noBids }
        var documents = [StoredDocumentName(name: tender.name, sha256: tender.documentSHA256)]
        documents += Set(bids.map { StoredDocumentName(name: $0.name, sha256: $0.documentSHA256) }).sorted()
        let ranking = try await rank(documents: documents, scheme: request.scheme, inputs: request.inputs,
                                     excludeInvalid: request.excludeInvalid, areas: areas, reader: reader)
        let record = RankingRecord(
            id: id, tenderID: request.tenderID, schemeSHA256: request.scheme.sha256,
            documentsJSON: StoredDocumentName.json(documents), inputsJSON: Self.inputsJSON(request.inputs),
            excludeInvalid: request.excludeInvalid, resultJSON: RankingReport.render(ranking, format: .json),
            madeBy: request.madeBy)
        return (try await addRanking(record), ranking)
    }

    /// A stored ranking made again from its stored documents, scheme and inputs: the same
    /// Ranking (ranking is deterministic), for the formats and summaries the record's JSON
    /// does not hold.
    public func remake(_ record: RankingRecord, areas: any AreaLookup, reader: DocumentReader) async throws -> Ranking {
        guard let scheme = try await scheme(sha256: record.schemeSHA256) else {
            throw StoreError.corrupt("scheme \(record.schemeSHA256) of ranking \(record.id)")
        }
        let documents = try StoredDocumentName.parse(record.documentsJSON)
        return try await rank(documents: documents, scheme: scheme, inputs: try Self.inputs(record.inputsJSON),
                              excludeInvalid: record.excludeInvalid, areas: areas, reader: reader)
    }

    /// `documents`: the tender first, then the bid documents.
    private func rank(documents: [StoredDocumentName], scheme stored: StoredScheme, inputs: [String: [String: Exact]],
                      excludeInvalid: Bool, areas: any AreaLookup, reader: DocumentReader) async throws -> Ranking {
        var inputsRead: [DocumentInput] = []
        for document in documents {
            guard let bytes = try await self.document(sha256: document.sha256) else {
                throw StoreError.corrupt("document \(document.sha256)")
            }
            inputsRead.append(.bytes(bytes.bytes, name: document.name))
        }
        let scheme: Scheme
        do {
            scheme = try Scheme.parse(source: stored.text, file: stored.file)
        } catch {
            throw StoredRankingRefusal.refused(error.diagnostics)
        }
        let request = RankRequest(tender: inputsRead[0], bids: Array(inputsRead.dropFirst()), scheme: scheme, areas: areas,
                                  inputs: PanelInputs(values: inputs, namedIn: "inputs"), detail: .full)
        let ranking: Ranking
        do {
            ranking = try RankPipeline.rank(request, reader: reader)
        } catch {
            throw StoredRankingRefusal.refused(error.diagnostics)
        }
        if !ranking.refused.isEmpty && !excludeInvalid {
            throw StoredRankingRefusal.refused(ranking.refused.flatMap(\.diagnostics))
        }
        return ranking
    }

    /// `{"INPUT":{"BID":"DECIMAL"}}`, keys sorted: the same inputs are the same text. Figures
    /// come as decimals, so their decimal form is exact.
    static func inputsJSON(_ inputs: [String: [String: Exact]]) -> String {
        JSONWriter.write(.object(inputs.sorted { $0.key < $1.key }.map { name, byBid in
            (name, .object(byBid.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value.decimalString())) }))
        }))
    }

    static func inputs(_ json: String) throws -> [String: [String: Exact]] {
        let decoded = try JSONDecoder().decode([String: [String: String]].self, from: Data(json.utf8))
        return try decoded.mapValues { byBid in
            try byBid.mapValues { text in
                guard let value = Exact(decimal: text) else { throw StoreError.corrupt("input figure '\(text)'") }
                return value
            }
        }
    }
}

/// A stored document as a ranking names it: the name it was uploaded with and its SHA-256.
public struct StoredDocumentName: Sendable, Hashable, Comparable, Codable {
    public var name: String
    public var sha256: String

    public init(name: String, sha256: String) {
        self.name = name
        self.sha256 = sha256
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.name.unicodeScalars.lexicographicallyPrecedes(b.name.unicodeScalars)) || (a.name == b.name && a.sha256 < b.sha256)
    }

    static func json(_ documents: [Self]) -> String {
        JSONWriter.write(.array(documents.map { .object([("name", .string($0.name)), ("sha256", .string($0.sha256))]) }))
    }

    static func parse(_ json: String) throws -> [Self] {
        try JSONDecoder().decode([Self].self, from: Data(json.utf8))
    }
}
