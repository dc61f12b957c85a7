import Documents
import ExactNumbers

/// SplitMix64: a tiny seeded generator, so every property run sees the same cases and a
/// failure names the seed that reproduces it.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Valid bids for tender GCR-2026-014 drawn from a seed: every commitment kind, rates on both
/// sides of the wage thresholds, areas the test double knows, prices and dates that make the
/// gates pass or fail.
struct BidGenerator {
    var rng: SplitMix64
    private var refCount = 0

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    static let areas = ["S01012220", "S01012435", "S01011179"]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func bool() -> Bool { Bool.random(using: &rng) }
    mutating func pick<T>(_ options: [T]) -> T { options[int(0...(options.count - 1))] }
    mutating func money(_ text: String) -> Money { Money(Exact(decimal: text)!) }

    mutating func groups() -> [TargetGroup] {
        TargetGroup.allCases.filter { _ in int(0...5) == 0 }
    }

    mutating func area() -> AreaReference? {
        bool() ? AreaReference(pick(Self.areas), at: Fixtures.at(30, 5)) : nil
    }

    mutating func commitment() -> Commitment {
        refCount += 1
        let ref = "C\(refCount)"
        let at = Fixtures.at(20 + refCount)
        switch int(0...5) {
        case 0:
            return .job(Job(ref: ref, count: int(1...5), fte: Exact(decimal: pick(["1", "0.5", "0.8"]))!,
                            weeks: int(10...104), hourlyRate: money(pick(["12.50", "13.45", "13.60", "15.00"])),
                            area: area(), targetGroups: groups(), location: at))
        case 1:
            return .apprenticeship(Apprenticeship(ref: ref, count: int(1...3), weeks: int(26...156),
                                                  level: pick(ApprenticeshipLevel.allCases), area: area(),
                                                  targetGroups: groups(), location: at))
        case 2:
            return .workPlacement(WorkPlacement(ref: ref, count: int(1...12), weeks: int(1...12),
                                                targetGroups: groups(), location: at))
        case 3:
            return .training(Training(ref: ref, count: int(1...30), hours: int(1...70), location: at))
        case 4:
            return .supplyChain(SupplyChain(ref: ref, kind: pick(SupplyChainKind.allCases),
                                            amount: Money(Exact(int(0...500) * 1000)), location: at))
        default:
            return .volunteering(Volunteering(ref: ref, hours: int(0...400), location: at))
        }
    }

    mutating func bid(id: String) -> Bid {
        let commitments = (0..<int(0...6)).map { _ in commitment() }
        let day = int(1...20), hour = int(0...23)
        let submitted = Instant(iso: "2026-03-\(day < 10 ? "0" : "")\(day)T\(hour < 10 ? "0" : "")\(hour):00:00Z")!
        return Bid(id: id, tenderID: Fixtures.tender.id, submitted: submitted,
                   bidder: Bidder(name: "Bidder \(id)", size: pick(BidderSize.allCases),
                                  livingWageAccredited: bool()),
                   price: Money(Exact(int(100...3000) * 1000)),
                   fairWork: FairWork(lowestHourlyRate: money(pick(["12.20", "12.71", "13.45", "14.00"])),
                                      zeroHoursContracts: bool(), workforceVoice: bool(), flexibleWorking: bool()),
                   commitments: commitments, location: Fixtures.at(2, 1))
    }

    /// One to `most` bids with distinct ids.
    mutating func bids(most: Int = 8) -> [Bid] {
        (1...int(1...most)).map { bid(id: "B-\($0)") }
    }
}
