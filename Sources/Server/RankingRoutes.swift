import Diagnostics
import Engine
import ExactNumbers
import Foundation
import Hummingbird
import Reports
import Scoring
import Store

extension Service {
    func addRankingRoutes(to router: Router<ServiceContext>) {
        on(router, .post, "/api/v1/tenders/{id}/rankings", .evaluate) { [self] _, context, caller in
            let tender = try await existingTender(context.parameters.require("id"))
            struct Body: Decodable { var scheme: String?; var inputs: [String: [String: String]]?; var excludeInvalid: Bool? }
            let body = context.body.isEmpty ? Body() : try decodeJSON(Body.self, from: context.body)
            var inputs: [String: [String: Exact]] = [:]
            for (name, byBid) in body.inputs ?? [:] {
                for (bid, text) in byBid {
                    guard let value = Exact(decimal: text) else {
                        throw ServiceError.badRequest("inputs.\(name).\(bid): '\(text)' is not a decimal number")
                    }
                    inputs[name, default: [:]][bid] = value
                }
            }
            let record = try await rank(tender: tender, schemeID: body.scheme, inputs: inputs,
                                        excludeInvalid: body.excludeInvalid ?? false, by: caller, note: context.note)
            return json(Self.rankingAnswer(record), status: .created)
        }
        on(router, .get, "/api/v1/rankings/{id}", .readTenders) { [self] request, context, _ in
            let record = try await existingRanking(context.parameters.require("id"))
            let format = request.uri.queryParameters["format"].map(String.init) ?? "json"
            return try await rankingDownload(record, format: format)
        }
        on(router, .get, "/api/v1/rankings/{id}/summaries/{bid}", .readTenders) { [self] _, context, _ in
            let record = try await existingRanking(context.parameters.require("id"))
            let bid = try context.parameters.require("bid")
            let ranking = try await store.remake(record, areas: areas, reader: reader)
            guard let summary = AssessmentSummary.render(ranking, bidID: bid, format: .markdown) else {
                throw ServiceError.notFound("bid \(bid) in ranking \(record.id)")
            }
            return text(summary, contentType: "text/markdown; charset=utf-8")
        }
    }

    /// `{"id": …, "result": <cbscore.result/1>}`, the result byte for byte as stored.
    static func rankingAnswer(_ record: RankingRecord) -> String {
        var result = record.resultJSON
        while result.hasSuffix("\n") { result.removeLast() }
        return "{\"id\": \(JSONWriter.write(.string(record.id)).dropLast()), \"result\": \(result)}\n"
    }

    func existingRanking(_ id: String) async throws -> RankingRecord {
        guard let record = try await store.ranking(id: id) else { throw ServiceError.notFound("ranking \(id)") }
        return record
    }

    /// Ranks a stored tender's bids with a stored scheme (the bundled default when none is
    /// named) through the engine's pipeline and stores the decision record.
    func rank(tender: TenderRecord, schemeID: String?, inputs: [String: [String: Exact]], excludeInvalid: Bool,
              by caller: Caller, note: AuditNote) async throws -> RankingRecord {
        note.target = tender.id
        let id = schemeID ?? defaultSchemeID
        guard let scheme = try await store.scheme(sha256: id) else {
            throw ServiceError(.unprocessableContent, .notFound, "no scheme \(id); GET /api/v1/schemes lists them")
        }
        do {
            let (record, _) = try await store.rankStored(
                StoredRankRequest(tenderID: tender.id, scheme: scheme, inputs: inputs, excludeInvalid: excludeInvalid,
                                  madeBy: caller.user.email),
                id: "R-" + NewSession.randomHex(bytes: 8), areas: areas, reader: reader)
            note.target = record.id
            return record
        } catch let refusal as StoredRankingRefusal {
            switch refusal {
            case .unknownTender: throw ServiceError.notFound("tender \(tender.id)")
            case .noBids: throw ServiceError(.unprocessableContent, .noBids, "tender \(tender.id) has no bids to rank")
            case .refused(let diagnostics): throw ServiceError.refused(diagnostics, "nothing ranked")
            }
        }
    }

    /// The ranking in a format, as `cbscore rank --format` writes it: JSON as stored, the others
    /// rendered from the ranking made again from its stored documents. Downloads other than
    /// JSON are attachments; the HTML report keeps its own inline style, so it is sent with a
    /// policy of its own that lets nothing load and nothing run.
    func rankingDownload(_ record: RankingRecord, format: String) async throws -> Response {
        let disposition = "attachment; filename=\"ranking-\(record.id).\(format == "text" ? "txt" : format)\""
        switch format {
        case "json":
            return json(record.resultJSON)
        case "text", "csv", "html":
            let ranking = try await store.remake(record, areas: areas, reader: reader)
            let rendered = RankingReport.render(ranking, format: ReportFormat(rawValue: format)!)
            switch format {
            case "text":
                return text(rendered, contentType: "text/plain; charset=utf-8", headers: [.contentDisposition: disposition])
            case "csv":
                return text(rendered, contentType: "text/csv; charset=utf-8", headers: [.contentDisposition: disposition])
            default:
                return text(rendered, contentType: "text/html; charset=utf-8", headers: [
                    .contentDisposition: disposition,
                    .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
                ])
            }
        case "ocds":
            // The OCDS release package `cbscore rank --format ocds` writes (the placeholder prefix:
            // a release names no file, so it is the CLI's byte for byte).
            let ranking = try await store.remake(record, areas: areas, reader: reader)
            return text(OCDSReport.tenderPackage(ranking, ocidPrefix: nil), contentType: "application/json",
                        headers: [.contentDisposition: "attachment; filename=\"ranking-\(record.id).ocds.json\""])
        default:
            throw ServiceError.badRequest("format is json, csv, html, text or ocds, not '\(format)'")
        }
    }
}
