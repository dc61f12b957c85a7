import Diagnostics
import Dispatch
import Documents
import RulesLanguage
import Synchronization

/// Evaluates bids on a thread of its own while the caller goes on reading them. Reading a
/// batch already runs on two threads (libxml2 on one, mapping on the other); scoring on a
/// third lets the two cores share all three stages instead of the mapping thread carrying
/// both mapping and scoring. Results come back tagged, so the caller can restore file order
/// and nothing depends on which thread finished first.
public final class BackgroundEvaluator: Sendable {
    public typealias Outcome = (tag: Int, result: Result<BidEvaluation, Refusal>)

    /// Why a bid could not be scored, with its id (the evaluation that would carry it is not
    /// there): kept apart so that the outcome of each of 100,000 scored bids is no larger
    /// than its evaluation.
    public struct Refusal: Error, Sendable {
        public var bidID: String
        public var error: DiagnosticsError
    }

    private let scorer: Scorer
    private let tender: Tender
    /// Background quality of service: libdispatch runs the queue's thread at nice 10 on
    /// Linux, so while a batch is being read the parsing thread (the critical path) and the
    /// mapping thread keep the cores and scoring takes the time they leave. With three
    /// threads on two cores at equal priority the parsing thread got about 80 % of a core
    /// and `rank` took 1.3–1.5× `validate`; with this, 1.15–1.3×. Once reading is over,
    /// scoring runs alone and its priority no longer matters.
    private let queue = DispatchQueue(label: "cbscore.evaluate", qos: .background)
    private let group = DispatchGroup()
    /// Bounds the bids handed over but not yet evaluated, so memory stays bounded when
    /// scoring is slower than reading.
    private let room = DispatchSemaphore(value: 512)
    private let pending = Mutex<[(tag: Int, bid: Bid, detail: ExplanationDetail)]>([])
    /// One list per batch scored, so the caller can take them apart a batch at a time.
    private let outcomes = Mutex<[[Outcome]]>([])
    private static let batch = 32

    public init(scorer: Scorer, tender: Tender) {
        self.scorer = scorer
        self.tender = tender
    }

    /// Queues one bid for evaluation; `tag` comes back with its outcome.
    public func submit(_ bid: Bid, detail: ExplanationDetail, tag: Int) {
        room.wait()
        let full = pending.withLock { list in
            list.append((tag, bid, detail))
            return list.count >= Self.batch
        }
        if full { dispatchPending() }
    }

    /// Waits for every queued bid and returns the outcomes in tag order.
    public func finish() -> [Outcome] {
        var done: [Outcome] = []
        for var batch in finishInBatches() {
            while let outcome = batch.popLast() { done.append(outcome) }
        }
        return done.sorted { $0.tag < $1.tag }
    }

    /// Waits for every queued bid and returns the outcomes in batches, in no particular
    /// order (each carries its tag). Taking them apart a batch at a time (`popLast`) frees
    /// each batch as it goes, so the outcomes are never held twice over.
    public func finishInBatches() -> [[Outcome]] {
        dispatchPending()
        group.wait()
        // Taken out of the lock rather than copied, so the caller holds the only reference
        // and can move outcomes out without copying the list.
        var done: [[Outcome]] = []
        outcomes.withLock { swap(&done, &$0) }
        return done
    }

    private func dispatchPending() {
        let work = pending.withLock { list in
            defer { list.removeAll(keepingCapacity: true) }
            return list
        }
        guard !work.isEmpty else { return }
        queue.async(group: group) { [self] in
            var done: [Outcome] = []
            done.reserveCapacity(work.count)
            for item in work {
                let result = scorer.evaluate(item.bid, tender: tender, detail: item.detail)
                    .mapError { Refusal(bidID: item.bid.id, error: $0) }
                done.append((item.tag, result))
            }
            outcomes.withLock { $0.append(done) }
            for _ in work { room.signal() }
        }
    }
}
