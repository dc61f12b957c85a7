import Areas
import Diagnostics
import Dispatch
import Foundation
import DocumentReading
import Documents
import Hashing
import RulesLanguage
import Scoring
import Synchronization

/// Where a bid id was first read: a file (by its place in `LocationFiles`), line and column;
/// or nowhere, for an id read only from refused bids (which a later bid may still use).
private struct FirstSeen {
    var file: UInt32
    var line: UInt32
    var column: UInt32

    static let refused = FirstSeen(file: .max, line: 0, column: 0)

    private init(file: UInt32, line: UInt32, column: UInt32) {
        self.file = file
        self.line = line
        self.column = column
    }

    init(_ location: SourceLocation, in files: inout LocationFiles) {
        file = files.index(of: location.file)
        line = UInt32(clamping: location.line)
        column = UInt32(clamping: location.column)
    }

    func location(in files: LocationFiles) -> SourceLocation? {
        file == .max ? nil : SourceLocation(file: files.names[Int(file)], line: Int(line), column: Int(column))
    }
}

/// The few distinct files bids are located in, each numbered once.
private struct LocationFiles {
    var names: [String] = []
    var numbers: [String: UInt32] = [:]

    mutating func index(of file: String) -> UInt32 {
        if let n = numbers[file] { return n }
        let n = UInt32(names.count)
        names.append(file)
        numbers[file] = n
        return n
    }
}

