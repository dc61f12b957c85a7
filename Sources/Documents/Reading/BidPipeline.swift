import Foundation
import XMLReading

/// Hands the bids of a batch from the thread that parses them to the thread that maps them,
/// in file order, holding at most `capacity` at once so memory stays bounded.
final class BidPipeline: @unchecked Sendable {
    enum Item: Sendable {
        /// A bid as expanded (nil when the file broke off inside it) and the findings
        /// located from its start to the next bid's start.
        case bid(start: XMLStart, element: XMLElement?, findings: [Diagnostic])
        /// Findings before the first bid (on `<Bids>` itself).
        case outsideBids([Diagnostic])
    }

    private let condition = NSCondition()
    private var items: [Item] = []
    private var head = 0
    private let capacity: Int
    private var finished = false
    private var cancelled = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Waits for room; false once the consumer has gone.
    @discardableResult
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count - head >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        if head > 0 && head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The next item, or nil when the producer has finished and everything was taken.
    func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.count == head && !finished { condition.wait() }
        guard head < items.count else { return nil }
        let item = items[head]
        head += 1
        if head >= capacity {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return item
    }

    func finish() {
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
        var pending: (start: XMLStart, element: XMLElement?)? = nil
        var skip = false
        var bidCount = 0
        while let start = stream.nextElement(skippingCurrent: skip) {
            skip = false
            guard start.depth == 1 else { continue }
            guard start.namespace == DocumentKind.bidNamespace, start.localName == "Bid" else {
                stream.noteForeign(start)
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
                guard pipeline.put(.bid(start: previous.start, element: previous.element, findings: earlier))
                else { return }
            } else if !earlier.isEmpty {
                guard pipeline.put(.outsideBids(earlier)) else { return }
            }
            pending = (start, stream.expandCurrent(keeping: DocumentKind.bidNamespace))
        }
        let rest = stream.takeDiagnostics(rewriter: rewriter)
        if let previous = pending {
            pipeline.put(.bid(start: previous.start, element: previous.element, findings: rest))
        } else if !rest.isEmpty {
            pipeline.put(.outsideBids(rest))
        }
    }
}

extension BidPipeline {
    /// Over `bidsPerFile`: hands on the last bid read, then refuses the rest of the file at once.
    static func refuseTheRest(_ stream: XMLStreamReader, at start: XMLStart,
                              pending: (start: XMLStart, element: XMLElement?)?, into pipeline: BidPipeline) {
        let earlier = stream.takeDiagnostics(before: start.location, rewriter: DocumentSchemas.rewriter)
        if let previous = pending {
            guard pipeline.put(.bid(start: previous.start, element: previous.element, findings: earlier)) else { return }
        }
        let limit = stream.limits.bidsPerFile
        pipeline.put(.outsideBids([ReaderLimits.diagnostic(
            "bids-per-file", limit, at: start.location,
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
