import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Store

/// The shared store: a PostgreSQL (14 or later) database through postgres-nio. Any number of
/// processes may use one database. Each write runs at READ COMMITTED; an import or award locks
/// its contract's row first, so writers of one contract queue behind each other and writers of
/// different contracts do not wait. A transaction the server aborts for a conflict (a
/// serialization failure or a deadlock) is run again from the start, so no lock error reaches a
/// user; a process killed mid-transaction leaves nothing of it (PostgreSQL rolls it back).
public final class PostgresBackend: StoreBackend {
    public var dialect: SQLDialect { .postgres }
    public let location: String
    let configuration: PostgresConnection.Configuration
    let connections: ConnectionPool
    /// The queue the blocking transaction bodies run on, off the caller's (async) threads.
    private let queue = DispatchQueue(label: "cbscore.postgres", attributes: .concurrent)

    /// Connects to `url` (`postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`) and brings the
    /// schema up to date (under an advisory lock, so processes starting together migrate once).
    public init(url: String, maxConnections: Int = 8) throws {
        let parsed = try PostgresURL(url)
        location = parsed.redacted
        configuration = parsed.configuration
        connections = ConnectionPool(configuration: parsed.configuration, limit: maxConnections)
        try PostgresSchema.migrate(self)
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLTransaction) throws -> T) async throws -> T {
        try await offThread { try self.transaction(readOnly: false, body) }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLTransaction) throws -> T) async throws -> T {
        try await offThread { try self.transaction(readOnly: true, body) }
    }

    public func appliedMigrations() async throws -> [String] {
        try await read { tx in try PostgresSchema.applied(in: tx) }
    }

    public func close() async throws {
        try await offThread { self.connections.closeAll() }
    }

    private func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Runs `body` in one transaction on a pooled connection, blocking the calling thread (never
    /// an event loop's). Reads run REPEATABLE READ, so a report sees one moment of the store.
    func transaction<T>(readOnly: Bool, _ body: (any SQLTransaction) throws -> T) throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            let connection = try connections.take()
            var healthy = true
            defer { connections.give(connection, healthy: healthy) }
            let tx = PostgresTransaction(connection: connection)
            do {
                try tx.execute(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN ISOLATION LEVEL READ COMMITTED")
                let value = try body(tx)
                try tx.execute("COMMIT")
                return value
            } catch {
                if connection.isClosed {
                    healthy = false
                } else if (try? tx.execute("ROLLBACK")) == nil {
                    healthy = false
                }
                if PostgresTransaction.isRetryable(error), attempt < 50 {
                    // Back off a little, more each time, so the writers that collided spread out.
                    usleep(useconds_t(min(attempt, 20) * 2_000 + Int.random(in: 0..<5_000)))
                    continue
                }
                throw PostgresTransaction.described(error)
            }
        }
    }
}

/// A connection inside its transaction; every call waits for the server's answer.
struct PostgresTransaction: SQLTransaction {
    let connection: PostgresConnection
    static let logger = Logger(label: "cbscore.store.postgres")
    var dialect: SQLDialect { .postgres }

    func execute(_ sql: String, _ arguments: [any SQLArgument]) throws -> Int {
        let result = try connection.query(try Self.query(sql, arguments), logger: Self.logger).wait()
        return result.metadata.rows ?? 0
    }

    func rows(_ sql: String, _ arguments: [any SQLArgument]) throws -> [SQLRow] {
        let result = try connection.query(try Self.query(sql, arguments), logger: Self.logger).wait()
        return try result.rows.map(Self.row)
    }

    func forEachRow(_ sql: String, _ arguments: [any SQLArgument], _ body: (SQLRow) throws -> Void) throws {
        for row in try rows(sql, arguments) { try body(row) }
    }

