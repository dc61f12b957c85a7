import Areas
import ArgumentParser
import Diagnostics
import DocumentReading
import Documents
import Foundation
import Hashing
import RulesLanguage
import Scoring
import Synchronization

/// What `rank` and `summary` share: the scheme, the area tables and what to do with bids that
/// cannot be read. `run(tender:bids:)` reads everything, refuses what it must, and ranks.
struct ScoringInputs: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The scheme file (default: the bundled rules/gcr-2026.cbs).", valueName: "file"))
    var rules: String?

    @Option(name: .long, help: ArgumentHelp(
        "A CSV of figures per bid that the scheme declares as inputs (a `bid` column, then one column per input, e.g. panel quality scores). Repeatable.",
        valueName: "file"))
    var inputs: [String] = []

    @OptionGroup var areaOptions: AreaOptions

    @Flag(name: .customLong("exclude-invalid"),
          help: "Leave out bids that cannot be read or scored (listed as refused) instead of stopping.")
    var excludeInvalid = false

    /// Reads the tender and every bid, evaluates each, ranks. Refusals come first: every
    /// unreadable bid or unknown area is printed as FILE:LINE:COLUMN naming the bid, and
    /// without --exclude-invalid nothing is ranked and the command fails.
    ///
    /// `detail` is how much of each bid's explanation to build; the bid named `explaining`
    /// (for `--explain` or a summary) is always explained in full.
    func ranking(tender tenderPath: String, bids bidArguments: [String], detail: ExplanationDetail = .full,
                 explaining: String? = nil) throws -> Ranking {
        let files: [String]
        do {
            files = try BidFiles.collect(bidArguments)
        } catch {
            throw CommandFailure(error.diagnostics)
        }
        guard !files.isEmpty else {
            throw CommandFailure([Diagnostic(CLIDiagnostic.noBids, at: SourceLocation(file: bidArguments.first ?? ".", line: 1, column: 1),
                                             message: "no bid files (*.xml) found")])
        }
        let scheme: Scheme
        do {
            scheme = try rules.map { path throws(DiagnosticsError) in try Scheme.load(path: path) } ?? Scheme.bundledDefault()
        } catch let error as DiagnosticsError {
            throw CommandFailure(error.diagnostics)
        }
        let areas = try areaOptions.loadDirectory()
        let reader: DocumentReader
        let tender: Tender
        do {
            reader = try DocumentReader()
            tender = try reader.readTender(at: tenderPath)
        } catch let error as DiagnosticsError {
            throw CommandFailure(error.diagnostics)
        }
        let externalInputs = try loadExternalInputs()
        let scorer = Scorer(scheme: scheme, areas: areas, externalInputs: externalInputs)

        // Bids are scored on a thread of their own while reading goes on (BackgroundEvaluator);
        // every bid and refusal carries its place in the reading order, so the lists below are
        // the same as if each bid had been scored as it was read.
        let evaluator = BackgroundEvaluator(scorer: scorer, tender: tender)
        var refusedInOrder: [(tag: Int, refused: RefusedBid)] = []
        var tag = 0
        var firstSeen: [String: SourceLocation] = [:]
        for file in files {
            do {
                try reader.readBids(at: file, tenderID: tender.id) { result in
                    tag += 1
                    switch result {
                    case .refused(let id, let diagnostics):
                        refusedInOrder.append((tag, RefusedBid(bidID: id, file: file, diagnostics: naming(id, diagnostics))))
                    case .bid(let bid):
                        // Files are read in sorted order, so which copy of a repeated id is kept
                        // never depends on the order the files were named in.
                        if let earlier = firstSeen[bid.id] {
                            refusedInOrder.append((tag, RefusedBid(bidID: bid.id, file: file, diagnostics: [Diagnostic(
                                XMLDiagnostic.duplicateBid, at: bid.location,
                                message: "bid id \(bid.id) is also used at \(earlier); each bid must have its own id",
                                subject: bid.id)])))
                            return
                        }
                        firstSeen[bid.id] = bid.location
                        evaluator.submit(bid, detail: bid.id == explaining ? .full : detail, tag: tag)
                    }
                }
            } catch let error as DiagnosticsError {
                tag += 1
                refusedInOrder.append((tag, RefusedBid(bidID: nil, file: file, diagnostics: error.diagnostics)))
            } catch {
                tag += 1
                refusedInOrder.append((tag, RefusedBid(bidID: nil, file: file, diagnostics: [Diagnostic(
                    CLIDiagnostic.unreadable, at: SourceLocation(file: file, line: 1, column: 1), message: "cannot read the file: \(error)")])))
            }
        }
        // Outcomes are moved out from the end (a copy would retain every field of every
        // evaluation). The evaluations are then in reverse reading order, which ranking does
        // not depend on: it orders bids by their (distinct) ids.
        var finished = evaluator.finish()
        var evaluations: [BidEvaluation] = []
        evaluations.reserveCapacity(finished.count)
        while let (tag, bidID, file, result) = finished.popLast() {
            switch consume result {
            case .success(let evaluation): evaluations.append(evaluation)
            case .failure(let error):
                refusedInOrder.append((tag, RefusedBid(bidID: bidID, file: file, diagnostics: naming(bidID, error.diagnostics))))
            }
        }
        let refused = refusedInOrder.sorted { $0.tag < $1.tag }.map(\.refused)

        let refusals = refused.flatMap(\.diagnostics).sortedForReport()
        if !refused.isEmpty {
            CommandOutput.printDiagnostics(refusals)
            guard excludeInvalid else {
                let count = refused.count
                printError("\(count) bid\(count == 1 ? "" : "s") refused; nothing ranked (use --exclude-invalid to rank the others)")
                throw ExitCode.failure
            }
        }

        // The inputs are hashed on another core while the one-thread ranking runs, then set in
        // the ranking (which sorts them the same way `Scorer.rank` would).
        let hashing = DispatchGroup()
        let hashed = Mutex<[InputFile]>([])
        let paths = [tenderPath] + files + self.inputs.sorted()
        DispatchQueue.global().async(group: hashing) {
            let inputFiles = paths.map { InputFile(file: $0, sha256: (try? SHA256.hexOfFile(atPath: $0)) ?? "") }
            hashed.withLock { $0 = inputFiles }
        }
        do {
            var ranking = try scorer.rank(tender: tender, emptying: &evaluations, inputs: [], refused: refused)
            // What is left of the evaluations lives as long as the process (see KeptUntilExit).
            KeptUntilExit.keep(evaluations)
            hashing.wait()
            ranking.inputs = hashed.withLock { $0 }.sorted()
            return ranking
        } catch let error as DiagnosticsError {
            hashing.wait()
            throw CommandFailure(error.diagnostics)
        }
    }

    /// The `--inputs` CSVs, read in sorted order; a figure given twice keeps the first.
    private func loadExternalInputs() throws -> [String: [String: Exact]] {
        var merged: [String: [String: Exact]] = [:]
        var problems: [Diagnostic] = []
        for path in inputs.sorted() {
            let loaded: [String: [String: Exact]]
            do {
                loaded = try ExternalInputs.load(csvPath: path)
            } catch {
                problems += error.diagnostics
                continue
            }
            for (name, values) in loaded {
                merged[name, default: [:]].merge(values) { first, _ in first }
            }
        }
        guard problems.isEmpty else { throw CommandFailure(problems) }
        return merged
    }

    /// Why a bid named on the command line has no explanation: refused, or not among the bids.
    static func unknownBid(_ id: String, in ranking: Ranking, tender: String) -> Diagnostic {
        if let refused = ranking.refused.first(where: { $0.bidID == id }) {
            return Diagnostic(CLIDiagnostic.refusedBid, at: SourceLocation(file: refused.file, line: 1, column: 1),
                              message: "refused, so it has no score (see the problems listed above)", subject: id)
        }
        return Diagnostic(CLIDiagnostic.unknownBid, at: SourceLocation(file: tender, line: 1, column: 1),
                          message: "no bid \(id) among the bids ranked or excluded")
    }

    /// Sets the bid as the subject of each diagnostic, so every line names the bid.
    private func naming(_ bidID: String?, _ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            var named = diagnostic
            if named.subject == nil { named.subject = bidID }
            return named
        }
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

    /// Writes to `path` (whole file, replaced atomically), or stdout when nil.
    static func emit(_ text: String, to path: String?) throws {
        var text = text
        try emit(to: path) { sink in text.withUTF8 { sink(UnsafeRawBufferPointer($0)) } }
    }

    /// Writes what `produce` hands its sink, piece by piece, to `path` (through a temporary
    /// file beside it, renamed over it at the end, so the file is replaced whole or not at
    /// all) or to stdout when nil. A large report is never held whole in memory.
    static func emit(to path: String?, _ produce: ((UnsafeRawBufferPointer) -> Void) -> Void) throws {
        guard let path else {
            produce { try? FileHandle.standardOutput.write(contentsOf: Data($0)) }
            return
        }
        let temporary = path + ".cbscore-\(ProcessInfo.processInfo.processIdentifier).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw writeError(errno, path: path) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var failure: (any Error)?
        produce { bytes in
            guard failure == nil else { return }
            do { try handle.write(contentsOf: Data(bytes)) } catch { failure = error }
        }
        do { try handle.close() } catch { failure = failure ?? error }
        if failure == nil, rename(temporary, path) != 0 {
            failure = writeError(errno, path: path)
        }
        if let failure {
            try? FileManager.default.removeItem(atPath: temporary)
            throw failure
        }
    }

    /// The error Foundation gives for the same failure, naming the output file.
    private static func writeError(_ code: Int32, path: String) -> CocoaError {
        let kind: CocoaError.Code = switch code {
        case ENOENT, ENOTDIR: .fileNoSuchFile
        case EACCES, EPERM, EROFS: .fileWriteNoPermission
        case ENOSPC: .fileWriteOutOfSpace
        default: .fileWriteUnknown
        }
        return CocoaError(kind, userInfo: [NSFilePathErrorKey: path,
                                           NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)])
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
