import Testing
@testable import ExactNumbers

/// Exact numbers packed into bytes (a large ranking keeps its figures so) come back the same.
@Suite struct ExactPackingTests {
    static let values: [Exact] = [
        .zero, Exact(1), Exact(-1), Exact(63), Exact(64), Exact(-64), Exact(-65), Exact(127), Exact(128),
        Exact(Int128(Int64.max)), Exact(Int128(Int64.max) + 1), Exact(Int128(Int64.min)), Exact(Int128.max), Exact(Int128.min),
        Exact(decimal: "77.49023481781376518219")!, Exact(decimal: "-0.125")!,
        try! Exact(numerator: 80 * 239, denominator: 247), try! Exact(numerator: Int128.max, denominator: Int128.max - 2),
        try! Exact(numerator: Int128.min + 1, denominator: 3),
    ]

    @Test func everyValueComesBackAsWritten() {
        for whole in [true, false] {
            var bytes: [UInt8] = []
            var leftOut: [Bool] = []
            for v in Self.values { leftOut.append(v.appendPacked(to: &bytes, omittingWholeDenominator: whole)) }
            bytes.withUnsafeBytes { raw in
                var offset = 0, skipped = 0
                for (v, omitted) in zip(Self.values, leftOut) {
                    #expect(omitted == (whole && v.isInteger))
                    let start = offset
                    #expect(Exact.unpack(raw, at: &offset, whole: omitted) == v)
                    Exact.skipPacked(raw, at: &skipped, whole: omitted)
                    #expect(skipped == offset, "skipping \(v) from \(start)")
                }
                #expect(offset == raw.count)
            }
        }
    }

    @Test func smallNumbersTakeOneByte() {
        var bytes: [UInt8] = []
        Exact(16).appendPacked(to: &bytes, omittingWholeDenominator: true)
        Exact(-3).appendPacked(to: &bytes, omittingWholeDenominator: true)
        #expect(bytes == [32, 5])
    }

    @Test func trimmingKeepsTheBytesAndDropsTheRoom() {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(100)
        bytes += [1, 2, 3]
        let trimmed = PackedBytes.trimmed(bytes)
        #expect(trimmed == [1, 2, 3])
        #expect(trimmed.capacity < 100)
        #expect(PackedBytes.trimmed(bytes, leavingRoom: 40).capacity >= 43)
    }
}
