import Documents
import HTTPTypes
import Hummingbird
import Monitoring
import Reports
import Store

extension Service {
    func addContractPages(to router: Router<ServiceContext>) {
        onPage(router, .get, "/contracts", .readContracts) { [self] _, _, caller in
            try await contractsPage(caller)
        }
        onPage(router, .get, "/contracts/{id}", .readContracts) { [self] request, context, caller in
            let asOf = try request.uri.queryParameters["asOf"].map { try Self.date(String($0), "asOf") } ?? today
            return try await contractPage(context.parameters.require("id"), caller, asOf: asOf)
        }
        onPage(router, .post, "/contracts/{id}/returns", .submitReturns) { [self] request, context, caller in
            let contract = try await visibleContract(context.parameters.require("id"), to: caller)
            let upload = try Self.upload(request, context, field: "document")
            do {
                let outcome = try await submitReturn(upload.bytes, name: upload.name, contract: contract, note: context.note)
                let notice = "<div class=\"ok-box\" role=\"status\"><p>\(h(outcome.message))</p></div>"
                return try await contractPage(contract.summary.contractID, caller, asOf: today, notice: notice,
                                              status: outcome.result == .unchanged ? .ok : .created)
            } catch let error as ServiceError {
                return try await contractPage(contract.summary.contractID, caller, asOf: today,
                                              notice: errorBox(error, sources: [upload.name: upload.bytes]), status: error.status)
            }
        }
    }

