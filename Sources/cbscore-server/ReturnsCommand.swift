import Areas
import ArgumentParser
import Engine
import Foundation
import Monitoring
import Store

struct ReturnsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "returns", abstract: "Delivery returns in bulk.", subcommands: [ReturnsImport.self])
}

/// `cbscore returns import`, for a store on a server: the same library call.
struct ReturnsImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Validate returns and store them, one transaction per file (as `cbscore returns import`).")

    @Argument(help: "Return files.") var files: [String]
    @Option(name: .customLong("areas"), help: ArgumentHelp("An area table or folder (repeatable); default CBSCORE_AREAS.", valueName: "path"))
    var areas: [String] = []
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let paths = AreaDirectory.resolvePaths(options: areas, environment: ProcessInfo.processInfo.environment)
        let lookup: AreaDirectory
        do {
            lookup = try AreaDirectory.load(paths: paths, cacheDirectory: AreaDirectory.defaultCacheDirectory)
        } catch {
            for d in error.diagnostics.sortedForReport() { printError(d.description) }
            throw ExitCode.failure
        }
        let opened = try store.open()
        let outcomes = try await opened.importReturnFiles(files, areas: lookup) { outcome in
            for d in outcome.diagnostics.sortedForReport() { printError(d.description) }
            print(outcome.message)
        }
        try await opened.close()
        if outcomes.contains(where: { $0.result == .refused }) { throw ExitCode.failure }
    }
}
