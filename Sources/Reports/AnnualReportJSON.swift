import Documents
import Monitoring

/// `cbscore.annual-report/1` (annual-report.md): money as decimal strings with two places,
/// counts as integers, keys in the order of the spec's example. A withheld background count
/// is `{ "count": null, "suppressed": true }`; a withheld `people` or `recorded` is `null`,
/// named in the set's `suppressed` list.
public enum AnnualReportJSON {
    typealias J = JSONValue

    public static func render(_ r: AnnualReport) -> String {
        J.object([
            ("format", .string("cbscore.annual-report/1")),
            ("period", .object([("from", .string(r.from.description)), ("to", .string(r.to.description))])),
            ("procurements", .object([
                ("contractsAwarded", .integer(r.procurements.contractsAwarded)),
                ("valueAwarded", money(r.procurements.valueAwarded)),
                ("suppliers", .integer(r.procurements.suppliers)),
                ("smeSuppliers", .integer(r.procurements.smeSuppliers)),
                ("thirdSectorSuppliers", .integer(r.procurements.thirdSectorSuppliers)),
                ("contractsInOtherCurrencies", .array(r.procurements.contractsInOtherCurrencies.map(J.string))),
            ])),
            ("communityBenefits", .object([
                ("contractsAtOrAbove4m", .integer(r.communityBenefits.contractsAtOrAbove4m)),
                ("contractsAtOrAbove4mWithRequirements", .integer(r.communityBenefits.contractsAtOrAbove4mWithRequirements)),
                ("contractsBelow4mWithRequirements", .integer(r.communityBenefits.contractsBelow4mWithRequirements)),
            ] + fulfilled(r.communityBenefits.fulfilled))),
            ("background", background(r.background)),
            ("contracts", .array(r.contracts.map(contract))),
        ]).written
    }

    static func money(_ value: Exact) -> J { .string(value.formatted(places: 2)) }

    static func fulfilled(_ f: FulfilledFigures) -> [(String, J)] {
        func value(_ figure: FulfilledFigure) -> J {
            figure.isMoney ? money(figure.value(in: f)) : .integer(Int(clamping: figure.value(in: f).floor))
        }
        return FulfilledFigure.allCases.filter { $0.row != nil }.map { ($0.rawValue, value($0)) } + [
            ("totals", .object([
                ("jobsFilled", value(.jobsFilled)), ("jobsCountedTowardCommitments", value(.jobsCountedTowardCommitments)),
                ("apprenticeshipsFilled", value(.apprenticeshipsFilled)), ("placements", value(.placements)),
                ("qualifications", value(.qualifications)),
            ])),
        ]
    }

    static func cell(_ c: PublishedCount, percent: Bool = false) -> J {
        guard let count = c.count else { return .object([("count", .null), ("suppressed", .bool(true))]) }
        var members: [(String, J)] = [("count", .integer(count))]
        if percent { members.append(("percent", c.percent.map { .string($0.formatted(places: 1)) } ?? .null)) }
        return .object(members)
    }

    static func background(_ b: BackgroundFigures) -> J {
        var members: [(String, J)] = [("people", .optional(b.people.count)), ("recorded", .optional(b.recorded.count))]
        let withheld = [("people", b.people), ("recorded", b.recorded)].filter { $0.1.withheld }.map { J.string($0.0) }
        if !withheld.isEmpty { members.append(("suppressed", .array(withheld))) }
        members.append(("groups", .object(b.groups.map { ($0.answer, cell($0.figure, percent: $0.answer != "notRecorded")) })))
        members.append(("school", .object(b.school.map { ($0.answer, cell($0.figure)) })))
        members.append(("freeSchoolMeals", .object(b.freeSchoolMeals.map { ($0.answer, cell($0.figure)) })))
        return .object(members)
    }

