import Areas
import Foundation

/// How one `cbscore-server serve` process runs. Everything else it needs is in the store, so
/// any number of processes with the same configuration can serve one PostgreSQL database.
public struct ServiceConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The largest request body read (service.md: 64 MiB unless `--max-body MIB`).
    public var maxBodyBytes: Int
    /// Clients reach the service over HTTPS through a proxy that ends TLS: session cookies get
    /// `Secure` and pages ask browsers to keep to HTTPS (README, "Behind HTTPS").
    public var behindHTTPS: Bool
    /// How long a session lasts from sign-in.
    public var sessionSeconds: Int
    /// Failed sign-ins for one email within `throttleWindowSeconds` before it is throttled.
    public var throttleFailures: Int
    public var throttleWindowSeconds: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 64 << 20, behindHTTPS: Bool = false,
                sessionSeconds: Int = 12 * 3600, throttleFailures: Int = 5, throttleWindowSeconds: Int = 15 * 60) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.behindHTTPS = behindHTTPS
        self.sessionSeconds = sessionSeconds
        self.throttleFailures = throttleFailures
        self.throttleWindowSeconds = throttleWindowSeconds
    }
}

/// The time the service reads: seconds since 1970 (UTC). Tests turn it by hand.
public typealias ServiceClock = @Sendable () -> Int

public enum SystemClock {
    @Sendable public static func now() -> Int { Int(Date().timeIntervalSince1970) }
}
