import ArgumentParser
import Diagnostics
import Engine
import Reports
import RulesLanguage
import Scoring

extension ReportFormat: ExpressibleByArgument {}

/// What `rank --format` takes: the report formats, and an OCDS release package.
enum RankFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, csv, html, ocds

    var report: ReportFormat? { ReportFormat(rawValue: rawValue) }
    var explanationDetail: ExplanationDetail { report?.explanationDetail ?? .summary }
}

/// `cbscore rank TENDER BIDS...`: scores a tender's bids with a scheme and prints the ranking.
struct RankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Rank a tender's bids on community benefits.",
        discussion: """
        BIDS are bid files, batch files or folders (searched recursively for *.xml); the order \
        they are named in never changes the result. A bid that cannot be read or names an \
        unknown area is reported as FILE:LINE:COLUMN and nothing is ranked, unless \
        --exclude-invalid is given. Areas need the deprivation tables (--areas).

        \(ExitCodes.help)
        """)

    @Argument(help: ArgumentHelp("The tender document.", valueName: "tender.xml"))
    var tender: String

    @Argument(help: ArgumentHelp("Bid files, batches or folders.", valueName: "bids"))
    var bids: [String]

    @OptionGroup var inputs: ScoringInputs

    @Option(name: .long, help: "Output format (ocds: an OCDS 1.1 release package).")
    var format: RankFormat = .text

    @Option(name: .customLong("ocid-prefix"), help: ArgumentHelp(
        "The publisher's OCDS prefix for --format ocds (default: the placeholder \(OCDS.placeholderPrefix)).",
        valueName: "ocds-xxxxxx"))
    var ocidPrefix: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Print the whole explanation of one bid: text, or with --format json the result document holding that bid.", valueName: "bid"))
    var explain: String?

    func validate() throws {
        if explain != nil, format.report.map(RankingReport.explainFormats.contains) != true {
            throw ValidationError("--explain gives text or JSON (--format text|json); --format \(format.rawValue) shows the whole ranking with the bids' breakdowns")
        }
        if let ocidPrefix {
            guard format == .ocds else { throw ValidationError("--ocid-prefix is for --format ocds") }
            guard OCDS.isPrefix(ocidPrefix) else {
                throw ValidationError("--ocid-prefix: '\(ocidPrefix)' is not an OCDS prefix (ocds- and six lower-case letters or digits, as registered with the Open Contracting Partnership)")
            }
        }
    }

    func run() throws {
        try CommandOutput.run {
            // The text table and CSV show only points and reasons: the figures and steps behind
            // every bid are built only for the formats (and the bid) that show them.
            if explain == nil, format == .json {
                // Every bid's JSON is written as the bid is explained, to a temporary file,
                // then into the report in rank order: no explanation is held.
                let spool: JSONBidSpool
                do throws(DiagnosticsError) { spool = try JSONBidSpool() } catch { throw CommandFailure(error.diagnostics) }
                let ranking = try inputs.ranking(tender: tender, bids: bids, detail: .summary,
                                                 explainingEachRanked: { (index, bid) throws(DiagnosticsError) in try spool.add(bid, at: index) })
                try CommandOutput.emit(to: output) { try RankingReport.writeJSON(ranking, bidsFrom: spool, to: $0) }
                KeptUntilExit.keep(ranking)
                return
            }
            let ranking = try rank()
            if let explain, let report = format.report {
                guard let text = RankingReport.explain(ranking, bidID: explain, format: report) else {
                    throw CommandFailure([ranking.whyNoExplanation(for: explain, namedIn: "--explain")])
                }
                try CommandOutput.emit(text, to: output)
            } else if let report = format.report {
                try CommandOutput.emit(to: output) { RankingReport.write(ranking, format: report, to: $0) }
            } else {
                if ocidPrefix == nil {
                    printError("note: the ocid prefix \(OCDS.placeholderPrefix) is a placeholder; "
                               + "give the publisher's registered prefix with --ocid-prefix")
                }
                try CommandOutput.emit(OCDSReport.tenderPackage(ranking, ocidPrefix: ocidPrefix), to: output)
            }
            KeptUntilExit.keep(ranking)
        }
    }

    /// The ranking the report needs. The text table and CSV show only points and reasons:
    /// the figures and steps behind a bid are recorded only for the formats (and the bids)
    /// that show them. HTML breaks down only some bids of a large tender (`HTMLBreakdowns`),
    /// which are known once ranked: the bids are ranked silently, then again recording
    /// those, rather than holding every bid's explanation. (JSON, which shows every bid in
    /// full, is written as the bids are explained: `run`.)
    private func rank() throws -> Ranking {
        guard explain == nil else {
            return try inputs.ranking(tender: tender, bids: bids, detail: .summary, explaining: explain.map { [$0] } ?? [])
        }
        guard format == .html else {
            return try inputs.ranking(tender: tender, bids: bids, detail: format.explanationDetail)
        }
        return try inputs.ranking(tender: tender, bids: bids, detail: .summary, explainingChosenBy: HTMLBreakdowns.bids)
    }
}

/// Values the command hands over when it has written its output, so they are never torn down
/// one by one: freeing 100,000 bids' explanations takes a noticeable share of a large
/// `rank`, and the process ends straight after. Globals are not destroyed at exit.
enum KeptUntilExit {
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ value: Any) {
        kept.append(value)
    }
}
