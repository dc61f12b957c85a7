import ArgumentParser
import Diagnostics
import Foundation
import Store

/// `cbscore store init`: creates an empty store where one is named. The reading commands
/// never create one (a mistyped `--db` would look like a store with no contracts).
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Create the monitoring store.",
        subcommands: [StoreInit.self]
    )
}

struct StoreInit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create an empty store at --db (or the default path); an existing store is left as it is.")

    @OptionGroup var store: MonitorStoreOptions

    func run() async throws {
        let existed = FileManager.default.fileExists(atPath: store.path)
        do {
            _ = try await store.open(creating: true).contracts()
        } catch let error as DiagnosticsError {
            printDiagnostics(error.diagnostics)
            throw ExitCode.failure
        }
        print(existed ? "\(store.path): a store is already there; left as it is" : "\(store.path): created an empty store")
    }
}
