import ArgumentParser
import Diagnostics
import DocumentReading

/// `cbscore envelope BID --tender TENDER`: writes the UBL 2.2 Tender envelope a portal would
/// send for one bid (docs/interchange.md).
struct EnvelopeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "envelope",
        abstract: "Write the UBL 2.2 Tender envelope (Peppol tender response) that carries one bid.",
        discussion: """
        The envelope names the procurement (the tender's id), the tenderer (the bidder) and the \
        buyer (the tender's authority), and embeds the bid file unchanged, in base64, with its \
        SHA-256. Its date is the bid's Submitted, so the same files always give the same bytes. \
        validate, rank and summary accept the envelope wherever they accept a bid file.
        """)

    @Argument(help: ArgumentHelp("The bid file (one <Bid>).", valueName: "bid.xml"))
    var bid: String

    @Option(name: .long, help: ArgumentHelp("The tender the bid answers.", valueName: "tender.xml"))
    var tender: String

    @Option(name: .long, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        try CommandOutput.run {
            let text: String
            do {
                text = try DocumentReader().makeEnvelope(bidAt: bid, tenderAt: tender)
            } catch let error as DiagnosticsError {
                throw CommandFailure(error.diagnostics)
            }
            try CommandOutput.emit(text, to: output)
        }
    }
}