    func dueHTML(_ owed: [(due: DueReturn, supplier: String)], showContract: Bool, supplier: Bool) -> String {
        let overdue = owed.filter(\.due.overdue), due = owed.filter { !$0.due.overdue }
        guard !owed.isEmpty else { return "<p class=\"ok-box\">No return is due or overdue.</p>" }
        var out = "<p><strong>\(overdue.count) overdue</strong>, \(due.count) due.</p>"
        out += "<table><thead><tr>\(showContract ? "<th scope=\"col\">Contract</th><th scope=\"col\">Supplier</th>" : "")<th scope=\"col\">Period</th><th scope=\"col\">State</th><th scope=\"col\">Due from</th><th scope=\"col\">Overdue from</th></tr></thead><tbody>"
        for (d, supplierName) in owed {
            out += "<tr>"
            if showContract {
                out += "<td class=\"id\"><a href=\"/contracts/\(h(Forms.percentEncoded(d.contractID)))\">\(h(d.contractID))</a></td><td>\(h(supplierName))</td>"
            }
            let tag = d.overdue ? "<span class=\"rag overdue-tag\">overdue</span>" : "<span class=\"rag due-tag\">due</span>"
            out += "<td>\(h(d.period.description))</td><td>\(tag)</td><td>\(d.dueFrom)</td><td>\(d.overdueFrom)</td></tr>"
        }
        return out + "</tbody></table>"
    }

    func ragBadge(_ status: RAGStatus) -> String {
        let css = switch status {
        case .green: "green"
        case .amber: "amber"
        case .red: "red"
        case .notYetDue: "due"
        }
        return "<span class=\"rag \(css)\">\(h(status.rawValue))</span>"
    }

    func contractsPage(_ caller: Caller) async throws -> Response {
        let supplier = caller.user.role == .supplier
        let day = today
        var body = "<header class=\"report\"><p class=\"kicker\">Delivery</p><h1>\(supplier ? "Your contracts" : "Contracts")</h1>"
        body += "<p class=\"meta\">As of \(day).</p></header>"
        let owed = try await returnsDue(caller, asOf: day)
        body += "<h2>\(supplier ? "Returns you owe" : "Returns overdue and due")</h2>" + dueHTML(owed, showContract: true, supplier: supplier)
        let contracts = try await visibleContracts(caller)
        let statuses = Dictionary(try await portfolio(asOf: day).contractStatuses.map { ($0.contractID, $0.status) },
                                  uniquingKeysWith: { a, _ in a })
        body += "<h2>\(supplier ? "Contracts" : "Every contract at a glance")</h2>"
        if contracts.isEmpty {
            body += "<p>No contracts.</p>"
        } else {
            body += "<table><thead><tr><th scope=\"col\">Contract</th><th scope=\"col\">Supplier</th><th scope=\"col\">Status (worst line)</th><th scope=\"col\">Term</th><th scope=\"col\" class=\"num\">Periods returned</th><th scope=\"col\">Tender, bid</th></tr></thead><tbody>"
            for c in contracts {
                body += "<tr><td class=\"id\"><a href=\"/contracts/\(h(Forms.percentEncoded(c.contractID)))\">\(h(c.contractID))</a></td><td>\(h(c.supplier))</td>"
                body += "<td>\(statuses[c.contractID].map(ragBadge) ?? "—")</td><td>\(c.start) to \(c.end)</td><td class=\"num\">\(c.returns)</td>"
                body += "<td>\(h(c.tenderID)), \(h(c.bidID))</td></tr>"
            }
            body += "</tbody></table>"
        }
        return page(supplier ? "Your contracts" : "Contracts", caller: caller, current: "/contracts", body: body)
    }

    func contractPage(_ id: String, _ caller: Caller, asOf: CalendarDate, notice: String = "",
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let contract = try await visibleContract(id, to: caller)
        let c = contract.summary
        var body = "<header class=\"report\"><p class=\"kicker\">Contract \(h(c.contractID))</p><h1>\(h(c.supplier))</h1>"
        body += "<p class=\"meta\">Tender \(h(c.tenderID)), bid \(h(c.bidID)) · term \(c.start) to \(c.end) · returns \(c.details.reporting.rawValue), \(c.details.graceDays) days' grace"
        if let reason = c.details.overrideReason { body += " · awarded by override: \(h(reason))" }
        body += "</p></header>" + notice
        let owed = try await returnsDue(caller, asOf: today).filter { $0.due.contractID == c.contractID }
        body += "<h2>Returns overdue and due</h2>" + dueHTML(owed, showContract: false, supplier: caller.user.role == .supplier)
        if Permission.submitReturns.allows(caller.user.role) {
            body += """
            <form class="panel" method="post" action="/contracts/\(h(Forms.percentEncoded(c.contractID)))/returns" enctype="multipart/form-data">
            <h2>Submit a return</h2>\(csrfField(caller))
            <div class="field"><label for="return-file">Delivery return (XML)</label>
            <span class="help" id="return-help">Checked against the contract; any error is shown by line, and nothing is stored until the file is right.</span>
            <input type="file" id="return-file" name="document" accept=".xml,application/xml" required aria-describedby="return-help"></div>
            <button class="primary" type="submit">Upload return</button>
            </form>
            """
        }
        body += "<h2>Progress</h2>"
        body += "<form method=\"get\" action=\"/contracts/\(h(Forms.percentEncoded(c.contractID)))\" class=\"actions\"><label for=\"asof\">As of</label> <input type=\"date\" id=\"asof\" name=\"asOf\" value=\"\(asOf)\"> <button class=\"secondary\" type=\"submit\">Show</button></form>"
        if let progress = try await store.progressWithStoredScheme(contract: c.contractID, asOf: asOf, areas: areas) {
            body += "<section class=\"progress\" aria-label=\"Delivered against expected\">" + Self.demoted(MonitoringHTMLReport.fragment(progress)) + "</section>"
        }
        body += "<h2>Returns history</h2>"
        let history = try await store.history(contract: c.contractID)
        if history.isEmpty {
            body += "<p>No returns yet.</p>"
        } else {
            body += "<table><thead><tr><th scope=\"col\">Period</th><th scope=\"col\">Submitted</th><th scope=\"col\">File</th><th scope=\"col\" class=\"num\">Items</th><th scope=\"col\">Imported</th><th scope=\"col\">Counts</th></tr></thead><tbody>"
            for r in history {
                body += "<tr><td>\(h(r.period.description))</td><td>\(r.submitted)</td><td><code>\(h(r.file))</code> <span class=\"hash\">\(h(r.sha256.prefix(12)))</span></td>"
                body += "<td class=\"num\">\(r.items)</td><td>\(h(r.importedAt))</td><td>\(r.supersededBy == nil ? "current" : "superseded")</td></tr>"
            }
            body += "</tbody></table>"
        }
        return page("Contract \(c.contractID)", caller: caller, current: "/contracts", status: status, body: body)
    }

    /// A report fragment inside a page: its headings one level down, so the page keeps one `h1`.
    static func demoted(_ fragment: String) -> String {
        var out = fragment
        for level in (1...5).reversed() {
            out = out.replacingOccurrences(of: "<h\(level)>", with: "<h\(level + 1)>")
                .replacingOccurrences(of: "</h\(level)>", with: "</h\(level + 1)>")
        }
        return out
    }
}

import Foundation