/// The rank pipeline as one library call, the same for the CLI and the service: read the
/// tender, stream every bid file through the reader while a background thread scores what has
/// been read, refuse what must be refused, then rank across the tender and hash every input.
///
/// Bids that cannot be read or scored are not ranked but kept, with their diagnostics, in
/// `Ranking.refused` (in file order, then the order within each file); whether a ranking with
/// refusals may be used is the caller's decision (`--exclude-invalid`).
public enum RankPipeline {
    /// Throws when the tender cannot be read, no bid file is given, or an inputs row names a
    /// bid the tender does not have. `discard` receives what is left of the per-bid
    /// evaluations once ranked (nothing, since `Scorer.rank` empties them as it goes).
    public static func rank(_ request: RankRequest, reader: DocumentReader,
                            discard: (consuming [BidEvaluation]) -> Void = { _ in }) throws(DiagnosticsError) -> Ranking {
        // The tender named again among the bids (its folder given as the bids) is the tender,
        // not a bid to refuse.
        let files = request.bids.filter { !sameFile($0, request.tender) }
        guard !files.isEmpty else {
            throw DiagnosticsError([Diagnostic(CLIDiagnostic.noBids, at: SourceLocation(file: ".", line: 1, column: 1),
                                               message: "no bid files (*.xml) found")])
        }
        let tender = try reader.readTender(request.tender)
        let scorer = Scorer(scheme: request.scheme, areas: request.areas, externalInputs: request.inputs.values)

        // The inputs are hashed while they are read, at background priority: reading leaves
        // part of a core idle (validate uses about 1.4 of 2), and the hash of a 134 MB batch
        // is a third of a second that would otherwise follow the reading.
        let hashing = DispatchGroup()
        let hashed = Mutex<[InputFile]>([])
        let documents = [request.tender] + files + request.inputs.files.map(DocumentInput.file)
        DispatchQueue.global(qos: .background).async(group: hashing) {
            let inputFiles = documents.map { InputFile(file: $0.name, sha256: $0.sha256) }
            hashed.withLock { $0 = inputFiles }
        }
        defer { hashing.wait() }

        // Bids are scored on a thread of their own while reading goes on (BackgroundEvaluator);
        // every bid and refusal carries its place in the reading order, so the lists below are
        // the same as if each bid had been scored as it was read.
        let evaluator = BackgroundEvaluator(scorer: scorer, tender: tender)
        var refusedInOrder: [(tag: Int, refused: RefusedBid)] = []
        var tag = 0
        // Every id read, with where its bid was first read (none for a refused bid): one small
        // value per id, as 100,000 ids make this the largest table held while reading.
        var seen: [String: FirstSeen] = [:]
        var locationFiles = LocationFiles()
        // Within one file the reader refuses a repeated id itself: the table is needed only to
        // compare files with each other, or to check that the panel's rows name real bids.
        let tracking = files.count > 1 || !request.inputs.rows.isEmpty
        // The first tag of each file's bids, so a bid refused by scoring names the file it was
        // read from (an envelope's bid stands at a place inside the envelope, not a file).
        var firstTags: [(tag: Int, file: String)] = []
        for document in files {
            let file = document.name
            firstTags.append((tag + 1, file))
            do {
                try reader.readBids(document, tenderIDs: [tender.id]) { result in
                    tag += 1
                    switch result {
                    case .refused(let id, let diagnostics):
                        if tracking, let id, seen[id] == nil { seen[id] = .refused }
                        refusedInOrder.append((tag, RefusedBid(bidID: id, file: file, diagnostics: naming(id, diagnostics))))
                    case .bid(let bid):
                        // Files are read in sorted order, so which copy of a repeated id is kept
                        // never depends on the order the files were named in.
                        if tracking, let earlier = seen[bid.id]?.location(in: locationFiles) {
                            refusedInOrder.append((tag, RefusedBid(bidID: bid.id, file: file, diagnostics: [Diagnostic(
                                XMLDiagnostic.duplicateBid, at: bid.location,
                                message: "bid id \(bid.id) is also used at \(earlier); each bid must have its own id",
                                subject: bid.id)])))
                            return
                        }
                        if tracking { seen[bid.id] = FirstSeen(bid.location, in: &locationFiles) }
                        evaluator.submit(bid, detail: request.explaining.contains(bid.id) ? .full : request.detail, tag: tag)
                    }
                }
            } catch let error as DiagnosticsError {
                tag += 1
                refusedInOrder.append((tag, RefusedBid(bidID: nil, file: file, diagnostics: error.diagnostics)))
            } catch {
                tag += 1
                refusedInOrder.append((tag, RefusedBid(bidID: nil, file: file, diagnostics: [Diagnostic(
                    CLIDiagnostic.unreadable, at: SourceLocation(file: file, line: 1, column: 1),
                    message: FileProblem.reading(file, error))])))
            }
        }
        // Outcomes are moved out from the end, a batch at a time (a copy would retain every
        // field of every evaluation, and a whole list kept beside the evaluations would hold
        // them twice). The evaluations are then in no particular order, which ranking does
        // not depend on: it orders bids by their (distinct) ids. Refusals are sorted by tag.
        var batches = evaluator.finishInBatches()
        var evaluations: [BidEvaluation] = []
        evaluations.reserveCapacity(batches.reduce(0) { $0 + $1.count })
        while var batch = batches.popLast() {
            while let (tag, result) = batch.popLast() {
                switch consume result {
                case .success(let evaluation): evaluations.append(evaluation)
                case .failure(let refusal):
                    let file = file(ofTag: tag, in: firstTags)
                    refusedInOrder.append((tag, RefusedBid(bidID: refusal.bidID, file: file,
                                                           diagnostics: naming(refusal.bidID, refusal.error.diagnostics))))
                }
            }
        }
        let refused = refusedInOrder.sorted { $0.tag < $1.tag }.map(\.refused)
        if request.areas.hasNoTables, let once = noTables(refused) { throw DiagnosticsError([once]) }
        let unknown = request.inputs.unknownBids(known: seen)
        guard unknown.isEmpty else { throw DiagnosticsError(unknown) }
        seen = [:]
        // What reading freed goes back before ranking allocates (glibc keeps it otherwise).
        returnFreedMemory()

        do {
            var ranking = try scorer.rank(tender: tender, emptying: &evaluations, inputs: [], refused: refused)
            discard(evaluations)
            hashing.wait()
            ranking.inputs = hashed.withLock { $0 }.sorted()
            return ranking
        } catch let error as DiagnosticsError {
            throw error
        } catch {
            throw DiagnosticsError([])
        }
    }

