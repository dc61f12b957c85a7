import Documents
import Monitoring

// What the annual report and the portfolio's background section read. Background answers are
// read here only, to be counted; no call returns them per person.

extension StoreCore {
    /// Every contract awarded in FROM…TO or with a current return whose period starts in it,
    /// with the items of its current returns whose period starts on or before TO.
    static func annualInputs(from: CalendarDate, to: CalendarDate, in tx: any SQLTransaction) throws -> [AnnualContractInput] {
        var returns: [String: [CountedReturn]] = [:]
        for row in try tx.rows("""
            SELECT id, contract_id, period, submitted, file, file_sha256 FROM returns
            WHERE superseded_by IS NULL AND period_start <= ? ORDER BY contract_id, period_start, period
            """, [to.description]) {
            let r = CountedReturn(id: try row.int64(0), contractID: try row.text(1), period: try storedPeriod(row.text(2)),
                                  submitted: try storedDate(row.text(3)), file: try row.text(4), sha256: try row.text(5))
            returns[r.contractID, default: []].append(r)
        }
        var inputs: [AnnualContractInput] = []
        let terms = Dictionary(try allTerms(in: tx).map { ($0.contractID, $0) }, uniquingKeysWith: { a, _ in a })
        for summary in try contracts(in: tx) {
            let own = returns[summary.contractID] ?? []
            guard (from...to).contains(summary.awarded) || own.contains(where: { (from...to).contains($0.period.start) }),
                  let contractTerms = terms[summary.contractID] else { continue }
            inputs.append(AnnualContractInput(summary: summary, terms: contractTerms,
                                              items: try annualItems(contract: summary.contractID, to: to, in: tx),
                                              returns: own))
        }
        return inputs
    }

    static func annualItems(contract: String, to: CalendarDate, in tx: any SQLTransaction) throws -> [AnnualItem] {
        var items: [AnnualItem] = []
        var decoder = ItemDecoder()
        try tx.forEachRow("""
            SELECT r.contract_id, r.period, i.kind, i.ref, i.person, i.date, i.quantity, i.size, i.fte, i.hourly_rate,
                   i.supply_chain_kind, i.area, i.decile, i.council, i.target_groups, i.qualification, r.id,
                   b.parental_occupation, b.school, b.free_school_meals, b.parental_qualification
            FROM returns r JOIN return_items i ON i.return_id = r.id
            LEFT JOIN backgrounds b ON b.return_id = i.return_id AND b.seq = i.seq
            WHERE r.superseded_by IS NULL AND r.period_start <= ? AND r.contract_id = ?
            ORDER BY r.period_start, r.period, i.seq
            """, [to.description, contract]) { row in
            items.append(AnnualItem(item: try decoder.item(row), returnID: try row.int64(16),
                                    background: try background(row, from: 17)))
        }
        return items
    }

    /// The answers in four columns from `first`; nil when the item has no `<Background>`.
    static func background(_ row: SQLRow, from first: Int) throws -> Background? {
        let texts = try (first..<(first + 4)).map { try row.optionalText($0) }
        // A <Background/> with no answer is stored as a row of NULLs: the same as none.
        guard texts.contains(where: { $0 != nil }) else { return nil }
        return Background(parentalOccupation: texts[0].flatMap(ParentalOccupation.init(rawValue:)),
                          school: texts[1].flatMap(SchoolType.init(rawValue:)),
                          freeSchoolMeals: texts[2].flatMap(FreeSchoolMeals.init(rawValue:)),
                          parentalQualification: texts[3].flatMap(ParentalQualification.init(rawValue:)))
    }

    /// The portfolio's background section: everyone hired or starting an apprenticeship by
    /// `asOf` (start on or before it, in a current return whose period starts on or before
    /// it), once per contract with the answers of their first report, withheld as in the
    /// annual report.
    static func portfolioBackground(asOf: CalendarDate, in tx: any SQLTransaction) throws -> BackgroundFigures {
        var everyone = BackgroundCounts()
        var contract = ""
        var seen = Set<String>()
        try tx.forEachRow("""
            SELECT r.contract_id, i.person, i.date, b.parental_occupation, b.school, b.free_school_meals,
                   b.parental_qualification
            FROM returns r JOIN return_items i ON i.return_id = r.id
            LEFT JOIN backgrounds b ON b.return_id = i.return_id AND b.seq = i.seq
            WHERE r.superseded_by IS NULL AND r.period_start <= ? AND i.kind IN ('hire', 'apprenticeship-start')
            ORDER BY r.contract_id, r.period_start, r.period, i.seq
            """, [asOf.description]) { row in
            let id = try row.text(0)
            if id != contract {
                contract = id
                seen.removeAll(keepingCapacity: true)
            }
            guard let person = try row.optionalText(1), seen.insert(person).inserted else { return }
            // The first report decides: a start after the date is not yet a hire.
            guard let start = try row.optionalText(2).map(storedDate), start <= asOf else { return }
            everyone.add(try background(row, from: 3))
        }
        return BackgroundSuppression.publish([everyone])[0]
    }
}

extension EvaluationStore {
    /// The annual report for FROM…TO, both dates included (annual-report.md): one read
    /// transaction, so the report sees one moment of the store.
    public func annualReport(from: CalendarDate, to: CalendarDate) async throws -> AnnualReport {
        let inputs = try await backend.read { tx in try StoreCore.annualInputs(from: from, to: to, in: tx) }
        return try AnnualReportBuilder.build(from: from, to: to, contracts: inputs)
    }
}
