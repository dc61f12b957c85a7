import Documents
import Monitoring
import Store
import Testing

/// Each refusal stores nothing from the file, and is logged.
@Suite struct ImportRefusalTests {
    func expectRefused(_ ret: DeliveryReturn, id: String) async throws {
        let store = try temporaryStore()
        try await award(store)
        let outcome = try await store.importing(ret, hash: "h1")
        #expect(outcome.result == .refused)
        #expect(outcome.diagnostics.map(\.id).contains(id))
        #expect(try await store.history(contract: ret.contractID).isEmpty)
        #expect(try await store.items(contract: ret.contractID, asOf: date("2030-01-01")).isEmpty)
        let log = try await store.importLog()
        #expect(log.map(\.result) == [.refused])
        #expect(log.first?.sha256 == "h1")
    }

    @Test func unknownRefIsRefused() async throws {
        try await expectRefused(deliveryReturn("2026-Q3", [spend(1000), spend(5, ref: "S9")]), id: "monitoring.unknown-ref")
    }

    @Test func unknownContractIsRefused() async throws {
        try await expectRefused(deliveryReturn("2026-Q3", contract: "C-404", [spend(1000)]), id: "monitoring.unknown-contract")
    }

    @Test func unknownAreaIsRefused() async throws {
        try await expectRefused(deliveryReturn("2026-Q3", [spend(1000), hire("P1", start: "2026-07-01", area: "S01999999")]),
                          id: "monitoring.unknown-area")
    }

    @Test func periodBeforeContractIsRefused() async throws {
        try await expectRefused(deliveryReturn("2026-Q2", [spend(1000)]), id: "monitoring.period-outside-contract")
    }

    @Test func periodAfterContractIsRefused() async throws {
        try await expectRefused(deliveryReturn("2027-Q3", [spend(1000)]), id: "monitoring.period-outside-contract")
    }

    @Test func itemOfTheWrongKindIsRefused() async throws {
        try await expectRefused(deliveryReturn("2026-Q3", [hire("P1", ref: "S1", start: "2026-07-01")]), id: "monitoring.wrong-kind")
    }

    @Test func periodOverlappingTheStartIsAccepted() async throws {
        let store = try temporaryStore()
        try await award(store, start: "2026-08-15")
        #expect(try await store.importing(deliveryReturn("2026-Q3", [spend(1000)]), hash: "h").result == .stored)
    }

    @Test func refusalNamesFileLineAndColumn() async throws {
        let store = try temporaryStore()
        try await award(store)
        var item = SupplyChainSpend(ref: "S9", kind: .sme, amount: Money(Exact(5)),
                                    location: SourceLocation(file: "q3.xml", line: 7, column: 3))
        item.ref = "S9"
        let outcome = try await store.importing(deliveryReturn("2026-Q3", [.supplyChainSpend(item)]), hash: "h")
        #expect(outcome.diagnostics.map(\.description)
            == ["q3.xml:7:3: SupplyChainSpend/@ref: contract C-1 has no commitment 'S9'"])
    }
}

@Suite struct ImportHistoryTests {
    @Test func importingTheSameFileTwiceChangesNothing() async throws {
        let store = try temporaryStore()
        try await award(store)
        let ret = deliveryReturn("2026-Q3", [spend(1000)])
        #expect(try await store.importing(ret, hash: "same").result == .stored)
        let second = try await store.importing(ret, hash: "same")
        #expect(second.result == .unchanged)
        #expect(second.message.contains("already imported"))
        #expect(try await store.history(contract: "C-1").count == 1)
        #expect(try await store.items(contract: "C-1", asOf: date("2027-01-01")).count == 1)
        #expect(try await store.importLog().map(\.result) == [.stored, .unchanged])
    }

    @Test func resubmissionReplacesAndKeepsHistory() async throws {
        let store = try temporaryStore()
        try await award(store)
        let first = try await store.importing(deliveryReturn("2026-Q3", [spend(1000)]), hash: "v1")
        let second = try await store.importing(deliveryReturn("2026-Q3", [spend(3000), spend(500)]), hash: "v2")
        #expect(second.result == .replaced)
        #expect(second.replacedReturnID == first.returnID)
        let history = try await store.history(contract: "C-1")
        #expect(history.map(\.sha256) == ["v1", "v2"])
        #expect(history.map(\.supersededBy) == [second.returnID, nil])
        let progress = try #require(try await store.progress(contract: "C-1", asOf: date("2026-12-31")))
        #expect(progress.commitments.first { $0.ref == "S1" }?.delivered == 3500)
    }

    /// Issue 13.6: the file of an earlier submission, imported again, is already in the history
    /// and changes nothing (before, it became current again as a new submission).
    @Test func reimportingAnOlderSubmissionChangesNothing() async throws {
        let store = try temporaryStore()
        try await award(store)
        try await store.importing(deliveryReturn("2026-Q3", [spend(1000)]), hash: "v1")
        try await store.importing(deliveryReturn("2026-Q3", [spend(3000)]), hash: "v2")
        let again = try await store.importing(deliveryReturn("2026-Q3", [spend(1000)]), hash: "v1")
        #expect(again.result == .unchanged)
        #expect(again.current == false)
        #expect(try await store.history(contract: "C-1").count == 2)
        #expect(try await store.items(contract: "C-1", asOf: date("2027-01-01")).map(\.quantity) == [3000])
    }

    @Test func awardingTheSameContractTwiceIsRefused() async throws {
        let store = try temporaryStore()
        try await award(store)
        await #expect(throws: DiagnosticsError.self) { try await award(store) }
        #expect(try await store.contracts().count == 1)
    }

    @Test func awardWithAnUnknownCommitmentAreaIsRefused() async throws {
        let store = try temporaryStore()
        var bid = sampleBid()
        bid.commitments[0] = .job(Job(ref: "J1", count: 1, fte: 1, weeks: 26, hourlyRate: Money(14),
                                      area: area("S01999999"), location: here))
        await #expect(throws: DiagnosticsError.self) { try await award(store, bid: bid) }
        #expect(try await store.contracts().isEmpty)
    }

    @Test func contractsListShowsCommittedPoints() async throws {
        let store = try temporaryStore()
        try await award(store, id: "C-2")
        try await award(store, id: "C-1")
        let list = try await store.contracts()
        #expect(list.map(\.contractID) == ["C-1", "C-2"])
        // jobs 4 × 10 × 1.5 = 60 + apprentices 24, training 20, spend 5
        #expect(list[0].committedPoints.total == 109)
        #expect(list[0].commitments == 4)
    }
}
