import ArgumentParser
import Diagnostics
import Reports
import Store

/// `cbscore contracts ocds CONTRACT`: the OCDS award and contract release of an awarded
/// contract, read from the store (docs/interchange.md).
struct ContractsOCDS: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocds",
        abstract: "Write the OCDS 1.1 release package (award and contract) of an awarded contract.",
        discussion: """
        The award names the winning bid (relatedBid), its value and supplier; the contract its \
        period and value. Dates come from the store (the award date, else the contract's start), \
        never the clock: the same store gives the same bytes.
        """)

    @Argument(help: "The contract id.") var contract: String
    @Option(name: .customLong("ocid-prefix"), help: ArgumentHelp(
        "The publisher's OCDS prefix (default: the placeholder \(OCDS.placeholderPrefix)).", valueName: "ocds-xxxxxx"))
    var ocidPrefix: String?
    @Option(name: .shortAndLong, help: "Write to this file instead of stdout.") var output: String?
    @OptionGroup var store: MonitorStoreOptions

    func validate() throws {
        if let ocidPrefix, !OCDS.isPrefix(ocidPrefix) {
            throw ValidationError("--ocid-prefix: '\(ocidPrefix)' is not an OCDS prefix (ocds- and six lower-case letters or digits, as registered with the Open Contracting Partnership)")
        }
    }

    func run() async throws {
        guard let stored = try await store.open().contract(contract) else {
            printError("no contract '\(contract)'; `cbscore contracts list` shows them")
            throw ExitCode.failure
        }
        let text: String
        do {
            text = try OCDSReport.contractPackage(stored, ocidPrefix: ocidPrefix)
        } catch {
            printDiagnostics(error.diagnostics)
            throw ExitCode.failure
        }
        if ocidPrefix == nil {
            printError("note: the ocid prefix \(OCDS.placeholderPrefix) is a placeholder; "
                       + "give the publisher's registered prefix with --ocid-prefix")
        }
        try emit(text, to: output)
    }
}
