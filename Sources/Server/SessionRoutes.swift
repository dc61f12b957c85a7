import Credentials
import Foundation
import Hummingbird
import Reports
import Store

extension Service {
    func addHealthRoute(to router: Router<ServiceContext>) {
        // No login: a load balancer asks whether this process can reach the store.
        router.get("/healthz") { [self] _, _ in
            do {
                _ = try await store.backend.appliedMigrations()
                return json("{\"status\":\"ok\"}\n")
            } catch {
                logger.warning("health: the store is unreachable: \(error)")
                return json(ServiceError(.serviceUnavailable, .unavailable, "the store is unreachable").json,
                            status: .serviceUnavailable)
            }
        }
    }

    func addSessionRoutes(to router: Router<ServiceContext>) {
        router.post("/api/v1/session") { [self] request, context in
            struct Credentials: Decodable { var email: String?; var password: String? }
            let sent = try decodeJSON(Credentials.self, from: context.body)
            guard let email = sent.email, !email.isEmpty else { throw ServiceError.missing("email") }
            guard let password = sent.password else { throw ServiceError.missing("password") }
            let (user, session) = try await signIn(email: email, password: password, note: context.note)
            return json(JSONWriter.write(.object([("user", userJSON(user)), ("csrf", .string(session.csrf))])),
                        headers: [.setCookie: sessionCookie(session.id)])
        }
        on(router, .delete, "/api/v1/session", nil) { [self] _, _, caller in
            if let session = caller.session { try await store.deleteSession(idSHA256: session.idSHA256) }
            return Response(status: .noContent, headers: [.setCookie: clearedSessionCookie()])
        }
        on(router, .get, "/api/v1/me", nil) { [self] _, _, caller in
            json(JSONWriter.write(userJSON(caller.user)))
        }
    }

    /// A new session for the user whose email and password these are. A wrong email and a
    /// wrong password get the same answer in the same time (bcrypt runs for an unknown email
    /// too). After `throttleFailures` failures for one email within the window, every attempt
    /// gets 429, the right password included, until the window passes; attempts while
    /// throttled are not counted, so they do not extend it.
    func signIn(email: String, password: String, note: AuditNote) async throws -> (User, NewSession) {
        let email = User.normalised(email)
        note.target = email
        let now = clock()
        let window = configuration.throttleWindowSeconds
        let failures = try await store.loginFailures(email: email, since: EvaluationStore.instant(epochSeconds: now - window + 1))
        if failures.count >= configuration.throttleFailures {
            let oldest = failures[failures.count - configuration.throttleFailures]
            let retry = max(1, (Self.epochSeconds(oldest) ?? now) + window - now)
            var error = ServiceError(.tooManyRequests, .throttled,
                                     "too many failed sign-ins for this email; try again in \(retry / 60 + 1) minutes")
            error.headers[.retryAfter] = String(retry)
            throw error
        }
        let stored = try await store.user(email: email)
        let hash = stored?.passwordHash ?? Self.decoyHash
        let matches = await offload { Passwords.verify(password, hash: hash) }
        guard let stored, matches else {
            try await store.recordLoginFailure(email: email, at: EvaluationStore.instant(epochSeconds: now))
            throw ServiceError.wrongCredentials
        }
        note.user = stored.user.email
        let session = NewSession.make(email: stored.user.email, createdAt: EvaluationStore.instant(epochSeconds: now),
                                      expiresAt: EvaluationStore.instant(epochSeconds: now + configuration.sessionSeconds))
        try await store.addSession(session.record)
        return (stored.user, session)
    }

    /// A bcrypt hash of nothing anyone can type, checked for unknown emails so they take as
    /// long as known ones.
    static let decoyHash = Passwords.hash(Tokens.generate())

    /// Seconds since 1970 of a stored instant `YYYY-MM-DDThh:mm:ssZ`.
    static func epochSeconds(_ instant: String) -> Int? {
        guard instant.count == 20, let day = CalendarDate(iso: instant.prefix(10)) else { return nil }
        let parts = instant.dropFirst(11).prefix(8).split(separator: ":").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return day.daysSinceEpoch * 86_400 + parts[0] * 3600 + parts[1] * 60 + parts[2]
    }

    func sessionCookie(_ id: String) -> String {
        "\(Self.sessionCookie)=\(id); Path=/; HttpOnly; SameSite=Strict\(configuration.behindHTTPS ? "; Secure" : "")"
    }

    func clearedSessionCookie() -> String {
        "\(Self.sessionCookie)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict\(configuration.behindHTTPS ? "; Secure" : "")"
    }

    func userJSON(_ user: User) -> JSONValue {
        .object([("email", .string(user.email)), ("role", .string(user.role.rawValue)), ("supplier", .optional(user.supplier))])
    }
}

/// A session as made at sign-in: its id (128 random bits, sent once in the cookie and stored
/// only as its SHA-256) and its CSRF token.
struct NewSession: Sendable {
    var id: String
    var csrf: String
    var record: SessionRecord

    static func make(email: String, createdAt: String, expiresAt: String) -> NewSession {
        let id = randomHex(bytes: 16), csrf = randomHex(bytes: 16)
        return NewSession(id: id, csrf: csrf, record: SessionRecord(idSHA256: Tokens.sha256(id), email: email, csrf: csrf,
                                                                    createdAt: createdAt, expiresAt: expiresAt))
    }

    static func randomHex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }
}

import Documents
