import Areas
import ArgumentParser
import Foundation
import Hummingbird
import Server
import Store

/// `cbscore-server serve`: the pages and the JSON API over the store.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the pages and the JSON API (service.md).",
        discussion: """
        With --db the store is a SQLite file and one process serves it. With --database-url any \
        number of processes may serve one PostgreSQL database behind a load balancer: they keep \
        no state of their own. SIGTERM lets the requests in flight finish, then exits 0.
        """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var server: ServerOptions

    func run() async throws {
        let opened = try store.open()
        let service = try await Service(store: opened, areas: try server.loadAreas(), configuration: server.configuration())
        print("cbscore-server: serving \(opened.backend.location) on http://\(server.host):\(server.port)/")
        fflush(nil)  // shown at once when written to a pipe or a log file, not when the buffer fills
        try await service.application().runService()
        try await opened.close()
    }
}

/// What `serve` and `demo` share: where to listen, the body limit, HTTPS behind a proxy, the areas.
struct ServerOptions: ParsableArguments {
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Option(name: .customLong("max-body"), help: ArgumentHelp("The largest request body, in MiB.", valueName: "MIB"))
    var maxBody = 64
    @Flag(name: .customLong("behind-https"),
          help: "Clients come through a proxy that ends HTTPS: session cookies are marked Secure and browsers told to keep to HTTPS.")
    var behindHTTPS = false
    @Option(name: .customLong("areas"), help: ArgumentHelp("An area table or folder (repeatable); default CBSCORE_AREAS.", valueName: "path"))
    var areas: [String] = []

    func validate() throws {
        guard (1...4096).contains(maxBody) else { throw ValidationError("--max-body is from 1 to 4096 MiB") }
        guard (0...65535).contains(port) else { throw ValidationError("--port is from 0 to 65535") }
    }

    func configuration() -> ServiceConfiguration {
        ServiceConfiguration(host: host, port: port, maxBodyBytes: maxBody << 20, behindHTTPS: behindHTTPS)
    }

    func loadAreas(defaults: [String] = []) throws -> AreaDirectory {
        var paths = AreaDirectory.resolvePaths(options: areas, environment: ProcessInfo.processInfo.environment)
        if paths.isEmpty { paths = defaults }
        do {
            return try AreaDirectory.load(paths: paths, cacheDirectory: AreaDirectory.defaultCacheDirectory)
        } catch {
            for d in error.diagnostics.sortedForReport() { printError(d.description) }
            throw ExitCode.failure
        }
    }
}
