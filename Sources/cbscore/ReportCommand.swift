import ArgumentParser
import Documents
import Monitoring
import Reports
import Store

/// `cbscore report annual`: the annual procurement report's community benefit figures.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports over the whole store.",
        subcommands: [AnnualReportCommand.self]
    )
}

struct AnnualReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annual",
        abstract: "The annual procurement report's sections 2 and 4, the background of the people hired, and each contract's figures.",
        discussion: "Contracts awarded from --from to --to (both included); what was fulfilled from the current submission of each return whose period starts in that time. Background counts of 1 to 4 people, and any count from which one could be worked out, are withheld."
    )

    @Option(help: "First day of the report period (YYYY-MM-DD).") var from: CalendarDate
    @Option(help: "Last day of the report period (YYYY-MM-DD).") var to: CalendarDate
    @Option(help: "text, json, csv or html.") var format: ReportFormat = .text
    @Option(name: .shortAndLong, help: "Write the report to this file instead of stdout.") var output: String?
    @OptionGroup var store: MonitorStoreOptions

    func validate() throws {
        guard from <= to else { throw ValidationError("--from \(from) is after --to \(to)") }
    }

    func run() async throws {
        do {
            let report = try await store.open().annualReport(from: from, to: to)
            try emit(AnnualReportRender.render(report, format: format, provenance: AnnualReportProvenance(store: store.path)),
                     to: output)
        } catch let error as DiagnosticsError {
            printDiagnostics(error.diagnostics)
            throw ExitCode.failure
        }
    }
}
