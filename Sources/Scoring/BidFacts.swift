import Diagnostics
import Documents
import ExactNumbers

/// What a ranking says of one bid besides its explanation: who bid, at what price, when and
/// where, and (once ranked or excluded) its total, tie-break and components. Plain values, for
/// building and changing a bid's entry; `PackedFacts` holds them.
struct BidFacts: Sendable, Hashable {
    var bidID: String
    var bidder: String
    var price: Money
    var submitted: Instant
    var line: Int
    var column: Int
    var companyNumber: String?
    var bidderSize: BidderSize?
    var total: Exact? = nil
    var tieBreak: String? = nil
    var components: [Exact] = []
    var inputs: [String: Exact] = [:]
}

/// A bid's facts packed one after another in bytes, in `PackedFacts.Field` order: about 120
/// bytes a bid, where the same facts as Swift values take about 350 and several allocations.
/// A ranking of 100,000 bids keeps one of these per bid (issue 12, point 7); each fact is
/// read where it stands, and a change repacks the whole (rare: tests, examples).
struct PackedFacts: Sendable, Hashable {
    private(set) var bytes: [UInt8]

    /// The order of the facts. An evaluation holds those up to `bidderSize`; a ranked or
    /// excluded bid all of them.
    enum Field: Int {
        case bidID, bidder, amount, currency, lexical, epochSeconds, nanoseconds, line, column, companyNumber, bidderSize
        case total, tieBreak, components, inputs

        var kind: Kind {
            switch self {
            case .bidID, .bidder, .currency, .lexical: .string
            case .companyNumber, .bidderSize, .tieBreak: .optionalString
            case .amount: .exact
            case .total: .optionalExact
            case .epochSeconds, .nanoseconds, .line, .column: .int
            case .components: .exacts
            case .inputs: .inputs
            }
        }
    }

    enum Kind { case string, optionalString, exact, optionalExact, int, optionalInt, exacts, inputs }

    /// No facts: what an evaluation keeps once its facts are moved into a ranking.
    init() { bytes = [] }

    /// Packs the identity (through `bidderSize`) and, with `outcome`, the rest.
    init(_ facts: BidFacts, outcome: Bool, room: Int = 0) {
        var w = Writer()
        w.string(facts.bidID)
        w.string(facts.bidder)
        w.exact(facts.price.amount)
        w.string(facts.price.currency)
        w.string(facts.submitted.lexical)
        w.int(facts.submitted.epochSeconds)
        w.int(facts.submitted.nanoseconds)
        w.int(facts.line)
        w.int(facts.column)
        w.optionalString(facts.companyNumber)
        w.optionalString(facts.bidderSize?.rawValue)
        if outcome {
            w.outcome(total: facts.total, tieBreak: facts.tieBreak, components: facts.components,
                      inputs: facts.inputs)
        }
        bytes = PackedBytes.trimmed(w.bytes, leavingRoom: room)
    }

    /// An evaluation's identity with a bid's outcome appended in place (the bytes are moved,
    /// not copied, when the identity is not shared).
    init(identity: consuming PackedFacts, total: Exact?, tieBreak: String?, components: [Exact],
         inputs: [String: Exact]) {
        var w = Writer(bytes: identity.bytes)
        identity.bytes = []
        w.outcome(total: total, tieBreak: tieBreak, components: components, inputs: inputs)
        // In place when the identity left room enough (`Scorer.outcomeRoom`); trimmed when
        // appending had to double the buffer.
        bytes = w.bytes.capacity - w.bytes.count > 64 ? PackedBytes.trimmed(w.bytes) : w.bytes
    }

    var hasOutcome: Bool { bytes.withUnsafeBytes { raw in Reader(raw: raw).seek(to: .total) < raw.count } }

    /// Every fact, unpacked.
    var unpacked: BidFacts {
        bytes.withUnsafeBytes { raw in
            var r = Reader(raw: raw)
            var facts = BidFacts(bidID: r.string(), bidder: r.string(), price: Money(r.exact(), currency: r.string()),
                                 submitted: Instant(lexical: r.string(), epochSeconds: r.int(), nanoseconds: r.int()),
                                 line: r.int(), column: r.int(), companyNumber: r.optionalString(),
                                 bidderSize: r.optionalString().flatMap(BidderSize.init(rawValue:)))
            if r.offset < raw.count {
                facts.total = r.optionalExact()
                facts.tieBreak = r.optionalString()
                facts.components = r.exacts()
                facts.inputs = r.inputs()
            }
            return facts
        }
    }

