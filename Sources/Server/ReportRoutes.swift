import Credentials
import Documents
import Hummingbird
import Monitoring
import Reports
import Scoring
import Store

extension Service {
    func addReportRoutes(to router: Router<ServiceContext>) {
        on(router, .get, "/api/v1/portfolio", .portfolio) { [self] request, _, _ in
            let asOf = try Self.date(request, "asOf")
            return json(MonitoringReport.render(try await portfolio(asOf: asOf), format: .json))
        }
        // The annual report (annual-report.md): ?from=&to=, JSON (cbscore.annual-report/1) unless
        // format=text, csv or html; the same library call as `cbscore report annual`.
        on(router, .get, "/api/v1/reports/annual", .portfolio) { [self] request, _, _ in
            let (from, to) = try Self.reportPeriod(request)
            let format = request.uri.queryParameters["format"].map(String.init) ?? "json"
            guard ["json", "csv", "text", "html"].contains(format) else {
                throw ServiceError.badRequest("format: '\(format)' is not json, csv, text or html")
            }
            let report = try await store.annualReport(from: from, to: to)
            let rendered = AnnualReportRender.render(report, format: ReportFormat(rawValue: format)!,
                                                     provenance: AnnualReportProvenance(store: store.backend.location))
            let name = "annual-report-\(from)-\(to)"
            switch format {
            case "json": return json(rendered)
            case "csv":
                return text(rendered, contentType: "text/csv; charset=utf-8",
                            headers: [.contentDisposition: "attachment; filename=\"\(name).csv\""])
            case "text":
                return text(rendered, contentType: "text/plain; charset=utf-8",
                            headers: [.contentDisposition: "attachment; filename=\"\(name).txt\""])
            default:
                // The self-contained report: its inline style, nothing else.
                return text(rendered, contentType: "text/html; charset=utf-8", headers: [
                    .contentDisposition: "inline; filename=\"\(name).html\"",
                    .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
                ])
            }
        }
    }

    /// `from` and `to`, both required, `from` not after `to`.
    static func reportPeriod(_ request: Request) throws -> (CalendarDate, CalendarDate) {
        let from = try date(request, "from"), to = try date(request, "to")
        guard from <= to else { throw ServiceError.badRequest("from \(from) is after to \(to)") }
        return (from, to)
    }

    /// The portfolio as `cbscore monitor --as-of DATE` gives it: the reference scheme's status thresholds.
    func portfolio(asOf: CalendarDate) async throws -> Portfolio {
        try await store.portfolio(asOf: asOf, thresholds: (try? Scheme.bundledDefault())?.deliveryThresholds ?? .schemeDefaults)
    }

    func addAuditRoutes(to router: Router<ServiceContext>) {
        on(router, .get, "/api/v1/audit", .audit) { [self] request, _, _ in
            let since = request.uri.queryParameters["since"].map(String.init)
            return json(JSONWriter.write(.array(try await store.audit(since: since).map(auditJSON))))
        }
    }

    func auditJSON(_ e: AuditEntry) -> JSONValue {
        .object([("at", .string(e.at)), ("user", .optional(e.user)), ("action", .string(e.action)),
                 ("target", .optional(e.target)), ("outcome", .integer(e.outcome)), ("sha256", .optional(e.sha256))])
    }

    func addUserRoutes(to router: Router<ServiceContext>) {
        on(router, .get, "/api/v1/users", .users) { [self] _, _, _ in
            json(JSONWriter.write(.array(try await store.users().map(userJSON))))
        }
        on(router, .post, "/api/v1/users", .users) { [self] _, context, _ in
            struct Body: Decodable { var email: String?; var role: String?; var supplier: String?; var password: String? }
            let body = try decodeJSON(Body.self, from: context.body)
            let user = try await addUser(email: body.email, role: body.role, supplier: body.supplier, password: body.password,
                                         note: context.note)
            return json(JSONWriter.write(userJSON(user)), status: .created)
        }
        on(router, .delete, "/api/v1/users/{email}", .users) { [self] _, context, _ in
            let email = try context.parameters.require("email")
            context.note.target = User.normalised(email)
            guard try await store.deleteUser(email: email) else { throw ServiceError.notFound("user \(email)") }
            return Response(status: .noContent)
        }
    }

    /// Adds a user (admin only): 400 for a missing or unusable field, 409 for an email in use.
    func addUser(email: String?, role: String?, supplier: String?, password: String?, note: AuditNote) async throws -> User {
        guard let email, !email.isEmpty else { throw ServiceError.missing("email") }
        guard email.contains("@"), email.count <= 254 else { throw ServiceError.badRequest("'\(email)' is not an email address") }
        note.target = User.normalised(email)
        guard let roleText = role, !roleText.isEmpty else { throw ServiceError.missing("role") }
        guard let role = Role(rawValue: roleText) else {
            throw ServiceError.badRequest("role is one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let supplier = supplier.flatMap { $0.isEmpty ? nil : $0 }
        if role == .supplier, supplier == nil { throw ServiceError.missing("supplier (for a supplier user)") }
        if role != .supplier, supplier != nil { throw ServiceError.badRequest("supplier is for supplier users only") }
        guard let password else { throw ServiceError.missing("password") }
        if let problem = Passwords.problem(with: password) { throw ServiceError.badRequest("password refused: \(problem)") }
        if try await store.user(email: email) != nil { throw ServiceError.conflict("the email \(User.normalised(email)) is in use") }
        let user = User(email: email, role: role, supplier: supplier)
        let hash = await offload { Passwords.hash(password) }
        do {
            try await store.addUser(user, passwordHash: hash)
        } catch StoreError.conflict {
            throw ServiceError.conflict("the email \(user.email) is in use")
        }
        return user
    }
}
