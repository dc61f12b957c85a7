import ArgumentParser
import Documents
import Foundation
import Hashing
import Monitoring

/// `cbscore returns import|history`: delivery returns into the store.
struct Returns: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "returns",
        abstract: "Import delivery returns and show their history.",
        subcommands: [ReturnsImport.self, ReturnsHistory.self]
    )
}

struct ReturnsImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Validate returns and store them, one transaction per file.",
        discussion: "A refused file stores nothing. The same file twice changes nothing. A new file for a period already returned replaces it; the earlier one stays in the history. Files are imported in order of their Submitted date, then path."
    )

    @Argument(help: "Return files.") var files: [String]
    @OptionGroup var areas: AreaOptions
    @OptionGroup var store: MonitorStoreOptions

    func run() throws {
        let db = try store.open()
        let lookup = try areas.loadDirectory()
        var failed = false
        var read: [(path: String, hash: String, ret: DeliveryReturn)] = []
        for path in files.sorted() {
            let hash = (try? SHA256.hexOfFile(atPath: path)) ?? ""
            do {
                read.append((path, hash, try MonitorInputs.readReturn(at: path)))
            } catch let error as DiagnosticsError {
                printDiagnostics(error.diagnostics)
                print(try db.logRefusal(file: path, sha256: hash, diagnostics: error.diagnostics).message)
                failed = true
            }
        }
        // Within one command the later submission wins, whatever order the files were named in.
        read.sort { ($0.ret.submitted, $0.path) < ($1.ret.submitted, $1.path) }
        for file in read {
            let outcome = try db.importReturn(file.ret, file: file.path, sha256: file.hash, areas: lookup)
            printDiagnostics(outcome.diagnostics)
            print(outcome.message)
            if outcome.result == .refused { failed = true }
        }
        if failed { throw ExitCode.failure }
    }
}

struct ReturnsHistory: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Every submission for a contract, and the import log.")

    @Argument(help: "The contract id.") var contract: String
    @OptionGroup var store: MonitorStoreOptions

    func run() throws {
        let db = try store.open()
        for r in try db.history(contract: contract) {
            let state = r.supersededBy.map { "superseded by #\($0)" } ?? "current"
            print("#\(r.id)  \(r.period)  submitted \(r.submitted)  \(r.items) items  \(state)  \(r.file)  \(r.sha256.prefix(12))  imported \(r.importedAt)")
        }
        print("\nimport log")
        for e in try db.importLog() where e.contractID == contract || e.contractID == nil {
            print("\(e.at)  \(e.result.rawValue)  \(e.file)  \(e.sha256.prefix(12))")
        }
    }
}
