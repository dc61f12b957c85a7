import Documents
import ExactNumbers
import Scoring

/// `cbscore rank --format ocds`: an OCDS 1.1 release package holding one `tender` release of
/// the tender as evaluated (interchange.md, "Out"), with the bid and sustainability
/// extensions. Bids refused as unreadable (`--exclude-invalid`) are not published: nothing
/// about them is known to be right.
enum OCDSTenderRelease {
    static func render(_ ranking: Ranking, ocidPrefix: String?) -> String {
        JSONWriter.write(document(ranking, ocidPrefix: ocidPrefix))
    }

    static func document(_ ranking: Ranking, ocidPrefix: String?) -> JSONValue {
        let tender = ranking.tender
        let ocid = OCDS.ocid(prefix: ocidPrefix, tenderID: tender.id)
        let bids = ReportFacts.orderedBids(ranking)
        let closing = Instant.endOfUKDay(tender.closingDate)
        // The latest submission: the evaluation cannot be older (the closing date when no bid is left).
        let published = (bids.map(\.submitted).max() ?? closing).utcDateTime
        let buyer = OCDS.Party(name: tender.authority)
        let tenderers = bids.map { OCDS.Party(name: $0.bidder, companyNumber: $0.companyNumber) }
        let distinct = Set(tenderers.map(\.id))
        let release = JSONValue.object([
            ("ocid", .string(ocid)),
            ("id", .string("\(ocid)-tender-\(ranking.scheme.sha256.prefix(16))")),
            ("date", .string(published)),
            ("tag", .array([.string("tender")])),
            ("initiationType", .string("tender")),
            ("language", .string("en")),
            ("parties", OCDS.parties(buyer: buyer, others: tenderers.map { ($0, "tenderer") })),
            ("buyer", buyer.reference),
            ("tender", .object([
                ("id", .string(tender.id)),
                ("title", .string(tender.title)),
                ("value", OCDS.value(tender.estimatedValue)),
                ("tenderPeriod", .object([("endDate", .string(closing.utcDateTime))])),
                ("awardCriteria", .string("ratedCriteria")),
                ("awardCriteriaDetails", .string(criteriaDetails(ranking.scheme))),
                ("numberOfTenderers", .integer(distinct.count)),
                ("tenderers", .array(distinct.sorted().map { id in tenderers.first { $0.id == id }!.reference })),
            ] + OCDS.sustainability(ranking.scheme.subjects))),
            ("bids", .object([
                ("statistics", .array(statistics(bids, tenderers: tenderers))),
                ("details", .array(zip(bids, tenderers).map(detail))),
            ])),
        ])
        return OCDS.package(uri: "urn:cbscore:\(ocid):tender:\(ranking.scheme.sha256)", publishedDate: published,
                            publisher: tender.authority, release: release,
                            extensions: [OCDS.bidExtension, OCDS.sustainabilityExtension])
    }

    static func criteriaDetails(_ scheme: SchemeReference) -> String {
        "Bids were scored on community benefits with the scheme \"\(scheme.name)\""
            + (scheme.version.map { ", version \($0)" } ?? "")
            + " (SHA-256 \(scheme.sha256)), evaluated by cbscore: gates first, then points per line; "
            + "each bid's rank, total and points are in bids.details[].cbscore."
    }

    /// `bids`, `validBids`, `disqualifiedBidders` (bidders none of whose bids passed the
    /// gates) and `smeBids` (bidders of micro, small or medium size).
    static func statistics(_ bids: [BidOutcome], tenderers: [OCDS.Party]) -> [JSONValue] {
        let valid = bids.filter { $0.status == .ranked }
        let qualified = Set(zip(bids, tenderers).filter { $0.0.status == .ranked }.map(\.1.id))
        let disqualified = Set(zip(bids, tenderers).filter { $0.0.status == .excluded }.map(\.1.id)).subtracting(qualified)
        let sme = bids.filter { [.micro, .small, .medium].contains($0.bidderSize) }
        return [("bids", bids.count), ("validBids", valid.count), ("disqualifiedBidders", disqualified.count),
                ("smeBids", sme.count)].map { measure, value in
            .object([("id", .string(measure)), ("measure", .string(measure)), ("value", .integer(value))])
        }
    }

    /// One bid: `valid` when ranked, `disqualified` when a gate excluded it, with cbscore's
    /// rank, total and points per line as exact decimal strings.
    static func detail(_ bid: BidOutcome, _ tenderer: OCDS.Party) -> JSONValue {
        var cbscore: [(String, JSONValue)] = [
            ("rank", .optional(bid.rank)),
            ("total", .optional(bid.total?.decimalString())),
            ("points", .object(ReportFacts.scores(bid).map { ($0.id, .string($0.points.decimalString())) })),
        ]
        if bid.status == .excluded {
            cbscore.append(("failedGates", .array(bid.explanation.gates.filter { !$0.passed }.map {
                .object([("id", .string($0.id)), ("explanation", .string($0.explanation))])
            })))
        }
        return .object([
            ("id", .string(bid.bidID)),
            ("date", .string(bid.submitted.utcDateTime)),
            ("status", .string(bid.status == .ranked ? "valid" : "disqualified")),
            ("tenderers", .array([tenderer.reference])),
            ("value", OCDS.value(bid.price)),
            ("cbscore", .object(cbscore)),
        ])
    }
}
