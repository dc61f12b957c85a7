import Documents
import Foundation
import XMLReading

/// The three XSDs, compiled once and shared by every reader, and the UBL 2.2 `Tender` XSD
/// for envelopes, compiled the first time an envelope is read.
struct DocumentSchemas: Sendable {
    let tender: XMLSchema
    let bid: XMLSchema
    let deliveryReturn: XMLSchema
    let envelope: LazySchema

    /// The folder bundled with the Documents module (`schemas/` at the repository root).
    static var bundledDirectory: String? {
        Bundle.module.url(forResource: "Schemas", withExtension: nil)?.path
    }

    init(directory: String) throws(DiagnosticsError) {
        tender = try XMLSchema(contentsOf: directory + "/tender.xsd")
        bid = try XMLSchema(contentsOf: directory + "/bid.xsd")
        deliveryReturn = try XMLSchema(contentsOf: directory + "/return.xsd")
        envelope = LazySchema(path: directory + "/ubl-2.2/maindoc/UBL-Tender-2.2.xsd")
    }

    func schema(for kind: DocumentKind) throws(DiagnosticsError) -> XMLSchema {
        switch kind {
        case .tender: tender
        case .bid, .bids: bid
        case .deliveryReturn: deliveryReturn
        case .envelope: try envelope.schema()
        }
    }

