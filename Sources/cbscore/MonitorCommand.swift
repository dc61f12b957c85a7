import ArgumentParser
import Engine
import Documents
import Foundation
import Monitoring
import Reports
import Scoring
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

    /// Jobs and apprenticeships name the area a hire is to come from.
    static func namesArea(_ commitment: Commitment) -> Bool {
        switch commitment {
        case .job(let c): c.area != nil
        case .apprenticeship(let c): c.area != nil
        default: false
        }
    }

    // The report is split into small async functions around sync ones: one long async body
    // holding an optional existential across awaits crashed the Swift 6.3 optimiser
    // (CoroSplit, signal 11) in release builds.
    func report() async throws {
        let db = try store.open()
        let loadedScheme = try MonitorInputs.scheme(at: scheme)
        if let contract {
            try await contractReport(contract, db: db, thresholds: loadedScheme.deliveryThresholds)
        } else {
            let portfolio = try await db.portfolio(asOf: asOf, thresholds: loadedScheme.deliveryThresholds)
            let provenance = MonitoringProvenance(scheme: loadedScheme.reference, store: store.path, asOf: asOf)
            try emit(MonitoringReport.render(portfolio, format: format, provenance: provenance), to: output)
        }
    }

    private func contractReport(_ contract: String, db: EvaluationStore, thresholds: RAGThresholds) async throws {
        guard let stored = try await db.contract(contract) else {
            printError("no contract '\(contract)'; `cbscore contracts list` shows them")
            throw ExitCode.failure
        }
        let scorer = try noPoints ? nil : pointsScorer(for: stored, contract: contract)
        guard let progress = try await db.progress(contract: contract, asOf: asOf, thresholds: thresholds, scorer: scorer) else {
            throw ExitCode.failure
        }
        let provenance = MonitoringProvenance(
            scheme: stored.summary.scheme, store: store.path, asOf: asOf,
            files: [InputFile(file: stored.summary.bidFile, sha256: stored.summary.bidSHA256)])
        try emit(MonitoringReport.render(progress, format: format, provenance: provenance), to: output)
    }

    /// The scheme that scored the bid, to score what was delivered; it must be that very scheme.
    private func pointsScorer(for stored: StoredContract, contract: String) throws -> (any PointsScorer)? {
        guard let tender = stored.tender else {
            printError("contract \(contract) was awarded without its tender; use --no-points")
            throw ExitCode.failure
        }
        let lookup = try areas.loadDirectory()
        // Delivered points score the delivered commitments, areas and all: without tables
        // that cannot be done, and the report can still be had without points.
        if lookup.hasNoTables, stored.bid.commitments.contains(where: Self.namesArea) {
            throw DiagnosticsError([Diagnostic(
                AreasDiagnostic.noneLoaded, at: SourceLocation(commandLine: "--areas"),
                message: "no deprivation tables are loaded, and contract \(contract)'s commitments name areas, so delivered points cannot be scored",
                hint: "name the tables with --areas PATH (or CBSCORE_AREAS), or leave points out with --no-points")])
        }
        let (reference, loaded) = try MonitorInputs.scorer(scheme: scheme, tender: tender, areas: lookup)
        guard reference.sha256 == stored.summary.scheme.sha256 else {
            printError("contract \(contract) was scored with \(stored.summary.scheme.file) (sha256 "
                       + "\(stored.summary.scheme.sha256.prefix(12))…), not \(reference.file) (\(reference.sha256.prefix(12))…): "
                       + "name that scheme with --scheme, or use --no-points")
            throw ExitCode.failure
        }
        return loaded
    }
}
