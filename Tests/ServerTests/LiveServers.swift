import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `cbscore-server` run as a process of its own, as an operator runs it, and an HTTP client
/// that talks to it over loopback.
final class LiveServer: @unchecked Sendable {
    let process: Process
    let port: Int
    /// Where the process writes what it prints (a pipe nobody read would fill and stop it).
    let log: String

    /// Starts the built `cbscore-server` with `arguments` plus `--port`, from the repository's
    /// folder, and waits (up to a minute) until `/healthz` answers.
    init(_ arguments: [String], environment: [String: String] = [:]) async throws {
        port = Self.freePort()
        process = Process()
        process.executableURL = try RankingTests.binary("cbscore-server")
        process.currentDirectoryURL = SharedData.repositoryRoot
        process.arguments = arguments + ["--port", String(port)]
        var env = ["HOME": FileManager.default.temporaryDirectory.path, "CBSCORE_CACHE_DIR": FileManager.default.temporaryDirectory.path,
                   "CBSCORE_AREAS": ""]
        env.merge(environment) { _, new in new }
        process.environment = env
        log = try Fixtures.temporaryFolder() + "/server.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        for _ in 0..<600 {
            if let answer = try? await LiveServer.client.get("http://127.0.0.1:\(port)/healthz"), answer.status == 200 { return }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        stop()
        let printed = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "cbscore-server did not start: \(arguments)\n\(printed)"])
    }

    var base: String { "http://127.0.0.1:\(port)" }

    /// SIGTERM, and the exit status once it has finished the requests in flight.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func freePort() -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static let client = HTTP()
}

/// A few calls over AsyncHTTPClient's shared client.
struct HTTP: Sendable {
    struct Answer: Sendable {
        var status: UInt
        var headers: [(String, String)]
        var body: String
        var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    }

    func send(_ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], body: [UInt8]? = nil) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let buffer = try await response.body.collect(upTo: 64 << 20)
        return Answer(status: response.status.code, headers: response.headers.map { ($0.name, $0.value) },
                      body: String(buffer: buffer))
    }

    func get(_ url: String, headers: [(String, String)] = []) async throws -> Answer {
        try await send(.GET, url, headers: headers)
    }
}
