import Foundation

// The few things the store's code asks of a database, the same on SQLite and PostgreSQL: run a
// statement, read rows, inside one transaction. Everything the store does (imports, awards,
// summaries, accounts) is written once against `SQLTransaction`; each backend only opens
// transactions and carries values. SQL is written with `?` placeholders and double-quoted
// identifiers, which both accept (the PostgreSQL backend numbers the placeholders).

/// A value as the store writes and reads it. Exact numbers, dates and instants are text;
/// there is no floating point.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case text(String)
    case blob([UInt8])
}

/// Anything that can be bound to a `?`.
public protocol SQLArgument: Sendable {
    var sqlValue: SQLValue { get }
}

extension SQLValue: SQLArgument { public var sqlValue: SQLValue { self } }
extension String: SQLArgument { public var sqlValue: SQLValue { .text(self) } }
extension Int: SQLArgument { public var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Int64: SQLArgument { public var sqlValue: SQLValue { .integer(self) } }
extension Bool: SQLArgument { public var sqlValue: SQLValue { .integer(self ? 1 : 0) } }
extension Array: SQLArgument where Element == UInt8 { public var sqlValue: SQLValue { .blob(self) } }
extension Optional: SQLArgument where Wrapped: SQLArgument {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// One row, its columns by position.
public struct SQLRow: Sendable, Hashable {
    public var values: [SQLValue]

    public init(_ values: [SQLValue]) { self.values = values }

    public var count: Int { values.count }

    public func text(_ i: Int) throws -> String {
        guard let text = try optionalText(i) else { throw StoreError.corrupt("missing text in column \(i)") }
        return text
    }

    public func optionalText(_ i: Int) throws -> String? {
        switch values[i] {
        case .null: return nil
        case .text(let t): return t
        case .integer(let n): return String(n)
        case .blob(let b): return String(decoding: b, as: UTF8.self)
        }
    }

    public func int64(_ i: Int) throws -> Int64 {
        guard let n = try optionalInt64(i) else { throw StoreError.corrupt("missing number in column \(i)") }
        return n
    }

    public func optionalInt64(_ i: Int) throws -> Int64? {
        switch values[i] {
        case .null: return nil
        case .integer(let n): return n
        case .text(let t):
            guard let n = Int64(t) else { throw StoreError.corrupt("number '\(t)'") }
            return n
        case .blob: throw StoreError.corrupt("bytes where a number belongs")
        }
    }

    public func int(_ i: Int) throws -> Int { Int(try int64(i)) }
    public func optionalInt(_ i: Int) throws -> Int? { try optionalInt64(i).map { Int($0) } }
    public func bool(_ i: Int) throws -> Bool { try int64(i) != 0 }

    public func bytes(_ i: Int) throws -> [UInt8] {
        switch values[i] {
        case .blob(let b): return b
        case .text(let t): return Array(t.utf8)
        default: throw StoreError.corrupt("missing bytes in column \(i)")
        }
    }
}

public enum SQLDialect: String, Sendable {
    case sqlite, postgres
}

/// One open transaction. Not to be kept past the closure it is handed to.
public protocol SQLTransaction {
    var dialect: SQLDialect { get }
    /// Runs a statement; the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [any SQLArgument]) throws -> Int
    func rows(_ sql: String, _ arguments: [any SQLArgument]) throws -> [SQLRow]
    /// Rows one at a time, for reads too large to hold (the portfolio's items).
    func forEachRow(_ sql: String, _ arguments: [any SQLArgument], _ body: (SQLRow) throws -> Void) throws
}

extension SQLTransaction {
    @discardableResult
    public func execute(_ sql: String) throws -> Int { try execute(sql, []) }

    public func row(_ sql: String, _ arguments: [any SQLArgument] = []) throws -> SQLRow? {
        try rows(sql, arguments).first
    }

    /// The next id of a table whose ids the store hands out itself (returns): inside a write
    /// transaction, so no other writer gets the same.
    func nextID(of table: String) throws -> Int64 {
        switch dialect {
        case .sqlite:
            return try row("SELECT coalesce(max(id), 0) + 1 FROM \(table)")?.int64(0) ?? 1
        case .postgres:
            return try row("SELECT nextval(pg_get_serial_sequence('\(table)', 'id'))")?.int64(0) ?? 1
        }
    }

    /// Holds other writers of this contract off until the transaction ends. SQLite's write
    /// transaction already excludes every other writer; PostgreSQL locks the contract's row.
    func lockContract(_ id: String) throws {
        if dialect == .postgres {
            _ = try rows("SELECT id FROM contracts WHERE id = ? FOR UPDATE", [id])
        }
    }
}

/// A database the store can run transactions on: SQLite (embedded) or PostgreSQL (shared).
/// Each call runs `body` off the caller's thread, so async callers never block; a write that
/// the database had to abort for a conflict with another writer is run again, so no lock error
/// reaches a user.
public protocol StoreBackend: Sendable {
    var dialect: SQLDialect { get }
    /// Where it is, for messages (a path, or the URL without its password).
    var location: String { get }
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLTransaction) throws -> T) async throws -> T
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLTransaction) throws -> T) async throws -> T
    /// Migration ids applied, oldest first.
    func appliedMigrations() async throws -> [String]
    func close() async throws
}
