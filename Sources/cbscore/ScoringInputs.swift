import Areas
import ArgumentParser
import Diagnostics
import DocumentReading
import Documents
import Engine
import Foundation
import RulesLanguage
import Scoring

/// What `rank` and `summary` share: the scheme, the area tables and what to do with bids that
/// cannot be read. `run(tender:bids:)` reads everything, refuses what it must, and ranks.
struct ScoringInputs: ParsableArguments {
    // `--scheme`, as the monitoring commands name it; `--rules` kept for scripts written before.
    @Option(name: [.customLong("scheme"), .customLong("rules")],
            help: ArgumentHelp("The scheme file (default: the bundled rules/gcr-2026.cbs).", valueName: "file"))
    var rules: String?

    @Option(name: .long, help: ArgumentHelp(
        "A CSV of figures per bid that the scheme declares as inputs (a `bid` column, then one column per input, e.g. panel quality scores). Repeatable.",
        valueName: "file"))
    var inputs: [String] = []

    @OptionGroup var areaOptions: AreaOptions

    @Flag(name: .customLong("exclude-invalid"),
          help: "Leave out bids that cannot be read or scored (listed as refused) instead of stopping.")
    var excludeInvalid = false

    /// Ranks through the library's pipeline (`RankPipeline`), then prints the refusals: every
    /// unreadable bid or unknown area as FILE:LINE:COLUMN naming the bid; without
    /// --exclude-invalid nothing is ranked and the command fails.
    ///
    /// `detail` is how much of each bid's explanation to build; the bids named in `explaining`
    /// (for `--explain`, a summary, an HTML report's breakdowns) are always explained in full.
    /// `explainingChosenBy`: the bids explained in full are chosen once the tender is ranked
    /// (an HTML report's breakdowns; `RankPipeline.rank(_:reader:explainingChosenBy:)`).
    /// `explainingEachRanked`: every ranked bid is explained once ranked and handed over, not
    /// held (a JSON report; `RankPipeline.rank(_:reader:explainingEachRanked:)`).
    func ranking(tender: String, bids: [String], detail: ExplanationDetail = .full,
                 explaining: Set<String> = [], explainingChosenBy choose: ((Ranking) -> Set<String>)? = nil,
                 explainingEachRanked explain: (@Sendable (Int, BidOutcome) throws(DiagnosticsError) -> Void)? = nil) throws -> Ranking {
        let request: RankRequest
        let reader: DocumentReader
        do {
            let files = try DocumentFiles.collect(bids)
            let scheme = try rules.map { path throws(DiagnosticsError) in try Scheme.load(path: path) } ?? Scheme.bundledDefault()
            let panel = try PanelInputs.load(paths: inputs)
            let areas = try areaOptions.loadDirectory()
            reader = try DocumentReader()
            request = RankRequest(tender: tender, bids: files, scheme: scheme, areas: areas, inputs: panel,
                                  detail: detail, explaining: explaining)
            if let note = RankPipeline.tenderAmongBids(request) { CommandOutput.printDiagnostics([note]) }
        } catch let error as DiagnosticsError {
            throw CommandFailure(error.diagnostics)
        }
        let ranking: Ranking
        do {
            if let explain {
                // Without --exclude-invalid a refusal ends the command: no second reading for it.
                ranking = try RankPipeline.rank(request, reader: reader, explainingEachRanked: explain,
                                                unlessRefused: !excludeInvalid) { KeptUntilExit.keep($0) }
            } else if let choose {
                ranking = try RankPipeline.rank(request, reader: reader, explainingChosenBy: choose) { KeptUntilExit.keep($0) }
            } else {
                ranking = try RankPipeline.rank(request, reader: reader) { KeptUntilExit.keep($0) }
            }
        } catch {
            throw CommandFailure(error.diagnostics)
        }
        if !ranking.refused.isEmpty {
            CommandOutput.printDiagnostics(ranking.refused.flatMap(\.diagnostics))
            let bids = ranking.refused.filter { $0.bidID != nil }.count
            let files = ranking.refused.count - bids
            var counted: [String] = []
            if bids > 0 { counted.append("\(bids) bid\(bids == 1 ? "" : "s") refused") }
            if files > 0 { counted.append("\(files) file\(files == 1 ? "" : "s") not readable as bids") }
            guard excludeInvalid else {
                printError(counted.joined(separator: ", ") + "; nothing ranked (use --exclude-invalid to rank the others)")
                throw ExitCode.failure
            }
            // Zero bids ranked and none excluded is no ranking, whatever was asked.
            if ranking.bids.isEmpty {
                throw CommandFailure([Diagnostic(CLIDiagnostic.allRefused, at: SourceLocation(commandLine: "--exclude-invalid"),
                                                 message: counted.joined(separator: ", ") + ": no bid is left to rank")])
            }
        }
        return ranking
    }
}

