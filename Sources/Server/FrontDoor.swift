import Credentials
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Store

/// What every request goes through before and after its route, in service.md's order of
/// precedence: the body limit (413, never read past it), who is asking (the route answers 401
/// or 403), then the route. Afterwards: one audit entry for every unsafe request, refused ones
/// included, and the security headers on every answer.
struct FrontDoor: RouterMiddleware {
    let service: Service

    func handle(_ request: Request, context: ServiceContext,
                next: (Request, ServiceContext) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let limit = service.configuration.maxBodyBytes
        var response: Response
        do {
            context.caller = try await service.caller(of: request)
            if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
                throw ServiceError.tooLarge(limit: limit)
            }
            context.body = try await Self.read(request.body, limit: limit)
            request.body = RequestBody(buffer: ByteBuffer(bytes: context.body))
            response = try await next(request, context)
        } catch {
            response = service.answer(error, to: request, context: context)
        }
        if request.method.isUnsafe {
            await service.audit(request, context: context, outcome: Int(response.status.code))
        }
        service.addSecurityHeaders(to: &response)
        return response
    }

    /// The body, refused as soon as it passes `limit` (a body sent in chunks has no length).
    static func read(_ body: RequestBody, limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await buffer in body {
            guard bytes.count + buffer.readableBytes <= limit else { throw ServiceError.tooLarge(limit: limit) }
            bytes.append(contentsOf: buffer.readableBytesView)
        }
        return bytes
    }
}

extension HTTPRequest.Method {
    /// Methods that change something: each is audited, and with a session cookie needs the CSRF token.
    var isUnsafe: Bool { self == .post || self == .put || self == .delete || self == .patch }
}

extension Request {
    /// An API request (JSON answers) rather than a page (HTML answers).
    var isAPI: Bool { uri.path.hasPrefix("/api/") || uri.path == "/healthz" }
}

extension Service {
    static let sessionCookie = "cbscore_session"

    /// The user behind a bearer token or a session cookie; nil when there is neither or it is
    /// unknown or expired. A bearer token, when sent, is the only thing looked at.
    func caller(of request: Request) async throws -> Caller? {
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
            let token = parts[1].trimmingCharacters(in: .whitespaces)
            return try await store.user(tokenSHA256: Tokens.sha256(token)).map { Caller(user: $0, session: nil) }
        }
        guard let value = request.cookies[Self.sessionCookie]?.value, !value.isEmpty, value.utf8.count <= 128 else { return nil }
        return try await store.session(idSHA256: Tokens.sha256(value), at: instant())
            .map { Caller(user: $0.user, session: $0.session) }
    }

    /// One audit entry: who (null when unknown), the method and route, the id acted on, the
    /// status answered and the SHA-256 of the document sent. A failure to write it is logged;
    /// the answer already given stands.
    func audit(_ request: Request, context: ServiceContext, outcome: Int) async {
        let route = context.endpointPath ?? String(request.uri.path.prefix(200))
        let entry = AuditEntry(at: instant(), user: context.caller?.user.email ?? context.note.user,
                               action: "\(request.method.rawValue) \(route)", target: context.note.target,
                               outcome: outcome, sha256: context.note.sha256)
        do {
            try await store.appendAudit(entry)
        } catch {
            logger.error("audit entry not written: \(error) (\(entry.action) \(entry.outcome))")
        }
    }

    /// The answer to a thrown error: service.md's JSON error for the API, an HTML page for pages.
    func answer(_ error: any Error, to request: Request, context: ServiceContext) -> Response {
        let refusal: ServiceError
        switch error {
        case let error as ServiceError: refusal = error
        case let error as StoreError:
            if case .conflict = error {
                refusal = .conflict(error.description)
            } else {
                logger.error("store: \(error)")
                refusal = ServiceError(.internalServerError, .unavailable, "the store could not answer; try again")
            }
        case let error as HTTPError where error.status == .notFound:
            refusal = .notFound("such page or route")
        case let error as HTTPError where error.status == .methodNotAllowed:
            refusal = ServiceError(.methodNotAllowed, .badRequest, "this route does not take \(request.method.rawValue)")
        default:
            logger.error("\(request.method.rawValue) \(request.uri.path): \(error)")
            refusal = ServiceError(.internalServerError, .unavailable, "the service could not answer; try again")
        }
        if request.isAPI { return json(refusal.json, status: refusal.status, headers: refusal.headers) }
        if refusal.status == .unauthorized, request.method == .get {
            return redirect(to: "/sign-in?next=" + Forms.percentEncoded(request.uri.path))
        }
        return errorPage(refusal, request: request, context: context)
    }

    func addSecurityHeaders(to response: inout Response) {
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = "default-src 'self'"
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if configuration.behindHTTPS { response.headers[.strictTransportSecurity] = "max-age=31536000" }
    }

    // MARK: Answers

    func json(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = contentType
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xCSRFToken = Self("X-CSRF-Token")!
    static let secFetchSite = Self("Sec-Fetch-Site")!
}
