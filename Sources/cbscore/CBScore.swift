import ArgumentParser

/// The command-line tool. Each subcommand lives in its own file and stays thin: it parses
/// arguments, calls the modules, prints what they return and chooses the exit code.
@main
struct CBScore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cbscore",
        abstract: "Score tender bids on community benefits and track what winning suppliers deliver.",
        version: "0.1.0",
        subcommands: [
            Validate.self,
            CheckCommand.self,
            TestCommand.self,
            AreasCommand.self,
            RankCommand.self,
            SummaryCommand.self,
            Contracts.self,
            Returns.self,
            Monitor.self,
        ]
    )
}
