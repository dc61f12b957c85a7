extension SHA256 {
    /// Hex digest of bytes already in memory, hashed a block at a time (the `Sequence` form
    /// goes byte by byte, which is slow for files of megabytes).
    public static func hex(buffer: UnsafeRawBufferPointer) -> String {
        var hasher = SHA256()
        hasher.update(buffer)
        return hasher.finalizeHex()
    }

    /// `finalize()` as 64 lowercase hex digits.
    public mutating func finalizeHex() -> String {
        finalize().map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
