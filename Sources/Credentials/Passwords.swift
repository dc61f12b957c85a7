import HummingbirdBcrypt

/// Password hashes for the service's users: bcrypt (OpenBSD's, through HummingbirdBcrypt) at
/// cost 12, about a quarter of a second a hash here: slow enough to make guessing a stolen
/// store's hashes expensive, fast enough for a sign-in. Runs synchronously: a server calls it
/// off its request threads.
public enum Passwords {
    public static let cost: UInt8 = 12

    /// A `$2b$12$…` hash with a fresh random salt.
    public static func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// Why a password is refused, or nil. Long enough to resist guessing is all that is asked
    /// (no composition rules, NIST SP 800-63B); bcrypt reads at most 72 bytes.
    public static func problem(with password: String) -> String? {
        if password.count < 12 { return "a password has at least 12 characters" }
        if password.utf8.count > 72 { return "a password has at most 72 bytes (bcrypt reads no more)" }
        return nil
    }
}
