import Foundation
import TestSupport
import Testing

/// Runs the built `cbscore` executable (it sits next to the test bundle).
enum CLI {
    static let root: String = {
        var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/CLITests/ValidateCommandTests.swift
        return parts.joined(separator: "/")
    }()

    static var executable: URL? {
        var directory = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("cbscore")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    typealias Output = ProcessOutput

    /// Runs `cbscore` in the repository root with `arguments`.
    static func run(_ arguments: [String]) throws -> Output {
        guard let executable else { throw CocoaError(.fileNoSuchFile) }
        return try ChildProcess.run(executable, arguments, in: URL(fileURLWithPath: root))
    }
}

@Suite struct ValidateCommandTests {
    @Test func validFixturesPass() throws {
        let output = try CLI.run(["validate", "fixtures/gcr-2026-014/tender.xml",
                                  "fixtures/gcr-2026-014/bids/B-014-03.xml",
                                  "fixtures/returns/C-2026-0142-2026-Q3.xml"])
        #expect(output.status == 0)
        #expect(output.stderr == "")
        #expect(output.stdout == "checked 3 files (1 tender, 1 bid, 1 return): all valid\n")
    }

    @Test func externalEntityIsRefusedWithoutReadingTheFile() throws {
        let output = try CLI.run(["validate", "fixtures/invalid/doctype-xxe.xml"])
        #expect(output.status == 1)
        #expect(output.stderr == """
            fixtures/invalid/doctype-xxe.xml:3:1: DOCTYPE declarations are not accepted (no DTD, entity or \
            external reference is ever read); remove the <!DOCTYPE …> line
              <!DOCTYPE Bid [
              ^
              hint: cbscore documents are validated against the project's XSD; a DTD is never needed

            """)
        #expect(!output.stdout.contains("root:") && !output.stderr.contains("root:"))
    }

    @Test func billionLaughsIsRefused() throws {
        let output = try CLI.run(["validate", "--quiet", "fixtures/invalid/billion-laughs.xml"])
        #expect(output.status == 1)
        #expect(output.stdout == "")
        #expect(output.stderr.hasPrefix("fixtures/invalid/billion-laughs.xml:3:1: DOCTYPE declarations are not accepted"))
    }

    @Test func bidsMustNameTheTenderGiven() throws {
        let output = try CLI.run(["validate", "fixtures/invalid/wrong-tender.xml", "fixtures/gcr-2026-014/tender.xml"])
        #expect(output.status == 1)
        #expect(output.stderr == """
            fixtures/invalid/wrong-tender.xml:3:1: Bid/@tender: the bid names tender 'GCR-2026-099', but the \
            tender being read is 'GCR-2026-014'
              <Bid xmlns="urn:cbscore:bid:1" id="B-014-68" tender="GCR-2026-099">
              ^

            """)
        #expect(output.stdout == "checked 2 files (1 tender, 1 bid (1 refused)): 1 error\n")
    }

    @Test func bidIDsMustBeUniqueAcrossFilesWhateverTheOrder() throws {
        let files = ["fixtures/gcr-2026-014/bids/B-014-03.xml", "fixtures/invalid/../gcr-2026-014/bids/B-014-03.xml"]
        let forward = try CLI.run(["validate"] + files)
        let backward = try CLI.run(["validate"] + files.reversed())
        #expect(forward.status == 1)
        #expect(forward.stderr == backward.stderr)
        let lines = forward.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "fixtures/invalid/../gcr-2026-014/bids/B-014-03.xml:3:1: bid B-014-03: "
            + "Bid/@id: 'B-014-03' is already used by the bid at fixtures/gcr-2026-014/bids/B-014-03.xml:3:1; "
            + "bid ids must be unique within a tender")
        #expect(lines.dropFirst().first?.hasPrefix("  <Bid ") == true)
        #expect(lines.count == 3)
    }
}
