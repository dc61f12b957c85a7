import Diagnostics
import Scoring
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The JSON of each ranked bid of a large ranking, written as the bid is explained (in the
/// order the bids are read) to an anonymous temporary file, then copied into the document in
/// rank order (`RankingReport.write(_:bidsFrom:to:)`). What stays in memory per bid is where
/// its JSON is in the file, not its explanation: 100,000 bids' explanations would take 2 GB
/// (issue 12, point 7). The file is in `TMPDIR` (else /tmp), removed from its folder as soon
/// as it is made, so nothing is left behind whatever happens to the process.
public final class JSONBidSpool: Sendable {
    private let descriptor: Int32
    /// Where the file was made (`TMPDIR`), for the diagnostics.
    private let folder: String
    private let state = Mutex(State())

    private struct State: Sendable {
        /// Offset and length of each bid's JSON, by the bid's index in `Ranking.bids`.
        var places: [Int: (offset: Int, length: Int)] = [:]
        /// Where the next bid's JSON goes: the file's length with `pending` written out.
        var end = 0
        /// Bids not yet written out: written a megabyte at a time, not one bid at a time.
        var pending: [UInt8] = []
        var failure: Diagnostic?
    }

    private static let flushSize = 1 << 20

    /// The file is made in `folder`, by default `TMPDIR` (else /tmp).
    public init(folder: String? = nil) throws(DiagnosticsError) {
        let named = folder ?? getenv("TMPDIR").map { String(cString: $0) } ?? ""
        self.folder = named.isEmpty ? "/tmp" : (named.hasSuffix("/") && named.count > 1 ? String(named.dropLast()) : named)
        var template = Array((self.folder + "/cbscore-json-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard made >= 0 else { throw DiagnosticsError([Self.problem(self.folder, "cannot make a temporary file", errno)]) }
        descriptor = made
        // Unnamed from now on: the file goes with the descriptor.
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    }

    deinit { close(descriptor) }

    /// Keeps `bid`'s JSON as the element at `index` of `Ranking.bids` (`bid` is that outcome,
    /// explained). Safe to call from any thread.
    public func add(_ bid: BidOutcome, at index: Int) throws(DiagnosticsError) {
        let bytes = RankingJSON.fragment(bid)
        let failure = state.withLock { state -> Diagnostic? in
            state.places[index] = (state.end, bytes.count)
            state.end += bytes.count
            state.pending.append(contentsOf: bytes)
            guard state.pending.count >= Self.flushSize else { return nil }
            return flush(&state)
        }
        if let failure { throw DiagnosticsError([failure]) }
    }

    /// The number of bids kept.
    public var count: Int { state.withLock { $0.places.count } }

    /// Appends the JSON kept for the bid at `index` to `out` and returns true; false when none
    /// was kept. A failure to read it back is recorded (`failure`), and nothing appended.
    func copy(_ index: Int, into out: inout [UInt8]) -> Bool {
        state.withLock { state in
            guard let place = state.places[index] else { return false }
            if state.failure != nil { return true }
            if !state.pending.isEmpty, let failure = flush(&state) {
                state.failure = failure
                return true
            }
            let start = out.count
            out.append(contentsOf: repeatElement(0, count: place.length))
            var done = 0
            var code: Int32 = 0
            out.withUnsafeMutableBytes { buffer in
                while done < place.length {
                    let n = pread(descriptor, buffer.baseAddress! + start + done, place.length - done, off_t(place.offset + done))
                    if n > 0 { done += n } else if n < 0, errno == EINTR { continue } else { code = n == 0 ? EIO : errno; break }
                }
            }
            if done < place.length {
                out.removeSubrange(start...)
                state.failure = Self.problem(folder, "cannot read back the temporary file", code)
            }
            return true
        }
    }

    /// The first failure to read back what was kept, if any.
    var failure: Diagnostic? { state.withLock { $0.failure } }

    private func flush(_ state: inout State) -> Diagnostic? {
        var code: Int32 = 0
        let written = state.pending.withUnsafeBytes { bytes -> Int in
            var done = 0
            while done < bytes.count {
                let n = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
                if n > 0 { done += n } else if n < 0, errno == EINTR { continue } else { code = n == 0 ? EIO : errno; break }
            }
            return done
        }
        guard written == state.pending.count else { return Self.problem(folder, "cannot write the temporary file", code) }
        state.pending.removeAll(keepingCapacity: true)
        return nil
    }

    private static func problem(_ folder: String, _ what: String, _ code: Int32) -> Diagnostic {
        let reason = switch code {
        case ENOSPC: "the disk is full"
        case ENOENT: "the folder does not exist"
        case EACCES, EPERM: "permission denied"
        case EROFS: "the file system is read-only"
        default: String(cString: strerror(code)).lowercased()
        }
        return Diagnostic(CLIDiagnostic.spoolFailed, at: SourceLocation(commandLine: folder),
                          message: "\(what) that the JSON report's bids are written through: \(reason)",
                          hint: "set TMPDIR to a folder with room for about as much as the report itself")
    }
}
