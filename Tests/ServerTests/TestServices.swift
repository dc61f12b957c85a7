import Areas
import Credentials
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import Server
import Store
import StorePostgres
import Synchronization
import TestSupport
import Testing

/// The backends the server suite runs on: SQLite always; PostgreSQL when
/// CBSCORE_TEST_DATABASE_URL names a server (each test gets a database of its own). With
/// CBSCORE_REQUIRE_POSTGRES=1 a missing URL fails the PostgreSQL cases instead of leaving them out.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres
    var testDescription: String { rawValue }

    static let environment = ProcessInfo.processInfo.environment
    static let databaseURL = environment["CBSCORE_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let required = environment["CBSCORE_REQUIRE_POSTGRES"] == "1"
    static let all: [Backend] = databaseURL != nil || required ? [.sqlite, .postgres] : [.sqlite]

    func store(now: @escaping @Sendable () -> String) throws -> EvaluationStore {
        switch self {
        case .sqlite:
            return try EvaluationStore.sqlite(path: try Fixtures.temporaryFolder() + "/store.sqlite", now: now)
        case .postgres:
            return EvaluationStore(backend: try PostgresBackend(url: try Self.freshDatabaseURL()), now: now)
        }
    }

    static func freshDatabaseURL() throws -> String {
        guard let url = databaseURL else {
            throw StoreError.unusable("CBSCORE_REQUIRE_POSTGRES=1 but CBSCORE_TEST_DATABASE_URL is not set")
        }
        let name = "cbscore_s_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        return try PostgresBackend.createDatabase(serverURL: url, name: String(name))
    }
}

enum Fixtures {
    static let root = SharedData.repositoryRoot.path + "/fixtures"

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + path)))
    }

    static func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-server-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static let areas: AreaDirectory = {
        try! AreaDirectory.load(paths: [root + "/areas"], cacheDirectory: nil)
    }()
}

/// A clock the tests turn by hand (seconds since 1970), starting at 2026-11-21T09:00:00Z.
final class TestClock: Sendable {
    private let seconds = Mutex(CalendarDay.start)

    var now: Int { seconds.withLock { $0 } }
    func advance(_ by: Int) { seconds.withLock { $0 += by } }

    enum CalendarDay { static let start = 1_795_251_600 }
}

/// One user per role (and a second supplier), each with an API token; passwords share one
/// bcrypt hash made once, so setting up costs no bcrypt.
struct Account: Sendable {
    var user: User
    var token: String
    static let password = "correct horse battery"
}

struct TestService: Sendable {
    let service: Service
    let store: EvaluationStore
    let clock: TestClock
    let accounts: [String: Account]

    static let passwordHash = Passwords.hash(Account.password)

    /// A service over a new store of `backend`, with users, and (when `demo`) the demo's
    /// documents: tender GCR-2026-014 ranked and C-2026-0141 awarded to Springburn, C-2026-0311
    /// awarded to Clyde Build Ltd with four returns.
    static func make(_ backend: Backend, demo: Bool = true, configuration: ServiceConfiguration = ServiceConfiguration())
        async throws -> TestService {
        let clock = TestClock()
        let store = try backend.store(now: { EvaluationStore.instant(epochSeconds: clock.now) })
        let service = try await Service(store: store, areas: Fixtures.areas, configuration: configuration, clock: { clock.now })
        if demo { _ = try await service.loadDemoDocuments(fixtures: Fixtures.root) }
        var accounts: [String: Account] = [:]
        let users: [(String, Role, String?)] = [
            ("admin", .admin, nil), ("officer", .officer, nil), ("manager", .contractManager, nil),
            ("supplier", .supplier, "Clyde Build Ltd"), ("other-supplier", .supplier, "Springburn Property Services Ltd"),
            ("auditor", .auditor, nil),
        ]
        for (name, role, supplier) in users {
            let user = User(email: "\(name)@test.example", role: role, supplier: supplier)
            try await store.addUser(user, passwordHash: passwordHash)
            let token = Tokens.generate()
            try await store.addToken(email: user.email, tokenSHA256: Tokens.sha256(token))
            accounts[name] = Account(user: user, token: token)
        }
        return TestService(service: service, store: store, clock: clock, accounts: accounts)
    }

    func token(_ name: String) -> String { accounts[name]!.token }

    /// Runs `body` with Hummingbird's testing client on the service's router.
    func test<T: Sendable>(_ body: @Sendable (Client) async throws -> T) async throws -> T {
        let app = Application(router: service.router())
        return try await app.test(.router) { client in try await body(Client(client: client)) }
    }
}

/// The testing client with the few ways the tests ask things.
struct Client: Sendable {
    let client: any TestClientProtocol

    struct Answer: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: String
        var bytes: [UInt8]

        var json: Any? { try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
        /// `error.id` of an error answer.
        var errorID: String? { (object["error"] as? [String: Any])?["id"] as? String }
        var diagnostics: [[String: Any]] { (object["error"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? [] }
    }

    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, headers: HTTPFields = [:],
              body: [UInt8]? = nil, contentType: String? = nil) async throws -> Answer {
        var fields = headers
        if let token { fields[.authorization] = "Bearer \(token)" }
        if let contentType { fields[.contentType] = contentType }
        let response = try await client.execute(uri: uri, method: method, headers: fields,
                                                body: body.map { ByteBuffer(bytes: $0) })
        let bytes = Array(response.body.readableBytesView)
        return Answer(status: response.status, headers: response.headers, body: String(decoding: bytes, as: UTF8.self),
                      bytes: bytes)
    }

    func json(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, headers: HTTPFields = [:],
              _ object: Any) async throws -> Answer {
        try await send(method, uri, token: token, headers: headers,
                       body: [UInt8](try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])),
                       contentType: "application/json")
    }

    func xml(_ uri: String, token: String? = nil, headers: HTTPFields = [:], _ bytes: [UInt8]) async throws -> Answer {
        try await send(.post, uri, token: token, headers: headers, body: bytes, contentType: "application/xml")
    }

    /// Signs in with the shared password; the session cookie and CSRF token.
    func signIn(_ email: String, password: String = Account.password) async throws -> (cookie: String, csrf: String, answer: Answer) {
        let answer = try await json(.post, "/api/v1/session", ["email": email, "password": password])
        let cookie = answer.headers[.setCookie].flatMap { $0.split(separator: ";").first.map(String.init) } ?? ""
        return (cookie, answer.object["csrf"] as? String ?? "", answer)
    }
}
