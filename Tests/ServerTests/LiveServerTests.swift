import AsyncHTTPClient
import Credentials
import Foundation
import NIOCore
import NIOHTTP1
@testable import Server
import Store
import TestSupport
import Testing

/// `cbscore-server` run as a process, as a newcomer and an operator run it.
@Suite(.serialized) struct LiveServerTests {
    /// The README's one command for the service, `cbscore-server demo` from the repository's
    /// folder with no options: it prints the URL and a login per role, and each login works
    /// and sees what the README says is there.
    @Test func theDemoServesWhatTheREADMESays() async throws {
        let readme = try String(contentsOf: SharedData.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("swift run -c release cbscore-server demo"))
        #expect(readme.contains("http://127.0.0.1:8080/"))

        let server = try await LiveServer(["demo"])
        defer { server.stop() }
        let printed = try String(contentsOfFile: server.log, encoding: .utf8)
        #expect(printed.contains("cbscore demo: \(server.base)/"), "the URL is printed: \(printed)")
        // "  ROLE (SUPPLIER)   EMAIL  password PASSWORD", one line per role.
        var logins: [(role: String, email: String, password: String)] = []
        for line in printed.split(separator: "\n") where line.contains(" password ") {
            let words = line.split(separator: " ").map(String.init)
            guard let at = words.firstIndex(of: "password"), at >= 1, at + 1 < words.count else { continue }
            logins.append((words[0], words[at - 1], words[at + 1]))
        }
        #expect(logins.map(\.role) == ["admin", "officer", "contract-manager", "supplier", "auditor"], "\(printed)")
        let http = LiveServer.client
        var cookies: [String: String] = [:]
        for login in logins {
            let body = try JSONSerialization.data(withJSONObject: ["email": login.email, "password": login.password])
            let signIn = try await http.send(.POST, server.base + "/api/v1/session", headers: [("Content-Type", "application/json")],
                                             body: [UInt8](body))
            #expect(signIn.status == 200, "\(login.email) signs in with the printed password")
            let cookie = try #require(signIn.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
            let me = try await http.get(server.base + "/api/v1/me", headers: [("Cookie", cookie)])
            #expect(me.object["role"] as? String == login.role)
            cookies[login.role] = cookie
        }
        // What the README promises: a tender and its eight bids ranked, two contracts, one with its returns.
        let officer = try #require(cookies["officer"])
        let tender = try await http.get(server.base + "/api/v1/tenders/GCR-2026-014", headers: [("Cookie", officer)])
        #expect(tender.object["bids"] as? Int == 8)
        #expect((tender.object["rankings"] as? [Any])?.count == 1)
        let manager = try #require(cookies["contract-manager"])
        let contracts = try await http.get(server.base + "/api/v1/contracts", headers: [("Cookie", manager)])
        let list = (try JSONSerialization.jsonObject(with: Data(contracts.body.utf8)) as? [[String: Any]]) ?? []
        #expect(list.compactMap { $0["id"] as? String } == ["C-2026-0141", "C-2026-0311"])
        let returns = try await http.get(server.base + "/api/v1/contracts/C-2026-0311/returns", headers: [("Cookie", manager)])
        #expect(((try JSONSerialization.jsonObject(with: Data(returns.body.utf8))) as? [Any])?.count == 4)
        // The auditor finds how the demo's ranking and contracts came about.
        let audit = try await http.get(server.base + "/api/v1/audit", headers: [("Cookie", try #require(cookies["auditor"]))])
        let entries = (try JSONSerialization.jsonObject(with: Data(audit.body.utf8)) as? [[String: Any]]) ?? []
        #expect(entries.filter { $0["action"] as? String == "POST /api/v1/tenders/{id}/rankings" && $0["outcome"] as? Int == 201 }.count == 2)
        #expect(entries.filter { $0["action"] as? String == "POST /api/v1/contracts/{id}/returns" }.count == 4)
        #expect(entries.contains { $0["action"] as? String == "POST /api/v1/tenders/{id}/award" && $0["target"] as? String == "C-2026-0141" })
        // A browser sent to the address lands on the sign-in page (the client follows the redirect).
        let home = try await http.get(server.base + "/")
        #expect(home.status == 200 && home.body.contains("<h1>Sign in</h1>"), "\(home.status)")
        #expect(server.stop() == 0, "SIGTERM stops the demo cleanly")
    }

    /// A body over `--max-body` sent without a length (chunked) is refused with 413 as soon as
    /// it passes the limit, and with a length before it is read; nothing is stored either way.
    @Test func aBodyOverTheLimitIs413OverTheWire() async throws {
        let folder = try Fixtures.temporaryFolder()
        let db = folder + "/store.sqlite"
        let store = try EvaluationStore.sqlite(path: db)
        try await store.addUser(User(email: "officer@test.example", role: .officer), passwordHash: TestService.passwordHash)
        let token = Tokens.generate()
        try await store.addToken(email: "officer@test.example", tokenSHA256: Tokens.sha256(token))
        try await store.close()
        let server = try await LiveServer(["serve", "--db", db, "--max-body", "1", "--areas", "fixtures/areas"])
        defer { server.stop() }
        let big = [UInt8](repeating: UInt8(ascii: " "), count: 2 << 20)
        let headers = [("Authorization", "Bearer \(token)"), ("Content-Type", "application/xml")]
        let withLength = try await LiveServer.client.send(.POST, server.base + "/api/v1/tenders", headers: headers, body: big)
        #expect(withLength.status == 413)
        #expect(withLength.body.contains("service.too-large"))
        let chunked = try await LiveServer.client.sendChunked(server.base + "/api/v1/tenders", headers: headers, body: big)
        #expect(chunked.status == 413)
        let fits = try await LiveServer.client.send(.POST, server.base + "/api/v1/tenders?name=t.xml", headers: headers,
                                                    body: try Fixtures.bytes("gcr-2026-014/tender.xml"))
        #expect(fits.status == 201, "a document within the limit is read: \(fits.body)")
        let tenders = try await LiveServer.client.get(server.base + "/api/v1/tenders", headers: headers)
        #expect(tenders.body.components(separatedBy: "\"id\"").count == 2, "only the one within the limit is stored")
        #expect(server.stop() == 0)
    }
}

extension HTTP {
    /// POSTs `body` in 64 KiB chunks with no Content-Length (chunked transfer encoding).
    func sendChunked(_ url: String, headers: [(String, String)], body: [UInt8]) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let chunks = stride(from: 0, to: body.count, by: 64 << 10).map { ByteBuffer(bytes: body[$0..<min($0 + (64 << 10), body.count)]) }
        request.body = .stream(chunks.async, length: .unknown)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let buffer = try await response.body.collect(upTo: 1 << 20)
        return Answer(status: response.status.code, headers: response.headers.map { ($0.name, $0.value) }, body: String(buffer: buffer))
    }
}

extension Array where Element: Sendable {
    /// The elements as an async sequence (a request body streamed in chunks).
    var async: AsyncStream<Element> {
        AsyncStream { continuation in
            for element in self { continuation.yield(element) }
            continuation.finish()
        }
    }
}
