import Testing
@testable import DocumentReading
import Documents

/// Paths of the repository's fixtures, found from this file (never the working directory).
enum Fixtures {
    static let root: String = {
        var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/DocumentReadingTests/Fixtures.swift
        return parts.joined(separator: "/")
    }()

    static func path(_ relative: String) -> String { root + "/fixtures/" + relative }

    /// One reader for the suite; if the bundled schemas do not load, each test using it fails
    /// with the reason (rather than the whole test process stopping).
    private static let loaded = Result { try DocumentReader() }

    static func reader() throws -> DocumentReader { try loaded.get() }

    /// All results of a bid file.
    static func bids(_ relative: String, tenderID: String? = nil) throws -> [BidReadResult] {
        var results: [BidReadResult] = []
        try reader().readBids(at: path(relative), tenderID: tenderID) { results.append($0) }
        return results
    }

    /// The diagnostics of a file that must be refused, as one-line strings relative to fixtures/.
    static func refusal(_ relative: String, kind: DocumentKind) -> [String] {
        let full = path(relative)
        var lines: [String] = []
        do {
            switch kind {
            case .tender: _ = try reader().readTender(at: full)
            case .deliveryReturn: _ = try reader().readReturn(at: full)
            case .bid, .bids, .envelope:
                try reader().readBids(at: full) { result in
                    if case .refused(_, let diagnostics) = result {
                        lines += diagnostics.map(\.description)
                    }
                }
            }
        } catch let error as DiagnosticsError {
            lines += error.diagnostics.map(\.description)
        } catch {
            lines.append("unexpected: \(error)")
        }
        return lines.map { $0.replacingPrefix(root + "/fixtures/", with: "") }
    }
}

extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
