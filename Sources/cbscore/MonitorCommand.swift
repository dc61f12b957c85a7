import ArgumentParser
import Documents
import Foundation
import Monitoring
import Reports

/// `cbscore monitor [CONTRACT] --as-of DATE`: delivered against committed.
struct Monitor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Delivered against committed for one contract, or the whole portfolio.",
        discussion: "Returns whose period starts on or before --as-of count; for each period only the latest submission."
    )

    @Argument(help: "A contract id; without it, the portfolio across every contract.") var contract: String?
    @Option(name: .customLong("as-of"), help: "The date to measure at (YYYY-MM-DD).") var asOf: CalendarDate
    @Option(help: "text, json, csv or html.") var format: MonitoringReport.Format = .text
    @Option(name: .shortAndLong, help: "Write the report to this file instead of stdout.") var output: String?
    @Option(help: "The scheme for delivered points (default: the bundled scheme); must be the one the bid was scored with.")
    var scheme: String?
    @Flag(help: "Leave out delivered points (no scheme needed).") var noPoints = false
    @Option(help: "Deprivation tables, to score delivered points (repeatable; default $CBSCORE_AREAS).") var areas: [String] = []
    @OptionGroup var store: MonitorStoreOptions

    func run() throws {
        let db = try store.open()
        guard let contract else {
            try emit(MonitoringReport.render(try db.portfolio(asOf: asOf), format: format), to: output)
            return
        }
        guard let stored = try db.contract(contract) else {
            printError("no contract '\(contract)'; `cbscore contracts list` shows them")
            throw ExitCode.failure
        }
        var scorer: (any PointsScorer)?
        if !noPoints {
            do {
                let (reference, loaded) = try MonitorInputs.scorer(scheme: scheme, tender: stored.tender,
                                                                   areas: try MonitorInputs.areas(areas))
                if reference.sha256 == stored.summary.scheme.sha256 {
                    scorer = loaded
                } else {
                    printError("warning: contract \(contract) was scored with \(stored.summary.scheme.file) "
                               + "(sha256 \(stored.summary.scheme.sha256.prefix(12))); \(reference.file) differs, "
                               + "so delivered points are left out")
                }
            } catch {
                printError("warning: \(error); delivered points are left out")
            }
        }
        guard let progress = try db.progress(contract: contract, asOf: asOf, scorer: scorer) else {
            throw ExitCode.failure
        }
        try emit(MonitoringReport.render(progress, format: format), to: output)
    }
}