/// Diagnostics that end a command: printed one per line, exit 1.
struct CommandFailure: Error {
    var diagnostics: [Diagnostic]
    init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

enum CommandOutput {
    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        cbscore.printDiagnostics(diagnostics)
    }

    /// Writes to `path` (whole file, replaced atomically), or stdout when nil. A file that
    /// cannot be written ends the command with a diagnostic naming it, in words.
    static func emit(_ text: String, to path: String?) throws {
        var text = text
        try emit(to: path) { sink in text.withUTF8 { sink(UnsafeRawBufferPointer($0)) } }
    }

    /// Writes what `produce` hands its sink, piece by piece, to `path` (through a temporary
    /// file beside it, renamed over it at the end, so the file is replaced whole or not at
    /// all) or to stdout when nil. A large report is never held whole in memory.
    /// A failure `produce` throws (after writing part) leaves no file.
    static func emit(to path: String?, _ produce: ((UnsafeRawBufferPointer) -> Void) throws -> Void) throws {
        guard let path else {
            try produce { _ = writeAll(STDOUT_FILENO, $0) }
            return
        }
        let temporary = path + ".cbscore-\(ProcessInfo.processInfo.processIdentifier).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw writeError(errno, path: path) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var failure: (any Error)?
        do {
            try produce { bytes in
                guard failure == nil else { return }
                let code = writeAll(descriptor, bytes)
                if code != 0 { failure = writeError(code, path: path) }
            }
        } catch let error as DiagnosticsError {
            failure = failure ?? CommandFailure(error.diagnostics)
        } catch {
            failure = failure ?? error
        }
        do { try handle.close() } catch { failure = failure ?? writeError(errnoOf(error), path: path) }
        if failure == nil, rename(temporary, path) != 0 {
            failure = writeError(errno, path: path)
        }
        if let failure {
            try? FileManager.default.removeItem(atPath: temporary)
            throw failure
        }
    }

    /// Writes all of `bytes` to `descriptor` straight from where they are (a report of a large
    /// tender is over a gigabyte: no copy on the way); 0, or the error.
    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var done = 0
        while done < bytes.count {
            let n = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if n > 0 { done += n } else if n < 0, errno == EINTR { continue } else { return n == 0 ? EIO : errno }
        }
        return 0
    }

    /// The failure to write `path`, in words (`the folder out does not exist`).
    private static func writeError(_ code: Int32, path: String) -> CommandFailure {
        CommandFailure([Diagnostic(CLIDiagnostic.writeFailed, at: SourceLocation(commandLine: "--output"),
                                   message: FileProblem.writing(path, errno: code))])
    }

    /// The POSIX error behind a Foundation write error (EIO when there is none).
    private static func errnoOf(_ error: any Error) -> Int32 {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(underlying.code)
        }
        return EIO
    }

    /// Runs a command body, turning a CommandFailure into its diagnostics and exit code 1.
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as CommandFailure {
            printDiagnostics(failure.diagnostics)
            throw ExitCode.failure
        }
    }
}
