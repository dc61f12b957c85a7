import Documents

/// What a scheme's lines award points for, read from the scheme itself (never from bids):
/// the commitment kinds they count, the supply-chain kinds their conditions name, and whether
/// they read the bidder's fair-work terms. An OCDS release declares these as the scheme's
/// sustainability goals (docs/interchange.md).
public struct ScoredSubjects: Sendable, Hashable, Codable {
    /// Commitment kinds a line counts (`for each job`, `sum of … for each training`), as the
    /// language writes them (`job`, `supply_chain`), in the language's order.
    public var commitmentKinds: [String]
    /// Supply-chain kinds named in the supply-chain lines (`sme`, `local`…); every kind when
    /// a line counts supply chain without naming any.
    public var supplyChainKinds: [String]
    /// A line reads `fair_work.*` or `bidder.living_wage_accredited`.
    public var fairWork: Bool

    public init(commitmentKinds: [String] = [], supplyChainKinds: [String] = [], fairWork: Bool = false) {
        self.commitmentKinds = commitmentKinds
        self.supplyChainKinds = supplyChainKinds
        self.fairWork = fairWork
    }
}

extension Program {
    /// What the lines (not the gates, which exclude rather than score) award points for.
    public var scoredSubjects: ScoredSubjects {
        var kinds = Set<CommitmentKind>()
        var supplyChainKinds = Set<String>()
        var fairWork = false
        // A line may read a `value` (`person_weeks`): what the value reads counts for the line.
        let valueNodes = Dictionary(values.map { ($0.slot, $0.node) }, uniquingKeysWith: { first, _ in first })
        for line in lines {
            var nodes = line.points.flatMap { [$0.value] + ($0.condition.map { [$0] } ?? []) }
            nodes += line.skips.map(\.condition)
            nodes += line.adjustments.flatMap { [$0.value] + ($0.condition.map { [$0] } ?? []) }
            var lineKinds = Set(line.each.map { [$0] } ?? [])
            var named = Set<String>()
            var followed = Set<Int>()
            while let node = nodes.popLast() {
                switch node.op {
                case .slot(let slot):
                    if let value = valueNodes[slot], followed.insert(slot).inserted { nodes.append(value) }
                case .bidField(let field):
                    if field.rawValue.hasPrefix("fair_work.") || field == .livingWageAccredited { fairWork = true }
                case .sum(let kind, _, _), .count(let kind, _):
                    lineKinds.insert(kind)
                case .constant(.choice(let index)):
                    if case .choice(.supplyChainKind) = node.type, Int(index) < Choice.supplyChainKind.words.count {
                        named.insert(Choice.supplyChainKind.words[Int(index)])
                    }
                default:
                    break
                }
                nodes += node.operands
            }
            kinds.formUnion(lineKinds)
            if lineKinds.contains(.supplyChain) {
                supplyChainKinds.formUnion(named.isEmpty ? Set(Choice.supplyChainKind.words) : named)
            }
        }
        return ScoredSubjects(
            commitmentKinds: CommitmentKind.allCases.filter(kinds.contains).map(\.word),
            supplyChainKinds: Choice.supplyChainKind.words.filter(supplyChainKinds.contains),
            fairWork: fairWork)
    }
}

extension Node {
    /// The nodes this one is computed from.
    var operands: [Node] {
        switch op {
        case .arithmetic(_, let a, let b), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b),
             .includes(let a, let b, _):
            [a, b]
        case .negate(let a), .not(let a), .decile(let a), .deprived(let a):
            [a]
        case .oneOf(let a, let list, _):
            [a] + list
        case .sum(_, let value, let filter):
            [value] + (filter.map { [$0] } ?? [])
        case .count(_, let filter):
            filter.map { [$0] } ?? []
        default:
            []
        }
    }
}
