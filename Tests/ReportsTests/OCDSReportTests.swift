import Documents
import Foundation
import Hashing
import Monitoring
@testable import Reports
import RulesLanguage
import Scoring
import Testing

/// The OCDS tender release (docs/interchange.md) on a hand-built ranking: how parties are
/// identified and counted, and which goals a scheme declares. Schema validity is checked on
/// the real command's output (Tests/CLITests/OCDSCommandTests.swift).
@Suite struct OCDSReportTests {
    func release(_ ranking: Ranking) throws -> [String: Any] {
        let text = OCDSReport.tenderPackage(ranking, ocidPrefix: "ocds-abc123")
        let package = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try #require((package["releases"] as? [[String: Any]])?.first)
    }

    @Test func aBidderWithoutANumberIsOnePartyNamedByItsNameHash() throws {
        var ranking = SampleRanking.ranking
        // Two bids by one bidder (whitespace aside), and one whose number is known.
        let name = ranking.bids[0].bidder
        ranking.bids[1].bidder = " " + name.replacingOccurrences(of: " ", with: "  \n") + " "
        ranking.bids[2].companyNumber = "SC000001"
        let release = try release(ranking)
        let tender = try #require(release["tender"] as? [String: Any])
        #expect(tender["numberOfTenderers"] as? Int == ranking.bids.count - 1)
        let ids = (release["parties"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        let shared = "cbscore-name-" + SHA256.hex(Array(name.utf8)).prefix(16)
        #expect(ids.filter { $0 == shared }.count == 1)
        #expect(ids.contains("GB-COH-SC000001"))
        #expect(Set(ids).count == ids.count)
    }

    @Test func aBuyerThatAlsoBidsIsOnePartyWithBothRoles() throws {
        var ranking = SampleRanking.ranking
        ranking.bids[0].bidder = ranking.tender.authority
        let parties = try #require(try release(ranking)["parties"] as? [[String: Any]])
        #expect(parties.first?["name"] as? String == "Glasgow City Council")
        #expect(parties.first?["roles"] as? [String] == ["buyer", "tenderer"])
        #expect(parties.filter { $0["name"] as? String == "Glasgow City Council" }.count == 1)
    }

    @Test func goalsFollowWhatTheSchemeScores() {
        #expect(OCDS.goals(ScoredSubjects(commitmentKinds: ["job"])) == ["social.disadvantagedEmploymentOpportunities"])
        #expect(OCDS.goals(ScoredSubjects(fairWork: true)) == ["social.laborRightsPromotion"])
        #expect(OCDS.goals(ScoredSubjects(commitmentKinds: ["supply_chain"], supplyChainKinds: ["sme", "local"]))
                == ["economic.localEconomyPromotion", "social.smeInclusion"])
        #expect(OCDS.goals(ScoredSubjects(commitmentKinds: ["volunteering"])) == ["social"])
        #expect(OCDS.goals(ScoredSubjects()) == [])
    }

    @Test func aSchemeWhoseSubjectsAreUnknownDeclaresNoGoals() throws {
        let ranking = SampleRanking.ranking
        #expect(ranking.scheme.subjects == nil)
        let tender = try #require(try release(ranking)["tender"] as? [String: Any])
        #expect(tender["hasSustainability"] == nil && tender["sustainability"] == nil)
        var scored = ranking
        scored.scheme.subjects = ScoredSubjects()
        #expect((try release(scored)["tender"] as? [String: Any])?["hasSustainability"] as? Bool == false)
    }

    @Test func theSameRankingGivesTheSameBytes() {
        let ranking = SampleRanking.ranking
        var shuffled = ranking
        shuffled.bids.reverse()
        #expect(OCDSReport.tenderPackage(ranking, ocidPrefix: nil) == OCDSReport.tenderPackage(shuffled, ocidPrefix: nil))
    }

    @Test func prefixes() {
        #expect(OCDS.isPrefix("ocds-b5fd17"))
        #expect(!OCDS.isPrefix("ocds-B5FD17"))
        #expect(!OCDS.isPrefix("ocds-b5fd1"))
        #expect(!OCDS.isPrefix("oc4ids-b5fd17"))
    }

    // MARK: An awarded contract

    static func contract(tender: Tender?, awarded: CalendarDate?) -> StoredContract {
        let start = CalendarDate(iso: "2026-05-01")!, end = CalendarDate(iso: "2029-04-30")!
        let bid = Bid(id: "B-014-01", tenderID: "GCR-2026-014", submitted: Instant(iso: "2026-03-27T16:45:10Z")!,
                      bidder: Bidder(name: "Springburn Property Services Ltd", size: .small), price: Money(2_450_000),
                      fairWork: FairWork(lowestHourlyRate: Money(Exact(decimal: "13.80")!), zeroHoursContracts: false,
                                         workforceVoice: true, flexibleWorking: true),
                      commitments: [], location: SourceLocation(file: "B-014-01.xml", line: 3, column: 1))
        let summary = ContractSummary(
            contractID: "C-2026-0140", supplier: bid.bidder.name, bidID: bid.id, tenderID: bid.tenderID, start: start, end: end,
            scheme: SampleRanking.ranking.scheme, bidFile: "B-014-01.xml", bidSHA256: "", committedPoints: ScoredPoints(lines: [], total: 0),
            commitments: 0, returns: 0, details: AwardDetails(awarded: awarded), facts: AwardFacts(bid: bid, priorityGroups: nil))
        return StoredContract(summary: summary, bid: bid, tender: tender,
                              terms: ContractTerms(contractID: "C-2026-0140", supplier: bid.bidder.name, start: start, end: end, commitments: []))
    }

    @Test func aContractStoredWithoutItsTenderCannotBePublished() {
        let error = #expect(throws: DiagnosticsError.self) {
            try OCDSReport.contractPackage(Self.contract(tender: nil, awarded: nil), ocidPrefix: nil)
        }
        #expect(error?.diagnostics.map(\.id) == ["monitoring.no-tender"])
        #expect(error?.diagnostics.first?.description.hasPrefix("C-2026-0140: contract C-2026-0140 was stored without its tender") == true)
    }

    @Test func theAwardIsDatedByTheStoreNeverTheClock() throws {
        let tender = SampleRanking.ranking.tender
        func dates(_ awarded: CalendarDate?) throws -> [String?] {
            let text = try OCDSReport.contractPackage(Self.contract(tender: tender, awarded: awarded), ocidPrefix: nil)
            let package = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let release = try #require((package["releases"] as? [[String: Any]])?.first)
            let award = (release["awards"] as? [[String: Any]])?.first
            let period = ((release["contracts"] as? [[String: Any]])?.first?["period"]) as? [String: String]
            return [package["publishedDate"] as? String, award?["date"] as? String, period?["startDate"], period?["endDate"]]
        }
        // Midnight in London (BST) is 23:00 UTC the day before.
        #expect(try dates(CalendarDate(iso: "2026-04-10")!) == ["2026-04-09T23:00:00Z", "2026-04-09T23:00:00Z",
                                                                 "2026-04-30T23:00:00Z", "2029-04-30T22:59:59Z"])
        // No award date recorded: the contract's start.
        #expect(try dates(nil) == ["2026-04-30T23:00:00Z", "2026-04-30T23:00:00Z", "2026-04-30T23:00:00Z", "2029-04-30T22:59:59Z"])
    }
}
