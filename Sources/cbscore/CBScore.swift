import ArgumentParser

/// The command-line tool. Each subcommand lives in its own file and stays thin: it parses
/// arguments, calls the modules, prints what they return and chooses the exit code.
@main
struct CBScore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cbscore",
        abstract: "Score tender bids on community benefits and track what winning suppliers deliver.",
        discussion: ExitCodes.help,
        version: "0.1.0",
        subcommands: [
            Validate.self,
            CheckCommand.self,
            TestCommand.self,
            AreasCommand.self,
            RankCommand.self,
            SummaryCommand.self,
            EnvelopeCommand.self,
            Contracts.self,
            Returns.self,
            Monitor.self,
            ReportCommand.self,
            StoreCommand.self,
        ]
    )
}

/// The exit codes every command uses, as `--help` and the README give them.
enum ExitCodes {
    static let help = """
    Exit codes: 0 done (for validate, check and test: nothing wrong found); 1 the inputs have \
    problems, each printed on stderr as FILE:LINE:COLUMN with what to do, or a check or \
    example failed; 64 the command line is wrong (an unknown option, a missing argument).
    """
}
