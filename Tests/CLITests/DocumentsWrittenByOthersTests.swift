import Foundation
import TestSupport
import Testing

/// Documents a portal or a supplier's system may legally write (issue 13, points 1–5;
/// shared spec xml-formats.md), through `validate`, `rank` and `returns import`, each against
/// the same document written plainly.
@Suite struct DocumentsWrittenByOthersTests {
    static let tender = "fixtures/gcr-2026-014/tender.xml"
    static let bid = "fixtures/gcr-2026-014/bids/B-014-01.xml"
    static let batch = "fixtures/batches/gcr-2026-014-portal-export.xml"
    static let areas = ["--areas", "fixtures/areas"]

    /// A copy of a fixture (path relative to the repository) with `edits` applied in turn,
    /// each of which must find its text; in a scratch folder of its own.
    static func variant(of fixture: String, _ edits: [(String, String)] = [],
                        transform: (String) -> String = { $0 }) throws -> String {
        var text = try String(contentsOfFile: CLI.root + "/" + fixture, encoding: .utf8)
        for (old, new) in edits {
            #expect(text.contains(old), "\(old) is not in \(fixture)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        let folder = NSTemporaryDirectory() + "cbscore-others-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + (fixture as NSString).lastPathComponent
        try Data(transform(text).utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// `rank --format csv` without the file column, which names each bid's path.
    static func rankedRows(_ bids: [String]) throws -> [String] {
        let run = try CLI.run(["rank", tender] + bids + areas + ["--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout.split(separator: "\r\n").map { row in
            String(row.split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ","))
        }
    }

    /// Every start tag of the document's own elements given `xml:lang` and an attribute of
    /// another namespace (declared on the root).
    static func foreignAttributesEverywhere(_ text: String) -> String {
        var declared = false
        let tag = try! Regex(#"<([A-Za-z][A-Za-z0-9]*)(?=[\s/>])"#)
        return text.replacing(tag) { match in
            let name = String(text[match.range].dropFirst())
            defer { declared = true }
            return "<\(name) xml:lang=\"en-GB\" x:note=\"from the portal\""
                + (declared ? "" : " xmlns:x=\"urn:example:portal\"")
        }
    }

    // MARK: 1. Every lexical form of a value's type

    @Test func aLeadingPlusOnWholeNumbersIsTheSameNumber() throws {
        let plus = try Self.variant(of: Self.bid, [
            ("count=\"2\"", "count=\"+2\""), ("weeks=\"52\"", "weeks=\"+52\""), ("hours=\"400\"", "hours=\"+0400\""),
        ])
        let run = try CLI.run(["validate", plus])
        #expect(run.status == 0)
        #expect(run.stdout == "checked 1 file (1 bid): all valid\n")
        #expect(try Self.rankedRows([plus]) == Self.rankedRows([Self.bid]))
        let tender = try Self.variant(of: Self.tender, [("<DurationWeeks>156<", "<DurationWeeks>+156<")])
        #expect(try CLI.run(["validate", tender]).status == 0)
    }

    // MARK: 2. Attributes of other namespaces on every element

    @Test func attributesOfOtherNamespacesAreIgnoredOnEveryElement() throws {
        let bid = try Self.variant(of: Self.bid, transform: Self.foreignAttributesEverywhere)
        let tender = try Self.variant(of: Self.tender, transform: Self.foreignAttributesEverywhere)
        #expect(try String(contentsOfFile: bid, encoding: .utf8).contains("<Name xml:lang=\"en-GB\" x:note="))
        let run = try CLI.run(["validate", tender, bid])
        #expect(run.stderr == "")
        #expect(run.stdout == "checked 2 files (1 tender, 1 bid): all valid\n")
        let plain = try CLI.run(["rank", Self.tender, Self.bid] + Self.areas + ["--format", "csv"])
        let marked = try CLI.run(["rank", tender, bid] + Self.areas + ["--format", "csv"])
        #expect(marked.status == 0)
        #expect(marked.stdout.replacingOccurrences(of: bid, with: Self.bid) == plain.stdout)
    }

    @Test func anUnqualifiedUnknownAttributeOnAValueIsStillRefused() throws {
        let bid = try Self.variant(of: Self.bid, [("<Name>", "<Name lang=\"en\">")])
        let run = try CLI.run(["validate", bid])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("\(bid):7:11: Name/@lang: unknown attribute; a Name takes no attributes "
            + "(and any attributes of other namespaces)\n"))
    }

    // MARK: 3. XInclude wherever it stands

    @Test(arguments: ["http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude"])
    func anXIncludeInsideAnExtensionIsRefused(namespace: String) throws {
        let bid = try Self.variant(of: Self.bid, [
            ("<Commitments>", "<Commitments><p:extra xmlns:p=\"urn:example:portal\"><p:more>"
                + "<xi:include xmlns:xi=\"\(namespace)\" href=\"other.xml\"/></p:more></p:extra>"),
        ])
        let message = "XInclude is not accepted: include in \(namespace) (documents must be self-contained; "
            + "nothing is fetched on their behalf)"
        let validate = try CLI.run(["validate", bid])
        #expect(validate.status == 1)
        #expect(validate.stderr.hasPrefix("\(bid):20:62: \(message)\n"))
        let rank = try CLI.run(["rank", Self.tender, bid] + Self.areas + ["--format", "csv"])
        #expect(rank.status != 0)
        #expect(rank.stderr.hasPrefix("\(bid):20:62: bid B-014-01: \(message)\n"))
        let tender = try Self.variant(of: Self.tender, [
            ("<Title>", "<p:extra xmlns:p=\"urn:example:portal\"><xi:include xmlns:xi=\"\(namespace)\" href=\"x\"/>"
                + "</p:extra><Title>"),
        ])
        #expect(try CLI.run(["validate", tender]).stderr.contains(message))
    }

    // MARK: 4. A batch cut short

    @Test func aBatchCutAfterABidEndsBeforeItsEndTag() throws {
        let cut = try Self.variant(of: Self.batch, transform: { text in
            String(text[..<text.range(of: "</Bid>", options: .backwards)!.upperBound])
        })
        let message = "\(cut):106:9: malformed XML: the document ends before </Bids> (it is truncated)\n"
        let validate = try CLI.run(["validate", cut])
        #expect(validate.status == 1)
        #expect(validate.stderr.hasPrefix(message))
        #expect(!validate.stderr.contains("extra content"))
        let rank = try CLI.run(["rank", Self.tender, cut] + Self.areas + ["--format", "csv"])
        #expect(rank.status != 0)
        #expect(rank.stderr.hasPrefix(message))
        // The bids before the cut are whole: ranked when the file's refusal is set aside.
        let excluding = try CLI.run(["rank", Self.tender, cut] + Self.areas + ["--format", "csv", "--exclude-invalid"])
        #expect(excluding.stdout.contains(",B-014-24,"))
    }

    // MARK: 5. CR-only line ends

    @Test func positionsInAFileWithCROnlyLineEnds() throws {
        func crOnly(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "\r") }
        func crlf(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "\r\n") }
        for lineEnds in [crOnly, crlf] {
            let schema = try Self.variant(of: "fixtures/invalid/fte-out-of-range.xml", transform: lineEnds)
            #expect(try CLI.run(["validate", schema]).stderr
                .hasPrefix("\(schema):23:29: Job/@fte: '1.5' is above the maximum of 1\n"))
            let malformed = try Self.variant(of: "fixtures/invalid/malformed.xml", transform: lineEnds)
            #expect(try CLI.run(["rank", Self.tender, malformed] + Self.areas).stderr
                .hasPrefix("\(malformed):8:23: bid B-014-03: malformed XML: opening and ending tag mismatch: Size line 8 and Sise\n"))
            let doctype = try Self.variant(of: "fixtures/invalid/doctype-xxe.xml", transform: lineEnds)
            #expect(try CLI.run(["validate", doctype]).stderr.hasPrefix("\(doctype):3:1: DOCTYPE declarations"))
            let cut = try Self.variant(of: Self.batch, transform: { text in
                lineEnds(String(text[..<text.range(of: "</Bid>", options: .backwards)!.upperBound]))
            })
            #expect(try CLI.run(["validate", cut]).stderr
                .hasPrefix("\(cut):106:9: malformed XML: the document ends before </Bids> (it is truncated)\n"))
            // A batch read whole: every bid's place as with LF line ends.
            let batch = try Self.variant(of: Self.batch, transform: lineEnds)
            #expect(try Self.rankedRows([batch]) == Self.rankedRows([Self.batch]))
        }
    }
}

