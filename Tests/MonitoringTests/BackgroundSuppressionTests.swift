import Documents
@testable import Monitoring
import TestSupport
import Testing

/// Background counts are published with nothing of 1 to 4 people, and nothing from which such
/// a count can be worked out (annual-report.md). Each case is checked by an attacker written
/// independently of the suppression (`CountAttacker`: a search over whole numbers, no linear
/// programming) that tries to recover every withheld cell from the published ones and the sums
/// the spec states: within a set of people, recorded = professional + intermediate + lower,
/// people = recorded + not recorded = Σ school answers = Σ free school meals answers; across
/// contracts, everyone = Σ contracts, cell by cell.
@Suite struct BackgroundSuppressionTests {
    /// The 18 figures of a set in the order they are published: people, recorded, the four
    /// groups, the six school answers, the six free school meals answers.
    static let size = 18

    static func equations(units: Int) -> [[(cell: Int, coefficient: Int)]] {
        var eqs: [[(cell: Int, coefficient: Int)]] = []
        for u in 0..<units {
            let b = u * size
            eqs.append([(b + 1, 1), (b + 2, -1), (b + 3, -1), (b + 4, -1)])
            eqs.append([(b + 0, 1), (b + 1, -1), (b + 5, -1)])
            eqs.append([(b + 0, 1)] + (6...11).map { (b + $0, -1) })
            eqs.append([(b + 0, 1)] + (12...17).map { (b + $0, -1) })
        }
        if units > 1 {
            for c in 0..<size { eqs.append([(c, 1)] + (1..<units).map { ($0 * size + c, -1) }) }
        }
        return eqs
    }

    static func flat(_ f: BackgroundFigures) -> [Int?] {
        [f.people.count, f.recorded.count] + (f.groups + f.school + f.freeSchoolMeals).map(\.figure.count)
    }

    /// The true figures of a set, counted here from the answers, not by `BackgroundCounts`.
    static func truth(_ people: [Background?]) -> [Int] {
        var cells = Array(repeating: 0, count: size)
        for b in people {
            cells[0] += 1
            let occupation = b?.parentalOccupation
            let group: Int = switch occupation {
            case .professional?, .manager?: 0
            case .clerical?, .smallBusiness?: 1
            case .technical?, .routine?, .longTermUnemployed?: 2
            default: 3
            }
            cells[2 + group] += 1
            if group < 3 { cells[1] += 1 }
            let school = ["state", "independent", "outside-uk", "unknown", "prefer-not-to-say"]
            cells[6 + (b?.school.flatMap { school.firstIndex(of: $0.rawValue) } ?? 5)] += 1
            let meals = ["yes", "no", "not-applicable", "unknown", "prefer-not-to-say"]
            cells[12 + (b?.freeSchoolMeals.flatMap { meals.firstIndex(of: $0.rawValue) } ?? 5)] += 1
        }
        return cells
    }

    struct Outcome {
        var published: [Int?]
        var truth: [Int]
        var withheld: Int { published.filter { $0 == nil }.count }
    }