    /// The file whose bids' tags start at or before `tag` (the starts are ascending).
    private static func file(ofTag tag: Int, in starts: [(tag: Int, file: String)]) -> String {
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle].tag <= tag { low = middle } else { high = middle - 1 }
        }
        return starts[low].file
    }

    /// True when `a` and `b` name one file (after `./`, `//` and symbolic links).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        func resolved(_ path: String) -> String {
            URL(fileURLWithPath: DocumentFiles.normalised(path)).resolvingSymlinksInPath().standardizedFileURL.path
        }
        return DocumentFiles.normalised(a) == DocumentFiles.normalised(b) || resolved(a) == resolved(b)
    }

    /// True when both are files and name one file; documents held in memory never are.
    static func sameFile(_ a: DocumentInput, _ b: DocumentInput) -> Bool {
        guard case .file(let x) = a, case .file(let y) = b else { return false }
        return sameFile(x, y)
    }

    /// The tender file when it is also among `bids` (a note for the user), else nil.
    public static func tenderAmongBids(_ request: RankRequest) -> Diagnostic? {
        guard let file = request.bids.first(where: { sameFile($0, request.tender) }) else { return nil }
        return Diagnostic(CLIDiagnostic.tenderAmongBids, severity: .note, at: SourceLocation(commandLine: file.name),
                          message: "this is the tender, also found among the bids; it is read as the tender only")
    }

    /// With no area tables loaded, every bid naming an area is refused for the same reason:
    /// one diagnostic says so, with how to name the tables, instead of one per bid. Nothing
    /// is ranked, with --exclude-invalid or not: a ranking of only the bids that name no
    /// area would not be the tender's ranking.
    static func noTables(_ refused: [RefusedBid]) -> Diagnostic? {
        let areaIDs: Set<String> = [RulesDiagnostic.unknownArea.id, RulesDiagnostic.noAreaTables.id]
        let needing = refused.filter { $0.diagnostics.contains { areaIDs.contains($0.id) } }
        guard let first = needing.first?.diagnostics.first(where: { areaIDs.contains($0.id) }) else { return nil }
        let ids = needing.compactMap(\.bidID)
        let named = ids.count <= 5 ? ids.joined(separator: ", ") : ids.prefix(5).joined(separator: ", ") + " and \(ids.count - 5) more"
        return Diagnostic(AreasDiagnostic.noneLoaded, at: first.span,
                          message: "no deprivation tables are loaded, and \(needing.count) bid\(needing.count == 1 ? " names" : "s name") areas (\(named)); nothing is ranked",
                          hint: "name the official tables (SIMD, IMD, WIMD, ONS postcode lookup) with --areas PATH, a file or a folder, repeatable, or CBSCORE_AREAS=PATH1:PATH2; fixtures/areas holds samples")
    }

    /// Sets the bid as the subject of each diagnostic, so every line names the bid.
    private static func naming(_ bidID: String?, _ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            var named = diagnostic
            if named.subject == nil { named.subject = bidID }
            return named
        }
    }
}

extension Ranking {
    /// Why a bid named by a user has no explanation: it was refused, or it is not among the
    /// tender's bids (the ids there are listed). `argument` is where the user named it
    /// (`--explain`): the fault is there, not in any file.
    public func whyNoExplanation(for id: String, namedIn argument: String) -> Diagnostic {
        if let refused = refused.first(where: { $0.bidID == id }) {
            return Diagnostic(CLIDiagnostic.refusedBid, at: SourceLocation(file: refused.file, line: 1, column: 1),
                              message: "refused, so it has no score (see the problems listed above)", subject: id)
        }
        let known = (bids.map(\.bidID) + refused.compactMap(\.bidID)).sorted()
        return Diagnostic(CLIDiagnostic.unknownBid, at: SourceLocation(commandLine: argument),
                          message: "no bid \(id) among the tender's bids (\(known.joined(separator: ", ")))")
    }
}
