import Foundation
import Hashing

/// A parsed table as one binary file, so later runs skip parsing and hashing the CSV. The cache
/// entry is keyed by the source's absolute path (its file name) and holds the source's
/// fingerprint; it is used only when the fingerprint still matches, its checksum is right and
/// every invariant holds, and is otherwise rebuilt. Writing is best effort: a read-only cache
/// folder only costs speed.
///
/// File times are coarse (Linux stamps them from a clock that ticks every few milliseconds), so a
/// file rewritten at the same size just after its entry was built could keep its fingerprint.
/// As git does for its index, an entry built less than `racyWindow` after the file last changed
/// is trusted only once the file's SHA-256 is checked again.
enum AreaTableCache {
    /// Bump when the layout or the parsing rules change, so old entries are rebuilt.
    static let formatVersion: UInt32 = 1
    static let magic = Array("CBSAREA\u{1}".utf8)

    static let racyWindow: Int64 = 2_000_000_000

    struct Entry: Equatable {
        var path: String
        var fingerprint: FileFingerprint
        var sha256: String
        var table: AreaTable
        /// When the entry was built, in nanoseconds since 1970.
        var builtAt: Int64 = nowNanoseconds()
    }

    static func nowNanoseconds() -> Int64 {
        Int64(Date().timeIntervalSince1970 * 1e9)
    }

    /// True when the file may have changed within the same clock tick as the entry was built.
    static func isRacy(_ entry: Entry) -> Bool {
        let f = entry.fingerprint
        let changed = max(f.modifiedSeconds &* 1_000_000_000 &+ f.modifiedNanoseconds,
                          f.changedSeconds &* 1_000_000_000 &+ f.changedNanoseconds)
        return entry.builtAt <= changed &+ racyWindow
    }

    static func file(for absolutePath: String, in directory: String) -> String {
        directory + "/areas/" + String(SHA256.hex(Array(absolutePath.utf8)).prefix(32)) + ".bin"
    }

    static func read(absolutePath: String, fingerprint: FileFingerprint, directory: String) -> Entry? {
        guard let data = FileManager.default.contents(atPath: file(for: absolutePath, in: directory)),
              let entry = decode(data), entry.path == absolutePath, entry.fingerprint == fingerprint
        else { return nil }
        if isRacy(entry) {
            guard (try? SHA256.hexOfFile(atPath: absolutePath)) == entry.sha256 else { return nil }
            // Rebuilt now, the entry is past the window and later runs skip the check.
            var settled = entry
            settled.builtAt = nowNanoseconds()
            if !isRacy(settled) { write(settled, directory: directory) }
        }
        return entry
    }

