import ArgumentParser
import Store
import StorePostgres

struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Move a store.", subcommands: [StoreCopy.self])
}

struct StoreCopy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a SQLite store into an empty PostgreSQL database, history and hashes included.",
        discussion: "The SQLite file is migrated first (as any open does); the copy is one transaction on the server: all of it or nothing.")

    @Option(help: "The SQLite store to copy.") var from: String
    @Option(help: "The PostgreSQL database to copy into: postgres://USER@HOST:PORT/DATABASE.") var to: String

    func run() async throws {
        let source = try EvaluationStore.sqlite(path: from)
        let destination = EvaluationStore(backend: try PostgresBackend(url: to))
        do {
            let counts = try await source.copy(to: destination)
            for (table, rows) in counts where rows > 0 { print("\(table): \(rows) rows") }
            print("copied \(from) to \(destination.backend.location)")
        } catch let error as StoreError {
            printError("\(error)")
            throw ExitCode.failure
        }
        try await destination.close()
        try await source.close()
    }
}
