import Documents
import ExactNumbers

/// The values a bid's evaluation keeps (its slots, then the bid fields a cross-bid step
/// reads), one after another in a byte buffer: a tag byte, then the value. A ranking of
/// 100,000 bids holds these between reading and ranking, and an array of `Value?` takes about
/// 48 bytes a slot where this takes two or three (issue 12, point 7).
struct PackedSlots: Sendable, Hashable {
    private(set) var bytes: [UInt8] = []
    /// Four bytes, so that the flags of a `BidResult` fit beside them.
    private var storedCount: UInt32 = 0
    var count: Int {
        get { Int(storedCount) }
        set { storedCount = UInt32(newValue) }
    }

    private enum Tag: UInt8 {
        case none, whole, fraction, no, yes, date, text, groups, choice
    }

    init() {}

    init(_ values: some Sequence<Value?>) {
        for v in values { append(v) }
    }

    /// An area is kept as its text, as a cross-bid step reads it.
    mutating func append(_ value: Value?) {
        count += 1
        guard let value else { return bytes.append(Tag.none.rawValue) }
        switch value {
        case .number(let n):
            let at = bytes.count
            bytes.append(Tag.whole.rawValue)
            if !n.appendPacked(to: &bytes, omittingWholeDenominator: true) { bytes[at] = Tag.fraction.rawValue }
        case .bool(let b):
            bytes.append(b ? Tag.yes.rawValue : Tag.no.rawValue)
        case .date(let d):
            bytes.append(Tag.date.rawValue)
            Exact.appendSigned(Int128(d.year), to: &bytes)
            bytes.append(UInt8(d.month))
            bytes.append(UInt8(d.day))
        case .text(let s):
            appendText(s)
        case .area(let a):
            appendText(a?.text ?? "")
        case .groups(let g):
            bytes.append(Tag.groups.rawValue)
            Exact.appendUnsigned(UInt128(g.bits), to: &bytes)
        case .choice(let c):
            bytes.append(Tag.choice.rawValue)
            bytes.append(c)
        }
    }

    private mutating func appendText(_ s: String) {
        bytes.append(Tag.text.rawValue)
        Exact.appendUnsigned(UInt128(s.utf8.count), to: &bytes)
        bytes.append(contentsOf: s.utf8)
    }

    /// Drops the room appending left spare: 100,000 bids hold these at once.
    mutating func trim() { bytes = PackedBytes.trimmed(bytes) }

    /// Keeps only the values at `indices`, in that order, moved within the buffer when the
    /// indices ascend (no new buffer is allocated), else copied (`picking`).
    mutating func keep(_ indices: [Int]) {
        guard zip(indices, indices.dropFirst()).allSatisfy({ $0 < $1 }), (indices.last ?? 0) < count else {
            self = picking(indices)
            return
        }
        let starts = self.starts()
        var end = 0
        bytes.withUnsafeMutableBytes { raw in
            for i in indices {
                let length = starts[i + 1] - starts[i]
                if end != starts[i] { raw.baseAddress!.advanced(by: end).copyMemory(from: raw.baseAddress!.advanced(by: starts[i]), byteCount: length) }
                end += length
            }
        }
        bytes.removeLast(bytes.count - end)
        count = indices.count
    }

    /// Where each value starts among the bytes, and where the last ends.
    private func starts() -> [Int] {
        var starts: [Int] = []
        starts.reserveCapacity(count + 1)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            for _ in 0..<count {
                starts.append(offset)
                PackedSlots.skip(raw, at: &offset)
            }
            starts.append(offset)
        }
        return starts
    }

    /// The values at `indices` (in that order) as packed bytes, copied without being decoded.
    func picking(_ indices: [Int]) -> PackedSlots {
        let starts = self.starts()
        var picked = PackedSlots()
        var size = 0
        for i in indices { size += i < count ? starts[i + 1] - starts[i] : 1 }
        picked.bytes.reserveCapacity(size)
        for i in indices {
            if i < count { picked.bytes += bytes[starts[i]..<starts[i + 1]] } else { picked.bytes.append(Tag.none.rawValue) }
        }
        picked.count = indices.count
        return picked
    }

    /// Every value in order as a number, nil for one that is not.
    func numbers() -> [Exact?] {
        var numbers: [Exact?] = []
        numbers.reserveCapacity(count)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            for _ in 0..<count {
                let tag = Tag(rawValue: raw[offset])!
                if tag == .whole || tag == .fraction {
                    offset += 1
                    numbers.append(Exact.unpack(raw, at: &offset, whole: tag == .whole))
                } else {
                    numbers.append(nil)
                    PackedSlots.skip(raw, at: &offset)
                }
            }
        }
        return numbers
    }

    /// Every value in order.
    func forEach(_ body: (Value?) -> Void) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            for _ in 0..<count { body(PackedSlots.read(raw, at: &offset)) }
        }
    }

    /// The value at `index` (found by walking the values before it: a bid keeps a few dozen).
    func value(at index: Int) -> Value? {
        guard index >= 0, index < count else { return nil }
        return bytes.withUnsafeBytes { raw in
            var offset = 0
            for _ in 0..<index { PackedSlots.skip(raw, at: &offset) }
            return PackedSlots.read(raw, at: &offset)
        }
    }

    /// Replaces the value at `index`.
    mutating func set(_ value: Value?, at index: Int) {
        precondition(index >= 0 && index < count)
        let (start, end) = bytes.withUnsafeBytes { raw in
            var offset = 0
            for _ in 0..<index { PackedSlots.skip(raw, at: &offset) }
            let start = offset
            PackedSlots.skip(raw, at: &offset)
            return (start, offset)
        }
        var replacement = PackedSlots()
        replacement.append(value)
        bytes.replaceSubrange(start..<end, with: replacement.bytes)
    }

    private static func read(_ raw: UnsafeRawBufferPointer, at offset: inout Int) -> Value? {
        let tag = Tag(rawValue: raw[offset])!
        offset += 1
        switch tag {
        case .none: return nil
        case .whole, .fraction: return .number(Exact.unpack(raw, at: &offset, whole: tag == .whole))
        case .no: return .bool(false)
        case .yes: return .bool(true)
        case .date:
            let year = Int(Exact.readSigned(raw, at: &offset))
            let month = Int(raw[offset]), day = Int(raw[offset + 1])
            offset += 2
            return .date(CalendarDate(year: year, month: month, day: day)!)
        case .text:
            let length = Int(Exact.readUnsigned(raw, at: &offset))
            defer { offset += length }
            return .text(String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + length)]), as: UTF8.self))
        case .groups: return .groups(GroupSet(bits: UInt16(Exact.readUnsigned(raw, at: &offset))))
        case .choice:
            defer { offset += 1 }
            return .choice(raw[offset])
        }
    }

    private static func skip(_ raw: UnsafeRawBufferPointer, at offset: inout Int) {
        let tag = Tag(rawValue: raw[offset])!
        offset += 1
        switch tag {
        case .none, .no, .yes: break
        case .whole, .fraction: Exact.skipPacked(raw, at: &offset, whole: tag == .whole)
        case .date:
            Exact.skipVarint(raw, at: &offset)
            offset += 2
        case .text: offset += Int(Exact.readUnsigned(raw, at: &offset))
        case .groups: Exact.skipVarint(raw, at: &offset)
        case .choice: offset += 1
        }
    }
}
