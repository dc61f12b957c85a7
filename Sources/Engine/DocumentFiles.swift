import Diagnostics
import Foundation

/// The document files a user names: files as given, folders searched recursively for
/// `*.xml`. The list is sorted by path in code-point order and duplicates removed, so the
/// order files or folders were named in never changes the result.
public enum DocumentFiles {
    /// Throws every missing path at once, as diagnostics.
    public static func collect(_ arguments: [String]) throws(DiagnosticsError) -> [String] {
        var files = Set<String>()
        var missing: [Diagnostic] = []
        let manager = FileManager.default
        for argument in arguments {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: argument, isDirectory: &isFolder) else {
                missing.append(Diagnostic(CLIDiagnostic.missingInput, at: SourceLocation(file: argument, line: 1, column: 1),
                                          message: "no such file or folder"))
                continue
            }
            guard isFolder.boolValue else {
                files.insert(normalised(argument))
                continue
            }
            // Symbolic links are not followed into folders, so a link loop cannot hang the run.
            guard let walker = manager.enumerator(atPath: argument) else { continue }
            while let relative = walker.nextObject() as? String {
                guard relative.lowercased().hasSuffix(".xml") else { continue }
                let path = (argument.hasSuffix("/") ? argument : argument + "/") + relative
                var isSubfolder: ObjCBool = false
                if manager.fileExists(atPath: path, isDirectory: &isSubfolder), !isSubfolder.boolValue {
                    files.insert(normalised(path))
                }
            }
        }
        guard missing.isEmpty else { throw DiagnosticsError(missing) }
        return files.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }

    /// `./bids//a.xml` → `bids/a.xml`: one spelling per file, so naming a file twice, or a
    /// file and its folder, reads it once.
    public static func normalised(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." { parts.append(part) }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
