import Hashing
import Testing

@Test func bufferDigestMatchesTheSequenceDigest() {
    for length in [0, 3, 55, 56, 63, 64, 65, 1000] {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        #expect(bytes.withUnsafeBytes { SHA256.hex(buffer: $0) } == SHA256.hex(bytes))
    }
    #expect(Array("abc".utf8).withUnsafeBytes { SHA256.hex(buffer: $0) }
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
}
