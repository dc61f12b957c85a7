import Diagnostics
import Dispatch
import DocumentReading
import Documents
import RulesLanguage
import Scoring
import Synchronization

extension RankPipeline {
    /// A ranking whose every ranked bid is explained in full, handed to `explain` one at a
    /// time rather than held: a JSON report of a large tender shows every figure and step of
    /// every bid, some 20 KB of memory a bid once recorded (issue 12, point 7).
    ///
    /// The tender is ranked silently (the returned ranking: order, ranks, totals, tie-breaks,
    /// and the excluded bids' gates in full), then its files are read again, each ranked bid
    /// evaluated in full and its scores and total explained with what the cross-bid step
    /// fixed for the tender (`Program.explainScores`), as a ranking recorded in full would
    /// hold them. `explain` receives the bid's index in the returned ranking's `bids` and its
    /// outcome so explained, in reading order, on background threads (possibly several at
    /// once), while the next bids are read; it is called exactly once for each ranked bid
    /// before this returns. Refused (`cli.input-changed`) if the second reading's files are
    /// not the first's (their hashes differ); a failure `explain` throws ends the reading and
    /// is thrown. With `unlessRefused`, a first reading that refused bids is returned as it
    /// is, no bid explained: a caller that will not use a ranking with refusals (`rank`
    /// without `--exclude-invalid`) does not wait for a second reading.
    public static func rank(_ request: RankRequest, reader: DocumentReader,
                            explainingEachRanked explain: @escaping @Sendable (Int, BidOutcome) throws(DiagnosticsError) -> Void,
                            unlessRefused: Bool = false,
                            discard: (consuming [BidEvaluation]) -> Void = { _ in }) throws(DiagnosticsError) -> Ranking {
        var silent = request
        silent.detail = .summary
        silent.explaining = []
        let ranking = try rank(silent, reader: reader, discard: discard)
        if unlessRefused, !ranking.refused.isEmpty { return ranking }
        // What the first reading freed goes back before the second reading allocates.
        returnFreedMemory()
        // Each ranked bid's place in the ranking, removed once it is sent to be explained:
        // a later bid with the same id is the duplicate the first reading refused.
        var places: [String: Int] = [:]
        places.reserveCapacity(ranking.bids.count)
        for (index, bid) in ranking.bids.enumerated() where bid.status == .ranked { places[bid.bidID] = index }
        guard !places.isEmpty, let context = ranking.crossBid else { return ranking }

        let scorer = Scorer(scheme: request.scheme, areas: request.areas, externalInputs: request.inputs.values)
        let tender = ranking.tender
        let explaining = BackgroundWork<(bid: Bid, place: Int)> { item throws(DiagnosticsError) in
            switch scorer.evaluate(item.bid, tender: tender, detail: .full) {
            case .success(var evaluation):
                try scorer.scheme.program.explainScores(&evaluation.result, in: context)
                var outcome = ranking.bids[item.place]
                outcome.explanation = evaluation.result.explanation
                try explain(item.place, outcome)
            case .failure(let error):
                throw error
            }
        }
        let files = request.bids.filter { !sameFile($0, request.tender) }
        for document in files {
            // A file that cannot be read now was refused by the first reading, or has changed
            // (its bids are then missing below, and its hash differs).
            try? reader.readBids(document, tenderIDs: [tender.id]) { result in
                guard !explaining.failed else { throw CancellationError() }
                guard case .bid(let bid) = result, let place = places.removeValue(forKey: bid.id) else { return }
                explaining.submit((bid, place))
            }
        }
        let failure = explaining.finish()
        // Hashed once every bid is explained, so a file changed at any time during the second
        // reading is noticed.
        let documents = [request.tender] + files + request.inputs.files.map(DocumentInput.file)
        let read = documents.map { InputFile(file: $0.name, sha256: $0.sha256) }.sorted()
        if let changed = changedInput(read, ranking.inputs) { throw DiagnosticsError([changed]) }
        if let failure { throw failure }
        guard places.isEmpty else {
            // Every file is as it was, so every ranked bid was read again: not reached.
            throw DiagnosticsError([changedInputDiagnostic(request.tender.name)])
        }
        return ranking
    }

    /// `cli.input-changed` naming the first file whose hash differs between two readings
    /// (`now` and `before`, each sorted), or nil when none does.
    static func changedInput(_ now: [InputFile], _ before: [InputFile]) -> Diagnostic? {
        guard now != before else { return nil }
        let changed = zip(now, before).first { $0 != $1 }?.0.file ?? now.last?.file ?? before.last?.file ?? "."
        return changedInputDiagnostic(changed)
    }

    static func changedInputDiagnostic(_ file: String) -> Diagnostic {
        Diagnostic(CLIDiagnostic.inputChanged, at: SourceLocation(commandLine: file),
                   message: "this file changed while it was read; nothing is reported (run the command again)")
    }
}

/// Runs `body` on each submitted item on background threads while the caller goes on reading,
/// as `BackgroundEvaluator` does for the first reading: at most 512 items wait, so memory
/// stays bounded when the work is slower than reading. After the first failure the rest is
/// skipped.
final class BackgroundWork<Item: Sendable>: Sendable {
    private let body: @Sendable (Item) throws(DiagnosticsError) -> Void
    /// Background quality of service, as `BackgroundEvaluator`: while a batch is read, the
    /// reading threads (the critical path) keep the cores. Concurrent: once reading is over,
    /// explaining (the larger share of the work) has both cores.
    private let queue = DispatchQueue(label: "cbscore.explain", qos: .background, attributes: .concurrent)
    private let group = DispatchGroup()
    private let room = DispatchSemaphore(value: 512)
    private let pending = Mutex<[Item]>([])
    private let failure = Mutex<DiagnosticsError?>(nil)
    private static var batch: Int { 32 }

    init(_ body: @escaping @Sendable (Item) throws(DiagnosticsError) -> Void) {
        self.body = body
    }

    /// True once an item has failed.
    var failed: Bool { failure.withLock { $0 != nil } }

    func submit(_ item: Item) {
        room.wait()
        let full = pending.withLock { list in
            list.append(item)
            return list.count >= Self.batch
        }
        if full { dispatchPending() }
    }

    /// Waits for every item; the first failure, if any.
    func finish() -> DiagnosticsError? {
        dispatchPending()
        group.wait()
        return failure.withLock { $0 }
    }

    private func dispatchPending() {
        let work = pending.withLock { list in
            defer { list.removeAll(keepingCapacity: true) }
            return list
        }
        guard !work.isEmpty else { return }
        queue.async(group: group) { [self] in
            for item in work {
                if !failed {
                    do throws(DiagnosticsError) {
                        try body(item)
                    } catch {
                        failure.withLock { if $0 == nil { $0 = error } }
                    }
                }
                room.signal()
            }
        }
    }
}
