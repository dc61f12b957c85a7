import Diagnostics
import Documents
import ExactNumbers
import Foundation
@testable import RulesLanguage
@testable import Scoring
import Testing

/// What a large ranking packs into bytes (a bid's values, its facts) reads back as it was
/// written, whichever way it is read or changed.
@Suite struct PackedTests {
    static let values: [Value?] = [
        nil, .number(.zero), .number(Exact(167)), .number(Exact(decimal: "8.2511")!), .number(Exact(Int128.min)),
        .bool(true), .bool(false), .date(CalendarDate(year: 2026, month: 3, day: 14)!), .text(""), .text("Pollok Glazing — Ltd ✓"),
        .groups(GroupSet(bits: 0b1010_0000_0000_0001)), .choice(3), .number(try! Exact(numerator: -80, denominator: 247)),
    ]

    @Test func slotsReadBackInOrderAndByPlace() {
        let packed = PackedSlots(Self.values)
        #expect(packed.count == Self.values.count)
        var read: [Value?] = []
        packed.forEach { read.append($0) }
        #expect(read == Self.values)
        for (i, v) in Self.values.enumerated() { #expect(packed.value(at: i) == v) }
        #expect(packed.value(at: Self.values.count) == nil)
        #expect(packed.numbers() == Self.values.map { $0?.numberOrNil })
    }

    @Test func anAreaIsKeptAsItsText() {
        let packed = PackedSlots([.area(AreaReference("S01012220", at: SourceLocation(file: "b.xml", line: 1, column: 1))), .area(nil)])
        #expect(packed.value(at: 0) == .text("S01012220"))
        #expect(packed.value(at: 1) == .text(""))
    }

    @Test func settingAValueInTheMiddleKeepsTheOthers() {
        var packed = PackedSlots(Self.values)
        var expected = Self.values
        for (i, v) in [(1, Value.number(try! Exact(numerator: Int128.max, denominator: 7))), (8, .text("longer than before")),
                       (0, .bool(true)), (12, nil), (3, .number(Exact(1)))] {
            packed.set(v, at: i)
            expected[i] = v
            var read: [Value?] = []
            packed.forEach { read.append($0) }
            #expect(read == expected)
        }
    }

    @Test func keepingSomeValuesInPlaceOrCopiedGivesTheSame() {
        let packed = PackedSlots(Self.values)
        for indices in [[1, 2, 3, 12], [0, 4, 9], [12, 2, 1], [5], [], [2, 2]] {
            var kept = packed
            kept.keep(indices)
            let picked = packed.picking(indices)
            var read: [Value?] = [], fromPicked: [Value?] = []
            kept.forEach { read.append($0) }
            picked.forEach { fromPicked.append($0) }
            #expect(read == indices.map { Self.values[$0] }, "\(indices)")
            #expect(fromPicked == read)
        }
    }

    static let location = SourceLocation(file: "bids/batch.xml", line: 70_000, column: 5)

    static func outcome() -> BidOutcome {
        BidOutcome(bidID: "B-26849", bidder: "Pollok Glazing Ltd, \"Glasgow\" — ✓", price: Money(Exact(decimal: "1943708.99")!),
                   submitted: Instant(lexical: "2026-03-14T16:53:51Z", epochSeconds: 1_773_507_231, nanoseconds: 5),
                   location: location, status: .ranked, rank: 1, total: try! Exact(numerator: 23_600, denominator: 247),
                   explanation: Explanation(), tieBreak: "before B-10886: more community benefit points (247 against 239.25)",
                   components: [Exact(16), try! Exact(numerator: 19_760, denominator: 247)],
                   inputs: ["quality": Exact(72), "delivery": Exact(decimal: "3.5")!], companyNumber: "SC123456", bidderSize: .small)
    }

    @Test func anOutcomeReadsBackEveryFact() {
        let bid = Self.outcome()
        #expect(bid.bidID == "B-26849")
        #expect(bid.bidder == "Pollok Glazing Ltd, \"Glasgow\" — ✓")
        #expect(bid.price == Money(Exact(decimal: "1943708.99")!))
        #expect(bid.submitted.lexical == "2026-03-14T16:53:51Z" && bid.submitted.nanoseconds == 5)
        #expect(bid.location == Self.location && bid.file == "bids/batch.xml")
        #expect(bid.rank == 1 && bid.status == .ranked)
        #expect(bid.total == (try! Exact(numerator: 23_600, denominator: 247)))
        #expect(bid.tieBreak == "before B-10886: more community benefit points (247 against 239.25)")
        #expect(bid.components == [Exact(16), try! Exact(numerator: 19_760, denominator: 247)])
        #expect(bid.inputs == ["quality": Exact(72), "delivery": Exact(decimal: "3.5")!])
        #expect(bid.companyNumber == "SC123456" && bid.bidderSize == .small)
    }

    @Test func emptyAndAbsentFactsReadBackSo() {
        let bid = BidOutcome(bidID: "", bidder: "", price: Money(.zero, currency: "EUR"), submitted: Instant(lexical: "", epochSeconds: -1),
                             location: SourceLocation(file: "", line: 0, column: 0), status: .excluded, explanation: Explanation())
        #expect(bid.bidID.isEmpty && bid.bidder.isEmpty && bid.price.currency == "EUR" && bid.submitted.epochSeconds == -1)
        #expect(bid.rank == nil && bid.total == nil && bid.tieBreak == nil && bid.components.isEmpty && bid.inputs.isEmpty)
        #expect(bid.companyNumber == nil && bid.bidderSize == nil)
    }

    @Test func changingOneFactLeavesTheOthers() {
        var bid = Self.outcome()
        bid.bidder = "Renamed"
        bid.total = nil
        bid.rank = nil
        bid.tieBreak = nil
        bid.location = SourceLocation(file: "other.xml", line: 3, column: 9)
        var expected = Self.outcome()
        #expect(bid != expected)
        expected.bidder = "Renamed"
        expected.total = nil
        expected.rank = nil
        expected.tieBreak = nil
        expected.location = SourceLocation(file: "other.xml", line: 3, column: 9)
        #expect(bid == expected)
        #expect(bid.bidID == "B-26849" && bid.components.count == 2 && bid.companyNumber == "SC123456")
    }

    @Test func anOutcomeIsCodedAsItsFields() throws {
        let bid = Self.outcome()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(bid)
        let decoded = try JSONDecoder().decode(BidOutcome.self, from: data)
        #expect(decoded == bid)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["bidID", "bidder", "price", "submitted", "location", "status", "rank", "total", "explanation",
                                      "tieBreak", "components", "inputs", "companyNumber", "bidderSize"])
        #expect(object["bidID"] as? String == "B-26849")
        #expect(object["rank"] as? Int == 1)
    }

    @Test func anEvaluationReadsBackItsFacts() throws {
        let program = try Scheme.bundledDefault().program
        let bid = Fixtures.workedExample()
        let result = try program.evaluate(bid: bid, tender: Fixtures.tender, areas: FakeAreas(), detail: .summary).get()
        var evaluation = BidEvaluation(bidID: bid.id, bidder: bid.bidder.name, price: bid.price, submitted: bid.submitted,
                                       location: bid.location, passedGates: result.passedGates, result: result,
                                       companyNumber: "SC000001", bidderSize: .micro)
        #expect(evaluation.bidID == bid.id && evaluation.bidder == bid.bidder.name && evaluation.price == bid.price)
        #expect(evaluation.submitted == bid.submitted && evaluation.location == bid.location)
        #expect(evaluation.companyNumber == "SC000001" && evaluation.bidderSize == .micro)
        evaluation.passedGates = false
        #expect(!evaluation.result.passedGates)
    }

    /// The order on both cores is the order one sort gives.
    @Test func sortingOnBothCoresGivesTheOneOrder() {
        var g = SystemRandomNumberGenerator()
        let keys = (0..<20_000).map { _ in Int.random(in: 0..<500, using: &g) }
        let less: (Int, Int) -> Bool = { keys[$0] != keys[$1] ? keys[$0] > keys[$1] : $0 < $1 }
        #expect(Scorer.sortedOnAllCores(keys.count, by: less) == (0..<keys.count).sorted(by: less))
        #expect(Scorer.sortedOnAllCores(3, by: less) == (0..<3).sorted(by: less))
    }
}
