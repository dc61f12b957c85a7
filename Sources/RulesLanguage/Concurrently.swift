import Dispatch

/// Runs `body` for chunks 0..<n on all cores and returns when all are done. The caller sees
/// to it that no two chunks write the same memory. Used where one thread would otherwise
/// do alone, after reading, work the bids of a large tender share out: the cross-bid step,
/// a CSV's rows.
public func concurrently(_ n: Int, _ body: (Int) -> Void) {
    guard n > 1 else {
        if n == 1 { body(0) }
        return
    }
    withoutActuallyEscaping(body) { body in
        let shared = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: n) { shared.value($0) }
    }
}

private struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