    /// Reads one fact where it stands; `body` gets a reader placed on it. A fact past the end
    /// (an outcome fact of an evaluation) reads as `absent`.
    func read<T>(_ field: Field, absent: T, _ body: (inout Reader) -> T) -> T {
        bytes.withUnsafeBytes { raw in
            var r = Reader(raw: raw)
            r.offset = r.seek(to: field)
            return r.offset < raw.count ? body(&r) : absent
        }
    }

    func string(_ field: Field) -> String { read(field, absent: "") { $0.string() } }
    func optionalString(_ field: Field) -> String? { read(field, absent: nil) { $0.optionalString() } }
    func int(_ field: Field) -> Int { read(field, absent: 0) { $0.int() } }
    var price: Money {
        get { read(.amount, absent: Money(.zero)) { r in Money(r.exact(), currency: r.string()) } }
        set { update { $0.price = newValue } }
    }
    var submitted: Instant {
        get {
            read(.lexical, absent: Instant(lexical: "", epochSeconds: 0)) { r in
                Instant(lexical: r.string(), epochSeconds: r.int(), nanoseconds: r.int())
            }
        }
        set { update { $0.submitted = newValue } }
    }

    // The facts both an evaluation and an outcome show, read where they stand and changed by
    // repacking: `BidEvaluation` and `BidOutcome` forward to these.
    var bidID: String {
        get { string(.bidID) }
        set { update { $0.bidID = newValue } }
    }
    var bidder: String {
        get { string(.bidder) }
        set { update { $0.bidder = newValue } }
    }
    var companyNumber: String? {
        get { optionalString(.companyNumber) }
        set { update { $0.companyNumber = newValue } }
    }
    var bidderSize: BidderSize? {
        get { optionalString(.bidderSize).flatMap(BidderSize.init(rawValue:)) }
        set { update { $0.bidderSize = newValue } }
    }

    /// The facts a report row copies as they stand, found in one pass over the bytes.
    func withRow<R>(_ body: (FactRow) -> R) -> R {
        bytes.withUnsafeBytes { raw in
            var r = Reader(raw: raw)
            let bidID = r.rawString(), bidder = r.rawString(), amount = r.exact(), currency = r.rawString()
            let submitted = r.rawString()
            for field in Field.epochSeconds.rawValue...Field.bidderSize.rawValue { r.skip(Field(rawValue: field)!.kind) }
            let outcome = r.offset < raw.count
            let total = outcome ? r.optionalExact() : nil
            let tieBreak = outcome ? r.rawOptionalString() : nil
            return body(FactRow(bidID: bidID, bidder: bidder, price: amount, currency: currency, submitted: submitted,
                                total: total, tieBreak: tieBreak))
        }
    }

    /// Where the bid starts in `file` (which the owner keeps, shared by a file's bids).
    func location(in file: String) -> SourceLocation { SourceLocation(file: file, line: int(.line), column: int(.column)) }

    mutating func setPlace(_ location: SourceLocation) {
        update {
            $0.line = location.line
            $0.column = location.column
        }
    }

    /// Changes facts by unpacking them all and packing them again.
    mutating func update(_ change: (inout BidFacts) -> Void) {
        let outcome = hasOutcome
        var facts = unpacked
        change(&facts)
        self = PackedFacts(facts, outcome: outcome)
    }

    /// Equal when the facts are equal as values (strings compare as Swift compares them).
    static func == (a: PackedFacts, b: PackedFacts) -> Bool { a.bytes == b.bytes || a.unpacked == b.unpacked }
    func hash(into hasher: inout Hasher) { hasher.combine(unpacked) }

    struct Writer {
        var bytes: [UInt8] = []

        mutating func outcome(total: Exact?, tieBreak: String?, components: [Exact], inputs: [String: Exact]) {
            optionalExact(total)
            optionalString(tieBreak)
            exacts(components)
            self.inputs(inputs)
        }

        mutating func string(_ s: String) {
            Exact.appendUnsigned(UInt128(s.utf8.count), to: &bytes)
            bytes.append(contentsOf: s.utf8)
        }

        /// Nil as 0, a string as its length plus one.
        mutating func optionalString(_ s: String?) {
            guard let s else { return bytes.append(0) }
            Exact.appendUnsigned(UInt128(s.utf8.count) + 1, to: &bytes)
            bytes.append(contentsOf: s.utf8)
        }

        /// A tag (0 whole, 1 a fraction, 2 nil), then the number.
        mutating func exact(_ e: Exact) {
            let at = bytes.count
            bytes.append(0)
            if !e.appendPacked(to: &bytes, omittingWholeDenominator: true) { bytes[at] = 1 }
        }

