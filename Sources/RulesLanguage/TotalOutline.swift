import ExactNumbers

/// How a scheme's `total` is made, for reports: each component (a line or score) with its
/// weight and the figures behind it (the bid's price, a panel's input, the line a relative
/// score compares). Reports show one column per component as weighted into the total, beside
/// those figures, so a reader sees what decided a ranking under any scheme, not only the
/// bundled ones.
public struct TotalOutline: Sendable, Hashable, Codable {
    public var title: String
    public var outOf: Exact?
    public var components: [Component]
    /// Lines that score commitments one by one (`for each job`), in scheme order: what a
    /// chart of points by line shows.
    public var commitmentLines: [Named]

    public struct Named: Sendable, Hashable, Codable {
        public var id: String
        public var title: String

        public init(id: String, title: String) {
            self.id = id
            self.title = title
        }
    }

    /// A figure a component is computed from.
    public enum Figure: Sendable, Hashable, Codable {
        /// `bid.price`.
        case price
        /// A scheme `input` (a panel's score), with the most it can be.
        case input(name: String, title: String, maximum: Exact?)
        /// A line that a score across the bids compares (`community-benefit-points`).
        case line(Named)
    }

    public struct Component: Sendable, Hashable, Codable {
        /// The line or score id.
        public var id: String
        public var title: String
        /// `weighted 60`: the component adds weight × points ÷ maximum; nil adds its points.
        public var weight: Exact?
        /// The most the line or score can give, when the scheme states it.
        public var maximum: Exact?
        public var figures: [Figure]

        public init(id: String, title: String, weight: Exact? = nil, maximum: Exact? = nil, figures: [Figure] = []) {
            self.id = id
            self.title = title
            self.weight = weight
            self.maximum = maximum
            self.figures = figures
        }

        /// What the component adds to the total for `points`: weight × points ÷ maximum when
        /// weighted, else the points themselves (the arithmetic the total step does).
        public func contribution(of points: Exact) throws(ArithmeticError) -> Exact {
            try Component.contribution(of: points, weight: weight, maximum: maximum)
        }

        /// `contribution(of:)` from the weight and maximum alone, for loops over many bids
        /// that should not copy the component's strings.
        public static func contribution(of points: Exact, weight: Exact?, maximum: Exact?) throws(ArithmeticError) -> Exact {
            guard let weight, let maximum else { return points }
            return try weight.multiplied(by: points).divided(by: maximum)
        }
    }

    public init(title: String, outOf: Exact?, components: [Component], commitmentLines: [Named] = []) {
        self.title = title
        self.outOf = outOf
        self.components = components
        self.commitmentLines = commitmentLines
    }

    /// True when any component is weighted: tables then say how.
    public var isWeighted: Bool { components.contains { $0.weight != nil } }
}

extension Program {
    /// The outline of the scheme's total; nil when the scheme has none.
    public var totalOutline: TotalOutline? {
        guard let total else { return nil }
        let everyLine = lines + scores
        let components = total.rows.map { row -> TotalOutline.Component in
            let line = everyLine.first { $0.slot == row.slot }
            var figures: [TotalOutline.Figure] = []
            if let line { figures = figuresBehind(line) }
            return TotalOutline.Component(id: row.name, title: line.map { $0.title.isEmpty ? $0.id : $0.title } ?? row.name,
                                          weight: row.weight, maximum: row.maximum ?? line?.maximum, figures: figures)
        }
        let commitmentLines = lines.filter { $0.each != nil }.map { TotalOutline.Named(id: $0.id, title: $0.title.isEmpty ? $0.id : $0.title) }
        return TotalOutline(title: total.title, outOf: total.outOf, components: components, commitmentLines: commitmentLines)
    }

    /// The price, inputs and (for a score across the bids) lines that `line`'s points are
    /// computed from, each once, in the order first read. Named values are looked through.
    private func figuresBehind(_ line: CompiledLine) -> [TotalOutline.Figure] {
        var found: [TotalOutline.Figure] = []
        var visitedValues = Set<Int>()
        func add(_ figure: TotalOutline.Figure) {
            if !found.contains(figure) { found.append(figure) }
        }
        func visit(_ node: Node) {
            switch node.op {
            case .bidField(let field):
                if field == .price { add(.price) }
            case .carried(let index):
                if index < carried.count, carried[index] == .price { add(.price) }
            case .slot(let slot):
                if let input = inputs.first(where: { $0.slot == slot }) {
                    add(.input(name: input.name, title: input.title, maximum: input.maximum))
                } else if let value = values.first(where: { $0.slot == slot }) {
                    if visitedValues.insert(slot).inserted { visit(value.node) }
                } else if line.crossBid, let read = lines.first(where: { $0.slot == slot }) {
                    add(.line(TotalOutline.Named(id: read.id, title: read.title.isEmpty ? read.id : read.title)))
                }
            case .aggregate(let index):
                if index < aggregates.count { visit(aggregates[index].node) }
            case .arithmetic(_, let a, let b), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b),
                 .includes(let a, let b, _):
                visit(a)
                visit(b)
            case .negate(let a), .not(let a), .decile(let a), .deprived(let a):
                visit(a)
            case .oneOf(let a, let others, _):
                visit(a)
                others.forEach(visit)
            case .sum(_, let a, let filter):
                visit(a)
                if let filter { visit(filter) }
            case .count(_, let filter):
                if let filter { visit(filter) }
            case .constant, .item, .table:
                break
            }
        }
        for row in line.points {
            visit(row.value)
            if let condition = row.condition { visit(condition) }
        }
        for adjustment in line.adjustments {
            visit(adjustment.value)
        }
        return found
    }
}
