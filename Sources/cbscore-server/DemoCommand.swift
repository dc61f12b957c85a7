import ArgumentParser
import Foundation
import Hummingbird
import Server
import Store
import StorePostgres

/// `cbscore-server demo`: a scratch SQLite store with the fixtures and one user per role.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Serve a scratch store loaded with the fixtures and one user per role; prints the URL and logins.",
        discussion: "Run it from the repository's folder (or name the fixtures with --fixtures). The store is a new SQLite file in a temporary folder, removed when the server stops.")

    @Option(help: "The fixtures folder.") var fixtures = "fixtures"
    @Option(name: .customLong("database-url"), help: ArgumentHelp(
        "Load the demo into this empty PostgreSQL database instead of a scratch SQLite file (to try, or measure, the shared store).",
        valueName: "url"))
    var databaseURL: String?
    @OptionGroup var server: ServerOptions

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-demo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try databaseURL.map { EvaluationStore(backend: try PostgresBackend(url: $0)) }
            ?? EvaluationStore.sqlite(path: folder + "/demo.sqlite")
        let areas = try server.loadAreas(defaults: [fixtures + "/areas"])
        let service = try await Service(store: store, areas: areas, configuration: server.configuration())
        let logins: [DemoLogin]
        do {
            logins = try await service.loadDemo(fixtures: fixtures)
        } catch {
            printError("demo: \(error)")
            throw ExitCode.failure
        }
        print("cbscore demo: http://\(server.host):\(server.port)/  (store: \(store.backend.location))")
        print("sign in as:")
        for login in logins {
            let role = login.role.rawValue + (login.supplier.map { " (\($0))" } ?? "")
            print("  \(role.padding(toLength: 36, withPad: " ", startingAt: 0)) \(login.email)  password \(login.password)")
        }
        print("Ctrl-C stops it.")
        fflush(nil)  // shown at once when written to a pipe or a log file, not when the buffer fills
        try await service.application().runService()
        try await store.close()
    }
}
