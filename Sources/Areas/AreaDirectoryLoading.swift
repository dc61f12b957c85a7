import Diagnostics
import Foundation
import Hashing

extension AreaDirectory {
    /// `$CBSCORE_CACHE_DIR`, else `$XDG_CACHE_HOME/cbscore`, else `~/.cache/cbscore`; nil when
    /// none can be found (then nothing is cached).
    public static var defaultCacheDirectory: String? {
        cacheDirectory(environment: ProcessInfo.processInfo.environment)
    }

    static func cacheDirectory(environment: [String: String]) -> String? {
        if let explicit = environment["CBSCORE_CACHE_DIR"], !explicit.isEmpty { return explicit }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/cbscore" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/cbscore" }
        return nil
    }

    /// `--areas` values first; when there are none, `CBSCORE_AREAS` split on `:`.
    public static func resolvePaths(options: [String], environment: [String: String]) -> [String] {
        let given = options.filter { !$0.isEmpty }
        if !given.isEmpty { return given }
        return (environment["CBSCORE_AREAS"] ?? "").split(separator: ":").map(String.init)
    }

    /// Loads every recognised table at these paths (files, or folders searched recursively),
    /// using the on-disk cache when valid. A named file must be an area table; in a folder,
    /// files whose first line is no known header are skipped (listed in `skippedFiles`).
    /// Files are read in sorted order of their absolute paths, so results never depend on the
    /// order the paths were given in. Throws every problem found, each as FILE:LINE:COLUMN.
    public static func load(paths: [String], cacheDirectory: String? = defaultCacheDirectory)
        throws(DiagnosticsError) -> AreaDirectory
    {
        var diagnostics: [Diagnostic] = []
        var candidates: [String: Candidate] = [:]
        for path in paths {
            let absolute = absolutePath(path)
            guard let (_, isDirectory) = FileFingerprint.of(path: absolute) else {
                diagnostics.append(fileProblem(AreasDiagnostic.missing, path, "no such file or folder"))
                continue
            }
            if isDirectory {
                for (found, shown) in filesInFolder(absolute, shownAs: path) where candidates[found] == nil {
                    candidates[found] = Candidate(shown: shown, named: false)
                }
            } else {
                candidates[absolute] = Candidate(shown: path, named: true)
            }
        }

        var loaded: [(LoadedTable, AreaTable)] = []
        var skipped: [String] = []
        for absolute in candidates.keys.sorted() {
            guard let candidate = candidates[absolute] else { continue }
            do {
                if let table = try loadFile(absolute, candidate: candidate, cacheDirectory: cacheDirectory) {
                    loaded.append(table)
                } else {
                    skipped.append(candidate.shown)
                }
            } catch {
                diagnostics += error.diagnostics
            }
        }
        diagnostics += conflicts(loaded)
        guard diagnostics.isEmpty else { throw DiagnosticsError(diagnostics) }
        return AreaDirectory(tables: loaded.map(\.0), data: loaded.map(\.1), skippedFiles: skipped)
    }

    private struct Candidate {
        var shown: String
        /// Named on its own rather than found in a folder: then it must be an area table.
        var named: Bool
    }

    private static func absolutePath(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }

    private static func fileProblem(_ id: AreasDiagnostic, _ path: String, _ message: String) -> Diagnostic {
        Diagnostic(id, at: SourceLocation(file: path, line: 1, column: 1), message: message,
                   hint: "pass official SIMD 2020v2, IMD 2019, WIMD 2019 or NSPL files with --areas")
    }

    /// Regular files below a folder, hidden ones left out, as (absolute, shown) pairs.
    private static func filesInFolder(_ folder: String, shownAs shown: String) -> [(String, String)] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var found: [(String, String)] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            let absolute = folder + "/" + relative
            guard let (_, isDirectory) = FileFingerprint.of(path: absolute), !isDirectory else { continue }
            found.append((absolute, (shown.hasSuffix("/") ? shown : shown + "/") + relative))
        }
        return found
    }

    /// A table from the cache or the file; nil for a file in a folder that is not an area table.
    private static func loadFile(_ absolute: String, candidate: Candidate, cacheDirectory: String?)
        throws(DiagnosticsError) -> (LoadedTable, AreaTable)?
    {
        guard let (fingerprint, _) = FileFingerprint.of(path: absolute) else {
            throw DiagnosticsError([fileProblem(AreasDiagnostic.unreadable, candidate.shown, "the file cannot be read")])
        }
        if let cacheDirectory,
           let entry = AreaTableCache.read(absolutePath: absolute, fingerprint: fingerprint, directory: cacheDirectory)
        {
            return (describe(entry.table, path: candidate.shown, sha256: entry.sha256,
                             byteCount: Int(fingerprint.size), fromCache: true), entry.table)
        }
        if !candidate.named, case .unknown = headerOf(absolute) { return nil }
        // Foundation's contents(atPath:) leaks its read buffer for an empty file (found by the
        // areas-csv fuzzer under LeakSanitizer): nothing to read, so do not ask it.
        guard let data = fingerprint.size == 0 ? Data() : FileManager.default.contents(atPath: absolute) else {
            throw DiagnosticsError([fileProblem(AreasDiagnostic.unreadable, candidate.shown, "the file cannot be read")])
        }
        let parsed = data.withUnsafeBytes { bytes -> Result<(AreaTable, String), DiagnosticsError> in
            Result { () throws(DiagnosticsError) in
                (try AreaTableParser.parse(bytes, file: candidate.shown), SHA256.hex(buffer: bytes))
            }
        }
        let (table, sha256) = try parsed.get()
        if let cacheDirectory {
            AreaTableCache.write(.init(path: absolute, fingerprint: fingerprint, sha256: sha256, table: table),
                                 directory: cacheDirectory)
        }
        return (describe(table, path: candidate.shown, sha256: sha256, byteCount: data.count, fromCache: false),
                table)
    }

    /// The header of a file, from its first 64 KiB only: folders may hold large unrelated files.
    private static func headerOf(_ absolute: String) -> HeaderMatch {
        guard let handle = FileHandle(forReadingAtPath: absolute) else { return .unknown }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 1 << 16) else { return .unknown }
        return head.withUnsafeBytes { AreaTableParser.recognise($0) }
    }

    private static func describe(_ table: AreaTable, path: String, sha256: String, byteCount: Int,
                                 fromCache: Bool) -> LoadedTable {
        LoadedTable(kind: table.kind, path: path, rows: table.count, sha256: sha256, byteCount: byteCount,
                    terminatedPostcodes: table.terminated.reduce(0) { $0 + ($1 != 0 ? 1 : 0) },
                    readFromCache: fromCache)
    }

    /// The same code (or postcode) in two files must say the same thing in both.
    private static func conflicts(_ loaded: [(LoadedTable, AreaTable)]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for first in loaded.indices {
            for second in loaded.indices where second > first && loaded[second].1.kind == loaded[first].1.kind {
                let (a, b) = (loaded[first].1, loaded[second].1)
                var (i, j) = (0, 0)
                while i < a.count, j < b.count, diagnostics.count < AreaTableParser.diagnosticLimit {
                    if a.keys[i] < b.keys[j] { i += 1; continue }
                    if a.keys[i] > b.keys[j] { j += 1; continue }
                    if !a.sameRow(i, as: b, row: j) {
                        let name = a.kind == .nspl ? AreaKey.postcodeText(a.keys[i]) : AreaKey.codeText(a.keys[i])
                        diagnostics.append(Diagnostic(
                            AreasDiagnostic.conflict,
                            at: SourceLocation(file: loaded[second].0.path, line: Int(b.lines[j]), column: 1),
                            message: "\(a.kind.keyNoun) \(name) differs from \(loaded[first].0.path):\(a.lines[i]) "
                                + "(rank \(b.ranks[j]) here, \(a.ranks[i]) there)",
                            hint: "load one edition of each table"))
                    }
                    i += 1
                    j += 1
                }
            }
        }
        return diagnostics
    }
}
