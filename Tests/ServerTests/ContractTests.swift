import Foundation
import HTTPTypes
@testable import Server
import Store
import TestSupport
import Testing

/// Awards, returns and what is due: the rules of service.md, and progress as `cbscore monitor` gives it.
@Suite struct ContractTests {
    static func ranking(_ t: TestService) async throws -> String {
        try #require(try await t.store.rankings(tender: "GCR-2026-014").first).id
    }

    @Test(arguments: Backend.all)
    func awardingFollowsTheRanking(_ backend: Backend) async throws {
        let t = try await TestService.make(backend)
        let ranking = try await Self.ranking(t)
        try await t.test { client in
            let officer = t.token("officer")
            func award(_ fields: [String: Any]) async throws -> Client.Answer {
                var body: [String: Any] = ["ranking": ranking, "start": "2026-05-01", "end": "2027-04-30"]
                body.merge(fields) { _, new in new }
                return try await client.json(.post, "/api/v1/tenders/GCR-2026-014/award", token: officer, body)
            }
            let notIn = try await award(["bid": "B-031-02", "contract": "C-X1"])
            #expect(notIn.status == .unprocessableContent)
            #expect(notIn.errorID == "service.not-in-ranking")
            let excluded = try await award(["bid": "B-014-04", "contract": "C-X2"])
            #expect(excluded.status == .unprocessableContent)
            #expect(excluded.errorID == "service.not-ranked")
            #expect(try await t.store.contract("C-X2") == nil)
            let overridden = try await award(["bid": "B-014-04", "contract": "C-X2", "override": "the gate's rate table was out of date"])
            #expect(overridden.status == .created, "\(overridden.body)")
            #expect(overridden.object["override"] as? String == "the gate's rate table was out of date")
            let lot = try await award(["bid": "B-014-03", "contract": "C-X3", "reporting": "monthly", "graceDays": 14, "awarded": "2026-04-20"])
            #expect(lot.status == .created)
            #expect(lot.object["reporting"] as? String == "monthly")
            #expect(lot.object["graceDays"] as? Int == 14)
            #expect(lot.object["awarded"] as? String == "2026-04-20")
            #expect(lot.object["ranking"] as? String == ranking)
            #expect((lot.object["commitments"] as? [Any])?.isEmpty == false)
            let again = try await award(["bid": "B-014-03", "contract": "C-X3"])
            #expect(again.status == .conflict)
            let missing = try await client.json(.post, "/api/v1/tenders/GCR-2026-014/award", token: officer, ["ranking": ranking])
            #expect(missing.status == .badRequest)
            let badDate = try await award(["bid": "B-014-03", "contract": "C-X4", "start": "2026-13-01"])
            #expect(badDate.status == .badRequest)
            let emptyTerm = try await award(["bid": "B-014-03", "contract": "C-X5", "end": "2026-05-01"])
            #expect(emptyTerm.status == .unprocessableContent)
            #expect(emptyTerm.diagnostics.first?["id"] as? String == "monitoring.empty-term")
        }
    }

    @Test(arguments: Backend.all)
    func returnsAreStoredOnceAndHistoryKept(_ backend: Backend) async throws {
        let t = try await TestService.make(backend)
        try await t.test { client in
            let supplier = t.token("supplier")
            let q2 = try Fixtures.bytes("monitoring/return-2027-Q2.xml")
            let stored = try await client.xml("/api/v1/contracts/C-2026-0311/returns?name=q2.xml", token: supplier, q2)
            #expect(stored.status == .created)
            #expect(stored.object["result"] as? String == "stored")
            let ret = try #require(stored.object["return"] as? [String: Any])
            #expect(ret["contract"] as? String == "C-2026-0311")
            #expect(ret["period"] as? String == "2027-Q2")
            #expect(ret["submitted"] as? String == "2027-07-14")
            #expect(ret["sha256"] as? String == SHA.hex(q2))
            #expect(ret["current"] as? Bool == true)
            let same = try await client.xml("/api/v1/contracts/C-2026-0311/returns?name=q2-again.xml", token: supplier, q2)
            #expect(same.status == .ok)
            #expect(same.object["result"] as? String == "unchanged")
            let history = try await client.send(.get, "/api/v1/contracts/C-2026-0311/returns", token: t.token("manager"))
            #expect(history.array.count == 5)
            #expect(history.array.filter { $0["current"] as? Bool == false }.count == 1, "Q4's first submission, superseded")
            #expect(Set(history.array.first.map { Array($0.keys) } ?? []).isSuperset(of: ["period", "submitted", "sha256", "name", "importedAt", "current"]))
        }
    }

