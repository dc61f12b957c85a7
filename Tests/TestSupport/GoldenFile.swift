import Foundation
import Testing

/// Golden files: outputs a person has read and committed. A test compares what it produced
/// with the file, byte for byte. A missing golden, or a run with `CBSCORE_UPDATE_GOLDEN=1`,
/// writes the file and *fails*, so a new or changed output can never pass unread: review the
/// diff (`git diff`), then commit it.
public enum GoldenFile {
    public static func check(_ actual: String, at url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        let update = ProcessInfo.processInfo.environment["CBSCORE_UPDATE_GOLDEN"] == "1"
        let existing = (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) }
        if let existing, existing == actual { return }
        guard update || existing == nil else {
            #expect(actual == existing, "output differs from golden file \(url.path)", sourceLocation: sourceLocation)
            return
        }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record("wrote golden file \(url.path); read the change (git diff), then commit it", sourceLocation: sourceLocation)
        } catch {
            Issue.record("could not write golden file \(url.path): \(error)", sourceLocation: sourceLocation)
        }
    }
}
