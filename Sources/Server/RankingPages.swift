import Documents
import Engine
import HTTPTypes
import Hummingbird
import Reports
import Scoring
import Store

extension Service {
    func addRankingPages(to router: Router<ServiceContext>) {
        onPage(router, .get, "/rankings/{id}", .readTenders) { [self] _, context, caller in
            try await rankingPage(context.parameters.require("id"), caller)
        }
        onPage(router, .get, "/rankings/{id}/bids/{bid}", .readTenders) { [self] _, context, caller in
            let record = try await existingRanking(context.parameters.require("id"))
            let bidID = try context.parameters.require("bid")
            let ranking = try await store.remake(record, areas: areas, reader: reader)
            guard let bid = ranking.bid(bidID), let explanation = RankingReport.explanationHTML(ranking, bidID: bidID) else {
                throw ServiceError.notFound("bid \(bidID) in ranking \(record.id)")
            }
            var body = "<header class=\"report\"><p class=\"kicker\">Ranking <a href=\"/rankings/\(h(record.id))\">\(h(record.id))</a> · tender \(h(record.tenderID))</p>"
            body += "<h1>Explanation of bid \(h(bid.bidID))</h1><p class=\"meta\">\(h(bid.bidder)) · \(h(bid.status.rawValue))"
            if let rank = bid.rank { body += " · rank \(rank)" }
            if let total = bid.total { body += " · total \(h(total.formatted(places: 2)))" }
            body += "</p></header>"
            body += "<p class=\"actions\"><a href=\"/api/v1/rankings/\(h(record.id))/summaries/\(h(Forms.percentEncoded(bid.bidID)))\">Assessment summary for this bidder (text)</a></p>"
            body += "<section aria-label=\"Explanation\">" + explanation + "</section>"
            return page("Bid \(bid.bidID)", caller: caller, current: "/tenders", body: body)
        }
        onPage(router, .post, "/rankings/{id}/award", .evaluate) { [self] request, context, caller in
            let record = try await existingRanking(context.parameters.require("id"))
            let fields = Forms.fields(of: request, body: context.body)
            func field(_ name: String) -> String? { fields[name].flatMap { $0.isEmpty ? nil : $0 } }
            do {
                guard let tender = try await store.tender(id: record.tenderID) else { throw ServiceError.notFound("tender") }
                var grace: Int?
                if let text = field("graceDays") {
                    guard let days = Int(text) else { throw ServiceError.badRequest("grace days: '\(text)' is not a whole number") }
                    grace = days
                }
                let body = AwardBody(ranking: record.id, bid: field("bid"), contract: field("contract"), start: field("start"),
                                     end: field("end"), awarded: field("awarded"), reporting: field("reporting"),
                                     graceDays: grace, override: field("override"))
                let contract = try await award(body, tender: tender, by: caller, note: context.note)
                return redirect(to: "/contracts/\(Forms.percentEncoded(contract.summary.contractID))")
            } catch let error as ServiceError {
                return try await rankingPage(record.id, caller, notice: errorBox(error), status: error.status, form: fields)
            }
        }
    }