    /// A return with an error is refused with file, line and column and stores nothing; the
    /// corrected file is then stored. A return for another contract is refused.
    @Test(arguments: Backend.all)
    func aReturnWithAnErrorThenWithout(_ backend: Backend) async throws {
        let t = try await TestService.make(backend)
        try await t.test { client in
            let supplier = t.token("supplier")
            let good = String(decoding: try Fixtures.bytes("monitoring/return-2027-Q2.xml"), as: UTF8.self)
            let bad = good.replacingOccurrences(of: "fte=\"1.0\"", with: "fte=\"1.5\"")
            let refused = try await client.xml("/api/v1/contracts/C-2026-0311/returns?name=q2.xml", token: supplier, Array(bad.utf8))
            #expect(refused.status == .unprocessableContent)
            let d = try #require(refused.diagnostics.first)
            #expect(d["file"] as? String == "q2.xml")
            #expect(d["line"] as? Int == 5)
            #expect(try await t.store.history(contract: "C-2026-0311").count == 4)
            let fixed = try await client.xml("/api/v1/contracts/C-2026-0311/returns?name=q2.xml", token: supplier, Array(good.utf8))
            #expect(fixed.status == .created)
            let other = good.replacingOccurrences(of: "contract=\"C-2026-0311\"", with: "contract=\"C-2026-0141\"")
                .replacingOccurrences(of: "2027-Q2", with: "2026-Q2")
            let elsewhere = try await client.xml("/api/v1/contracts/C-2026-0311/returns?name=other.xml", token: t.token("manager"),
                                                 Array(other.utf8))
            #expect(elsewhere.status == .unprocessableContent)
            #expect(elsewhere.errorID == "monitoring.other-contract")
            #expect(try await t.store.history(contract: "C-2026-0141").isEmpty)
        }
    }

