import Documents
import RulesLanguage
import Scoring

/// The machine-readable result (result-json.md, `cbscore.result/1`). The spec's fields come
/// first in the order of its example; fields this implementation adds follow them, so the
/// document only ever grows by adding fields. Numbers that are money, points or scores are
/// exact decimal strings; counts and ranks are integers.
enum RankingJSON {
    static func render(_ ranking: Ranking) -> String {
        JSONWriter.write(document(ranking))
    }

    /// The same bytes as `render`, handed to `sink` in pieces as they are written.
    static func write(_ ranking: Ranking, to sink: (UnsafeRawBufferPointer) -> Void) {
        JSONWriter.write(document(ranking), to: sink)
    }

    /// The result document holding one bid (`--explain BID --format json`): the same fields,
    /// `bids` holding that bid only, `refused` that bid's refusal if it has one.
    static func render(_ ranking: Ranking, only bidID: String) -> String {
        JSONWriter.write(document(ranking, only: bidID))
    }

    /// The same bytes as `write(_:to:)` for `ranking` with each ranked bid explained, its JSON
    /// taken from `spool` (each ranked bid's, written as it was explained); the excluded bids
    /// are as `ranking` holds them. Throws when the spool cannot be read back.
    static func write(_ ranking: Ranking, bidsFrom spool: JSONBidSpool,
                      to sink: (UnsafeRawBufferPointer) -> Void) throws(DiagnosticsError) {
        JSONWriter.write(document(ranking, spool: spool), to: sink)
        if let failure = spool.failure { throw DiagnosticsError([failure]) }
    }

    /// How deep a bid is in the document: an element of the array (1) of `bids` in the
    /// document (0).
    static let bidIndent = 2

    /// One bid's JSON as the document holds it among the `bids` (`JSONValue.spliced`).
    static func fragment(_ outcome: BidOutcome) -> [UInt8] {
        JSONWriter.fragment(bid(outcome), indent: bidIndent)
    }

    static func document(_ ranking: Ranking, only bidID: String? = nil, spool: JSONBidSpool? = nil) -> JSONValue {
        let order = ReportFacts.orderedIndices(ranking).filter { bidID == nil || ranking.bids[$0].bidID == bidID }
        let bids: JSONValue
        if let spool {
            bids = .spliced(count: order.count) { k, out in
                let index = order[k]
                if spool.copy(index, into: &out) { return nil }
                precondition(ranking.bids[index].status != .ranked, "every ranked bid is in the spool, explained")
                return bid(ranking.bids[index])
            }
        } else {
            bids = .generated(count: order.count) { bid(ranking.bids[order[$0]]) }
        }
        return .object([
            ("format", .string("cbscore.result/1")),
            ("tender", tender(ranking.tender)),
            ("scheme", scheme(ranking.scheme)),
            ("inputs", .array(ReportFacts.orderedInputs(ranking).map { .object([("file", .string($0.file)), ("sha256", .string($0.sha256))]) })),
            ("bids", bids),
            // Added: bids left out with --exclude-invalid, each with every diagnostic found.
            ("refused", .array(ReportFacts.orderedRefused(ranking).filter { bidID == nil || $0.bidID == bidID }.map(refused))),
        ])
    }

    private static func tender(_ tender: Tender) -> JSONValue {
        .object([
            ("id", .string(tender.id)),
            ("title", .string(tender.title)),
            ("estimatedValue", .string(tender.estimatedValue.amount.decimalString())),
            ("currency", .string(tender.estimatedValue.currency)),
            ("authority", .string(tender.authority)),
            ("closingDate", .string(tender.closingDate.description)),
        ])
    }

    private static func scheme(_ scheme: SchemeReference) -> JSONValue {
        .object([
            ("name", .string(scheme.name)),
            ("file", .string(scheme.file)),
            ("sha256", .string(scheme.sha256)),
            ("version", .optional(scheme.version)),
        ])
    }

    private static func bid(_ bid: BidOutcome) -> JSONValue {
        .object([
            ("id", .string(bid.bidID)),
            ("bidder", .string(bid.bidder)),
            ("status", .string(bid.status.rawValue)),
            ("rank", .optional(bid.rank)),
            ("total", .optional(bid.total?.decimalString())),
            ("gates", .array(bid.explanation.gates.map(gate))),
            ("scores", .array(ReportFacts.scores(bid).map(score))),
            ("price", .string(bid.price.amount.decimalString())),
            ("currency", .string(bid.price.currency)),
            ("submitted", .string(bid.submitted.lexical)),
            ("location", location(bid.location)),
            ("tieBreak", .optional(bid.tieBreak)),
        ])
    }

    private static func gate(_ gate: GateResult) -> JSONValue {
        .object([
            ("id", .string(gate.id)),
            ("passed", .bool(gate.passed)),
            ("explanation", .string(gate.explanation)),
            ("title", .string(gate.title)),
            ("figures", .array(gate.figures.map(figure))),
        ])
    }

    private static func score(_ line: ScoreResult) -> JSONValue {
        .object([
            ("id", .string(line.id)),
            ("points", .string(line.points.decimalString())),
            ("explanation", .string(line.explanation)),
            ("items", .array(line.items.map(item))),
            ("title", .string(line.title)),
            ("maximum", .optional(line.maximum?.decimalString())),
            ("figures", .array(line.figures.map(figure))),
            ("steps", .array(line.steps.map(step))),
            ("cap", line.cap.map(cap) ?? .null),
        ])
    }

    private static func item(_ item: ItemResult) -> JSONValue {
        .object([
            ("ref", .string(item.ref)),
            ("figures", .array(item.figures.map(figure))),
            ("points", .string(item.points.decimalString())),
            ("kind", .string(item.kind)),
            ("counted", .bool(item.counted)),
            ("skipReason", .optional(item.skipReason)),
            ("steps", .array(item.steps.map(step))),
            ("location", item.location.map(location) ?? .null),
        ])
    }

    private static func figure(_ figure: Figure) -> JSONValue {
        .object([
            ("name", .string(figure.name)),
            ("text", .string(figure.text)),
            ("value", .optional(figure.value?.decimalString())),
            ("unit", .string(figure.unit)),
            ("source", .string(figure.source)),
        ])
    }

    private static func step(_ step: CalculationStep) -> JSONValue {
        .object([
            ("kind", .string(step.kind.rawValue)),
            ("description", .string(step.description)),
            ("result", .string(step.result.decimalString())),
        ])
    }

    private static func cap(_ cap: CapApplied) -> JSONValue {
        .object([
            ("cap", .string(cap.cap.decimalString())),
            ("uncapped", .string(cap.uncapped.decimalString())),
            ("cut", .string(cap.cut.decimalString())),
        ])
    }

    private static func location(_ location: SourceLocation) -> JSONValue {
        .object([
            ("file", .string(location.file)),
            ("line", .integer(location.line)),
            ("column", .integer(location.column)),
        ])
    }

    private static func refused(_ refused: RefusedBid) -> JSONValue {
        .object([
            ("id", .optional(refused.bidID)),
            ("file", .string(refused.file)),
            ("diagnostics", .array(refused.diagnostics.sortedForReport().map(diagnostic))),
        ])
    }

    private static func diagnostic(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("id", .string(diagnostic.id)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("location", location(diagnostic.span.start)),
            ("message", .string(diagnostic.message)),
            ("hint", .optional(diagnostic.hint)),
            ("subject", .optional(diagnostic.subject)),
        ])
    }
}