    static func contract(_ c: AnnualContractFigures) -> J {
        .object([
            ("id", .string(c.contractID)), ("awarded", .string(c.awarded.description)),
            ("value", money(c.facts.value.amount)), ("currency", .string(c.facts.value.currency)),
            ("supplier", .string(c.facts.supplierID)), ("supplierName", .string(c.supplierName)),
            ("sme", .bool(c.facts.sme)), ("thirdSector", .bool(c.facts.thirdSector)),
            ("hasRequirements", .bool(c.hasRequirements)), ("awardedInPeriod", .bool(c.awardedInPeriod)),
            ("atOrAbove4m", c.facts.atOrAboveThreshold.map(J.bool) ?? .null),
            ("priorityGroups", .array(c.facts.priorityGroups.map { .string($0.rawValue) })),
            ("communityBenefits", .object(fulfilled(c.fulfilled))),
            ("background", background(c.background)),
            ("returns", .array(c.returns.map { r in
                .object([("period", .string(r.period.description)), ("submitted", .string(r.submitted.description)),
                         ("file", .string(r.file)), ("sha256", .string(r.sha256))])
            })),
            ("sources", .object(FulfilledFigure.allCases.compactMap { f in
                c.sources[f].map { (f.rawValue, J.array($0.map { .string($0.description) })) }
            } + (c.backgroundSources.isEmpty ? [] : [("background", J.array(c.backgroundSources.map { .string($0.description) }))]))),
            ("bid", .object([("file", .string(c.bidFile)), ("sha256", .string(c.bidSHA256))])),
        ])
    }
}

/// CSV (RFC 4180, CRLF): one row per figure, for everyone (`all`) and then per contract.
/// A withheld count has an empty value and `withheld` true.
public enum AnnualReportCSV {
    public static func render(_ r: AnnualReport) -> String {
        var rows = [["scope", "section", "row", "figure", "answer", "value", "percent", "withheld", "returns"]]
        let p = r.procurements
        let s2: [(String, String, String)] = [
            ("a", "contractsAwarded", String(p.contractsAwarded)), ("b", "valueAwarded", p.valueAwarded.formatted(places: 2)),
            ("c", "suppliers", String(p.suppliers)), ("c) i", "smeSuppliers", String(p.smeSuppliers)),
            ("c) ii", "thirdSectorSuppliers", String(p.thirdSectorSuppliers)),
        ]
        for (row, name, value) in s2 { rows.append(["all", "2", row, name, "", value, "", "", ""]) }
        let c = r.communityBenefits
        for (row, name, value) in [("a", "contractsAtOrAbove4m", c.contractsAtOrAbove4m),
                                   ("b", "contractsAtOrAbove4mWithRequirements", c.contractsAtOrAbove4mWithRequirements),
                                   ("c", "contractsBelow4mWithRequirements", c.contractsBelow4mWithRequirements)] {
            rows.append(["all", "4", row, name, "", String(value), "", "", ""])
        }
        rows += fulfilled(c.fulfilled, scope: "all", sources: nil)
        rows += background(r.background, scope: "all")
        for k in r.contracts {
            rows += fulfilled(k.fulfilled, scope: k.contractID, sources: k)
            rows += background(k.background, scope: k.contractID)
        }
        return MonitoringCSVReport.csv(rows)
    }

    static func fulfilled(_ f: FulfilledFigures, scope: String, sources: AnnualContractFigures?) -> [[String]] {
        FulfilledFigure.allCases.map { figure in
            let value = figure.value(in: f)
            let from = sources.map { k in (k.sources[figure] ?? []).map(\.description).joined(separator: " ") } ?? ""
            return [scope, "4", figure.row ?? "", figure.rawValue, "", figure.isMoney ? value.formatted(places: 2) : value.decimalString(),
                    "", "", from]
        }
    }

    static func background(_ b: BackgroundFigures, scope: String) -> [[String]] {
        func row(_ figure: String, _ answer: String, _ c: PublishedCount) -> [String] {
            [scope, "background", "", figure, answer, c.count.map(String.init) ?? "", c.percent.map { $0.formatted(places: 1) } ?? "",
             c.withheld ? "true" : "false", ""]
        }
        var rows = [row("people", "", b.people), row("recorded", "", b.recorded)]
        rows += b.groups.map { row("groups", $0.answer, $0.figure) }
        rows += b.school.map { row("school", $0.answer, $0.figure) }
        rows += b.freeSchoolMeals.map { row("freeSchoolMeals", $0.answer, $0.figure) }
        return rows
    }
}
