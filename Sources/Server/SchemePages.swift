import Diagnostics
import HTTPTypes
import Hummingbird
import Scoring
import Store

extension Service {
    func addSchemePages(to router: Router<ServiceContext>) {
        onPage(router, .get, "/schemes", .readSchemes) { [self] _, _, caller in
            try await schemesPage(caller)
        }
        onPage(router, .post, "/schemes", .addSchemes) { [self] request, context, caller in
            let fields = Forms.fields(of: request, body: context.body)
            var upload = Self.optionalUpload(request, context, field: "scheme")
            if upload == nil, let text = fields["text"], !text.isEmpty {
                upload = ((fields["name"].flatMap { $0.isEmpty ? nil : $0 }) ?? "upload.cbs", Array(text.utf8))
            }
            guard let upload else { throw ServiceError.missing("a scheme file or text") }
            do {
                let (scheme, added) = try await addScheme(upload.bytes, name: upload.name, by: caller, note: context.note)
                let notice = "<div class=\"ok-box\" role=\"status\"><p>\(added ? "Stored" : "Already stored:") <a href=\"/schemes/\(h(scheme.sha256))\">\(h(scheme.name))</a> (\(h(upload.name))).</p></div>"
                return try await schemesPage(caller, notice: notice, status: added ? .created : .ok)
            } catch let error as ServiceError {
                return try await schemesPage(caller, notice: errorBox(error, sources: [upload.name: upload.bytes]), status: error.status)
            }
        }
        onPage(router, .get, "/schemes/{id}", .readSchemes) { [self] _, context, caller in
            let id = try context.parameters.require("id")
            guard let stored = try await store.scheme(sha256: id) else { throw ServiceError.notFound("scheme \(id)") }
            var body = "<header class=\"report\"><p class=\"kicker\">Scheme</p><h1>\(h(stored.name))</h1>"
            body += "<p class=\"meta\"><code>\(h(stored.file))</code> · SHA-256 <span class=\"hash\">\(h(stored.sha256))</span>\(stored.sha256 == defaultSchemeID ? " · the default" : "")</p></header>"
            body += "<p class=\"actions\"><a href=\"/api/v1/schemes/\(h(stored.sha256))\">Download the text</a></p>"
            body += "<h2>Examples</h2>" + examplesHTML(stored)
            body += "<h2>Text</h2><pre class=\"diagnostics\">\(h(stored.text))</pre>"
            return page(stored.name, caller: caller, current: "/schemes", body: body)
        }
    }

    /// The scheme's own examples, run as `cbscore test` runs them.
    func examplesHTML(_ stored: StoredScheme) -> String {
        guard let scheme = try? Scheme.parse(source: stored.text, file: stored.file) else { return "<p>The scheme no longer reads.</p>" }
        let outcomes = scheme.runExamples(areas: areas)
        guard !outcomes.isEmpty else { return "<p class=\"note\">The scheme has no examples.</p>" }
        var out = "<table><thead><tr><th scope=\"col\">Example</th><th scope=\"col\">Result</th><th scope=\"col\">Where</th></tr></thead><tbody>"
        for o in outcomes {
            out += "<tr><td>\(h(o.title))</td><td>\(o.passed ? "<span class=\"pass\">passed</span> (\(o.checked) checked)" : "<span class=\"fail\">failed</span>: " + h(o.failures.joined(separator: "; ")))</td>"
            out += "<td><code>\(h(o.location.description))</code></td></tr>"
        }
        return out + "</tbody></table>"
    }

    func schemesPage(_ caller: Caller, notice: String = "", status: HTTPResponse.Status = .ok) async throws -> Response {
        var body = "<header class=\"report\"><p class=\"kicker\">Evaluation</p><h1>Schemes</h1></header>" + notice
        body += "<table><thead><tr><th scope=\"col\">Scheme</th><th scope=\"col\">Version</th><th scope=\"col\">File</th><th scope=\"col\">Examples</th><th scope=\"col\">SHA-256</th></tr></thead><tbody>"
        for stored in try await store.schemes() {
            let outcomes = (try? Scheme.parse(source: stored.text, file: stored.file))?.runExamples(areas: areas) ?? []
            let passed = outcomes.filter(\.passed).count
            body += "<tr><td><a href=\"/schemes/\(h(stored.sha256))\">\(h(stored.name))</a>\(stored.sha256 == defaultSchemeID ? " <span class=\"badge\">default</span>" : "")</td>"
            body += "<td>\(h(stored.version ?? ""))</td><td><code>\(h(stored.file))</code></td>"
            body += "<td>\(outcomes.isEmpty ? "none" : "\(passed) of \(outcomes.count) passed")</td><td class=\"hash\">\(h(stored.sha256.prefix(16)))…</td></tr>"
        }
        body += "</tbody></table>"
        if Permission.addSchemes.allows(caller.user.role) {
            body += """
            <form class="panel" method="post" action="/schemes" enctype="multipart/form-data">
            <h2>Add a scheme</h2>\(csrfField(caller))
            <p class="note">Checked as <code>cbscore check</code> does: every error is shown with its line and a caret; a scheme with errors is not stored.</p>
            <div class="field"><label for="scheme-file">Scheme file (.cbs)</label>
            <input type="file" id="scheme-file" name="scheme" accept=".cbs,text/plain"></div>
            <div class="field"><label for="scheme-name">or a name</label><input type="text" id="scheme-name" name="name" placeholder="my-scheme.cbs"></div>
            <div class="field"><label for="scheme-text">and its text</label><textarea id="scheme-text" name="text" rows="8" cols="80"></textarea></div>
            <button class="primary" type="submit">Check and add</button>
            </form>
            """
        }
        return page("Schemes", caller: caller, current: "/schemes", status: status, body: body)
    }
}
