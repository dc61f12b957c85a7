import Foundation
import TestSupport
import Testing

/// The annual report on the fixture year (fixtures/annual-2026, README there): four contracts,
/// three suppliers, returns over four quarters with re-submissions, background answers with
/// "prefer not to say", imported out of order. Every figure is recomputed by hand below.
@Suite struct AnnualReportTests {
    static let folder = "fixtures/annual-2026/"

    static let awards: [[String]] = [
        ["bid-B-090-01.xml", "tender-GCR-2025-090.xml", "C-2025-0900", "2025-11-01", "2025-12-01", "2027-11-30"],
        ["bid-B-041-02.xml", "tender-GCR-2026-041.xml", "C-2026-0411", "2026-06-14", "2026-07-01", "2028-06-30"],
        ["bid-B-052-01.xml", "tender-GCR-2026-052.xml", "C-2026-0522", "2026-09-01", "2026-10-01", "2029-09-30"],
        ["bid-B-063-01.xml", "tender-GCR-2026-063.xml", "C-2027-0633", "2027-01-20", "2027-02-01", "2028-01-31"],
    ]

    static let returns = [
        "C-2025-0900-2026-Q1.xml", "C-2025-0900-2026-Q2.xml", "C-2025-0900-2026-Q2-resubmitted.xml",
        "C-2025-0900-2026-Q3.xml", "C-2025-0900-2026-Q4.xml", "C-2025-0900-2027-Q1.xml", "C-2025-0900-2027-Q2.xml",
        "C-2026-0411-2026-Q3.xml", "C-2026-0411-2026-Q4.xml", "C-2026-0411-2026-Q4-resubmitted.xml",
        "C-2026-0411-2027-Q1.xml", "C-2026-0522-2026-Q4.xml", "C-2026-0522-2027-Q1.xml",
        "C-2026-0522-2027-Q1-resubmitted.xml",
    ]

    /// A new store with the four awards and the returns imported in `batches` (one
    /// `returns import` per batch).
    static func store(_ batches: [[String]]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-annual-\(UUID().uuidString).sqlite").path
        for a in awards {
            var args = ["contracts", "award", folder + a[0], "--tender", folder + a[1], "--contract", a[2], "--awarded", a[3],
                        "--start", a[4], "--end", a[5], "--areas", "fixtures/areas", "--db", path]
            // The garden contract's bid has no commitments, so the reference scheme's minimum
            // recruitment and training gate excludes it: awarded on a recorded reason.
            if a[2] == "C-2027-0633" { args += ["--override", "a small contract: no recruitment or training was asked for"] }
            let run = try RankCommandTests.cbscore(args)
            #expect(run.status == 0, "award \(a[2]): \(run.stderr)")
        }
        for batch in batches {
            let run = try RankCommandTests.cbscore(["returns", "import"] + batch.map { folder + $0 } + ["--areas", "fixtures/areas", "--db", path])
            #expect(run.status == 0, "import: \(run.stderr)")
        }
        return path
    }

    /// Re-submissions first, originals after (they join the history only), the rest last.
    static let scrambled: [[String]] = [
        returns.filter { $0.contains("resubmitted") } + ["C-2025-0900-2027-Q2.xml"],
        ["C-2026-0522-2027-Q1.xml", "C-2025-0900-2026-Q2.xml", "C-2026-0411-2026-Q4.xml"],
        returns.filter { !$0.contains("resubmitted") && !["C-2026-0522-2027-Q1.xml", "C-2025-0900-2026-Q2.xml",
                                                           "C-2026-0411-2026-Q4.xml", "C-2025-0900-2027-Q2.xml"].contains($0) }.reversed(),
    ]

    static let shared: String = (try? store(scrambled)) ?? ""

    static func report(_ format: String, db: String = shared) throws -> String {
        let run = try RankCommandTests.cbscore(["report", "annual", "--from", "2026-04-01", "--to", "2027-03-31",
                                                "--format", format, "--db", db])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        // The store's path is printed in the provenance; golden files name it the same.
        return run.stdout.replacingOccurrences(of: db, with: "STORE")
    }

