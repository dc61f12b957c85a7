import Documents
import Foundation
import HTTPTypes
import Hummingbird
import Reports
import Store

extension Service {
    func addOversightPages(to router: Router<ServiceContext>) {
        onPage(router, .get, "/portfolio", .portfolio) { [self] request, _, caller in
            let asOf = try request.uri.queryParameters["asOf"].map { try Self.date(String($0), "asOf") } ?? today
            var body = "<header class=\"report\"><p class=\"kicker\">Delivery</p><h1>Portfolio as of \(asOf)</h1></header>"
            body += "<form method=\"get\" action=\"/portfolio\" class=\"actions\"><label for=\"asof\">As of</label> <input type=\"date\" id=\"asof\" name=\"asOf\" value=\"\(asOf)\"> <button class=\"secondary\" type=\"submit\">Show</button></form>"
            body += "<p class=\"actions\"><a href=\"/api/v1/portfolio?asOf=\(asOf)\">Download as JSON</a></p>"
            body += MonitoringHTMLReport.fragment(try await portfolio(asOf: asOf))
            return page("Portfolio", caller: caller, current: "/portfolio", body: body)
        }
        onPage(router, .get, "/reports/annual", .portfolio) { [self] request, _, caller in
            // Default: the financial year (1 April to 31 March) before the one holding today.
            let q = request.uri.queryParameters
            let startYear = (today.month >= 4 ? today.year : today.year - 1) - 1
            let from = try q["from"].map { try Self.date(String($0), "from") } ?? CalendarDate(year: startYear, month: 4, day: 1)!
            let to = try q["to"].map { try Self.date(String($0), "to") } ?? CalendarDate(year: startYear + 1, month: 3, day: 31)!
            var body = "<header class=\"report\"><p class=\"kicker\">Reports</p><h1>Annual report</h1></header>"
            body += "<form method=\"get\" action=\"/reports/annual\" class=\"actions\"><label for=\"from\">From</label> <input type=\"date\" id=\"from\" name=\"from\" value=\"\(from)\"> "
                + "<label for=\"to\">to</label> <input type=\"date\" id=\"to\" name=\"to\" value=\"\(to)\"> <button class=\"secondary\" type=\"submit\">Show</button></form>"
            guard from <= to else {
                let error = ServiceError.badRequest("from \(from) is after to \(to)")
                return page("Annual report", caller: caller, current: "/reports/annual", status: error.status, body: body + errorBox(error))
            }
            let base = "/api/v1/reports/annual?from=\(from)&amp;to=\(to)"
            body += "<p class=\"actions\"><a href=\"\(base)\">Download as JSON</a> · <a href=\"\(base)&amp;format=csv\">CSV</a> · "
                + "<a href=\"\(base)&amp;format=html\">Report page to save or print</a></p>"
            // The returns table too: each figure's periods link to it.
            let report = try await store.annualReport(from: from, to: to)
            body += Self.demoted(AnnualReportHTML.fragment(report) + AnnualReportHTML.provenanceSection(report, nil))
            return page("Annual report", caller: caller, current: "/reports/annual", body: body)
        }
        onPage(router, .get, "/audit", .audit) { [self] request, _, caller in
            let since = request.uri.queryParameters["since"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            let entries = try await store.audit(since: since)
            var body = "<header class=\"report\"><p class=\"kicker\">Oversight</p><h1>Audit log</h1>"
            body += "<p class=\"meta\">Every change asked of the service, refused ones included, newest first. The log is append-only: nothing in it is ever changed or removed.</p></header>"
            body += "<form method=\"get\" action=\"/audit\" class=\"actions\"><label for=\"since\">Since (UTC instant, e.g. 2026-01-31T00:00:00Z)</label> <input type=\"text\" id=\"since\" name=\"since\" value=\"\(h(since ?? ""))\"> <button class=\"secondary\" type=\"submit\">Show</button></form>"
            body += "<table><thead><tr><th scope=\"col\">At</th><th scope=\"col\">User</th><th scope=\"col\">Action</th><th scope=\"col\">Target</th><th scope=\"col\" class=\"num\">Outcome</th><th scope=\"col\">Document SHA-256</th></tr></thead><tbody>"
            for e in entries.suffix(1000).reversed() {
                body += "<tr><td class=\"when\">\(h(e.at))</td><td>\(h(e.user ?? "—"))</td><td><code>\(h(e.action))</code></td><td>\(h(e.target ?? ""))</td>"
                body += "<td class=\"num\">\(e.outcome) <span class=\"sub\">\(Self.outcomeInWords(e.outcome))</span></td><td class=\"hash\">\(h(e.sha256.map { String($0.prefix(16)) + "…" } ?? ""))</td></tr>"
            }
            body += "</tbody></table>"
            if entries.count > 1000 { body += "<p class=\"note\">The latest 1,000 of \(entries.count) entries; GET /api/v1/audit gives all.</p>" }
            return page("Audit log", caller: caller, current: "/audit", body: body)
        }
        onPage(router, .get, "/users", .users) { [self] _, _, caller in
            try await usersPage(caller)
        }
        onPage(router, .post, "/users", .users) { [self] request, context, caller in
            let f = Forms.fields(of: request, body: context.body)
            do {
                let user = try await addUser(email: f["email"], role: f["role"], supplier: f["supplier"], password: f["password"],
                                             note: context.note)
                return try await usersPage(caller, notice: "<div class=\"ok-box\" role=\"status\"><p>Added \(h(user.email)) (\(h(user.role.rawValue))).</p></div>",
                                           status: .created)
            } catch let error as ServiceError {
                return try await usersPage(caller, notice: errorBox(error), status: error.status)
            }
        }
        onPage(router, .post, "/users/{email}/delete", .users) { [self] _, context, caller in
            let email = try context.parameters.require("email")
            context.note.target = User.normalised(email)
            guard try await store.deleteUser(email: email) else { throw ServiceError.notFound("user \(email)") }
            return try await usersPage(caller, notice: "<div class=\"ok-box\" role=\"status\"><p>Removed \(h(User.normalised(email))).</p></div>")
        }
    }

    func usersPage(_ caller: Caller, notice: String = "", status: HTTPResponse.Status = .ok) async throws -> Response {
        var body = "<header class=\"report\"><p class=\"kicker\">Administration</p><h1>Users</h1></header>" + notice
        body += "<table><thead><tr><th scope=\"col\">Email</th><th scope=\"col\">Role</th><th scope=\"col\">Supplier</th><th scope=\"col\">Added</th><th scope=\"col\">Remove</th></tr></thead><tbody>"
        for user in try await store.users() {
            body += "<tr><td>\(h(user.email))</td><td>\(h(user.role.rawValue))</td><td>\(h(user.supplier ?? ""))</td><td>\(h(user.createdAt))</td><td>"
            if user.email != caller.user.email {
                body += "<form method=\"post\" action=\"/users/\(h(Forms.percentEncoded(user.email)))/delete\">\(csrfField(caller))<button class=\"secondary\" type=\"submit\">Remove<span class=\"skip\"> \(h(user.email))</span></button></form>"
            }
            body += "</td></tr>"
        }
        body += "</tbody></table>"
        var roles = ""
        for role in Role.allCases { roles += "<option value=\"\(role.rawValue)\">\(role.rawValue)</option>" }
        body += """
        <form class="panel" method="post" action="/users">
        <h2>Add a user</h2>\(csrfField(caller))
        <div class="field"><label for="new-email">Email</label><input type="email" id="new-email" name="email" required autocomplete="off"></div>
        <div class="field"><label for="new-role">Role</label><select id="new-role" name="role">\(roles)</select></div>
        <div class="field"><label for="new-supplier">Supplier (for a supplier user: the bidder name or company number)</label><input type="text" id="new-supplier" name="supplier"></div>
        <div class="field"><label for="new-password">Password (at least 12 characters)</label><input type="password" id="new-password" name="password" required autocomplete="new-password" minlength="12"></div>
        <button class="primary" type="submit">Add user</button>
        </form>
        """
        return page("Users", caller: caller, current: "/users", status: status, body: body)
    }

    /// What an audit entry's status code means, for a reader who does not know HTTP's codes.
    static func outcomeInWords(_ status: Int) -> String {
        switch status {
        case 200, 201, 204, 303: "done"
        case 400: "malformed request"
        case 401: "not signed in or wrong password"
        case 403: "not allowed"
        case 404: "not found"
        case 409: "id already used"
        case 413: "too large"
        case 422: "document refused"
        case 429: "sign-ins throttled"
        default: status >= 500 ? "service error" : ""
        }
    }
}
