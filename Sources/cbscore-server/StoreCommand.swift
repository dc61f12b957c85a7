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
        abstract: "Copy a store into an empty one, history and hashes included: a SQLite file into a PostgreSQL database, or back.",
        discussion: "Each side is a SQLite path or a postgres:// URL, migrated first (as any open does); the copy is one transaction on the destination: all of it or nothing.")

    @Option(help: "The store to copy: a SQLite file or postgres://USER@HOST:PORT/DATABASE.") var from: String
    @Option(help: "The empty store to copy into: a SQLite file or postgres://USER@HOST:PORT/DATABASE.") var to: String

    static func open(_ place: String) throws -> EvaluationStore {
        place.hasPrefix("postgres://") || place.hasPrefix("postgresql://")
            ? EvaluationStore(backend: try PostgresBackend(url: place)) : try StoreOptions.openSQLite(place)
    }

    func run() async throws {
        let source = try Self.open(from)
        let destination = try Self.open(to)
        do {
            let counts = try await source.copy(to: destination)
            for (table, rows) in counts where rows > 0 { print("\(table): \(rows) rows") }
            print("copied \(source.backend.location) to \(destination.backend.location)")
        } catch let error as StoreError {
            printError("\(error)")
            throw ExitCode.failure
        }
        try await destination.close()
        try await source.close()
    }
}
