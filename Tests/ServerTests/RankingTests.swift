import Foundation
import HTTPTypes
@testable import Server
import Store
import TestSupport
import Testing

/// A ranking from the API is the CLI's ranking: `cbscore rank` on the same documents gives the
/// same bytes in every format, except that where the CLI names a file the API names the stored
/// document by its uploaded name.
@Suite struct RankingTests {
    /// `cbscore rank` run from the repository's folder, its file names turned into the names
    /// the demo stored the documents under.
    static func cli(_ format: String) throws -> String {
        let process = Process()
        process.executableURL = try binary("cbscore")
        process.currentDirectoryURL = SharedData.repositoryRoot
        process.arguments = ["rank", "fixtures/gcr-2026-014/tender.xml", "fixtures/gcr-2026-014/bids", "--areas", "fixtures/areas",
                             "--format", format]
        process.environment = ["HOME": FileManager.default.temporaryDirectory.path, "CBSCORE_CACHE_DIR": try Fixtures.temporaryFolder()]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "fixtures/gcr-2026-014/bids/", with: "")
            .replacingOccurrences(of: "fixtures/gcr-2026-014/tender.xml", with: "tender.xml")
    }

    static func binary(_ name: String) throws -> URL {
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent().appendingPathComponent(name)) }
        candidates.append(SharedData.repositoryRoot.appendingPathComponent(".build/debug/\(name)"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates.map(\.path).joined(separator: ", ")])
        }
        return found
    }

    @Test(arguments: Backend.all)
    func theAPIsRankingIsTheCLIsByteForByte(_ backend: Backend) async throws {
        let t = try await TestService.make(backend)
        let ranking = try #require(try await t.store.rankings(tender: "GCR-2026-014").first)
        try await t.test { client in
            for format in ["json", "text", "csv", "html", "ocds"] {
                let api = try await client.send(.get, "/api/v1/rankings/\(ranking.id)?format=\(format)", token: t.token("auditor"))
                #expect(api.status == .ok)
                let expected = try Self.cli(format)
                #expect(api.body == expected, "\(format) differs from the CLI's")
            }
            let html = try await client.send(.get, "/api/v1/rankings/\(ranking.id)?format=html", token: t.token("auditor"))
            #expect(html.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            #expect(html.headers[.contentSecurityPolicy] == "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
            #expect(try await client.send(.get, "/api/v1/rankings/\(ranking.id)?format=pdf", token: t.token("auditor")).status == .badRequest)
        }
    }

    /// POST answers `{"id", "result"}` with the result as stored; ranking again gives a new
    /// decision record with the same result; the records keep who, when, and every hash.
    @Test(arguments: Backend.all)
    func rankingStoresADecisionRecord(_ backend: Backend) async throws {
        let t = try await TestService.make(backend)
        try await t.test { client in
            let answer = try await client.json(.post, "/api/v1/tenders/GCR-2026-014/rankings", token: t.token("officer"), [:])
            #expect(answer.status == .created)
            let id = try #require(answer.object["id"] as? String)
            let result = try #require(answer.object["result"] as? [String: Any])
            #expect(result["format"] as? String == "cbscore.result/1")
            let bids = try #require(result["bids"] as? [[String: Any]])
            #expect(bids.prefix(6).compactMap { $0["id"] as? String } == ["B-014-01", "B-014-03", "B-014-02", "B-014-07", "B-014-08", "B-014-06"])
            let record = try #require(try await t.store.ranking(id: id))
            #expect(record.madeBy == "officer@test.example")
            #expect(record.schemeSHA256 == t.service.defaultSchemeID)
            let first = try #require(try await t.store.rankings(tender: "GCR-2026-014").first)
            #expect(first.resultJSON == record.resultJSON)
            let documents = try JSONSerialization.jsonObject(with: Data(record.documentsJSON.utf8)) as? [[String: String]] ?? []
            #expect(documents.count == 9)
            #expect(documents.first?["name"] == "tender.xml")
            let tender = try await client.send(.get, "/api/v1/tenders/GCR-2026-014", token: t.token("manager"))
            #expect(tender.object["bids"] as? Int == 8)
            #expect((tender.object["rankings"] as? [Any])?.count == 2)
            let summary = try await client.send(.get, "/api/v1/rankings/\(id)/summaries/B-014-03", token: t.token("auditor"))
            #expect(summary.status == .ok)
            #expect(summary.body.contains("Clyde Build Ltd"))
            #expect(try await client.send(.get, "/api/v1/rankings/\(id)/summaries/B-NONE", token: t.token("auditor")).status == .notFound)
        }
    }

    @Test(arguments: Backend.all)
    func aTenderWithNoBidsIsNotRanked(_ backend: Backend) async throws {
        let t = try await TestService.make(backend, demo: false)
        try await t.test { client in
            _ = try await client.xml("/api/v1/tenders?name=tender.xml", token: t.token("officer"), try Fixtures.bytes("gcr-2026-014/tender.xml"))
            let answer = try await client.json(.post, "/api/v1/tenders/GCR-2026-014/rankings", token: t.token("officer"), [:])
            #expect(answer.status == .unprocessableContent)
            #expect(answer.errorID == "service.no-bids")
            #expect(try await client.json(.post, "/api/v1/tenders/NOPE/rankings", token: t.token("officer"), [:]).status == .notFound)
        }
    }

    /// Panel inputs in the body: the price-quality scheme ranks with them, as `--inputs` would.
    @Test(arguments: Backend.all)
    func panelInputsComeInTheBody(_ backend: Backend) async throws {
        let t = try await TestService.make(backend)
        let scheme = try #require(try await t.store.schemes().first { $0.file == "rules/award-price-quality-cb.cbs" })
        let csv = try String(contentsOfFile: Fixtures.root + "/gcr-2026-014/panel-quality.csv", encoding: .utf8)
        var read: [String: String] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.count >= 2 { read[cells[0]] = cells[1] }
        }
        let quality = read
        try await t.test { client in
            let answer = try await client.json(.post, "/api/v1/tenders/GCR-2026-014/rankings", token: t.token("officer"),
                                               ["scheme": scheme.sha256, "inputs": ["quality": quality]])
            #expect(answer.status == .created, "\(answer.body)")
            let unknown = try await client.json(.post, "/api/v1/tenders/GCR-2026-014/rankings", token: t.token("officer"),
                                                ["scheme": scheme.sha256, "inputs": ["quality": quality.merging(["B-NOPE": "50"]) { a, _ in a }]])
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.diagnostics.first?["id"] as? String == "inputs.unknown-bid")
            let bad = try await client.json(.post, "/api/v1/tenders/GCR-2026-014/rankings", token: t.token("officer"),
                                            ["inputs": ["quality": ["B-014-01": "lots"]]])
            #expect(bad.status == .badRequest)
        }
    }
}
