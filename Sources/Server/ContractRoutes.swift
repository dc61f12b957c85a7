import Documents
import Engine
import Hummingbird
import Monitoring
import Reports
import Scoring
import Store

extension Service {
    func addContractRoutes(to router: Router<ServiceContext>) {
        on(router, .post, "/api/v1/tenders/{id}/award", .evaluate) { [self] _, context, caller in
            let tender = try await existingTender(context.parameters.require("id"))
            let body = try decodeJSON(AwardBody.self, from: context.body)
            let contract = try await award(body, tender: tender, by: caller, note: context.note)
            return json(JSONWriter.write(contractJSON(contract)), status: .created)
        }
        on(router, .get, "/api/v1/contracts", .readContracts) { [self] _, _, caller in
            json(JSONWriter.write(.array(try await visibleContracts(caller).map(contractSummaryJSON))))
        }
        on(router, .get, "/api/v1/contracts/{id}", .readContracts) { [self] _, context, caller in
            json(JSONWriter.write(contractJSON(try await visibleContract(context.parameters.require("id"), to: caller))))
        }
        on(router, .get, "/api/v1/contracts/{id}/progress", .readContracts) { [self] request, context, caller in
            let contract = try await visibleContract(context.parameters.require("id"), to: caller)
            let asOf = try Self.date(request, "asOf")
            guard let progress = try await store.progressWithStoredScheme(contract: contract.summary.contractID, asOf: asOf,
                                                                          areas: areas) else {
                throw ServiceError.notFound("contract \(contract.summary.contractID)")
            }
            return json(MonitoringReport.render(progress, format: .json))
        }
        on(router, .post, "/api/v1/contracts/{id}/returns", .submitReturns) { [self] request, context, caller in
            let contract = try await visibleContract(context.parameters.require("id"), to: caller)
            let outcome = try await submitReturn(context.body, name: Self.uploadName(request), contract: contract,
                                                 note: context.note)
            return json(JSONWriter.write(returnOutcomeJSON(outcome)), status: outcome.result == .unchanged ? .ok : .created)
        }
        on(router, .get, "/api/v1/contracts/{id}/returns", .readContracts) { [self] _, context, caller in
            let contract = try await visibleContract(context.parameters.require("id"), to: caller)
            let history = try await store.history(contract: contract.summary.contractID)
            return json(JSONWriter.write(.array(history.map { r in
                .object([("period", .string(r.period.description)), ("submitted", .string(r.submitted.description)),
                         ("sha256", .string(r.sha256)), ("name", .string(r.file)), ("importedAt", .string(r.importedAt)),
                         ("current", .bool(r.supersededBy == nil)), ("items", .integer(r.items))])
            })))
        }
        on(router, .get, "/api/v1/returns/due", .readContracts) { [self] request, _, caller in
            let asOf = try Self.date(request, "asOf")
            return json(JSONWriter.write(.array(try await returnsDue(caller, asOf: asOf).map(dueJSON))))
        }
    }

    struct AwardBody: Decodable, Sendable {
        var ranking: String?
        var bid: String?
        var contract: String?
        var start: String?
        var end: String?
        var awarded: String?
        var reporting: String?
        var graceDays: Int?
        var override: String?
    }

    /// Awards a bid of one of the tender's rankings (`Engine`'s `awardStored`): 409 for a
    /// contract id in use; 422 for a bid not in the ranking, or excluded there without an
    /// override reason (the reason given is recorded).
    func award(_ body: AwardBody, tender: TenderRecord, by caller: Caller, note: AuditNote) async throws -> StoredContract {
        guard let rankingID = body.ranking, !rankingID.isEmpty else { throw ServiceError.missing("ranking") }
        guard let bid = body.bid, !bid.isEmpty else { throw ServiceError.missing("bid") }
        guard let contractID = body.contract, !contractID.isEmpty else { throw ServiceError.missing("contract") }
        note.target = contractID
        let start = try Self.date(body.start, "start"), end = try Self.date(body.end, "end")
        let awarded = try body.awarded.map { try Self.date($0, "awarded") }
        var reporting = Reporting.quarterly
        if let text = body.reporting {
            guard let parsed = Reporting(rawValue: text) else { throw ServiceError.badRequest("reporting is quarterly or monthly") }
            reporting = parsed
        }
        let graceDays = body.graceDays ?? 30
        guard (0...3650).contains(graceDays) else { throw ServiceError.badRequest("graceDays is a number of days from 0 to 3650") }
        guard let ranking = try await store.ranking(id: rankingID), ranking.tenderID == tender.id else {
            throw ServiceError(.unprocessableContent, .notFound, "no ranking \(rankingID) of tender \(tender.id)")
        }
        let request = StoredAwardRequest(
            ranking: ranking, bidID: bid, contractID: contractID, start: start, end: end,
            details: AwardDetails(awarded: awarded, reporting: reporting, graceDays: graceDays,
                                  overrideReason: body.override.flatMap { $0.isEmpty ? nil : $0 }, awardedBy: caller.user.email))
        do {
            return try await store.awardStored(request, areas: areas, reader: reader)
        } catch let refusal as StoredAwardRefusal {
            switch refusal {
            case .contractExists:
                throw ServiceError.conflict("a contract with the id \(contractID) exists; nothing changed")
            case .notInRanking(let known):
                throw ServiceError(.unprocessableContent, .notInRanking,
                                   "bid \(bid) is not in ranking \(rankingID) (its bids: \(known.joined(separator: ", ")))")
            case .notRanked(let gates):
                throw ServiceError(.unprocessableContent, .notRanked,
                                   "bid \(bid) was excluded at \(gates.isEmpty ? "a gate" : gates.joined(separator: ", ")); "
                                   + "award it only with \"override\": \"the reason\"")
            case .refused(let diagnostics):
                throw ServiceError.refused(diagnostics, "the award is refused; nothing stored")
            }
        }
    }

