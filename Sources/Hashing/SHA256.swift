import CLibCrypto

/// SHA-256 (FIPS 180-4), used to fingerprint inputs, schemes and area tables in results and
/// caches. Computed by the system's libcrypto (OpenSSL), whose EVP digest uses the CPU's SHA
/// extensions: `rank` hashes every input file, and a portable implementation cost as much
/// CPU time as a sixth of reading the file. swift-crypto was not used: it compiles BoringSSL
/// from source, adding minutes to every clean build for one function. Checked against the
/// NIST test vectors (Tests/HashingTests).
public struct SHA256: Sendable {
    /// The digest state, copied on write so a copied hasher goes on independently.
    private var context: Context

    public init() {
        context = Context()
    }

    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let array = Array(bytes)
        array.withUnsafeBytes { update($0) }
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        if !isKnownUniquelyReferenced(&context) { context = context.copy() }
        guard EVP_DigestUpdate(context.pointer, base, bytes.count) == 1 else {
            preconditionFailure("libcrypto refused a SHA-256 update")
        }
    }

    /// The 32-byte digest. The hasher is spent afterwards; make a new one to hash again.
    public mutating func finalize() -> [UInt8] {
        if !isKnownUniquelyReferenced(&context) { context = context.copy() }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context.pointer, &digest, &length) == 1 else {
            preconditionFailure("libcrypto refused to finish a SHA-256 digest")
        }
        return Array(digest.prefix(Int(length)))
    }

    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    /// Owns one `EVP_MD_CTX`.
    private final class Context: @unchecked Sendable {
        // Only ever used by one hasher at a time: SHA256 copies it before writing when shared.
        let pointer: OpaquePointer

        init() {
            guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
                preconditionFailure("libcrypto could not start a SHA-256 digest")
            }
            pointer = context
        }

        private init(copying other: OpaquePointer) {
            guard let context = EVP_MD_CTX_new(), EVP_MD_CTX_copy_ex(context, other) == 1 else {
                preconditionFailure("libcrypto could not copy a SHA-256 digest")
            }
            pointer = context
        }

        func copy() -> Context { Context(copying: pointer) }

        deinit { EVP_MD_CTX_free(pointer) }
    }
}

import Foundation

extension SHA256 {
    /// Hex digest of a file's bytes, read in chunks so large inputs stay out of memory.
    public static func hexOfFile(atPath path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { hasher.update($0) }
        }
        return hasher.finalizeHex()
    }
}
