/// Faults of a UBL 2.2 `Tender` envelope carrying a cbscore bid (interchange.md, "In"): what
/// it embeds and whether it agrees with the bid. The envelope's own XSD findings are `xml.*`,
/// and so are the embedded bid's, placed within the decoded bid.
public enum EnvelopeDiagnostic: String, DiagnosticCode {
    public static let domain = "envelope"

    case noBid = "no-bid"
    case externalBid = "external-bid"
    case severalBids = "several-bids"
    case batch
    case base64
    case contractFolder = "contract-folder"
    case tenderer
    case hash
    case hashAlgorithm = "hash-algorithm"
    case notOneBid = "not-one-bid"

    public var summary: String {
        switch self {
        case .noBid: "the envelope embeds no cbscore bid"
        case .externalBid: "the bid is only referred to (cac:ExternalReference), not embedded: nothing is fetched"
        case .severalBids: "the envelope embeds more than one cbscore bid"
        case .batch: "the envelope embeds a <Bids> batch instead of one bid"
        case .base64: "an embedded document that is not strict base64 (RFC 4648 alphabet and padding)"
        case .contractFolder: "cbc:ContractFolderID is not the tender the bid names"
        case .tenderer: "no cac:TendererParty has the bid's bidder name"
        case .hash: "cbc:DocumentHash is not the SHA-256 of the embedded bid"
        case .hashAlgorithm: "cbc:HashAlgorithmMethod names a hash other than SHA-256"
        case .notOneBid: "`cbscore envelope` was given a batch, an envelope or another document instead of one bid"
        }
    }
}
