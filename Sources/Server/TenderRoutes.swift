import Diagnostics
import DocumentReading
import Documents
import Engine
import Hashing
import Hummingbird
import Reports
import Store

extension Service {
    func addTenderRoutes(to router: Router<ServiceContext>) {
        on(router, .post, "/api/v1/tenders", .evaluate) { [self] request, context, caller in
            let tender = try await addTender(context.body, name: Self.uploadName(request), by: caller, note: context.note)
            return json(JSONWriter.write(tenderJSON(tender, bids: 0)), status: .created)
        }
        on(router, .get, "/api/v1/tenders", .readTenders) { [self] _, _, _ in
            var rows: [JSONValue] = []
            for tender in try await store.tenders() {
                rows.append(tenderJSON(tender, bids: try await store.bids(tender: tender.id).count))
            }
            return json(JSONWriter.write(.array(rows)))
        }
        on(router, .get, "/api/v1/tenders/{id}", .readTenders) { [self] _, context, _ in
            let tender = try await existingTender(context.parameters.require("id"))
            let bids = try await store.bids(tender: tender.id)
            let rankings = try await store.rankings(tender: tender.id)
            var value = tenderJSON(tender, bids: bids.count)
            if case .object(var members) = value {
                members.append(("rankings", .array(rankings.map(rankingSummaryJSON))))
                value = .object(members)
            }
            return json(JSONWriter.write(value))
        }
        on(router, .post, "/api/v1/tenders/{id}/bids", .evaluate) { [self] request, context, caller in
            let tender = try await existingTender(context.parameters.require("id"))
            let stored = try await addBids(context.body, name: Self.uploadName(request), tender: tender, by: caller,
                                           note: context.note)
            return json(JSONWriter.write(.object([("stored", .array(stored.map(JSONValue.string)))])), status: .created)
        }
        on(router, .get, "/api/v1/tenders/{id}/bids", .readTenders) { [self] _, context, _ in
            let tender = try await existingTender(context.parameters.require("id"))
            return json(JSONWriter.write(.array(try await store.bids(tender: tender.id).map(bidJSON))))
        }
    }

    /// `?name=` as the client gave it, else `upload.xml` (service.md): the name that stands for
    /// the file in diagnostics and in every ranking made from the document.
    static func uploadName(_ request: Request) -> String {
        let name = request.uri.queryParameters["name"].map(String.init) ?? ""
        return name.isEmpty ? "upload.xml" : String(name.prefix(255))
    }

    func existingTender(_ id: String) async throws -> TenderRecord {
        guard let tender = try await store.tender(id: id) else { throw ServiceError.notFound("tender \(id)") }
        return tender
    }

    /// Reads a tender with the hardened reader, as `cbscore validate` would, and stores it with
    /// its document: 422 (nothing stored) when refused, 409 when the id is taken.
    func addTender(_ bytes: [UInt8], name: String, by caller: Caller, note: AuditNote) async throws -> TenderRecord {
        let document = StoredDocument(sha256: SHA256.hex(bytes), bytes: bytes)
        note.sha256 = document.sha256
        let tender: Tender
        do {
            tender = try reader.readTender(.bytes(bytes, name: name))
        } catch {
            throw ServiceError.refused(error.diagnostics, "the tender is refused; nothing stored")
        }
        note.target = tender.id
        let record = TenderRecord(id: tender.id, title: tender.title, name: name, documentSHA256: document.sha256,
                                  addedBy: caller.user.email)
        do {
            try await store.addTender(record, document: document)
        } catch StoreError.conflict {
            throw ServiceError.conflict("a tender with the id \(tender.id) is already stored; nothing changed")
        }
        return try await store.tender(id: tender.id) ?? record
    }

    /// Reads a bid, a `<Bids>` batch or an envelope and stores every bid in it, or none: 409
    /// when the tender already has one of its bid ids, else 422 when any bid is refused
    /// (each diagnostic names its bid), in service.md's order.
    func addBids(_ bytes: [UInt8], name: String, tender: TenderRecord, by caller: Caller,
                 note: AuditNote) async throws -> [String] {
        let document = StoredDocument(sha256: SHA256.hex(bytes), bytes: bytes)
        note.sha256 = document.sha256
        note.target = tender.id
        var bids: [Bid] = []
        var refused: [Diagnostic] = []
        do {
            try reader.readBids(.bytes(bytes, name: name), tenderIDs: [tender.id]) { result in
                switch result {
                case .bid(let bid): bids.append(bid)
                case .refused(_, let diagnostics): refused += diagnostics
                }
            }
        } catch let error as DiagnosticsError {
            refused += error.diagnostics
        }
        let existing = Set(try await store.bids(tender: tender.id).map(\.bidID))
        if let taken = bids.map(\.id).sorted().first(where: existing.contains) {
            throw ServiceError.conflict("tender \(tender.id) already has a bid \(taken); nothing stored")
        }
        guard refused.isEmpty else { throw ServiceError.refused(refused, "bids refused; nothing stored") }
        guard !bids.isEmpty else {
            throw ServiceError(.unprocessableContent, .noBids, "the document holds no bid; nothing stored")
        }
        let records = bids.map { bid in
            BidRecord(tenderID: tender.id, bidID: bid.id, bidder: bid.bidder.name, submitted: bid.submitted.description,
                      name: name, documentSHA256: document.sha256, addedBy: caller.user.email)
        }
        do {
            try await store.addBids(records, document: document)
        } catch StoreError.conflict(let what) {
            throw ServiceError.conflict("\(what); nothing stored")
        }
        return bids.map(\.id).sorted()
    }

    func tenderJSON(_ tender: TenderRecord, bids: Int) -> JSONValue {
        .object([("id", .string(tender.id)), ("title", .string(tender.title)), ("name", .string(tender.name)),
                 ("sha256", .string(tender.documentSHA256)), ("addedAt", .string(tender.addedAt)),
                 ("addedBy", .optional(tender.addedBy)), ("bids", .integer(bids))])
    }

    func bidJSON(_ bid: BidRecord) -> JSONValue {
        .object([("id", .string(bid.bidID)), ("bidder", .string(bid.bidder)), ("submitted", .string(bid.submitted)),
                 ("sha256", .string(bid.documentSHA256)), ("name", .string(bid.name))])
    }

    func rankingSummaryJSON(_ ranking: RankingRecord) -> JSONValue {
        .object([("id", .string(ranking.id)), ("scheme", .string(ranking.schemeSHA256)),
                 ("excludeInvalid", .bool(ranking.excludeInvalid)), ("madeBy", .optional(ranking.madeBy)),
                 ("madeAt", .string(ranking.madeAt))])
    }
}