    /// Publishes `contracts` (everyone first, then each contract) and checks every rule; the
    /// published figures, for the case's own expectations.
    @discardableResult
    static func check(_ contracts: [[Background?]], portfolio: Bool = false,
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Outcome {
        let everyone = contracts.flatMap { $0 }
        // The portfolio publishes everyone alone; a report, everyone and each contract.
        let sets = portfolio ? [everyone] : [everyone] + contracts
        let units = sets.count
        let counts = sets.map { people -> BackgroundCounts in
            var c = BackgroundCounts()
            for b in people { c.add(b) }
            return c
        }
        let figures = BackgroundSuppression.publish(counts)
        let published = figures.flatMap(flat)
        let truth = sets.flatMap(truth)
        // Nothing of 1 to 4 is published, and what is published is true.
        for (i, value) in published.enumerated() {
            if let value {
                #expect(!(1...4).contains(value), "cell \(i) published as \(value)", sourceLocation: sourceLocation)
                #expect(value == truth[i], "cell \(i) published as \(value), true \(truth[i])", sourceLocation: sourceLocation)
            }
        }
        // Percentages only beside a published count and total, one place from the exact share.
        for f in figures {
            for g in f.groups.prefix(3) where g.figure.percent != nil {
                #expect(g.figure.count != nil && f.recorded.count != nil, sourceLocation: sourceLocation)
            }
        }
        let equations = Self.equations(units: units)
        let bound = max(1, everyone.count)
        // From the published figures alone, no withheld cell can be worked out.
        let attacker = CountAttacker(published: published, equations: equations, bound: bound)
        let recovered = attacker.recovered(truth: truth)
        #expect(recovered.isEmpty, "recovered from the published figures: \(recovered.sorted { $0.key < $1.key })",
                sourceLocation: sourceLocation)
        // Knowing every set's number of people too (rows d and e tell it), no withheld answer
        // of 1 to 4 can be worked out.
        var knowing = published
        for u in 0..<units { knowing[u * size] = truth[u * size] }
        let informed = CountAttacker(published: knowing, equations: equations, bound: bound).recovered(truth: truth)
            .filter { (1...4).contains(truth[$0.key]) }
        #expect(informed.isEmpty, "recovered knowing the numbers of people: \(informed.sorted { $0.key < $1.key })",
                sourceLocation: sourceLocation)
        return Outcome(published: published, truth: truth)
    }

    static func person(_ occupation: ParentalOccupation?, _ school: SchoolType? = .state,
                       _ meals: FreeSchoolMeals? = .no) -> Background? {
        Background(parentalOccupation: occupation, school: school, freeSchoolMeals: meals)
    }

    static func people(_ n: Int, _ b: Background?) -> [Background?] { Array(repeating: b, count: n) }

    /// 2 professional on free school meals, 1 professional not, 4 routine not.
    static let sevenPeople = Self.people(2, Self.person(.professional, .state, .yes)) + Self.people(1, Self.person(.manager))
        + Self.people(4, Self.person(.routine, .state, .no))

    /// The portfolio: one set, no contracts. 3 professional and 4 lower: both withheld, since
    /// recorded (7) gives their sum but not each; 2 on free school meals: withheld with the 5
    /// who were not, since people (7) minus the published answers would give it.
    @Test func oneSet() {
        let o = Self.check([Self.sevenPeople], portfolio: true)
        // people 7 and recorded 7 published; professional, lower withheld; intermediate 0 and
        // not recorded 0 published; state 7 published; free school meals yes (2) and no (5) withheld.
        #expect(o.published.prefix(6).map { $0 } == [7, 7, nil, 0, nil, 0])
        #expect(o.published[6] == 7)
        #expect(o.published[12] == nil && o.published[13] == nil)
        #expect(o.withheld == 4)
    }

    /// A count of 3 in one contract would be the overall 3 minus the other contract's 0, and
    /// the other contract's state-school count its people minus the rest: withheld across
    /// contracts and sets together.
    @Test func acrossContracts() {
        let a = Self.people(10, Self.person(.routine))
        let b = Self.people(7, Self.person(.routine)) + Self.people(3, Self.person(.routine, .independent))
        let o = Self.check([a, b])
        // B's independent (3) and everyone's (3) are withheld, and more beside them.
        #expect(o.published[18 * 2 + 7] == nil)
        #expect(o.published[7] == nil)
    }

    /// A contract of 3 people: its number of people is withheld too, and cannot be worked out
    /// as everyone (15) minus the other contract (12).
    @Test func aContractOfFewPeople() {
        let big = Self.people(6, Self.person(.routine, .state, .yes)) + Self.people(6, Self.person(.manager, .state, .no))
        let small = Self.people(3, Self.person(.technical, .state, .yes))
        let o = Self.check([big, small])
        #expect(o.published[18 * 2] == nil)
    }

    /// Three people who gave no answers: every answer count is "not recorded" (3), and with
    /// the number of people known it would follow from the published zeros, so 0s are
    /// withheld beside it.
    @Test func nobodyAnswered() {
        let o = Self.check([Self.people(3, nil)], portfolio: true)
        #expect(o.published[5] == nil && o.published[11] == nil && o.published[17] == nil)
    }

    /// One contract: everyone is that contract, so each withheld cell is withheld in both.
    @Test func oneContract() {
        let o = Self.check([Self.people(5, Self.person(.routine)) + Self.people(2, Self.person(.clerical, .independent))])
        for cell in 0..<Self.size { #expect((o.published[cell] == nil) == (o.published[Self.size + cell] == nil)) }
    }

    /// Prefer-not-to-say and the other answers that are not a group count as not recorded.
    @Test func preferNotToSayIsNotRecorded() {
        let answers: [Background?] = Self.people(5, Self.person(.preferNotToSay, .preferNotToSay, .preferNotToSay))
            + Self.people(5, Self.person(.other)) + Self.people(5, Self.person(.unknown)) + Self.people(5, nil)
        let o = Self.check([answers], portfolio: true)
        #expect(o.published.prefix(6).map { $0 } == [20, 0, 0, 0, 0, 20])
    }

    /// The attacker is not a formality: withholding only the counts of 1 to 4 leaves some to
    /// be worked out, and it finds them (free school meals "yes" = 7 people − 5 "no").
    @Test func theAttackerFindsWhatWithholdingOnlyTheSmallCountsLeaves() {
        let truth = Self.truth(Self.sevenPeople)
        let naive = truth.map { (1...4).contains($0) ? nil : $0 }
        let recovered = CountAttacker(published: naive, equations: Self.equations(units: 1), bound: 7).recovered(truth: truth)
        #expect(recovered == [12: 2])
    }

    /// More contracts with people than are audited together (21 of 6 people, and one of
    /// nobody): a contract with people shows only the zeros that everyone's shown zeros imply,
    /// the contract of nobody shows its zeros, and everyone is published as the portfolio
    /// publishes one set; the attacker, holding all of it, recovers nothing.
    @Test func moreContractsThanAreAuditedTogether() {
        let six = Self.people(2, Self.person(.routine, .state, .yes)) + Self.people(2, Self.person(.professional, .independent, .no))
            + [Self.person(.clerical, .state, .no), nil]
        let many = BackgroundSuppression.contractsAuditedTogether + 1
        let o = Self.check(Array(repeating: six, count: many) + [[]])
        let size = 18
        // Everyone: 126 people, 105 recorded, 42 professional, 21 intermediate, 42 lower, 21 not
        // recorded; school 63 state, 42 independent, 0, 0, 0, 21; meals 42 yes, 63 no, 0, 0, 0, 21.
        var everyone = BackgroundCounts()
        for _ in 0..<many { for b in six { everyone.add(b) } }
        #expect(Array(o.published[0..<size]) == Self.flat(BackgroundSuppression.publish([everyone])[0]))
        #expect(Array(o.published[0..<size]) == [126, 105, 42, 21, 42, 21, 63, 42, 0, 0, 0, 21, 42, 63, 0, 0, 0, 21])
        for c in 1...many {
            #expect(Array(o.published[(c * size)..<((c + 1) * size)])
                == [nil, nil, nil, nil, nil, nil, nil, nil, 0, 0, 0, nil, nil, nil, 0, 0, 0, nil], "contract \(c)")
        }
        let nobody = (many + 1) * size
        #expect(o.published[nobody..<(nobody + size)].allSatisfy { $0 == 0 })
    }

    /// Beyond the contracts audited together, a question everyone answered alike is withheld
    /// whole: 21 contracts of 3 people, every one at a state school, would otherwise tell each
    /// contract's state-school count (3) to a reader who knows its number of people.
    @Test func aQuestionEveryoneAnsweredAlikeIsWithheldWhole() {
        let three = [Self.person(.routine, .state, .yes), Self.person(.professional, .state, .no), Self.person(.manager, .state, .yes)]
        let o = Self.check(Array(repeating: three, count: BackgroundSuppression.contractsAuditedTogether + 1))
        // Everyone: 63 people, all recorded, 42 professional, 21 lower; school withheld whole;
        // and the groups with "recorded" (63 = everyone, so nobody is "not recorded").
        #expect(Array(o.published[0..<18]) == [63, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, 42, 21, 0, 0, 0, 0])
    }

    /// Nobody at all: everything 0, nothing withheld.
    @Test func nobody() {
        let o = Self.check([[], []])
        #expect(o.withheld == 0)
    }

    /// Generated cases (a fixed seed, so every run sees the same): 2 to 4 contracts of 0 to 14
    /// people with answers drawn from every value, each checked by the attacker.
    @Test func generatedCases() {
        var seed: UInt64 = 0x5EED_2026
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        for _ in 0..<24 {
            let contracts = (0..<(2 + next(3))).map { _ in
                (0..<next(15)).map { _ -> Background? in
                    if next(6) == 0 { return nil }
                    return Background(
                        parentalOccupation: next(8) == 0 ? nil : ParentalOccupation.allCases[next(ParentalOccupation.allCases.count)],
                        school: next(3) == 0 ? SchoolType.allCases[next(SchoolType.allCases.count)] : .state,
                        freeSchoolMeals: next(6) == 0 ? nil : FreeSchoolMeals.allCases[next(2)])
                }
            }
            Self.check(contracts)
        }
    }
}
