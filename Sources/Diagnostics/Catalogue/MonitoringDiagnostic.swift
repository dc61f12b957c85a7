/// Faults of contracts and delivery returns as monitoring sees them.
public enum MonitoringDiagnostic: String, DiagnosticCode {
    public static let domain = "monitoring"

    case contractExists = "contract-exists"
    case emptyTerm = "empty-term"
    case whichBid = "which-bid"
    case unknownContract = "unknown-contract"
    case otherContract = "other-contract"
    case unknownRef = "unknown-ref"
    case wrongKind = "wrong-kind"
    case unknownArea = "unknown-area"
    case periodOutsideContract = "period-outside-contract"
    case store
    case awardOtherTender = "award.other-tender"
    case awardExcluded = "award.excluded"
    case noTender = "no-tender"
    case withdrawn
    case withdrawNoReason = "withdraw.no-reason"

    public var summary: String {
        switch self {
        case .contractExists: "a contract id already in the store"
        case .emptyTerm: "a contract whose end is not after its start"
        case .whichBid: "a batch given to award without saying which bid"
        case .unknownContract: "a return or a withdrawal for a contract the store does not hold"
        case .otherContract: "a return sent for one contract that names another"
        case .unknownRef: "a return item pointing at no commitment of the contract"
        case .wrongKind: "a return item of another kind than the commitment it points at"
        case .unknownArea: "an area in a return or awarded bid that no loaded table knows"
        case .periodOutsideContract: "a return for a period outside the contract's term"
        case .store: "the store cannot be opened, read or written"
        case .awardOtherTender: "a bid awarded under a tender it did not answer"
        case .awardExcluded: "a bid that fails a gate of the scheme awarded without --override REASON"
        case .noTender: "a contract stored without its tender cannot be published (OCDS names the buyer and tender)"
        case .withdrawn: "a return for, or a second withdrawal of, a contract already withdrawn"
        case .withdrawNoReason: "a contract withdrawn without a reason or without saying who withdrew it"
        }
    }
}
