import Diagnostics
import Engine
import ExactNumbers
import Hummingbird
import Reports
import Scoring
import Store

extension Service {
    func addTenderPages(to router: Router<ServiceContext>) {
        onPage(router, .get, "/tenders", .readTenders) { [self] _, _, caller in
            try await tendersPage(caller)
        }
        onPage(router, .post, "/tenders", .evaluate) { [self] request, context, caller in
            let upload = try Self.upload(request, context, field: "document")
            do {
                let tender = try await addTender(upload.bytes, name: upload.name, by: caller, note: context.note)
                return redirect(to: "/tenders/\(Forms.percentEncoded(tender.id))")
            } catch let error as ServiceError {
                return try await tendersPage(caller, notice: errorBox(error, sources: [upload.name: upload.bytes]), status: error.status)
            }
        }
        onPage(router, .get, "/tenders/{id}", .readTenders) { [self] _, context, caller in
            try await tenderPage(context.parameters.require("id"), caller)
        }
        onPage(router, .post, "/tenders/{id}/bids", .evaluate) { [self] request, context, caller in
            let tender = try await existingTender(context.parameters.require("id"))
            let upload = try Self.upload(request, context, field: "document")
            do {
                let stored = try await addBids(upload.bytes, name: upload.name, tender: tender, by: caller, note: context.note)
                return try await tenderPage(tender.id, caller, notice: "<div class=\"ok-box\" role=\"status\"><p>Stored \(stored.count) bid\(stored.count == 1 ? "" : "s") from \(h(upload.name)): \(h(stored.joined(separator: ", "))).</p></div>")
            } catch let error as ServiceError {
                return try await tenderPage(tender.id, caller, notice: errorBox(error, sources: [upload.name: upload.bytes]),
                                            status: error.status)
            }
        }
        onPage(router, .post, "/tenders/{id}/rankings", .evaluate) { [self] request, context, caller in
            let tender = try await existingTender(context.parameters.require("id"))
            let fields = Forms.fields(of: request, body: context.body)
            do {
                var inputs: [String: [String: Exact]] = [:]
                if let file = Self.optionalUpload(request, context, field: "inputs") {
                    do {
                        inputs = try ExternalInputs.parse(csv: String(decoding: file.bytes, as: UTF8.self), file: file.name)
                    } catch let error as DiagnosticsError {
                        throw ServiceError.refused(error.diagnostics, "the panel inputs are refused; nothing ranked")
                    }
                }
                let scheme = fields["scheme"].flatMap { $0.isEmpty ? nil : $0 }
                let record = try await rank(tender: tender, schemeID: scheme, inputs: inputs,
                                            excludeInvalid: fields["excludeInvalid"] == "on", by: caller, note: context.note)
                return redirect(to: "/rankings/\(Forms.percentEncoded(record.id))")
            } catch let error as ServiceError {
                return try await tenderPage(tender.id, caller, notice: errorBox(error), status: error.status)
            }
        }
    }

    /// A file sent from a page's form (multipart): its name as the browser gives it (the
    /// file's own name, no folder) and its bytes; 400 when the form holds none.
    static func upload(_ request: Request, _ context: ServiceContext, field: String) throws -> (name: String, bytes: [UInt8]) {
        guard let file = optionalUpload(request, context, field: field) else {
            throw ServiceError.missing("a file (\(field))")
        }
        return file
    }

    static func optionalUpload(_ request: Request, _ context: ServiceContext, field: String) -> (name: String, bytes: [UInt8])? {
        guard let boundary = Forms.boundary(of: request),
              let part = Forms.multipart(context.body, boundary: boundary)?.first(where: { $0.name == field && $0.filename != nil }),
              !part.bytes.isEmpty else { return nil }
        var name = part.filename ?? "upload.xml"
        if let slash = name.lastIndex(where: { $0 == "/" || $0 == "\\" }) { name = String(name[name.index(after: slash)...]) }
        return (name.isEmpty ? "upload.xml" : String(name.prefix(255)), part.bytes)
    }

    func tendersPage(_ caller: Caller, notice: String = "", status: HTTPResponse.Status = .ok) async throws -> Response {
        var body = "<header class=\"report\"><p class=\"kicker\">Evaluation</p><h1>Tenders</h1></header>" + notice
        let tenders = try await store.tenders()
        if tenders.isEmpty {
            body += "<p>No tenders yet.</p>"
        } else {
            body += "<table><caption class=\"note\">Every tender stored, by id</caption><thead><tr><th scope=\"col\">Tender</th><th scope=\"col\">Title</th><th scope=\"col\" class=\"num\">Bids</th><th scope=\"col\" class=\"num\">Rankings</th><th scope=\"col\">Added</th></tr></thead><tbody>"
            for tender in tenders {
                let bids = try await store.bids(tender: tender.id).count
                let rankings = try await store.rankings(tender: tender.id).count
                body += "<tr><td class=\"id\"><a href=\"/tenders/\(h(Forms.percentEncoded(tender.id)))\">\(h(tender.id))</a></td><td>\(h(tender.title))</td>"
                body += "<td class=\"num\">\(bids)</td><td class=\"num\">\(rankings)</td><td>\(h(tender.addedAt)) \(h(tender.addedBy ?? ""))</td></tr>"
            }
            body += "</tbody></table>"
        }
        if Permission.evaluate.allows(caller.user.role) {
            body += """
            <form class="panel" method="post" action="/tenders" enctype="multipart/form-data">
            <h2>Add a tender</h2>\(csrfField(caller))
            <div class="field"><label for="tender-file">Tender document (XML)</label>
            <span class="help" id="tender-help">Read and checked as <code>cbscore validate</code> does; a refused document stores nothing.</span>
            <input type="file" id="tender-file" name="document" accept=".xml,application/xml" required aria-describedby="tender-help"></div>
            <button class="primary" type="submit">Upload tender</button>
            </form>
            """
        }
        return page("Tenders", caller: caller, current: "/tenders", status: status, body: body)
    }

