import ArgumentParser

/// The shared service's executable. This file set holds the store's administration; the HTTP
/// server (`serve`, `demo`) joins it from the Server module. Each command is a thin door onto
/// library calls.
@main
struct CBScoreServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cbscore-server",
        abstract: "The shared cbscore service and its store.",
        version: "0.1.0",
        subcommands: [ServeCommand.self, DemoCommand.self, MigrateCommand.self, UsersCommand.self, TokensCommand.self, StoreCommand.self, ReturnsCommand.self]
    )
}
