import Documents
import Monitoring
import Testing

/// Each refusal stores nothing from the file, and is logged.
@Suite struct ImportRefusalTests {
    func expectRefused(_ ret: DeliveryReturn, id: String) throws {
        let store = try temporaryStore()
        try award(store)
        let outcome = try store.importing(ret, hash: "h1")
        #expect(outcome.result == .refused)
        #expect(outcome.diagnostics.map(\.id).contains(id))
        #expect(try store.history(contract: ret.contractID).isEmpty)
        #expect(try store.items(contract: ret.contractID, asOf: date("2030-01-01")).isEmpty)
        let log = try store.importLog()
        #expect(log.map(\.result) == [.refused])
        #expect(log.first?.sha256 == "h1")
    }

    @Test func unknownRefIsRefused() throws {
        try expectRefused(deliveryReturn("2026-Q3", [spend(1000), spend(5, ref: "S9")]), id: "monitoring.unknown-ref")
    }

    @Test func unknownContractIsRefused() throws {
        try expectRefused(deliveryReturn("2026-Q3", contract: "C-404", [spend(1000)]), id: "monitoring.unknown-contract")
    }

    @Test func unknownAreaIsRefused() throws {
        try expectRefused(deliveryReturn("2026-Q3", [spend(1000), hire("P1", start: "2026-07-01", area: "S01999999")]),
                          id: "monitoring.unknown-area")
    }

    @Test func periodBeforeContractIsRefused() throws {
        try expectRefused(deliveryReturn("2026-Q2", [spend(1000)]), id: "monitoring.period-outside-contract")
    }

    @Test func periodAfterContractIsRefused() throws {
        try expectRefused(deliveryReturn("2027-Q3", [spend(1000)]), id: "monitoring.period-outside-contract")
    }

    @Test func itemOfTheWrongKindIsRefused() throws {
        try expectRefused(deliveryReturn("2026-Q3", [hire("P1", ref: "S1", start: "2026-07-01")]), id: "monitoring.wrong-kind")
    }

    @Test func periodOverlappingTheStartIsAccepted() throws {
        let store = try temporaryStore()
        try award(store, start: "2026-08-15")
        #expect(try store.importing(deliveryReturn("2026-Q3", [spend(1000)]), hash: "h").result == .stored)
    }

    @Test func refusalNamesFileLineAndColumn() throws {
        let store = try temporaryStore()
        try award(store)
        var item = SupplyChainSpend(ref: "S9", kind: .sme, amount: Money(Exact(5)),
                                    location: SourceLocation(file: "q3.xml", line: 7, column: 3))
        item.ref = "S9"
        let outcome = try store.importing(deliveryReturn("2026-Q3", [.supplyChainSpend(item)]), hash: "h")
        #expect(outcome.diagnostics.map(\.description)
            == ["q3.xml:7:3: SupplyChainSpend/@ref: contract C-1 has no commitment 'S9'"])
    }
}

@Suite struct ImportHistoryTests {
    @Test func importingTheSameFileTwiceChangesNothing() throws {
        let store = try temporaryStore()
        try award(store)
        let ret = deliveryReturn("2026-Q3", [spend(1000)])
        #expect(try store.importing(ret, hash: "same").result == .stored)
        let second = try store.importing(ret, hash: "same")
        #expect(second.result == .unchanged)
        #expect(second.message.contains("already imported"))
        #expect(try store.history(contract: "C-1").count == 1)
        #expect(try store.items(contract: "C-1", asOf: date("2027-01-01")).count == 1)
        #expect(try store.importLog().map(\.result) == [.stored, .unchanged])
    }

    @Test func resubmissionReplacesAndKeepsHistory() throws {
        let store = try temporaryStore()
        try award(store)
        let first = try store.importing(deliveryReturn("2026-Q3", [spend(1000)]), hash: "v1")
        let second = try store.importing(deliveryReturn("2026-Q3", [spend(3000), spend(500)]), hash: "v2")
        #expect(second.result == .replaced)
        #expect(second.replacedReturnID == first.returnID)
        let history = try store.history(contract: "C-1")
        #expect(history.map(\.sha256) == ["v1", "v2"])
        #expect(history.map(\.supersededBy) == [second.returnID, nil])
        let progress = try #require(try store.progress(contract: "C-1", asOf: date("2026-12-31")))
        #expect(progress.commitments.first { $0.ref == "S1" }?.delivered == 3500)
    }

    @Test func reimportingAnOlderSubmissionMakesItCurrentAgain() throws {
        let store = try temporaryStore()
        try award(store)
        try store.importing(deliveryReturn("2026-Q3", [spend(1000)]), hash: "v1")
        try store.importing(deliveryReturn("2026-Q3", [spend(3000)]), hash: "v2")
        #expect(try store.importing(deliveryReturn("2026-Q3", [spend(1000)]), hash: "v1").result == .replaced)
        #expect(try store.history(contract: "C-1").count == 3)
        #expect(try store.items(contract: "C-1", asOf: date("2027-01-01")).map(\.quantity) == [1000])
    }

    @Test func awardingTheSameContractTwiceIsRefused() throws {
        let store = try temporaryStore()
        try award(store)
        #expect(throws: DiagnosticsError.self) { try award(store) }
        #expect(try store.contracts().count == 1)
    }

    @Test func awardWithAnUnknownCommitmentAreaIsRefused() throws {
        let store = try temporaryStore()
        var bid = sampleBid()
        bid.commitments[0] = .job(Job(ref: "J1", count: 1, fte: 1, weeks: 26, hourlyRate: Money(14),
                                      area: area("S01999999"), location: here))
        #expect(throws: DiagnosticsError.self) { try award(store, bid: bid) }
        #expect(try store.contracts().isEmpty)
    }

    @Test func contractsListShowsCommittedPoints() throws {
        let store = try temporaryStore()
        try award(store, id: "C-2")
        try award(store, id: "C-1")
        let list = try store.contracts()
        #expect(list.map(\.contractID) == ["C-1", "C-2"])
        // jobs 4 × 10 × 1.5 = 60 + apprentices 24, training 20, spend 5
        #expect(list[0].committedPoints.total == 109)
        #expect(list[0].commitments == 4)
    }
}
