import Diagnostics
import Documents
import Monitoring

/// `cbscore contracts ocds CONTRACT`: an OCDS 1.1 release package holding the `award` and
/// `contract` release of an awarded contract (interchange.md, "Out"): the award names the
/// winning bid (`relatedBid`, bid extension), its value and supplier and the award date; the
/// contract its award, period and value. Every date comes from the store: the award date as
/// recorded (the contract's start when none was), never the clock. A withdrawn contract is
/// published as cancelled (award and contract status `cancelled`, tagged `awardCancellation`),
/// dated when the store recorded the withdrawal.
enum OCDSContractRelease {
    static func render(_ contract: StoredContract, ocidPrefix: String?) throws(DiagnosticsError) -> String {
        JSONWriter.write(try document(contract, ocidPrefix: ocidPrefix))
    }

    static func document(_ contract: StoredContract, ocidPrefix: String?) throws(DiagnosticsError) -> JSONValue {
        let summary = contract.summary
        guard let tender = contract.tender else {
            throw DiagnosticsError([Diagnostic(
                MonitoringDiagnostic.noTender, at: SourceLocation(commandLine: summary.contractID),
                message: "contract \(summary.contractID) was stored without its tender; an OCDS release names the buyer "
                    + "and the tender's id, so it cannot be written",
                hint: "award the contract again with --tender")])
        }
        let ocid = OCDS.ocid(prefix: ocidPrefix, tenderID: tender.id)
        let awarded = summary.details.awarded ?? summary.start
        let withdrawn = summary.withdrawal
        let date = withdrawn?.at ?? Instant.startOfUKDay(awarded).utcDateTime
        let awardDate = Instant.startOfUKDay(awarded).utcDateTime
        let buyer = OCDS.Party(name: tender.authority)
        let supplier = OCDS.Party(name: contract.bid.bidder.name, companyNumber: contract.bid.bidder.companyNumber)
        let value = OCDS.value(contract.bid.price)
        let awardID = "\(summary.contractID)-award"
        let release = JSONValue.object([
            ("ocid", .string(ocid)),
            // A withdrawal is a new release of the same contracting process.
            ("id", .string("\(ocid)-contract-\(summary.contractID)" + (withdrawn == nil ? "" : "-withdrawn"))),
            ("date", .string(date)),
            ("tag", .array([.string("award"), .string("contract")] + (withdrawn == nil ? [] : [.string("awardCancellation")]))),
            ("initiationType", .string("tender")),
            ("language", .string("en")),
            ("parties", OCDS.parties(buyer: buyer, others: [(supplier, "supplier")])),
            ("buyer", buyer.reference),
            ("awards", .array([.object([
                ("id", .string(awardID)),
                ("title", .string("Contract \(summary.contractID): \(tender.title)")),
                ("status", .string(withdrawn == nil ? "active" : "cancelled")),
                ("date", .string(awardDate)),
                ("value", value),
                ("suppliers", .array([supplier.reference])),
                ("relatedBid", .string(contract.bid.id)),
            ])])),
            ("contracts", .array([.object([
                ("id", .string(summary.contractID)),
                ("awardID", .string(awardID)),
                ("title", .string(tender.title)),
            ] + (withdrawn == nil ? [] : [("status", JSONValue.string("cancelled"))]) + [
                ("period", .object([
                    ("startDate", .string(Instant.startOfUKDay(summary.start).utcDateTime)),
                    ("endDate", .string(Instant.endOfUKDay(summary.end).utcDateTime)),
                ])),
                ("value", value),
            ])])),
        ])
        return OCDS.package(uri: "urn:cbscore:\(ocid):contract:\(summary.contractID):\(summary.scheme.sha256)"
                                + (withdrawn == nil ? "" : ":withdrawn"),
                            publishedDate: date, publisher: tender.authority, release: release,
                            extensions: [OCDS.bidExtension])
    }
}
