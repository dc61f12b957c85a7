import Diagnostics
import Documents
import ExactNumbers
import Hashing
import Monitoring
import RulesLanguage
import Scoring

/// What the OCDS 1.1 packages cbscore writes share (interchange.md, "Out"): the package around
/// the releases, the ocid, parties and their ids, values, and the goals a scheme serves.
/// Nothing comes from the clock: every date is one the inputs give.
public enum OCDS {
    /// Used when no `--ocid-prefix` is given: a placeholder, which the command says.
    public static let placeholderPrefix = "ocds-000000"

    /// The extensions a package may use, as their `extension.json` URLs: bids and `relatedBid`;
    /// a tender's sustainability goals.
    static let bidExtension =
        "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json"
    static let sustainabilityExtension =
        "https://raw.githubusercontent.com/open-contracting-extensions/ocds_sustainability_extension/master/extension.json"

    /// A registered OCDS prefix: `ocds-` and six lower-case letters or digits.
    public static func isPrefix(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 11 && text.hasPrefix("ocds-")
            && bytes[5...].allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }
    }

    static func ocid(prefix: String?, tenderID: String) -> String {
        "\(prefix ?? placeholderPrefix)-\(tenderID)"
    }

    /// The package: `uri` is a `urn:cbscore:` URN of the ocid, what the release is and the
    /// scheme's SHA-256; `publisher` the buying authority; `extensions` those the release uses.
    static func package(uri: String, publishedDate: String, publisher: String, release: JSONValue,
                        extensions: [String]) -> JSONValue {
        .object([
            ("uri", .string(uri)),
            ("version", .string("1.1")),
            ("extensions", .array(extensions.map(JSONValue.string))),
            ("publishedDate", .string(publishedDate)),
            ("publisher", .object([("name", .string(publisher))])),
            ("releases", .array([release])),
        ])
    }

    static func value(_ money: Money) -> JSONValue {
        .object([("amount", .number(money.amount.decimalString())), ("currency", .string(money.currency))])
    }

    /// A party: its Companies House number when known (`GB-COH-SC123456`, the org-id.guide
    /// scheme), else `cbscore-name-` and 16 hex digits of the SHA-256 of its name (whitespace
    /// collapsed), so one organisation has one id in every release cbscore writes.
    struct Party: Hashable {
        var name: String
        var companyNumber: String?

        var id: String {
            if let companyNumber { return "GB-COH-\(companyNumber)" }
            return "cbscore-name-" + SHA256.hex(Array(Party.collapsed(name).utf8)).prefix(16)
        }

        var reference: JSONValue { .object([("id", .string(id)), ("name", .string(name))]) }

        func entry(roles: [String]) -> JSONValue {
            var members: [(String, JSONValue)] = [("id", .string(id)), ("name", .string(name))]
            if let companyNumber {
                members.append(("identifier", .object([("scheme", .string("GB-COH")), ("id", .string(companyNumber)),
                                                       ("legalName", .string(name))])))
            }
            members.append(("roles", .array(roles.map(JSONValue.string))))
            return .object(members)
        }

        static func collapsed(_ text: String) -> String {
            text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                .joined(separator: " ")
        }
    }

    /// `parties`: each organisation once, with every role it has, buyer first, then by id.
    static func parties(buyer: Party, others: [(Party, String)]) -> JSONValue {
        var roles: [String: [String]] = [buyer.id: ["buyer"]]
        var first: [String: Party] = [buyer.id: buyer]
        for (party, role) in others {
            if first[party.id] == nil { first[party.id] = party }
            if !(roles[party.id] ?? []).contains(role) { roles[party.id, default: []].append(role) }
        }
        let order = [buyer.id] + first.keys.filter { $0 != buyer.id }.sorted()
        return .array(order.map { first[$0]!.entry(roles: roles[$0]!) })
    }

    /// The sustainability goals a scheme serves, from what its lines award points for
    /// (sustainabilityGoal codelist, in the codelist's order); the strategy is always
    /// `awardCriteria`. docs/interchange.md gives the mapping.
    static func goals(_ subjects: ScoredSubjects) -> [String] {
        var goals = Set<String>()
        let employment: Set<String> = ["job", "apprenticeship", "placement", "training"]
        if subjects.commitmentKinds.contains(where: employment.contains) {
            goals.insert("social.disadvantagedEmploymentOpportunities")
        }
        if subjects.fairWork { goals.insert("social.laborRightsPromotion") }
        for kind in subjects.supplyChainKinds {
            switch kind {
            case "sme": goals.insert("social.smeInclusion")
            case "local": goals.insert("economic.localEconomyPromotion")
            case "supported-business": goals.insert("social.disadvantagedEmploymentOpportunities")
            default: goals.insert("social")
            }
        }
        if subjects.commitmentKinds.contains("volunteering") { goals.insert("social") }
        return goalOrder.filter(goals.contains)
    }

    /// The codes used above, in the sustainabilityGoal codelist's order.
    static let goalOrder = ["economic.localEconomyPromotion", "social", "social.disadvantagedEmploymentOpportunities",
                            "social.laborRightsPromotion", "social.smeInclusion"]

    static func sustainability(_ subjects: ScoredSubjects?) -> [(String, JSONValue)] {
        guard let subjects else { return [] }
        let goals = goals(subjects)
        guard !goals.isEmpty else { return [("hasSustainability", .bool(false))] }
        return [
            ("hasSustainability", .bool(true)),
            ("sustainability", .array(goals.map {
                .object([("goal", .string($0)), ("strategies", .array([.string("awardCriteria")]))])
            })),
        ]
    }
}

/// The OCDS renderings (docs/interchange.md): what `cbscore rank --format ocds` and
/// `cbscore contracts ocds` write, and the service serves as `format=ocds`.
public enum OCDSReport {
    /// The release package of a tender as evaluated: one `tender` release whose ocid is
    /// `ocidPrefix` (the placeholder `ocds-000000` when nil) and the tender's id. Build the
    /// ranking with `.summary` detail or more.
    public static func tenderPackage(_ ranking: Ranking, ocidPrefix: String?) -> String {
        OCDSTenderRelease.render(ranking, ocidPrefix: ocidPrefix)
    }

    /// The release package of an awarded contract: one release tagged `award` and `contract`.
    /// Throws when the contract was stored without its tender (no buyer to name).
    public static func contractPackage(_ contract: StoredContract, ocidPrefix: String?) throws(DiagnosticsError) -> String {
        try OCDSContractRelease.render(contract, ocidPrefix: ocidPrefix)
    }
}
