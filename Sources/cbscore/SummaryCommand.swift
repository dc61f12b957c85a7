import ArgumentParser
import Diagnostics
import Engine
import Reports
import Scoring

extension AssessmentSummary.Format: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument {
        case "markdown", "md": self = .markdown
        case "html": self = .html
        default: return nil
        }
    }

    public static var allValueStrings: [String] { ["markdown", "html"] }
}

/// `cbscore summary BID --tender TENDER BIDS...`: the assessment summary owed to one bidder.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Write the assessment summary for one bid: its score per criterion with reasons, beside the winning bid's.",
        discussion: """
        The summary is a letter to the bidder: each award criterion with its weight, the \
        bidder's score and the successful tender's, and the reasons in plain words (Procurement \
        Regulations 2024 reg 31; Procurement Reform (Scotland) Act 2014). It compares the bid \
        with the winner, so the whole tender is ranked: name the tender and all its bids, as \
        for `cbscore rank`.

        \(ExitCodes.help)
        """)

    @Argument(help: ArgumentHelp("The bid the summary is for.", valueName: "bid-id"))
    var bid: String

    @Option(name: .long, help: ArgumentHelp("The tender document.", valueName: "tender.xml"))
    var tender: String

    @Argument(help: ArgumentHelp("All the tender's bid files, batches or folders.", valueName: "bids"))
    var bids: [String]

    @OptionGroup var inputs: ScoringInputs

    @Option(name: .long, help: "Output format.")
    var format: AssessmentSummary.Format = .markdown

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        try CommandOutput.run {
            let ranking = try inputs.ranking(tender: tender, bids: bids, detail: .summary, explaining: [bid])
            guard let text = AssessmentSummary.render(ranking, bidID: bid, format: format) else {
                throw CommandFailure([ranking.whyNoExplanation(for: bid, namedIn: "summary \(bid)")])
            }
            try CommandOutput.emit(text, to: output)
        }
    }
}
