import ArgumentParser
import Documents
import Foundation
import Monitoring
import Reports
import Store

/// `cbscore monitor [CONTRACT] --as-of DATE`: delivered against committed.
struct Monitor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Delivered against committed for one contract, or the whole portfolio.",
        discussion: "Returns whose period starts on or before --as-of count; for each period only the latest submission."
    )

    @Argument(help: "A contract id; without it, the portfolio across every contract.") var contract: String?
    @Option(name: .customLong("as-of"), help: "The date to measure at (YYYY-MM-DD).") var asOf: CalendarDate
    @Option(help: "text, json, csv or html.") var format: ReportFormat = .text
    @Option(name: .shortAndLong, help: "Write the report to this file instead of stdout.") var output: String?
    @Option(help: "The scheme for delivered points and status thresholds (default: the bundled scheme); must be the one the bid was scored with.")
    var scheme: String?
    @Flag(help: "Leave out delivered points (no scheme needed).") var noPoints = false
    @OptionGroup var areas: AreaOptions
    @OptionGroup var store: MonitorStoreOptions

    func run() async throws {
        do {
            try await report()
        } catch let error as DiagnosticsError {
            printDiagnostics(error.diagnostics)
            throw ExitCode.failure
        }
    }

    func report() async throws {
        let db = try store.open()
        let thresholds = MonitorInputs.thresholds(of: try MonitorInputs.scheme(at: scheme))
        guard let contract else {
            try emit(MonitoringReport.render(try await db.portfolio(asOf: asOf, thresholds: thresholds), format: format), to: output)
            return
        }
        guard let stored = try await db.contract(contract) else {
            printError("no contract '\(contract)'; `cbscore contracts list` shows them")
            throw ExitCode.failure
        }
        var scorer: (any PointsScorer)?
        if !noPoints {
            guard let tender = stored.tender else {
                printError("contract \(contract) was awarded without its tender; use --no-points")
                throw ExitCode.failure
            }
            let (reference, loaded) = try MonitorInputs.scorer(scheme: scheme, tender: tender, areas: try areas.loadDirectory())
            guard reference.sha256 == stored.summary.scheme.sha256 else {
                printError("contract \(contract) was scored with \(stored.summary.scheme.file) (sha256 "
                           + "\(stored.summary.scheme.sha256.prefix(12))…), not \(reference.file) (\(reference.sha256.prefix(12))…): "
                           + "name that scheme with --scheme, or use --no-points")
                throw ExitCode.failure
            }
            scorer = loaded
        }
        guard let progress = try await db.progress(contract: contract, asOf: asOf, thresholds: thresholds, scorer: scorer) else {
            throw ExitCode.failure
        }
        try emit(MonitoringReport.render(progress, format: format), to: output)
    }
}
