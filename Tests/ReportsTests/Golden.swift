import Foundation
import Testing

/// Golden files live in Tests/ReportsTests/Golden, found from this file's path so tests do
/// not depend on the working directory. A missing golden, or CBSCORE_UPDATE_GOLDEN=1, writes
/// the file and fails, so a new or changed output is always reviewed before it is committed.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden")

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name)
        let update = ProcessInfo.processInfo.environment["CBSCORE_UPDATE_GOLDEN"] == "1"
        if !update, let data = try? Data(contentsOf: url) {
            let expected = String(decoding: data, as: UTF8.self)
            #expect(actual == expected, "output differs from golden file \(url.path)", sourceLocation: sourceLocation)
            return
        }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            try Data(actual.utf8).write(to: url)
            Issue.record("wrote golden file \(url.path); review it and commit it", sourceLocation: sourceLocation)
        } catch {
            Issue.record("could not write golden file \(url.path): \(error)", sourceLocation: sourceLocation)
        }
    }
}
