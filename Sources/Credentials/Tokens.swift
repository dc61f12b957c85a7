import Hashing

/// API tokens and session ids: 32 random bytes from the system's generator, written as 64 hex
/// digits. The store keeps only their SHA-256: a token is shown once and a copy of the store
/// gives nobody a way in.
public enum Tokens {
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// What the store keeps of a token.
    public static func sha256(_ token: String) -> String {
        SHA256.hex(Array(token.utf8))
    }
}
