import Documents
import Foundation
import XMLReading

/// Hands the bids of a batch from the thread that parses them to the thread that maps them,
/// in file order, holding at most `capacity` at once so memory stays bounded.
final class BidPipeline: @unchecked Sendable {
    enum Item: Sendable {
        /// A bid as captured (nil when the file broke off inside it) and the findings
        /// located from its start to the next bid's start. The consumer builds its tree.
        case bid(start: XMLStart, record: XMLRecord?, findings: [Diagnostic])
        /// Findings before the first bid (on `<Bids>` itself).
        case outsideBids([Diagnostic])
    }

    private let condition = NSCondition()
    private var items: [Item] = []
    private let capacity: Int
    private var finished = false
    private var cancelled = false
    /// The producer's items not yet handed over, and the consumer's not yet taken: the two
    /// threads meet under the lock once per `batch` items rather than once per bid.
    private var outbox: [Item] = []
    private var inbox: [Item] = []
    private var inboxHead = 0
    private let batch = 16

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Queues an item (producer only); waits for room when the queue is full. False once the
    /// consumer has gone.
    @discardableResult
    func put(_ item: Item) -> Bool {
        outbox.append(item)
        return outbox.count < batch || flush()
    }

    /// Hands the producer's queued items over (producer only).
    @discardableResult
    func flush() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(contentsOf: outbox)
        outbox.removeAll(keepingCapacity: true)
        condition.broadcast()
        return true
    }

    /// The next item, or nil when the producer has finished and everything was taken
    /// (consumer only).
    func take() -> Item? {
        if inboxHead < inbox.count {
            defer { inboxHead += 1 }
            return inbox[inboxHead]
        }
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        guard !items.isEmpty else { return nil }
        swap(&inbox, &items)
        items.removeAll(keepingCapacity: true)
        inboxHead = 1
        condition.broadcast()
        return inbox[0]
    }

    func finish() {
        flush()
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer stops early (its body threw): the producer stops at its next bid.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Runs on the parsing thread. libxml2's parser runs ahead of the reader, so a bid's
    /// findings are only complete once the next bid has begun: each bid is handed on when
    /// the next one starts (or the file ends).
    static func produce(from stream: XMLStreamReader?, into pipeline: BidPipeline) {
        defer { pipeline.finish() }
        guard let stream else { return }
        XMLStreamReader.silenceUnroutedErrors()
        let rewriter = DocumentSchemas.rewriter
        var pending: (start: XMLStart, record: XMLRecord?)? = nil
        var skip = false
        var bidCount = 0
        while let start = stream.nextElement(skippingCurrent: skip) {
            skip = false
            guard start.depth == 1 else { continue }
            guard start.namespace == DocumentKind.bidNamespace, start.localName == "Bid" else {
                skip = !start.isEmpty
                continue
            }
            bidCount += 1
            if bidCount > stream.limits.bidsPerFile {
                refuseTheRest(stream, at: start, pending: pending, into: pipeline)
                return
            }
            let earlier = stream.takeDiagnostics(before: start.location, rewriter: rewriter)
            if let previous = pending {
                guard pipeline.put(.bid(start: previous.start, record: previous.record, findings: earlier))
                else { return }
            } else if !earlier.isEmpty {
                guard pipeline.put(.outsideBids(earlier)) else { return }
            }
            pending = (start, stream.captureCurrent(keeping: DocumentKind.bidNamespace))
        }
        // A batch cut short: the findings at its end (that it is truncated) belong to the file,
        // not to the last bid, unless that bid is the one cut.
        let rest = stream.takeDiagnostics(before: stream.truncatedAt, rewriter: rewriter)
        var atEnd = stream.takeDiagnostics(rewriter: rewriter)
        if let previous = pending {
            let cut = previous.record == nil
            pipeline.put(.bid(start: previous.start, record: previous.record, findings: cut ? rest + atEnd : rest))
            if cut { atEnd = [] }
        } else {
            atEnd = rest + atEnd
        }
        if !atEnd.isEmpty {
            pipeline.put(.outsideBids(atEnd))
        }
    }
}

extension BidPipeline {
    /// Over `bidsPerFile`: hands on the last bid read, then refuses the rest of the file at once.
    static func refuseTheRest(_ stream: XMLStreamReader, at start: XMLStart,
                              pending: (start: XMLStart, record: XMLRecord?)?, into pipeline: BidPipeline) {
        let earlier = stream.takeDiagnostics(before: start.location, rewriter: DocumentSchemas.rewriter)
        if let previous = pending {
            guard pipeline.put(.bid(start: previous.start, record: previous.record, findings: earlier)) else { return }
        }
        let limit = stream.limits.bidsPerFile
        pipeline.put(.outsideBids([ReaderLimits.diagnostic(
            .limitBidsPerFile, limit, at: start.location,
            found: "the file holds more than \(limit) bids; this bid and the rest are not read")]))
    }
}

/// Moves a reader to the parsing thread: the calling thread opened it and checked its root,
/// and does not touch it again until that thread has finished with it.
final class StreamHandOff: @unchecked Sendable {
    private var stream: XMLStreamReader?

    init(_ stream: XMLStreamReader) {
        self.stream = stream
    }

    func take() -> XMLStreamReader? {
        defer { stream = nil }
        return stream
    }
}
