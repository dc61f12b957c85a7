import ArgumentParser
import Store

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create the store or bring its schema up to date (serve does it too at start).")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let opened = try store.open()
        let applied = try await opened.backend.appliedMigrations()
        print("\(opened.backend.location): schema \(applied.joined(separator: ", "))")
        try await opened.close()
    }
}
