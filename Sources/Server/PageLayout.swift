import Diagnostics
import Documents
import HTTPTypes
import Hummingbird
import NIOCore
import Reports
import Store

/// The frame every page shares: the reports' look (`ReportStyle`) from one stylesheet served by
/// the service (no inline style or script, so `default-src 'self'` holds), a skip link, a
/// navigation landmark with what the caller's role may open, one `h1`, and forms that carry
/// the session's CSRF token. Pages work without JavaScript; none is sent.
extension Service {
    static let pageCSS = """
    .skip { position: absolute; left: -10000px; top: 0; }
    .skip:focus { left: 8px; top: 8px; background: #fff; padding: 8px 12px; border: 2px solid var(--accent); z-index: 10; }
    header.site { background: var(--accent); color: #fff; }
    header.site nav { max-width: 1120px; margin: 0 auto; padding: 10px 40px; display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; }
    header.site a { color: #fff; font-weight: 600; text-decoration: none; padding: 4px 2px; }
    header.site a:hover, header.site a[aria-current="page"] { text-decoration: underline; text-underline-offset: 4px; }
    header.site .brand { font-size: 18px; margin-right: 12px; }
    header.site .who { margin-left: auto; font-size: 13px; white-space: nowrap; }
    header.site form { display: inline; margin: 0; }
    header.site button { background: transparent; color: #fff; border: 1px solid #fff; border-radius: 4px; padding: 3px 10px; font: inherit; cursor: pointer; }
    a { color: var(--accent); }
    a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible {
        outline: 3px solid var(--ink); outline-offset: 2px; }
    header.site a:focus-visible, header.site button:focus-visible { outline-color: #fff; }
    form.panel { background: var(--band); border-radius: 6px; padding: 14px 18px; margin: 12px 0 20px; }
    form.panel h2, form.panel h3 { margin-top: 0; border: 0; }
    .field { margin: 8px 0; }
    .field label { display: block; font-weight: 600; margin-bottom: 2px; }
    .field .help { display: block; color: var(--muted); font-size: 13px; }
    .field.inline label { display: inline; font-weight: 400; }
    input[type=text], input[type=email], input[type=password], input[type=date], input[type=number], select, textarea {
        font: inherit; padding: 6px 8px; border: 1px solid #6b7682; border-radius: 4px; min-width: 260px; background: #fff; color: var(--ink); }
    button.primary { font: inherit; font-weight: 600; background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: 8px 16px; cursor: pointer; }
    button.secondary { font: inherit; background: #fff; color: var(--accent); border: 1px solid var(--accent); border-radius: 4px; padding: 4px 12px; cursor: pointer; }
    .error-box { border: 2px solid var(--fail); border-radius: 6px; padding: 10px 16px; margin: 12px 0; background: #fdf0ef; }
    .error-box h2 { margin-top: 4px; border: 0; color: var(--fail); }
    .ok-box { border: 2px solid var(--pass); border-radius: 6px; padding: 10px 16px; margin: 12px 0; background: #eef8f0; }
    pre.diagnostics { white-space: pre-wrap; background: #fff; border: 1px solid var(--rule); padding: 8px 12px; font-size: 13px; overflow-x: auto; }
    ol.diagnostics li { margin: 4px 0; }
    .rag { padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 13px; font-weight: 600; white-space: nowrap; }
    .green { background: #2e7d32; } .amber { background: #8a5300; } .red { background: #c62828; } .due { background: #616161; }
    .overdue-tag { background: #b42318; color: #fff; } .due-tag { background: #8a5300; color: #fff; }
    figure { display: inline-block; margin: 8px 16px 8px 0; }
    td.n { text-align: right; font-variant-numeric: tabular-nums; }
    td .sub { display: block; font-size: 13px; color: var(--muted); }
    td.when { white-space: nowrap; }
    .actions { display: flex; flex-wrap: wrap; gap: 8px 16px; margin: 8px 0; }
    """

    static var stylesheet: String { ReportStyle.css + "\n" + pageCSS + "\n" + AnnualReportHTML.css }

    func h(_ text: some StringProtocol) -> String { ReportStyle.escape(text) }