    func rankingPage(_ id: String, _ caller: Caller, notice: String = "", status: HTTPResponse.Status = .ok,
                     form: [String: String] = [:]) async throws -> Response {
        let record = try await existingRanking(id)
        let ranking = try await store.remake(record, areas: areas, reader: reader)
        let base = "/api/v1/rankings/\(h(record.id))"
        var body = "<header class=\"report\"><p class=\"kicker\">Ranking \(h(record.id)) · <a href=\"/tenders/\(h(Forms.percentEncoded(record.tenderID)))\">tender \(h(record.tenderID))</a></p>"
        body += "<h1>\(h(ranking.tender.title))</h1>"
        body += "<p class=\"meta\">Scheme <strong>\(h(ranking.scheme.name))</strong> (<code>\(h(ranking.scheme.file))</code>) · SHA-256 <span class=\"hash\">\(h(ranking.scheme.sha256))</span></p>"
        body += "<p class=\"meta\">Made \(h(record.madeAt)) by \(h(record.madeBy ?? "—")). A ranking is a decision record: it never changes.</p></header>"
        body += notice
        body += "<p class=\"actions\"><span>Download the report:</span> <a href=\"\(base)?format=html\">HTML</a> <a href=\"\(base)?format=json\">JSON</a> <a href=\"\(base)?format=csv\">CSV</a> <a href=\"\(base)?format=text\">text</a> <a href=\"\(base)?format=ocds\">OCDS (open data)</a></p>"
        body += rankingTable(ranking, id: record.id)
        if !ranking.refused.isEmpty {
            body += "<h2>Refused bids</h2><p class=\"note\">Left out of this ranking (it was made with “rank the others”).</p>"
            body += diagnosticsHTML(ranking.refused.flatMap(\.diagnostics))
        }
        let contracts = try await store.contracts().filter { $0.details.rankingID == record.id }
        if !contracts.isEmpty {
            body += "<h2>Awarded from this ranking</h2><ul>"
            for c in contracts { body += "<li><a href=\"/contracts/\(h(Forms.percentEncoded(c.contractID)))\">\(h(c.contractID))</a>: bid \(h(c.bidID)), \(h(c.supplier))</li>" }
            body += "</ul>"
        }
        if Permission.evaluate.allows(caller.user.role) {
            var options = ""
            let chosen = form["bid"] ?? ranking.ranked.first?.bidID
            for bid in ranking.bids {
                options += "<option value=\"\(h(bid.bidID))\"\(bid.bidID == chosen ? " selected" : "")>\(h(bid.bidID)) — \(h(bid.bidder))\(bid.status == .ranked ? "" : " (excluded)")</option>"
            }
            func value(_ name: String) -> String { h(form[name] ?? "") }
            let monthly = form["reporting"] == "monthly"
            body += """
            <form class="panel" method="post" action="/rankings/\(h(record.id))/award">
            <h2>Award a contract</h2>\(csrfField(caller))
            <div class="field"><label for="award-bid">Bid</label><select id="award-bid" name="bid">\(options)</select></div>
            <div class="field"><label for="contract">Contract id</label><input type="text" id="contract" name="contract" required value="\(value("contract"))"></div>
            <div class="field"><label for="start">Start</label><input type="date" id="start" name="start" required value="\(value("start"))"></div>
            <div class="field"><label for="end">End</label><input type="date" id="end" name="end" required value="\(value("end"))"></div>
            <div class="field"><label for="awarded">Award date (optional: the start)</label><input type="date" id="awarded" name="awarded" value="\(value("awarded"))"></div>
            <div class="field"><label for="reporting">Returns</label><select id="reporting" name="reporting"><option value="quarterly"\(monthly ? "" : " selected")>quarterly</option><option value="monthly"\(monthly ? " selected" : "")>monthly</option></select></div>
            <div class="field"><label for="grace">Days' grace before a return is overdue</label><input type="number" id="grace" name="graceDays" min="0" max="3650" value="\(h(form["graceDays"] ?? "30"))"></div>
            <div class="field"><label for="override">Override reason (only to award a bid excluded at a gate)</label><input type="text" id="override" name="override" value="\(value("override"))"></div>
            <button class="primary" type="submit">Award</button>
            </form>
            """
        }
        return page("Ranking \(record.id)", caller: caller, current: "/tenders", status: status, body: body)
    }

    /// The ranking as the report shows it: each bid's rank, status and total, one column per
    /// component of the scheme's total as weighted into it (what decided the order, under any
    /// scheme), and for a bid excluded at a gate, which gate and the figures it compared.
    func rankingTable(_ ranking: Ranking, id: String) -> String {
        let components = ranking.outline?.components ?? []
        var out = "<h2>Ranking</h2><table><thead><tr><th scope=\"col\" class=\"num\">Rank</th><th scope=\"col\">Bid</th><th scope=\"col\">Bidder</th><th scope=\"col\">Status</th>"
        for component in components {
            let scale = component.weight.map { "weight \($0.decimalString())" } ?? component.maximum.map { "out of \($0.decimalString())" }
            let weight = scale.map { " <span class=\"sub\">\(h($0))</span>" } ?? ""
            out += "<th scope=\"col\" class=\"num\">\(h(component.title))\(weight)</th>"
        }
        out += "<th scope=\"col\" class=\"num\">\(h(ranking.outline?.title ?? "Total"))</th><th scope=\"col\">Explanation</th></tr></thead><tbody>"
        for bid in ranking.bids {
            let explain = "/rankings/\(h(id))/bids/\(h(Forms.percentEncoded(bid.bidID)))"
            out += "<tr\(bid.rank == 1 ? " class=\"winner\"" : "")><td class=\"num\">\(bid.rank.map(String.init) ?? "—")</td><td class=\"id\">\(h(bid.bidID))</td><td>\(h(bid.bidder))</td>"
            if bid.status == .ranked {
                // Equal totals: which tie-break put this bid first, as the report says.
                out += "<td>ranked\(bid.tieBreak.map { "<span class=\"sub\">\(h($0))</span>" } ?? "")</td>"
            } else {
                let failed = bid.explanation.gates.filter { !$0.passed }
                out += "<td><span class=\"fail\">excluded</span>"
                for gate in failed { out += "<span class=\"sub\">at the gate “\(h(gate.title))”: \(h(gate.explanation))</span>" }
                out += "</td>"
            }
            for index in components.indices {
                let value = index < bid.components.count ? bid.components[index].formatted(places: 2) : "—"
                out += "<td class=\"num\">\(h(value))</td>"
            }
            out += "<td class=\"num\">\(h(bid.total?.formatted(places: 2) ?? "—"))</td>"
            out += "<td><a href=\"\(explain)\">Explanation<span class=\"skip\"> of bid \(h(bid.bidID))</span></a></td></tr>"
        }
        return out + "</tbody></table>"
    }
}