    /// `?` placeholders numbered `$1`, `$2`… (none of the store's SQL has a `?` in a literal).
    static func query(_ sql: String, _ arguments: [any SQLArgument]) throws -> PostgresQuery {
        var text = ""
        text.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        var inLiteral = false
        for ch in sql {
            if ch == "'" { inLiteral.toggle() }
            if ch == "?", !inLiteral {
                n += 1
                text += "$\(n)"
            } else {
                text.append(ch)
            }
        }
        guard n == arguments.count else {
            throw StoreError.corrupt("statement with \(n) placeholders given \(arguments.count) values")
        }
        var binds = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument.sqlValue {
            case .null: binds.appendNull()
            case .integer(let v): binds.append(v)
            case .text(let v): binds.append(v)
            case .blob(let v): binds.append(ByteBuffer(bytes: v))
            }
        }
        return PostgresQuery(unsafeSQL: text, binds: binds)
    }

    static func row(_ row: PostgresRow) throws -> SQLRow {
        var values: [SQLValue] = []
        for cell in row {
            guard cell.bytes != nil else {
                values.append(.null)
                continue
            }
            switch cell.dataType {
            case .int2, .int4, .int8: values.append(.integer(try cell.decode(Int64.self)))
            case .bool: values.append(.integer(try cell.decode(Bool.self) ? 1 : 0))
            case .bytea: values.append(.blob(Array(try cell.decode(ByteBuffer.self).readableBytesView)))
            default: values.append(.text(try cell.decode(String.self)))
            }
        }
        return SQLRow(values)
    }

    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// Serialization failures and deadlocks: the server undid the transaction; run it again.
    static func isRetryable(_ error: any Error) -> Bool {
        ["40001", "40P01"].contains(sqlState(error) ?? "")
    }

    /// PSQLError hides the server's message from `description`; show it.
    static func described(_ error: any Error) -> any Error {
        guard let psql = error as? PSQLError, let info = psql.serverInfo else { return error }
        let message = info[.message] ?? "\(psql.code)"
        let detail = info[.detail].map { " (\($0))" } ?? ""
        return StoreError.unusable("PostgreSQL: \(message)\(detail) [\(info[.sqlState] ?? "?")]")
    }
}

/// A few connections, opened when first needed and reused; callers beyond the limit wait.
final class ConnectionPool: @unchecked Sendable {
    private let configuration: PostgresConnection.Configuration
    private let limit: Int
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var nextID = 1

    init(configuration: PostgresConnection.Configuration, limit: Int) {
        self.configuration = configuration
        self.limit = max(1, limit)
    }

    func take() throws -> PostgresConnection {
        condition.lock()
        while idle.isEmpty && open >= limit { condition.wait() }
        if let connection = idle.popLast() {
            condition.unlock()
            return connection
        }
        open += 1
        let id = nextID
        nextID += 1
        condition.unlock()
        do {
            return try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: id,
                logger: PostgresTransaction.logger).wait()
        } catch {
            condition.lock()
            open -= 1
            condition.signal()
            condition.unlock()
            throw StoreError.unusable("cannot connect to PostgreSQL: \(PostgresTransaction.described(error))")
        }
    }

    func give(_ connection: PostgresConnection, healthy: Bool) {
        condition.lock()
        if healthy && !connection.isClosed {
            idle.append(connection)
        } else {
            open -= 1
            try? connection.close().wait()
        }
        condition.signal()
        condition.unlock()
    }

    func closeAll() {
        condition.lock()
        let closing = idle
        idle.removeAll()
        open -= closing.count
        condition.unlock()
        for connection in closing {
            // Never block an event loop's own thread: there, the close goes on by itself.
            if MultiThreadedEventLoopGroup.currentEventLoop == nil {
                try? connection.close().wait()
            } else {
                _ = connection.close() as EventLoopFuture<Void>
            }
        }
    }

    /// A store dropped without `close()` still closes its connections.
    deinit { closeAll() }
}

extension PostgresBackend {
    /// Creates an empty database `name` on the server `url` names, and returns its URL: each
    /// test gets a database of its own on one throw-away server. Runs outside a transaction,
    /// as CREATE DATABASE must.
    public static func createDatabase(serverURL url: String, name: String) throws -> String {
        let parsed = try PostgresURL(url)
        let connection = try PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.any(), configuration: parsed.configuration, id: 0,
            logger: PostgresTransaction.logger).wait()
        defer { try? connection.close().wait() }
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw StoreError.unusable("database name '\(name)'")
        }
        do {
            _ = try connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: PostgresTransaction.logger).wait()
        } catch {
            throw PostgresTransaction.described(error)
        }
        var components = URLComponents(string: url)!
        components.path = "/" + name
        return components.string!
    }
}

extension EvaluationStore {
    /// The shared store on the PostgreSQL server `url` names, migrated; connecting and
    /// migrating run off the caller's thread, so an async server can call this at start.
    public static func postgres(url: String, maxConnections: Int = 8,
                                now: @escaping @Sendable () -> String = EvaluationStore.utcNow) async throws -> EvaluationStore {
        let backend = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<PostgresBackend, any Error>) in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try PostgresBackend(url: url, maxConnections: maxConnections) })
            }
        }
        return EvaluationStore(backend: backend, now: now)
    }
}