/// Delivery returns written by others, through `returns import` and `monitor`.
@Suite(.needsSharedData) struct ReturnsWrittenByOthersTests {
    static let tender = "fixtures/monitoring/tender-GCR-2026-031.xml"
    static let bid = "fixtures/monitoring/bid-B-031-02-awarded.xml"
    static let quarter = "fixtures/monitoring/return-2026-Q3.xml"

    /// Imports `file` into a new store holding the fixture contract; the command's output and
    /// the contract's monitoring CSV at the end of the quarter.
    static func imported(_ file: String) throws -> (import: CLI.Output, monitor: String) {
        let db = NSTemporaryDirectory() + "cbscore-others-\(UUID().uuidString).sqlite"
        let areas = ["--areas", SharedData.path]
        let award = try CLI.run(["contracts", "award", bid, "--tender", tender, "--contract", "C-2026-0311",
                                 "--start", "2026-07-01", "--end", "2027-06-30", "--db", db] + areas)
        #expect(award.status == 0, "\(award.stderr)")
        let run = try CLI.run(["returns", "import", file, "--db", db] + areas)
        let monitor = try CLI.run(["monitor", "C-2026-0311", "--as-of", "2026-09-30", "--format", "csv",
                                   "--db", db] + areas)
        return (run, monitor.stdout)
    }

    @Test func plusSignsForeignAttributesAndCROnlyLineEndsImportAsThePlainReturn() throws {
        let plain = try Self.imported(Self.quarter)
        #expect(plain.import.status == 0)
        let written = try DocumentsWrittenByOthersTests.variant(
            of: Self.quarter, [("hours=\"10\"", "hours=\"+10\"")],
            transform: { DocumentsWrittenByOthersTests.foreignAttributesEverywhere($0)
                .replacingOccurrences(of: "\n", with: "\r") })
        let other = try Self.imported(written)
        #expect(other.import.status == 0, "\(other.import.stderr)")
        #expect(other.monitor == plain.monitor)
    }

    @Test func anXIncludeInAReturnIsRefusedWhereItStands() throws {
        let written = try DocumentsWrittenByOthersTests.variant(of: Self.quarter, [
            ("<Submitted>", "<p:extra xmlns:p=\"urn:example:portal\"><xi:include "
                + "xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"x\"/></p:extra>\r<Submitted>"),
        ], transform: { $0.replacingOccurrences(of: "\n", with: "\r") })
        let run = try Self.imported(written)
        #expect(run.import.status != 0)
        #expect(run.import.stderr.contains("\(written):4:41: XInclude is not accepted: include in "
            + "http://www.w3.org/2001/XInclude"))
    }
}
