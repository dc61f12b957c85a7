import Documents

/// What one contract had delivered as of any date from one of its period starts to the next:
/// delivered per commitment and the hires tallied as the portfolio counts them. Only the
/// returns counted change with the date (periods starting on or before it); expected, percent
/// and status are computed from these at report time for the date asked. The store keeps one
/// per contract and period start (its `delivery_summaries`).
package struct DeliverySnapshot: Sendable, Hashable {
    /// In the contract's commitment order.
    package var delivered: [Exact]
    package var hires: HireTallies

    package init(delivered: [Exact], hires: HireTallies) {
        self.delivered = delivered
        self.hires = hires
    }

    /// Nothing counted yet: before the first period's start, or no return at all.
    package static func empty(commitments: Int) -> DeliverySnapshot {
        DeliverySnapshot(delivered: Array(repeating: .zero, count: commitments), hires: HireTallies())
    }

    /// One snapshot per distinct period start on or after `from` (all when nil), each computed
    /// by `ProgressCalculator` as of that start, so the summary and the detailed path cannot
    /// disagree: between two period starts the same returns count, and neither delivered
    /// (sustained and in post both count) nor the hire tallies depend on the date otherwise.
    package static func snapshots(of terms: ContractTerms, items: [DeliveredItem], from: CalendarDate?)
        throws(ArithmeticError) -> [(from: CalendarDate, snapshot: DeliverySnapshot)] {
        var result: [(from: CalendarDate, snapshot: DeliverySnapshot)] = []
        for start in Set(items.map(\.period.start)).sorted() where from.map({ start >= $0 }) ?? true {
            let progress = try ProgressCalculator.progress(of: terms, items: items, asOf: start)
            result.append((start, DeliverySnapshot(
                delivered: progress.commitments.map(\.delivered),
                hires: HireTallies(progress.commitments.lazy.flatMap(\.hireOutcomes)))))
        }
        return result
    }
}

extension PortfolioBuilder {
    /// A contract as of the builder's date from its delivery snapshot (expected, percent and
    /// status computed here for that date); the snapshot's delivered must follow the terms'
    /// commitment order.
    package mutating func add(_ terms: ContractTerms, snapshot: DeliverySnapshot) throws(ArithmeticError) {
        let fraction = try ProgressCalculator.termFraction(start: terms.start, end: terms.end, asOf: asOf)
        var lines: [CommitmentProgress] = []
        for (commitment, delivered) in zip(terms.commitments, snapshot.delivered) {
            lines.append(try ProgressCalculator.line(commitment, delivered: delivered, fraction: fraction,
                                                     thresholds: thresholds))
        }
        try add(contractID: terms.contractID, supplier: terms.supplier, lines: lines, hires: snapshot.hires)
    }
}
