import ArgumentParser

/// `cbscore areas …`: what officers use to check the deprivation tables and single areas by hand.
struct AreasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "areas",
        abstract: "Look up data zones, LSOAs and postcodes in the official deprivation tables.",
        subcommands: [AreasLookupCommand.self, AreasSummaryCommand.self]
    )
}