        mutating func optionalExact(_ e: Exact?) {
            if let e { exact(e) } else { bytes.append(2) }
        }

        mutating func int(_ i: Int) { Exact.appendSigned(Int128(i), to: &bytes) }

        mutating func optionalInt(_ i: Int?) {
            guard let i else { return bytes.append(0) }
            bytes.append(1)
            int(i)
        }

        mutating func exacts(_ list: [Exact]) {
            Exact.appendUnsigned(UInt128(list.count), to: &bytes)
            for e in list { exact(e) }
        }

        /// By name, in sorted order, so equal inputs pack alike.
        mutating func inputs(_ inputs: [String: Exact]) {
            Exact.appendUnsigned(UInt128(inputs.count), to: &bytes)
            for (name, value) in inputs.sorted(by: { $0.key < $1.key }) {
                string(name)
                exact(value)
            }
        }
    }

    struct Reader {
        let raw: UnsafeRawBufferPointer
        var offset = 0

        init(raw: UnsafeRawBufferPointer) { self.raw = raw }

        /// Where `field` starts, from the start of the facts.
        func seek(to field: Field) -> Int {
            var r = Reader(raw: raw)
            for i in 0..<field.rawValue {
                if r.offset >= raw.count { break }
                r.skip(Field(rawValue: i)!.kind)
            }
            return r.offset
        }

        private mutating func count() -> Int { Int(Exact.readUnsigned(raw, at: &offset)) }

        private mutating func text(_ length: Int) -> String {
            defer { offset += length }
            return String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + length)]), as: UTF8.self)
        }

        mutating func string() -> String { text(count()) }

        mutating func rawString() -> UnsafeRawBufferPointer { bytes(count()) }

        mutating func rawOptionalString() -> UnsafeRawBufferPointer? {
            let n = count()
            return n == 0 ? nil : bytes(n - 1)
        }

        private mutating func bytes(_ length: Int) -> UnsafeRawBufferPointer {
            defer { offset += length }
            return UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + length)])
        }

        mutating func optionalString() -> String? {
            let n = count()
            return n == 0 ? nil : text(n - 1)
        }

        mutating func exact() -> Exact {
            let tag = raw[offset]
            offset += 1
            return Exact.unpack(raw, at: &offset, whole: tag == 0)
        }

        mutating func optionalExact() -> Exact? {
            if raw[offset] == 2 {
                offset += 1
                return nil
            }
            return exact()
        }

        mutating func int() -> Int { Int(Exact.readSigned(raw, at: &offset)) }

        mutating func optionalInt() -> Int? {
            offset += 1
            return raw[offset - 1] == 0 ? nil : int()
        }

        mutating func exacts() -> [Exact] {
            let n = count()
            var list: [Exact] = []
            list.reserveCapacity(n)
            for _ in 0..<n { list.append(exact()) }
            return list
        }

        mutating func inputs() -> [String: Exact] {
            let n = count()
            var inputs: [String: Exact] = [:]
            for _ in 0..<n {
                let name = string()
                inputs[name] = exact()
            }
            return inputs
        }

        mutating func skip(_ kind: Kind) {
            switch kind {
            case .string: offset += count()
            case .optionalString: offset += Swift.max(0, count() - 1)
            case .exact: skipExact()
            case .optionalExact:
                if raw[offset] == 2 { offset += 1 } else { skipExact() }
            case .int: Exact.skipVarint(raw, at: &offset)
            case .optionalInt:
                offset += 1
                if raw[offset - 1] != 0 { Exact.skipVarint(raw, at: &offset) }
            case .exacts:
                for _ in 0..<count() { skipExact() }
            case .inputs:
                for _ in 0..<count() {
                    offset += count()
                    skipExact()
                }
            }
        }

        private mutating func skipExact() {
            let tag = raw[offset]
            offset += 1
            Exact.skipPacked(raw, at: &offset, whole: tag == 0)
        }
    }
}

/// The facts of one bid a report row shows, as the UTF-8 bytes they are packed in (valid only
/// inside `BidOutcome.withRow(at:columns:_:)`): a writer of 100,000 rows copies them without making a
/// string for each.
public struct FactRow {
    public let bidID: UnsafeRawBufferPointer
    public let bidder: UnsafeRawBufferPointer
    public let price: Exact
    public let currency: UnsafeRawBufferPointer
    /// The submission instant as the bid wrote it (`Instant.lexical`).
    public let submitted: UnsafeRawBufferPointer
    public let total: Exact?
    public let tieBreak: UnsafeRawBufferPointer?
}
