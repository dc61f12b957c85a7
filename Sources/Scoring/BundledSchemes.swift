import Diagnostics
import Foundation
import Hashing

extension Scheme {
    /// Every scheme shipped in `rules/`, each named `rules/FILE` as the CLI names the default,
    /// in file-name order. The service offers them from its first start.
    public static func bundled() throws -> [Scheme] {
        guard let folder = Bundle.module.url(forResource: "Rules", withExtension: nil) else { return [try bundledDefault()] }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".cbs") }.sorted()
        return try files.map { file in
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            guard let text = String(data: data, encoding: .utf8) else {
                throw DiagnosticsError([Diagnostic(RulesDiagnostic.fileEncoding, at: SourceLocation(file: "rules/" + file, line: 1, column: 1),
                                                   message: "the scheme file is not UTF-8 text")])
            }
            return try parse(source: text, file: "rules/" + file, sha256: SHA256.hex(Array(data)))
        }
    }
}