    static func write(_ entry: Entry, directory: String) {
        let target = file(for: entry.path, in: directory)
        let temporary = target + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try FileManager.default.createDirectory(atPath: directory + "/areas", withIntermediateDirectories: true)
            try Data(encode(entry)).write(to: URL(fileURLWithPath: temporary))
            // rename(2) replaces atomically: a concurrent reader sees the old entry or the new one.
            guard rename(temporary, target) == 0 else {
                try? FileManager.default.removeItem(atPath: temporary)
                return
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }

    static func encode(_ entry: Entry) -> [UInt8] {
        var out = ByteWriter()
        out.bytes += magic
        out.u32(formatVersion)
        out.string(entry.path)
        for field in entry.fingerprint.fields { out.u64(field) }
        out.u64(UInt64(bitPattern: entry.builtAt))
        out.string(entry.sha256)
        let table = entry.table
        out.string(table.kind.rawValue)
        out.array(table.keys) { $0.u64($1) }
        out.array(table.lines) { $0.u32(UInt32(bitPattern: $1)) }
        out.array(table.ranks) { $0.u32(UInt32(bitPattern: $1)) }
        out.array(table.deciles) { $0.bytes.append($1) }
        out.array(table.quintiles) { $0.bytes.append($1) }
        out.array(table.councils) { $0.u16($1) }
        out.array(table.councilNames) { $0.string($1) }
        out.array(table.councilCodes) { $0.string($1) }
        out.array(table.zones) { $0.u64($1) }
        out.array(table.terminated) { $0.u32(UInt32(bitPattern: $1)) }
        out.u64(checksum(out.bytes[...]))
        return out.bytes
    }

    static func decode(_ data: Data) -> Entry? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Entry? in
            guard raw.count > 16 else { return nil }
            let body = UnsafeRawBufferPointer(rebasing: raw[0..<raw.count - 8])
            var tail = ByteReader(raw, at: raw.count - 8)
            guard let stored = tail.u64(), stored == checksum(body) else { return nil }
            var input = ByteReader(body, at: 0)
            guard input.take(magic.count).map(Array.init) == magic, input.u32() == formatVersion,
                  let path = input.string()
            else { return nil }
            var fields: [UInt64] = []
            for _ in 0..<7 {
                guard let field = input.u64() else { return nil }
                fields.append(field)
            }
            guard let builtAt = input.u64(), let sha256 = input.string(), let kindName = input.string(),
                  let kind = AreaTableKind(rawValue: kindName),
                  let keys = input.array({ $0.u64() }),
                  let lines = input.array({ $0.u32().map { Int32(bitPattern: $0) } }),
                  let ranks = input.array({ $0.u32().map { Int32(bitPattern: $0) } }),
                  let deciles = input.array({ $0.u8() }),
                  let quintiles = input.array({ $0.u8() }),
                  let councils = input.array({ $0.u16() }),
                  let councilNames = input.array({ $0.string() }),
                  let councilCodes = input.array({ $0.string() }),
                  let zones = input.array({ $0.u64() }),
                  let terminated = input.array({ $0.u32().map { Int32(bitPattern: $0) } }),
                  input.isAtEnd
            else { return nil }
            let table = AreaTable(kind: kind, keys: keys, lines: lines, ranks: ranks, deciles: deciles,
                                  quintiles: quintiles, councils: councils, councilNames: councilNames,
                                  councilCodes: councilCodes, zones: zones, terminated: terminated)
            guard table.isConsistent else { return nil }
            return Entry(path: path, fingerprint: FileFingerprint(fields: fields), sha256: sha256, table: table,
                         builtAt: Int64(bitPattern: builtAt))
        }
    }

    /// FNV-1a over 64-bit words: catches torn or damaged entries at a fraction of SHA-256's
    /// cost (the entry is not a security boundary; the source's SHA-256 is what results cite).
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                &* 0x0000_0100_0000_01b3
            hash ^= hash >> 29
            offset += 8
        }
        while offset < bytes.count {
            hash = (hash ^ UInt64(bytes[offset])) &* 0x0000_0100_0000_01b3
            offset += 1
        }
        return hash ^ UInt64(bytes.count)
    }

    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBytes { checksum($0) }
    }
}

private struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u16(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }

    mutating func string(_ value: String) {
        let utf8 = Array(value.utf8)
        u32(UInt32(utf8.count))
        bytes += utf8
    }

    mutating func array<T>(_ values: [T], _ element: (inout ByteWriter, T) -> Void) {
        u32(UInt32(values.count))
        for value in values { element(&self, value) }
    }
}

/// Bounds-checked reads: a short or damaged entry gives nil, never a crash.
private struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var offset: Int

    init(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
        self.bytes = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func take(_ count: Int) -> UnsafeRawBufferPointer? {
        guard count >= 0, count <= bytes.count - offset else { return nil }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    mutating func u8() -> UInt8? { take(1).map { $0[0] } }
    mutating func u16() -> UInt16? { take(2).map { UInt16(littleEndian: $0.loadUnaligned(as: UInt16.self)) } }
    mutating func u32() -> UInt32? { take(4).map { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) } }
    mutating func u64() -> UInt64? { take(8).map { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) } }

    mutating func string() -> String? {
        guard let count = u32(), let utf8 = take(Int(count)) else { return nil }
        return String(validating: utf8, as: UTF8.self)
    }

    mutating func array<T>(_ element: (inout ByteReader) -> T?) -> [T]? {
        guard let count = u32(), Int(count) <= bytes.count - offset else { return nil }
        var values: [T] = []
        values.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let value = element(&self) else { return nil }
            values.append(value)
        }
        return values
    }
}
