import Foundation
import TestSupport
import Testing

/// Golden files of the report renderers, in Tests/ReportsTests/Golden (see `GoldenFile`).
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden")

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        GoldenFile.check(actual, at: directory.appendingPathComponent(name), sourceLocation: sourceLocation)
    }
}
