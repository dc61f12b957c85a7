import Foundation
import Testing
@testable import DocumentReading
import Documents
import Hashing

/// Envelopes for the tests: the fixture envelope of B-014-03 (made by `cbscore envelope`),
/// changed one thing at a time, written to a temporary folder and read back.
enum EnvelopeCases {
    static let fixture = "envelopes/gcr-2026-014/B-014-03.ubl.xml"
    static let bareBid = "gcr-2026-014/bids/B-014-03.xml"

    static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: Fixtures.path(relative), encoding: .utf8)
    }

    /// The base64 lines of the fixture envelope (lines 20 to 43), as they stand.
    static func base64Block(of envelope: String) -> String {
        let start = envelope.range(of: "filename=\"B-014-03.xml\">\n")!.upperBound
        let end = envelope.range(of: "      </cbc:EmbeddedDocumentBinaryObject>")!.lowerBound
        return String(envelope[start..<end])
    }

    /// The fixture envelope with its embedded bid replaced by `bid` (the hash follows it).
    static func envelope(embedding bid: String) throws -> String {
        let envelope = try text(fixture)
        let bytes = Array(bid.utf8)
        let original = try text(bareBid)
        return envelope
            .replacingOccurrences(of: base64Block(of: envelope), with: EnvelopeWriter.base64Lines(bytes, indent: "        "))
            .replacingOccurrences(of: SHA256.hex(Array(original.utf8)), with: SHA256.hex(bytes))
    }

    /// A folder of its own for one test's files.
    static func folder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("cbscore-envelope-\(name)-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` as `env.xml` in a fresh folder and reads it as a bid file: the results,
    /// with the folder's path taken out of every line.
    static func read(_ text: String, _ name: String, tenderID: String? = "GCR-2026-014",
                     reader: DocumentReader? = nil) throws -> (results: [BidReadResult], lines: [String]) {
        let reader = try reader ?? Fixtures.reader()
        let folder = try folder(name)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("env.xml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var results: [BidReadResult] = []
        var lines: [String] = []
        do {
            try reader.readBids(at: path, tenderIDs: tenderID.map { [$0] }) { results.append($0) }
        } catch let error as DiagnosticsError {
            lines = error.diagnostics.map(\.description)
        }
        for case .refused(_, let diagnostics) in results { lines += diagnostics.map(\.description) }
        return (results, lines.map { $0.replacingOccurrences(of: folder.path + "/", with: "") })
    }
}
