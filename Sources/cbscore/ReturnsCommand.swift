import ArgumentParser
import Documents
import Engine
import Foundation
import Hashing
import Monitoring
import Store

/// `cbscore returns import|history`: delivery returns into the store.
struct Returns: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "returns",
        abstract: "Import delivery returns and show their history.",
        subcommands: [ReturnsImport.self, ReturnsHistory.self]
    )
}

struct ReturnsImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Validate returns and store them, one transaction per file.",
        discussion: "A refused file stores nothing. The same file twice changes nothing. For each period the submission with the latest Submitted date counts (on a tie, the later import); a new one replaces the current one, which stays in the history, and an older one only joins the history. Files are imported in order of their Submitted date, then path."
    )

    @Argument(help: "Return files.") var files: [String]
    @OptionGroup var areas: AreaOptions
    @OptionGroup var store: MonitorStoreOptions

    func run() async throws {
        let db = try store.open(creating: true)
        let lookup = try areas.loadDirectory()
        let outcomes = try await db.importReturnFiles(files, areas: lookup) { outcome in
            printDiagnostics(outcome.diagnostics)
            print(outcome.message)
        }
        if outcomes.contains(where: { $0.result == .refused }) { throw ExitCode.failure }
    }
}

struct ReturnsHistory: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Every submission for a contract, and the import log.")

    @Argument(help: "The contract id.") var contract: String
    @OptionGroup var store: MonitorStoreOptions

    func run() async throws {
        let db: EvaluationStore
        do {
            db = try store.open()
        } catch let error as DiagnosticsError {
            printDiagnostics(error.diagnostics)
            throw ExitCode.failure
        }
        for r in try await db.history(contract: contract) {
            let state = r.supersededBy.map { "superseded by #\($0)" } ?? "current"
            print("#\(r.id)  \(r.period)  submitted \(r.submitted)  \(r.items) items  \(state)  \(r.file)  \(r.sha256.prefix(12))  imported \(r.importedAt)")
        }
        print("\nimport log")
        for e in try await db.importLog() where e.contractID == contract || e.contractID == nil {
            print("\(e.at)  \(e.result.rawValue)  \(e.file)  \(e.sha256.prefix(12))")
        }
    }
}