    static func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(try report("json").utf8)) as? [String: Any])
    }

    @Test func sectionTwoByHand() throws {
        let p = try #require(try Self.json()["procurements"] as? [String: Any])
        // Awarded from 2026-04-01 to 2027-03-31: C-2026-0411 (14 June), C-2026-0522 (1 September),
        // C-2027-0633 (20 January); C-2025-0900 was awarded on 1 November 2025, before.
        #expect(p["contractsAwarded"] as? Int == 3)
        // £2,310,000 + £4,890,000 + £180,000.
        #expect(p["valueAwarded"] as? String == "7380000.00")
        // SC123456 (Clyde Build), SC654321 (Forth Facilities), Greenside Community Enterprise (no
        // company number: its name); SMEs: Clyde (small) and Greenside (micro); third sector:
        // Greenside (a social enterprise).
        #expect(p["suppliers"] as? Int == 3)
        #expect(p["smeSuppliers"] as? Int == 2)
        #expect(p["thirdSectorSuppliers"] as? Int == 1)
    }

    @Test func sectionFourByHand() throws {
        let c = try #require(try Self.json()["communityBenefits"] as? [String: Any])
        // a) £4,000,000 or more: C-2026-0522 (£4,890,000); b) it has commitments; c) below:
        // C-2026-0411 has commitments, C-2027-0633 none.
        #expect(c["contractsAtOrAbove4m"] as? Int == 1)
        #expect(c["contractsAtOrAbove4mWithRequirements"] as? Int == 1)
        #expect(c["contractsBelow4mWithRequirements"] as? Int == 1)
        // Returns counted: periods starting 2026-04-01 to 2027-03-31, current submission.
        // C-2025-0900: 2026-Q2 (re-submitted), Q3, Q4, 2027-Q1 (2026-Q1 and 2027-Q2 fall outside).
        // C-2026-0411: 2026-Q3, Q4 (re-submitted), 2027-Q1. C-2026-0522: 2026-Q4, 2027-Q1 (re-submitted).
        //
        // d) Jobs: C-2025-0900 P-900-03 (young), -04 (no group), -05 (long-term unemployed),
        //    -06 (young), -07 (young, LTU), -08 (young); P-900-01 started 2026-02-02, before:
        //    6 filled, 5 in a priority group. C-2026-0411: P-411-01…06, each in a group: 6.
        //    C-2026-0522: P-522-01 (disabled), -02 (veteran), -03 (none), -04 (justice), -05
        //    (disabled): 5 filled, 4. d) = 5 + 6 + 4 = 15.
        #expect(c["jobsFilledByPriorityGroups"] as? Int == 15)
        // e) C-2026-0411: A1 (young), A2 (young), A3 (none) → 2; C-2026-0522: A1 (none), A2
        //    (young) → 1. e) = 3.
        #expect(c["apprenticeshipsFilledByPriorityGroups"] as? Int == 3)
        // f) C-2026-0411: 4 (school pupils, not a priority group) + 3 (young) + 3 (pupils) → 3;
        //    C-2026-0522: 5 + 3 (long-term unemployed) → 8. f) = 11.
        #expect(c["placementsForPriorityGroups"] as? Int == 11)
        // g) with a qualification and a priority group: C-2026-0411: 6 + 5 (young); the 3
        //    without a qualification do not count → 11; C-2026-0522: 12 (no group) no, 9 (LTU,
        //    disabled) → 9. g) = 20.
        #expect(c["qualificationsByPriorityGroups"] as? Int == 20)
        // h) SME spend, C-2026-0411: 20,000 + 18,000 (the re-submission's, not 15,000) + 12,500.
        #expect(c["spendWithSMEs"] as? String == "50500.00")
        // i) social enterprises, C-2026-0522: 14,000 + 9,500. j) supported businesses: 6,000
        //    (the re-submission's line; the first submission's is history).
        #expect(c["spendWithSocialEnterprises"] as? String == "23500.00")
        #expect(c["spendWithSupportedBusinesses"] as? String == "6000.00")
        // k) volunteering: C-2025-0900 30 (re-submitted) + 20 + 15 + 10 = 75; C-2026-0411 40 +
        //    35 = 75 → 150. Local spend: C-2025-0900 4,500 + 3,000 + 2,500 = 10,000; C-2026-0411
        //    2,000 (a spend of kind local under an SME commitment: the spend's own kind) → 12,000.
        #expect(c["volunteeringHours"] as? Int == 150)
        #expect(c["localSpend"] as? String == "12000.00")
        let t = try #require(c["totals"] as? [String: Any])
        // Jobs filled: 6 + 6 + 5 = 17; counted toward their commitment: C-2025-0900 5 (P-900-04
        // in no group of J1), C-2026-0411 5 (P-411-03 in decile 8 against a deprived-area
        // commitment; P-411-02 left early and still counts), C-2026-0522 4 (P-522-03 in no group)
        // → 14. Apprenticeships: 0 + 3 + 2 = 5. Placements: 10 + 8 = 18. Qualifications (any
        // line with one): 6 + 5 + 12 + 9 = 32.
        #expect(t["jobsFilled"] as? Int == 17)
        #expect(t["jobsCountedTowardCommitments"] as? Int == 14)
        #expect(t["apprenticeshipsFilled"] as? Int == 5)
        #expect(t["placements"] as? Int == 18)
        #expect(t["qualifications"] as? Int == 32)
    }

    /// The background section as published, with the hand count of every cell beside it.
    /// People, once per contract, with their first report's answers:
    /// - C-2025-0900 (6): P-900-03 routine/state/yes, -04 prefer-not-to-say/state/prefer-not-to-say,
    ///   -05 technical/state/no, -06 manager/independent/no, -07 clerical/state/yes, -08 no answers.
    /// - C-2026-0411 (9): -01 routine/state/yes, -02 long-term-unemployed/state/yes, -03
    ///   professional/state/no, -04 prefer-not-to-say everywhere, -05 routine/state/yes, -06
    ///   routine/state/yes, A1 technical/state/no, A2 small-business/state/no, A3 routine/state/yes.
    /// - C-2026-0522 (7): -01 routine/state/yes, -02 manager/state/no, -03
    ///   professional/independent/no, A1 clerical/state/no, -04 technical/state/yes, -05
    ///   prefer-not-to-say/state/prefer-not-to-say, A2 other/outside-uk/not-applicable.
    /// - C-2027-0633: nobody.
    static let handCounts: [[Int]] = [
        // people, recorded, professional, intermediate, lower, not recorded,
        // school: state, independent, outside-uk, unknown, prefer-not-to-say, not recorded,
        // free school meals: yes, no, not-applicable, unknown, prefer-not-to-say, not recorded.
        [22, 17, 4, 3, 10, 5, 17, 2, 1, 0, 1, 1, 9, 8, 1, 0, 3, 1],  // everyone: the sum of the four below
        [6, 4, 1, 1, 2, 2, 4, 1, 0, 0, 0, 1, 2, 2, 0, 0, 1, 1],       // C-2025-0900
        [9, 8, 1, 1, 6, 1, 8, 0, 0, 0, 1, 0, 5, 3, 0, 0, 1, 0],       // C-2026-0411
        [7, 5, 2, 1, 2, 2, 5, 1, 1, 0, 0, 0, 2, 3, 1, 0, 1, 0],       // C-2026-0522
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],       // C-2027-0633
    ]

    static func published(_ background: [String: Any]) throws -> [Int?] {
        func cells(_ key: String, _ answers: [String]) throws -> [Int?] {
            let object = try #require(background[key] as? [String: Any])
            return try answers.map { answer in
                let cell = try #require(object[answer] as? [String: Any], "\(key).\(answer)")
                if cell["suppressed"] as? Bool == true { #expect(cell["count"] is NSNull); return nil }
                return try #require(cell["count"] as? Int)
            }
        }
        return [background["people"] as? Int, background["recorded"] as? Int]
            + (try cells("groups", ["professional", "intermediate", "lower", "notRecorded"]))
            + (try cells("school", ["state", "independent", "outside-uk", "unknown", "prefer-not-to-say", "notRecorded"]))
            + (try cells("freeSchoolMeals", ["yes", "no", "not-applicable", "unknown", "prefer-not-to-say", "notRecorded"]))
    }

    static func allPublished() throws -> [[Int?]] {
        let json = try Self.json()
        let contracts = try #require(json["contracts"] as? [[String: Any]])
        #expect(contracts.map { $0["id"] as? String } == ["C-2025-0900", "C-2026-0411", "C-2026-0522", "C-2027-0633"])
        return try [try #require(json["background"] as? [String: Any])] .map(published)
            + contracts.map { try published(try #require($0["background"] as? [String: Any])) }
    }

    @Test func backgroundByHandWithNothingOf1To4() throws {
        let published = try Self.allPublished()
        for (unit, cells) in published.enumerated() {
            for (i, value) in cells.enumerated() {
                guard let value else { continue }
                #expect(value == Self.handCounts[unit][i], "set \(unit) cell \(i)")
                #expect(!(1...4).contains(value), "set \(unit) cell \(i) shows \(value)")
            }
            // Every count of 1 to 4 is withheld.
            for (i, truth) in Self.handCounts[unit].enumerated() where (1...4).contains(truth) {
                #expect(cells[i] == nil, "set \(unit) cell \(i) (\(truth)) is shown")
            }
        }
        // Everyone: 22 people, 17 in the three groups, 10 of lower background (58.8% = 10/17);
        // professional (4) and intermediate (3) withheld; their sum 7 is 17 − 10 and no more.
        #expect(published[0][0] == 22 && published[0][1] == 17 && published[0][4] == 10)
        let lower = try #require(((try Self.json()["background"] as? [String: Any])?["groups"] as? [String: Any])?["lower"] as? [String: Any])
        #expect(lower["percent"] as? String == "58.8")
    }

    /// An attacker holding every published background figure of the report (everyone and the
    /// four contracts) and the sums the spec states cannot work out any withheld cell; nor any
    /// withheld answer of 1 to 4 when it also knows each contract's number of people.
    @Test func noWithheldCellCanBeRecovered() throws {
        let published = try Self.allPublished().flatMap { $0 }
        let truth = Self.handCounts.flatMap { $0 }
        var equations: [[(cell: Int, coefficient: Int)]] = []
        for u in 0..<5 {
            let b = u * 18
            equations.append([(b + 1, 1), (b + 2, -1), (b + 3, -1), (b + 4, -1)])
            equations.append([(b + 0, 1), (b + 1, -1), (b + 5, -1)])
            equations.append([(b + 0, 1)] + (6...11).map { (b + $0, -1) })
            equations.append([(b + 0, 1)] + (12...17).map { (b + $0, -1) })
        }
        for c in 0..<18 { equations.append([(c, 1)] + (1..<5).map { ($0 * 18 + c, -1) }) }
        let attacker = CountAttacker(published: published, equations: equations, bound: 22)
        #expect(attacker.recovered(truth: truth).isEmpty)
        var knowing = published
        for u in 0..<5 { knowing[u * 18] = truth[u * 18] }
        let informed = CountAttacker(published: knowing, equations: equations, bound: 22).recovered(truth: truth)
        #expect(informed.filter { (1...4).contains(truth[$0.key]) }.isEmpty)
    }

    @Test func perContractFiguresAddUpAndNameTheirReturns() throws {
        let json = try Self.json()
        let contracts = try #require(json["contracts"] as? [[String: Any]])
        let c0411 = try #require(contracts.first { $0["id"] as? String == "C-2026-0411" })
        let f = try #require(c0411["communityBenefits"] as? [String: Any])
        #expect(f["jobsFilledByPriorityGroups"] as? Int == 6)
        #expect(f["placementsForPriorityGroups"] as? Int == 3)
        let sources = try #require(c0411["sources"] as? [String: Any])
        // Placements for priority groups: only the re-submitted 2026-Q4 return names a group.
        #expect(sources["placementsForPriorityGroups"] as? [String] == ["2026-Q4"])
        let returns = try #require(c0411["returns"] as? [[String: Any]])
        #expect(returns.map { $0["period"] as? String } == ["2026-Q3", "2026-Q4", "2027-Q1"])
        #expect(returns[1]["submitted"] as? String == "2027-01-25")
        // C-2027-0633: awarded in the period, no requirements, nothing fulfilled.
        let garden = try #require(contracts.first { $0["id"] as? String == "C-2027-0633" })
        #expect(garden["hasRequirements"] as? Bool == false)
        #expect(garden["supplier"] as? String == "Greenside Community Enterprise")
    }

    /// Imported in order, or re-submissions first and originals after (which then only join the
    /// history): the same report, byte for byte, in every format.
    @Test func importOrderDoesNotChangeTheReport() throws {
        let inOrder = try Self.store([Self.returns])
        for format in ["text", "json", "csv", "html"] {
            #expect(try Self.report(format, db: inOrder) == (try Self.report(format)), "\(format)")
        }
    }

    @Test func theTextReadsLikeTheTemplate() throws {
        try RankCommandTests.checkGolden(try Self.report("text"), "annual-2026.txt")
    }

    @Test func theCSVHasOneRowPerFigure() throws {
        let csv = try Self.report("csv")
        #expect(csv.hasPrefix("scope,section,row,figure,answer,value,percent,withheld,returns\r\n"))
        #expect(csv.contains("all,2,b,valueAwarded,,7380000.00,,,\r\n"))
        #expect(csv.contains("all,4,d,jobsFilledByPriorityGroups,,15,,,\r\n"))
        #expect(csv.contains("C-2026-0411,4,f,placementsForPriorityGroups,,3,,,2026-Q4\r\n"))
        #expect(csv.contains("all,background,,groups,professional,,,true,\r\n"))
        #expect(csv.contains("all,background,,groups,lower,10,58.8,false,\r\n"))
    }

    @Test func theHTMLHasTheTemplateChartsAndProvenance() throws {
        let html = try Self.report("html")
        #expect(html.contains("<h2>2. Summary of Regulated Procurements Completed</h2>"))
        #expect(html.contains("<td class=\"answer\">£7,380,000</td>"))
        #expect(html.contains("id=\"chart-priority\"") || html.contains("chart-priority-title"))
        #expect(html.contains("chart-background-title"))
        // Each figure names the returns it comes from, linked to their file and SHA-256.
        #expect(html.contains("<a href=\"#return-C-2026-0411-2026-Q4\">2026-Q4</a>"))
        #expect(html.contains("<tr id=\"return-C-2026-0411-2026-Q4\">"))
        #expect(html.contains("C-2026-0411-2026-Q4-resubmitted.xml"))
        #expect(!html.contains("<script"))
        // No person's id appears anywhere in the report.
        #expect(!html.contains("P-411-") && !html.contains("P-900-"))
    }

    @Test func theAwardStatement() throws {
        for contract in ["C-2026-0411", "C-2026-0522", "C-2027-0633"] {
            let run = try RankCommandTests.cbscore(["contracts", "statement", contract, "--db", Self.shared])
            #expect(run.status == 0, "stderr: \(run.stderr)")
            try RankCommandTests.checkGolden(run.stdout, "statement-\(contract).txt")
        }
        let unknown = try RankCommandTests.cbscore(["contracts", "statement", "C-404", "--db", Self.shared])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no contract 'C-404'"))
        #expect(unknown.stdout.isEmpty)
    }

    /// The portfolio has the background section under the same rules.
    @Test func thePortfolioGainsTheBackgroundSection() throws {
        let run = try RankCommandTests.cbscore(["monitor", "--as-of", "2027-03-31", "--format", "json", "--no-points",
                                                "--db", Self.shared])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let background = try #require(json["background"] as? [String: Any])
        // Everyone hired by 2027-03-31, once per contract: the 22 of the year and, of
        // C-2025-0900, P-900-01 and P-900-02, hired in 2026-Q1.
        #expect(background["people"] as? Int == 24)
        for value in try Self.published(background) { #expect(!(1...4).contains(value ?? 0)) }
        let text = try RankCommandTests.cbscore(["monitor", "--as-of", "2027-03-31", "--no-points", "--db", Self.shared])
        #expect(text.stdout.contains("Socio-economic background of everyone hired or starting an apprenticeship"))
    }

    /// A bid with no commitments is awarded (it used to be refused): under a scheme with no gate
    /// it needs no override; the contract has no requirements, and `monitor` says so.
    @Test func aBidWithNoCommitmentsIsAwarded() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-nogate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let scheme = folder + "/no-gates.cbs", db = folder + "/store.sqlite"
        try "scheme \"No gates\"\nversion \"1\"\nline jobs \"Jobs\" for each job\n  points 10 × job.count\nend\ntotal \"Total\" out of 100\n  jobs\nend\n"
            .write(toFile: scheme, atomically: true, encoding: .utf8)
        let award = try RankCommandTests.cbscore(["contracts", "award", Self.folder + "bid-B-063-01.xml", "--tender",
                                                  Self.folder + "tender-GCR-2026-063.xml", "--contract", "C-1", "--start", "2027-02-01",
                                                  "--end", "2028-01-31", "--scheme", scheme, "--areas", "fixtures/areas", "--db", db])
        #expect(award.status == 0, "stderr: \(award.stderr)")
        #expect(award.stdout == "awarded contract C-1 to Greenside Community Enterprise (bid B-063-01): no commitments, so no community benefit requirements\n")
        let monitor = try RankCommandTests.cbscore(["monitor", "C-1", "--as-of", "2027-06-30", "--no-points", "--db", db])
        #expect(monitor.status == 0, "stderr: \(monitor.stderr)")
        #expect(monitor.stdout.contains("\nNo commitments: the winning bid made none, so the contract has no community benefit requirements and nothing is expected.\n"))
        let html = try RankCommandTests.cbscore(["monitor", "C-1", "--as-of", "2027-06-30", "--no-points", "--format", "html", "--db", db])
        #expect(html.stdout.contains("<p>No commitments: the winning bid made none"))
        #expect(!html.stdout.contains("<th>ref</th>"))
    }

    @Test func aPeriodThatEndsBeforeItStartsIsACommandLineMistake() throws {
        let run = try RankCommandTests.cbscore(["report", "annual", "--from", "2027-04-01", "--to", "2026-03-31",
                                                "--db", Self.shared])
        #expect(run.status == 64)
    }

    @Test func aPeriodWithoutAnEndIsACommandLineMistake() throws {
        let run = try RankCommandTests.cbscore(["report", "annual", "--from", "2026-04-01", "--db", Self.shared])
        #expect(run.status == 64)
        #expect(run.stderr.contains("Missing expected argument '--to <to>'"))
        #expect(run.stdout.isEmpty)
    }

    @Test func aDayThatDoesNotExistIsACommandLineMistake() throws {
        let run = try RankCommandTests.cbscore(["report", "annual", "--from", "2026-02-30", "--to", "2027-03-31",
                                                "--db", Self.shared])
        #expect(run.status == 64)
        #expect(run.stderr.contains("'2026-02-30' is invalid for '--from <from>'"))
    }

    @Test func anUnknownFormatIsACommandLineMistake() throws {
        let run = try RankCommandTests.cbscore(["report", "annual", "--from", "2026-04-01", "--to", "2027-03-31",
                                                "--format", "pdf", "--db", Self.shared])
        #expect(run.status == 64)
        #expect(run.stderr.contains("'pdf' is invalid for '--format <format>'"))
    }

    /// A report over a store that does not exist fails naming the path, and creates nothing.
    @Test func aStoreThatDoesNotExistIsNamed() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cbscore-none-\(UUID().uuidString).sqlite").path
        for args in [["report", "annual", "--from", "2026-04-01", "--to", "2027-03-31"], ["contracts", "statement", "C-2026-0411"]] {
            let run = try RankCommandTests.cbscore(args + ["--db", path])
            #expect(run.status == 1, "\(args)")
            #expect(run.stderr.contains("--db \(path): no store here"), "\(args): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }
}