    /// Progress is `cbscore monitor ID --as-of DATE --format json` on the same documents.
    @Test(arguments: Backend.all)
    func progressIsTheCLIsMonitor(_ backend: Backend) async throws {
        let t = try await TestService.make(backend)
        let folder = try Fixtures.temporaryFolder()
        let db = folder + "/cli.sqlite"
        @Sendable func cbscore(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = try RankingTests.binary("cbscore")
            process.currentDirectoryURL = SharedData.repositoryRoot
            process.arguments = arguments
            process.environment = ["HOME": folder, "CBSCORE_CACHE_DIR": folder]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "cbscore \(arguments.joined(separator: " "))")
            return String(decoding: data, as: UTF8.self)
        }
        _ = try cbscore(["contracts", "award", "fixtures/monitoring/bid-B-031-02-awarded.xml", "--tender",
                         "fixtures/monitoring/tender-GCR-2026-031.xml", "--contract", "C-2026-0311", "--start", "2026-07-01",
                         "--end", "2027-06-30", "--areas", "fixtures/areas", "--db", db])
        _ = try cbscore(["returns", "import"] + ["return-2026-Q3.xml", "return-2026-Q4.xml", "return-2026-Q4-resubmitted.xml",
                                                 "return-2027-Q1.xml"].map { "fixtures/monitoring/" + $0 } + ["--areas", "fixtures/areas", "--db", db])
        try await t.test { client in
            for day in ["2026-09-30", "2027-01-31", "2027-06-30"] {
                let expected = try cbscore(["monitor", "C-2026-0311", "--as-of", day, "--format", "json", "--areas", "fixtures/areas", "--db", db])
                let api = try await client.send(.get, "/api/v1/contracts/C-2026-0311/progress?asOf=\(day)", token: t.token("supplier"))
                #expect(api.status == .ok)
                #expect(api.body == expected, "progress as of \(day)")
            }
            let noDate = try await client.send(.get, "/api/v1/contracts/C-2026-0311/progress", token: t.token("manager"))
            #expect(noDate.status == .badRequest)
            #expect(noDate.errorID == "service.missing-field")
            let portfolio = try await client.send(.get, "/api/v1/portfolio?asOf=2027-01-31", token: t.token("manager"))
            #expect(portfolio.object["format"] as? String == "cbscore.portfolio/1")
            // The annual report: the figures of the CLI's `report annual --format json` (the files
            // named differ: the service stores documents under names of its own).
            let annual = try await client.send(.get, "/api/v1/reports/annual?from=2026-04-01&to=2027-03-31", token: t.token("manager"))
            #expect(annual.status == .ok)
            let cli = try cbscore(["report", "annual", "--from", "2026-04-01", "--to", "2027-03-31", "--format", "json", "--db", db])
            let cliObject = try #require(try JSONSerialization.jsonObject(with: Data(cli.utf8)) as? NSDictionary)
            #expect(annual.object["format"] as? String == "cbscore.annual-report/1")
            for key in ["period", "procurements", "communityBenefits", "background"] {
                #expect((annual.object[key] as? NSDictionary) == (cliObject[key] as? NSDictionary), "\(key)")
            }
            let backwards = try await client.send(.get, "/api/v1/reports/annual?from=2027-04-01&to=2026-03-31", token: t.token("manager"))
            #expect(backwards.status == .badRequest)
            let html = try await client.send(.get, "/api/v1/reports/annual?from=2026-04-01&to=2027-03-31&format=html", token: t.token("manager"))
            #expect(html.status == .ok && html.body.contains("2. Summary of Regulated Procurements Completed"))
        }
    }

    /// Returns due and overdue (service.md): C-2026-0141 runs from 2026-04-01, quarterly, 30
    /// days' grace, and has no returns; C-2026-0311 has every period to 2027-Q1.
    @Test(arguments: Backend.all)
    func returnsDueAndOverdue(_ backend: Backend) async throws {
        let t = try await TestService.make(backend)
        try await t.test { client in
            func due(_ day: String, _ token: String) async throws -> [String] {
                try await client.send(.get, "/api/v1/returns/due?asOf=\(day)", token: token).array.map {
                    "\($0["contract"]!) \($0["period"]!) \($0["state"]!)"
                }
            }
            let manager = t.token("manager")
            #expect(try await due("2026-06-30", manager) == [])
            #expect(try await due("2026-07-01", manager) == ["C-2026-0141 2026-Q2 due"])
            #expect(try await due("2026-07-30", manager) == ["C-2026-0141 2026-Q2 due"])
            #expect(try await due("2026-07-31", manager) == ["C-2026-0141 2026-Q2 overdue"])
            // C-2026-0311's Q3 return is stored, so it owes nothing for Q3.
            #expect(try await due("2026-10-01", manager) == ["C-2026-0141 2026-Q2 overdue", "C-2026-0141 2026-Q3 due"])
            // C-2026-0311 has its returns to 2027-Q1.
            #expect(try await due("2027-04-01", manager).filter { $0.hasPrefix("C-2026-0311") } == [])
            #expect(try await due("2027-07-01", manager).filter { $0.hasPrefix("C-2026-0311") } == ["C-2026-0311 2027-Q2 due"])
            #expect(try await due("2027-07-01", t.token("supplier")) == ["C-2026-0311 2027-Q2 due"])
            let answer = try await client.send(.get, "/api/v1/returns/due?asOf=2026-08-01", token: manager)
            #expect(answer.array.first?["dueFrom"] as? String == "2026-07-01")
            #expect(answer.array.first?["overdueFrom"] as? String == "2026-07-31")
            #expect(try await client.send(.get, "/api/v1/returns/due", token: manager).status == .badRequest)
        }
    }
}