    /// How the schemas' named simple types are said in messages.
    static let rewriter = XMLMessageRewriter(typeDescriptions: [
        "money": "an amount of money (at least 0, at most 2 decimal places)",
        "currencyCode": "an ISO 4217 currency code such as GBP",
        "count": "a whole number from 1 to 100000",
        "weeks": "a whole number of weeks from 1 to 1560",
        "hours": "a whole number of hours of 1 or more",
        "fte": "a full-time equivalent above 0 and at most 1",
        "percent": "a percentage from -100 to 100",
        "instant": "a date and time (YYYY-MM-DDThh:mm:ss, optionally with Z or ±hh:mm)",
        "date": "a date (YYYY-MM-DD)",
        "identifier": "an identifier (letters, digits and . _ : / -, at most 64)",
        "text": "text of 1 to 500 characters",
        "area": "an area: a data zone (S01 and 6 digits), an LSOA (E01/W01 and 6 digits) or a UK postcode",
        "targetGroup": "a target group (young-person, primary-carer, disabled, ethnic-minority, "
            + "low-income, care-experienced, long-term-unemployed, veteran, justice-involved, school-pupil)",
        "bidderSize": "micro, small, medium or large",
        "apprenticeshipLevel": "foundation, modern or graduate",
        "supplyChainKind": "sme, social-enterprise, supported-business or local",
        "companyNumber": "a Companies House number (8 characters, e.g. SC123456)",
        "councilArea": "a council area code (e.g. S12000049)",
        "councilAreas": "council area codes separated by spaces (e.g. S12000049 S12000045)",
        "period": "a period (YYYY-Qn or YYYY-MM)",
        "parentalOccupation": "an occupation group (professional, manager, clerical, small-business, technical, "
            + "routine, long-term-unemployed, other, unknown, prefer-not-to-say)",
        "schoolType": "a school type (state, independent, outside-uk, unknown, prefer-not-to-say)",
        "freeSchoolMeals": "yes, no, not-applicable, unknown or prefer-not-to-say",
        "parentalQualification": "a qualification level (degree, below-degree, none, unknown, prefer-not-to-say)",
        "qualification": "text of 1 to 200 characters",
    ], valueDescriptions: [
        "id": "an identifier (letters, digits and . _ : / -, at most 64)",
        "tender": "an identifier (letters, digits and . _ : / -, at most 64)",
        "ref": "a reference (letters, digits and . _ : / -, at most 64)",
        "person": "a pseudonymous person id (letters, digits and . _ : / -, at most 64)",
        "contract": "a contract identifier (letters, digits and . _ : / -, at most 64)",
        "area": "an area: a data zone (S01 and 6 digits), an LSOA (E01/W01 and 6 digits) or a UK postcode",
        "period": "a period (YYYY-Qn or YYYY-MM)",
        "currency": "an ISO 4217 currency code such as GBP",
        "start": "a date (YYYY-MM-DD)",
        "date": "a date (YYYY-MM-DD)",
        "Submitted": "a date or date and time as the schema says",
        "ClosingDate": "a date (YYYY-MM-DD)",
        "CompanyNumber": "a Companies House number (8 characters, e.g. SC123456)",
        "Region": "council area codes separated by spaces (e.g. S12000049 S12000045)",
    ], allowedChildren: [
        "Tender": ["Title", "Authority", "EstimatedValue", "DurationWeeks", "ClosingDate", "Region"],
        "Bids": ["Bid"],
        "Bid": ["Submitted", "Bidder", "Price", "FairWork", "Commitments"],
        "Bidder": ["Name", "CompanyNumber", "Size", "SocialEnterprise", "SupportedBusiness",
                   "LivingWageAccredited"],
        "FairWork": ["LowestHourlyRate", "ZeroHoursContracts", "WorkforceVoice", "FlexibleWorking",
                     "GenderPayGapPercent"],
        "Commitments": ["Job", "Apprenticeship", "WorkPlacement", "Training", "SupplyChain", "Volunteering"],
        "Job": ["Role", "TargetGroup"],
        "Apprenticeship": ["TargetGroup"],
        "WorkPlacement": ["TargetGroup"],
        "Training": [], "SupplyChain": [], "Volunteering": [],
        "DeliveryReturn": ["Submitted", "Hire", "Leaver", "ApprenticeshipStart", "PlacementCompleted",
                           "TrainingCompleted", "SupplyChainSpend", "VolunteeringHours"],
        "Hire": ["TargetGroup", "Background"], "ApprenticeshipStart": ["TargetGroup", "Background"],
        "Leaver": [], "PlacementCompleted": ["TargetGroup"], "TrainingCompleted": ["TargetGroup"], "SupplyChainSpend": [],
        "VolunteeringHours": [], "Background": [],
    ], allowedAttributes: [
        // Elements that hold a value or only elements take no unqualified attributes.
        "Title": [], "Authority": [], "DurationWeeks": [], "ClosingDate": [], "Region": [],
        "Submitted": [], "Bidder": [], "Name": [], "CompanyNumber": [], "Size": [], "SocialEnterprise": [],
        "SupportedBusiness": [], "LivingWageAccredited": [], "FairWork": [], "ZeroHoursContracts": [],
        "WorkforceVoice": [], "FlexibleWorking": [], "GenderPayGapPercent": [], "Commitments": [],
        "Role": [], "TargetGroup": [],
        "Tender": ["id"], "EstimatedValue": ["currency"], "Price": ["currency"],
        "LowestHourlyRate": ["currency"], "Bid": ["id", "tender"], "Bids": [],
        "Job": ["ref", "count", "fte", "weeks", "hourlyRate", "area"],
        "Apprenticeship": ["ref", "count", "weeks", "level", "area"],
        "WorkPlacement": ["ref", "count", "weeks"],
        "Training": ["ref", "count", "hours", "qualification"],
        "SupplyChain": ["ref", "kind", "amount"],
        "Volunteering": ["ref", "hours"],
        "DeliveryReturn": ["contract", "period"],
        "Hire": ["ref", "person", "start", "fte", "hourlyRate", "area"],
        "Leaver": ["ref", "person", "date"],
        "ApprenticeshipStart": ["ref", "person", "start", "area"],
        "PlacementCompleted": ["ref", "count", "weeks"],
        "TrainingCompleted": ["ref", "count", "hours", "qualification"],
        "Background": ["parentalOccupation", "school", "freeSchoolMeals", "parentalQualification"],
        "SupplyChainSpend": ["ref", "kind", "amount"],
        "VolunteeringHours": ["ref", "hours"],
    ])
}

/// A schema compiled on first use, once, whichever thread asks first. The UBL `Tender` XSD
/// and the sixteen modules it imports take far longer to compile than cbscore's own three
/// (docs/interchange.md), and most runs read no envelope.
final class LazySchema: @unchecked Sendable {
    let path: String
    private let lock = NSLock()
    private var compiled: Result<XMLSchema, DiagnosticsError>?

    init(path: String) {
        self.path = path
    }

    func schema() throws(DiagnosticsError) -> XMLSchema {
        lock.lock()
        defer { lock.unlock() }
        if compiled == nil {
            do {
                compiled = .success(try XMLSchema(contentsOf: path))
            } catch {
                compiled = .failure(error)
            }
        }
        return try compiled!.get()
    }
}
