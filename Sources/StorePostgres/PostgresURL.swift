import Foundation
import PostgresNIO
import Store

/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`, as `--database-url` and
/// `CBSCORE_TEST_DATABASE_URL` give it. TLS is not negotiated: run the store on the same host
/// or a private network, or through a local TLS tunnel (docs/store.md).
struct PostgresURL {
    let configuration: PostgresConnection.Configuration
    let redacted: String

    init(_ text: String) throws {
        guard let url = URLComponents(string: text), ["postgres", "postgresql"].contains(url.scheme ?? ""),
              let host = url.host, !host.isEmpty else {
            throw StoreError.unusable("'\(text)' is not a PostgreSQL URL (postgres://USER@HOST:PORT/DATABASE)")
        }
        let database = String(url.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw StoreError.unusable("the URL names no database: postgres://USER@HOST:PORT/DATABASE") }
        let user = url.user ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        for item in url.queryItems ?? [] where item.name == "sslmode" && !["disable", "allow", "prefer"].contains(item.value ?? "") {
            throw StoreError.unusable("sslmode=\(item.value ?? "") is not supported: cbscore connects without TLS (docs/store.md)")
        }
        configuration = PostgresConnection.Configuration(host: host, port: url.port ?? 5432, username: user,
                                                         password: url.password, database: database, tls: .disable)
        redacted = "postgres://\(user)@\(host):\(url.port ?? 5432)/\(database)"
    }
}