    func tenderPage(_ id: String, _ caller: Caller, notice: String = "", status: HTTPResponse.Status = .ok) async throws -> Response {
        let tender = try await existingTender(id)
        let bids = try await store.bids(tender: tender.id)
        let rankings = try await store.rankings(tender: tender.id)
        var body = "<header class=\"report\"><p class=\"kicker\">Tender \(h(tender.id))</p><h1>\(h(tender.title))</h1>"
        body += "<p class=\"meta\">Document <code>\(h(tender.name))</code> · SHA-256 <span class=\"hash\">\(h(tender.documentSHA256))</span></p></header>"
        body += notice
        body += "<h2 id=\"bids\">Bids</h2>"
        if bids.isEmpty {
            body += "<p>No bids yet.</p>"
        } else {
            body += "<table><thead><tr><th scope=\"col\">Bid</th><th scope=\"col\">Bidder</th><th scope=\"col\">Submitted</th><th scope=\"col\">Document</th></tr></thead><tbody>"
            for bid in bids {
                body += "<tr><td class=\"id\">\(h(bid.bidID))</td><td>\(h(bid.bidder))</td><td>\(h(bid.submitted))</td><td><code>\(h(bid.name))</code></td></tr>"
            }
            body += "</tbody></table>"
        }
        let evaluates = Permission.evaluate.allows(caller.user.role)
        if evaluates {
            body += """
            <form class="panel" method="post" action="/tenders/\(h(Forms.percentEncoded(tender.id)))/bids" enctype="multipart/form-data">
            <h3>Add bids</h3>\(csrfField(caller))
            <div class="field"><label for="bid-file">A bid, a batch of bids (&lt;Bids&gt;) or a UBL tender envelope</label>
            <span class="help" id="bid-help">All the bids of the file are stored, or none; refusals are listed with file, line and column.</span>
            <input type="file" id="bid-file" name="document" accept=".xml,application/xml" required aria-describedby="bid-help"></div>
            <button class="primary" type="submit">Upload bids</button>
            </form>
            """
        }
        body += "<h2 id=\"rankings\">Rankings</h2>"
        if rankings.isEmpty {
            body += "<p>Not ranked yet.</p>"
        } else {
            let schemes = Dictionary(try await store.schemes().map { ($0.sha256, $0) }, uniquingKeysWith: { a, _ in a })
            body += "<table><thead><tr><th scope=\"col\">Ranking</th><th scope=\"col\">Scheme</th><th scope=\"col\">Made</th><th scope=\"col\">By</th></tr></thead><tbody>"
            for r in rankings.reversed() {
                body += "<tr><td class=\"id\"><a href=\"/rankings/\(h(r.id))\">\(h(r.id))</a></td><td>\(h(schemes[r.schemeSHA256]?.name ?? r.schemeSHA256))</td><td>\(h(r.madeAt))</td><td>\(h(r.madeBy ?? ""))</td></tr>"
            }
            body += "</tbody></table>"
        }
        if evaluates, !bids.isEmpty {
            var options = ""
            for scheme in try await store.schemes() {
                let selected = scheme.sha256 == defaultSchemeID ? " selected" : ""
                options += "<option value=\"\(h(scheme.sha256))\"\(selected)>\(h(scheme.name))\(scheme.version.map { " " + h($0) } ?? "") (\(h(scheme.file)))</option>"
            }
            body += """
            <form class="panel" method="post" action="/tenders/\(h(Forms.percentEncoded(tender.id)))/rankings" enctype="multipart/form-data">
            <h3>Rank the bids</h3>\(csrfField(caller))
            <div class="field"><label for="scheme">Scheme</label><select id="scheme" name="scheme">\(options)</select></div>
            <div class="field"><label for="inputs">Panel inputs (CSV, optional)</label>
            <span class="help" id="inputs-help">A <code>bid</code> column, then one column per input the scheme declares (e.g. quality).</span>
            <input type="file" id="inputs" name="inputs" accept=".csv,text/csv" aria-describedby="inputs-help"></div>
            <div class="field inline"><input type="checkbox" id="exclude" name="excludeInvalid"><label for="exclude"> Rank the other bids if some are refused (they are listed)</label></div>
            <button class="primary" type="submit">Rank</button>
            </form>
            """
        }
        return page("Tender \(tender.id)", caller: caller, current: "/tenders", status: status, body: body)
    }
}

import HTTPTypes