    /// Reads and imports a return sent to `contract` (`Engine`'s `importReturn`): 422 when it
    /// cannot be read, names another contract or fails validation (nothing stored, the refusal
    /// logged); the identical file again is `unchanged`.
    func submitReturn(_ bytes: [UInt8], name: String, contract: StoredContract, note: AuditNote) async throws -> ImportOutcome {
        note.target = contract.summary.contractID
        let document = DocumentInput.bytes(bytes, name: name)
        note.sha256 = document.sha256
        let outcome = try await store.importReturn(document, for: contract.summary.contractID, areas: areas, reader: reader)
        if outcome.result == .refused { throw ServiceError.refused(outcome.diagnostics, "the return is refused; nothing stored") }
        return outcome
    }

    func visibleContracts(_ caller: Caller) async throws -> [ContractSummary] {
        let all = try await store.contracts()
        guard caller.user.role == .supplier else { return all }
        var own: [ContractSummary] = []
        for summary in all {
            if summary.supplier == caller.user.supplier {
                own.append(summary)
            } else if let contract = try await store.contract(summary.contractID), caller.maySee(contract) {
                own.append(summary)
            }
        }
        return own
    }

    /// The returns owed by the caller's contracts as of `asOf` (the store's `returnsDue`:
    /// overdue first, then by contract and period), with each contract's supplier.
    func returnsDue(_ caller: Caller, asOf: CalendarDate) async throws -> [(due: DueReturn, supplier: String)] {
        let visible = try await visibleContracts(caller)
        let suppliers = Dictionary(visible.map { ($0.contractID, $0.supplier) }, uniquingKeysWith: { a, _ in a })
        return try await store.returnsDue(asOf: asOf, contracts: Set(suppliers.keys)).map { ($0, suppliers[$0.contractID] ?? "") }
    }

    static func date(_ request: Request, _ name: String) throws -> CalendarDate {
        try date(request.uri.queryParameters[Substring(name)].map(String.init), name)
    }

    static func date(_ text: String?, _ name: String) throws -> CalendarDate {
        guard let text, !text.isEmpty else { throw ServiceError.missing(name) }
        guard let date = CalendarDate(iso: text) else { throw ServiceError.badRequest("\(name): '\(text)' is not a date (YYYY-MM-DD)") }
        return date
    }

    func contractSummaryJSON(_ c: ContractSummary) -> JSONValue {
        .object([("id", .string(c.contractID)), ("supplier", .string(c.supplier)), ("tender", .string(c.tenderID)),
                 ("bid", .string(c.bidID)), ("start", .string(c.start.description)), ("end", .string(c.end.description)),
                 ("awarded", .string((c.details.awarded ?? c.start).description)), ("reporting", .string(c.details.reporting.rawValue)),
                 ("graceDays", .integer(c.details.graceDays))])
    }

    func contractJSON(_ contract: StoredContract) -> JSONValue {
        let c = contract.summary
        guard case .object(var members) = contractSummaryJSON(c) else { return .null }
        members += [
            ("ranking", .optional(c.details.rankingID)), ("override", .optional(c.details.overrideReason)),
            ("awardedBy", .optional(c.details.awardedBy)),
            ("scheme", .object([("name", .string(c.scheme.name)), ("file", .string(c.scheme.file)), ("sha256", .string(c.scheme.sha256))])),
            ("bidFile", .string(c.bidFile)), ("bidSHA256", .string(c.bidSHA256)),
            ("committedPoints", .object([
                ("lines", .array(c.committedPoints.lines.map { .object([("id", .string($0.id)), ("title", .string($0.title)),
                                                                        ("points", .string($0.points.decimalString()))]) })),
                ("total", .string(c.committedPoints.total.decimalString())),
            ])),
            ("commitments", .array(contract.terms.commitments.map { t in
                .object([("ref", .string(t.ref)), ("kind", .string(t.kind.rawValue)), ("committed", .string(t.committed.decimalString())),
                         ("unit", .string(t.kind.unit)), ("weeks", .integer(t.weeks)), ("area", .optional(t.area)),
                         ("areaDeprived", .bool(t.areaDeprived)), ("targetGroups", .array(t.targetGroups.map { .string($0.rawValue) }))])
            })),
        ]
        return .object(members)
    }

    func returnOutcomeJSON(_ outcome: ImportOutcome) -> JSONValue {
        .object([("result", .string(outcome.result.rawValue)), ("return", .object([
            ("contract", .optional(outcome.contractID)), ("period", .optional(outcome.period)),
            ("submitted", .optional(outcome.submitted?.description)), ("sha256", .string(outcome.sha256)), ("current", .bool(outcome.current)),
        ]))])
    }

    func dueJSON(_ owed: (due: DueReturn, supplier: String)) -> JSONValue {
        let due = owed.due
        return .object([("contract", .string(due.contractID)), ("supplier", .string(owed.supplier)),
                        ("period", .string(due.period.description)), ("dueFrom", .string(due.dueFrom.description)),
                        ("overdueFrom", .string(due.overdueFrom.description)), ("state", .string(due.overdue ? "overdue" : "due"))])
    }
}
