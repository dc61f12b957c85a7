import Diagnostics
import Hashing
import Hummingbird
import Reports
import Scoring
import Store

extension Service {
    func addSchemeRoutes(to router: Router<ServiceContext>) {
        on(router, .get, "/api/v1/schemes", .readSchemes) { [self] _, _, _ in
            let schemes = try await store.schemes()
            return json(JSONWriter.write(.array(schemes.map { scheme in
                .object([("id", .string(scheme.sha256)), ("name", .string(scheme.name)), ("version", .optional(scheme.version)),
                         ("sha256", .string(scheme.sha256)), ("file", .string(scheme.file)),
                         ("default", .bool(scheme.sha256 == defaultSchemeID))])
            })))
        }
        on(router, .post, "/api/v1/schemes", .addSchemes) { [self] request, context, caller in
            let name = request.uri.queryParameters["name"].map(String.init) ?? "upload.cbs"
            let (scheme, added) = try await addScheme(context.body, name: name, by: caller, note: context.note)
            return json(JSONWriter.write(schemeJSON(scheme)), status: added ? .created : .ok)
        }
        on(router, .get, "/api/v1/schemes/{id}", .readSchemes) { [self] _, context, _ in
            let id = try context.parameters.require("id")
            guard let scheme = try await store.scheme(sha256: id) else { throw ServiceError.notFound("scheme \(id)") }
            return text(scheme.text, contentType: "text/plain; charset=utf-8")
        }
    }

    /// Checks a scheme's text as `cbscore check` does and stores it by its SHA-256: refused
    /// (422, with every diagnostic) when it has errors; the same text again is the same scheme.
    func addScheme(_ bytes: [UInt8], name: String, by caller: Caller, note: AuditNote) async throws -> (StoredScheme, Bool) {
        let sha256 = SHA256.hex(bytes)
        note.sha256 = sha256
        note.target = sha256
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ServiceError.refused([Diagnostic(RulesDiagnostic.fileEncoding, at: SourceLocation(file: name, line: 1, column: 1),
                                                   message: "the scheme is not UTF-8 text")], "scheme refused; nothing stored")
        }
        let scheme: Scheme
        do {
            scheme = try Scheme.parse(source: text, file: name)
        } catch {
            throw ServiceError.refused(error.diagnostics, "scheme refused; nothing stored")
        }
        let stored = StoredScheme(sha256: sha256, name: scheme.reference.name, version: scheme.reference.version, file: name,
                                  text: text, addedBy: caller.user.email)
        let added = try await store.addScheme(stored)
        return (added ? stored : try await store.scheme(sha256: sha256) ?? stored, added)
    }

    func schemeJSON(_ scheme: StoredScheme) -> JSONValue {
        .object([("id", .string(scheme.sha256)), ("name", .string(scheme.name)), ("version", .optional(scheme.version)),
                 ("sha256", .string(scheme.sha256))])
    }
}