    /// A whole page. `current` marks the navigation link of the section shown.
    func page(_ title: String, caller: Caller?, current: String? = nil, status: HTTPResponse.Status = .ok,
              body: String) -> Response {
        var html = """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(h(title)) — cbscore</title>
        <link rel="stylesheet" href="/static/style.css">
        </head>
        <body>
        <a class="skip" href="#main">Skip to main content</a>
        <header class="site"><nav aria-label="Main">
        """
        html += "<a class=\"brand\" href=\"/\">cbscore</a>"
        if let caller {
            for (path, label) in navigation(for: caller.user.role) {
                html += "<a href=\"\(path)\"\(path == current ? " aria-current=\"page\"" : "")>\(label)</a>"
            }
            html += "<span class=\"who\">\(h(caller.user.email)) · \(h(caller.user.role.rawValue)) "
            html += "<form method=\"post\" action=\"/sign-out\">\(csrfField(caller))<button type=\"submit\">Sign out</button></form></span>"
        }
        html += "</nav></header>\n<main id=\"main\">\n" + body + "\n</main>\n</body>\n</html>\n"
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func navigation(for role: Role) -> [(String, String)] {
        var links: [(String, String)] = []
        if Permission.readTenders.allows(role) { links.append(("/tenders", "Tenders")) }
        if Permission.readSchemes.allows(role) { links.append(("/schemes", "Schemes")) }
        if Permission.readContracts.allows(role) { links.append(("/contracts", role == .supplier ? "Your contracts" : "Contracts")) }
        if Permission.portfolio.allows(role) {
            links.append(("/portfolio", "Portfolio"))
            links.append(("/reports/annual", "Annual report"))
        }
        if Permission.audit.allows(role) { links.append(("/audit", "Audit log")) }
        if Permission.users.allows(role) { links.append(("/users", "Users")) }
        return links
    }

    func csrfField(_ caller: Caller?) -> String {
        guard let csrf = caller?.session?.csrf else { return "" }
        return "<input type=\"hidden\" name=\"csrf\" value=\"\(h(csrf))\">"
    }

    /// Diagnostics as a page shows them: each `FILE:LINE:COLUMN: message` with the source line
    /// and a caret, from the text sent (never from a file on the server).
    func diagnosticsHTML(_ diagnostics: [Diagnostic], sources: [String: [UInt8]] = [:]) -> String {
        guard !diagnostics.isEmpty else { return "" }
        var texts: [String: String] = [:]
        for (name, bytes) in sources { texts[name] = String(decoding: bytes, as: UTF8.self) }
        let formatter = DiagnosticFormatter(texts: texts)
        var out = "<ol class=\"diagnostics\">"
        for d in diagnostics.sortedForReport() {
            let text = texts[d.location.file] != nil ? formatter.format([d]) : formatter.render(d, sourceLine: nil)
            out += "<li><pre class=\"diagnostics\">\(h(text))</pre></li>"
        }
        return out + "</ol>"
    }

    /// A refusal shown in a page: what went wrong, and each diagnostic with its place.
    func errorBox(_ error: ServiceError, sources: [String: [UInt8]] = [:]) -> String {
        let sentence = error.message.prefix(1).uppercased() + error.message.dropFirst() + "."
        var out = "<div class=\"error-box\" role=\"alert\"><h2>\(h(Self.statusTitle(error.status)))</h2><p>\(h(sentence))</p>"
        if !error.diagnostics.isEmpty {
            out += "<p>\(error.diagnostics.count) problem\(error.diagnostics.count == 1 ? "" : "s"), by line:</p>"
            out += diagnosticsHTML(error.diagnostics, sources: sources)
        }
        return out + "</div>"
    }

    static func statusTitle(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "The request could not be read"
        case 401: "Not signed in"
        case 403: "Not allowed"
        case 404: "Not found"
        case 409: "Already there"
        case 413: "Too large"
        case 422: "Refused"
        case 429: "Too many attempts"
        default: "Something went wrong"
        }
    }

    func errorPage(_ error: ServiceError, request: Request, context: ServiceContext) -> Response {
        page(Self.statusTitle(error.status), caller: context.caller, status: error.status,
             body: "<h1>\(h(Self.statusTitle(error.status)))</h1>" + errorBox(error) + "<p><a href=\"/\">Back to the start</a></p>")
    }

    /// Today (UTC) by the service's clock.
    var today: CalendarDate { CalendarDate(daysSinceEpoch: clock() / 86_400) }
}
