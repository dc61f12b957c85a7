/// Exact numbers written into and read back from a byte buffer: a ranking of 100,000 bids
/// keeps its figures packed (a whole number of points takes one or two bytes rather than the
/// 32 of an `Exact`), and unpacks one bid's figures when a report writes them. Lossless for
/// every value an `Exact` can hold.
///
/// The form is a variable-length (LEB128) zigzag numerator, then the denominator unless the
/// caller wrote it as whole.
extension Exact {
    /// Appends the number; with `omittingWholeDenominator`, a whole number's denominator is
    /// left out and the caller records that it did (it returns true when it was left out).
    @discardableResult
    public func appendPacked(to bytes: inout [UInt8], omittingWholeDenominator: Bool) -> Bool {
        Exact.appendSigned(numerator, to: &bytes)
        if omittingWholeDenominator, denominator == 1 { return true }
        Exact.appendUnsigned(UInt128(denominator), to: &bytes)
        return false
    }

    /// Reads a number written by `appendPacked` at `offset` and moves past it; `whole` says
    /// whether its denominator was left out.
    public static func unpack(_ bytes: UnsafeRawBufferPointer, at offset: inout Int, whole: Bool) -> Exact {
        let numerator = readSigned(bytes, at: &offset)
        if whole { return Exact(numerator) }
        return Exact(reduced: numerator, Int128(readUnsigned(bytes, at: &offset)))
    }

    /// Moves past a number written by `appendPacked`.
    public static func skipPacked(_ bytes: UnsafeRawBufferPointer, at offset: inout Int, whole: Bool) {
        skipVarint(bytes, at: &offset)
        if !whole { skipVarint(bytes, at: &offset) }
    }

    /// LEB128: seven bits a byte, the high bit set on every byte but the last.
    public static func appendUnsigned(_ value: UInt128, to bytes: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: v))
    }

    /// Zigzag (0, -1, 1, -2 … as 0, 1, 2, 3 …) so small negative numbers stay short.
    public static func appendSigned(_ value: Int128, to bytes: inout [UInt8]) {
        appendUnsigned(UInt128(bitPattern: (value << 1) ^ (value >> 127)), to: &bytes)
    }

    public static func readUnsigned(_ bytes: UnsafeRawBufferPointer, at offset: inout Int) -> UInt128 {
        // Most figures fit in 63 bits: read those with 64-bit shifts.
        var small: UInt64 = 0
        var shift: UInt64 = 0
        while shift < 63 {
            let byte = bytes[offset]
            offset += 1
            small |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return UInt128(small) }
            shift += 7
        }
        var value = UInt128(small)
        while true {
            let byte = bytes[offset]
            offset += 1
            value |= UInt128(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    public static func readSigned(_ bytes: UnsafeRawBufferPointer, at offset: inout Int) -> Int128 {
        let z = readUnsigned(bytes, at: &offset)
        return Int128(bitPattern: z >> 1) ^ -Int128(bitPattern: z & 1)
    }

    public static func skipVarint(_ bytes: UnsafeRawBufferPointer, at offset: inout Int) {
        while bytes[offset] >= 0x80 { offset += 1 }
        offset += 1
    }
}

/// Byte buffers of packed values, many thousands held at once.
public enum PackedBytes {
    /// The same bytes without the spare room appending leaves (up to as much again).
    public static func trimmed(_ bytes: [UInt8], leavingRoom extra: Int = 0) -> [UInt8] {
        guard bytes.capacity > bytes.count + extra else { return bytes }
        return bytes.withUnsafeBufferPointer { old in
            [UInt8](unsafeUninitializedCapacity: old.count + extra) { new, count in
                _ = new.initialize(fromContentsOf: old)
                count = old.count
            }
        }
    }
}
