import Documents
/// The kinds of document cbscore reads, told apart by the root element and its namespace.
public enum DocumentKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case tender
    /// A file holding one `<Bid>`.
    case bid
    /// A portal's batch: `<Bids>` holding any number of `<Bid>`.
    case bids
    case deliveryReturn
    /// A UBL 2.2 `Tender` (a Peppol tender response) carrying one bid (docs/interchange.md).
    case envelope

    public static let tenderNamespace = "urn:cbscore:tender:1"
    public static let bidNamespace = "urn:cbscore:bid:1"
    public static let returnNamespace = "urn:cbscore:return:1"
    public static let ublTenderNamespace = "urn:oasis:names:specification:ubl:schema:xsd:Tender-2"

    public init?(rootName: String, namespace: String) {
        switch (namespace, rootName) {
        case (Self.tenderNamespace, "Tender"): self = .tender
        case (Self.bidNamespace, "Bid"): self = .bid
        case (Self.bidNamespace, "Bids"): self = .bids
        case (Self.returnNamespace, "DeliveryReturn"): self = .deliveryReturn
        case (Self.ublTenderNamespace, "Tender"): self = .envelope
        default: return nil
        }
    }

    public var namespace: String {
        switch self {
        case .tender: Self.tenderNamespace
        case .bid, .bids: Self.bidNamespace
        case .deliveryReturn: Self.returnNamespace
        case .envelope: Self.ublTenderNamespace
        }
    }

    public var rootName: String {
        switch self {
        case .tender, .envelope: "Tender"
        case .bid: "Bid"
        case .bids: "Bids"
        case .deliveryReturn: "DeliveryReturn"
        }
    }

    public var description: String {
        switch self {
        case .tender: "tender"
        case .bid: "bid"
        case .bids: "bid batch"
        case .deliveryReturn: "delivery return"
        case .envelope: "UBL tender envelope"
        }
    }
}

/// One result of streaming a bid file: a bid read in full, or a bid refused with everything
/// wrong with it (its id when it could be read). A refused bid is never scored as if it had
/// committed nothing.
public enum BidReadResult: Sendable, Hashable {
    case bid(Bid)
    case refused(bidID: String?, diagnostics: [Diagnostic])
}
