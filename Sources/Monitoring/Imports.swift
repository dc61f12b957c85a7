import Areas
import Documents

/// What importing one return file did.
public enum ImportResult: String, Sendable, Hashable, Codable {
    /// A new submission for its period: the first one, or one older than the period's current
    /// return (`ImportOutcome.current` false: kept in the history, nothing else changes).
    case stored
    /// A re-submission: the earlier return for the period is kept in the history, superseded.
    case replaced
    /// The same file as a submission already stored for the period: nothing changed.
    case unchanged
    /// Invalid: nothing from the file was stored.
    case refused
}

public struct ImportOutcome: Sendable, Hashable, Codable {
    public var file: String
    public var sha256: String
    public var contractID: String?
    public var period: String?
    /// The return's `Submitted` date, when it could be read.
    public var submitted: CalendarDate?
    public var result: ImportResult
    public var returnID: Int64?
    /// The return this one superseded, when `replaced`.
    public var replacedReturnID: Int64?
    /// Whether the file's return is the one that counts for its period (monitoring.md: the
    /// latest `Submitted`, on a tie the later import). False for a refusal, and for an older
    /// submission that went into the history.
    public var current: Bool
    /// When stored as history: the current return that stays current, and its submitted date.
    public var currentReturnID: Int64?
    public var currentSubmitted: CalendarDate?
    /// Why the file was refused; empty otherwise.
    public var diagnostics: [Diagnostic]

    public init(file: String, sha256: String, contractID: String? = nil, period: String? = nil,
                result: ImportResult, returnID: Int64? = nil, replacedReturnID: Int64? = nil, current: Bool = false,
                currentReturnID: Int64? = nil, currentSubmitted: CalendarDate? = nil, diagnostics: [Diagnostic] = []) {
        self.file = file
        self.sha256 = sha256
        self.contractID = contractID
        self.period = period
        self.result = result
        self.returnID = returnID
        self.replacedReturnID = replacedReturnID
        self.current = current
        self.currentReturnID = currentReturnID
        self.currentSubmitted = currentSubmitted
        self.diagnostics = diagnostics
    }

    /// One line for the terminal and the import log.
    public var message: String {
        let subject = "\(contractID ?? "?") \(period ?? "?")"
        switch result {
        case .stored where !current:
            return "\(file): stored return \(subject) in the history only: it was submitted before the current return #"
                + "\(currentReturnID ?? 0) (submitted \(currentSubmitted?.description ?? "?")), which still counts; nothing else changed"
        case .stored: return "\(file): stored return \(subject)"
        case .replaced: return "\(file): stored return \(subject), replacing return #\(replacedReturnID ?? 0) (kept in the history)"
        case .unchanged: return "\(file): return \(subject) was already imported (same file); nothing changed"
        case .refused: return "\(file): refused (\(diagnostics.count) error\(diagnostics.count == 1 ? "" : "s")); nothing stored"
        }
    }
}

/// One submission of a return, current or superseded.
public struct StoredReturn: Sendable, Hashable, Codable {
    public var id: Int64
    public var contractID: String
    public var period: ReturnPeriod
    public var submitted: CalendarDate
    public var file: String
    public var sha256: String
    public var importedAt: String
    public var supersededBy: Int64?
    public var items: Int

    public init(id: Int64, contractID: String, period: ReturnPeriod, submitted: CalendarDate, file: String,
                sha256: String, importedAt: String, supersededBy: Int64?, items: Int) {
        self.id = id
        self.contractID = contractID
        self.period = period
        self.submitted = submitted
        self.file = file
        self.sha256 = sha256
        self.importedAt = importedAt
        self.supersededBy = supersededBy
        self.items = items
    }

    public var current: Bool { supersededBy == nil }
}

public struct ImportLogEntry: Sendable, Hashable, Codable {
    public var id: Int64
    public var at: String
    public var file: String
    public var sha256: String
    public var contractID: String?
    public var period: String?
    public var result: ImportResult
    public var returnID: Int64?
    public var message: String

    public init(id: Int64, at: String, file: String, sha256: String, contractID: String?, period: String?,
                result: ImportResult, returnID: Int64?, message: String) {
        self.id = id
        self.at = at
        self.file = file
        self.sha256 = sha256
        self.contractID = contractID
        self.period = period
        self.result = result
        self.returnID = returnID
        self.message = message
    }
}

/// Which submission of a period counts (monitoring.md): the latest `Submitted` date; on a
/// tie, the later import. `imported` orders imports (the store's return ids).
public enum CurrentSubmission {
    public static func isLater(submitted a: CalendarDate, imported ia: Int64,
                               than b: CalendarDate, imported ib: Int64) -> Bool {
        a != b ? a > b : ia > ib
    }
}

/// A return checked against its contract before anything is stored.
public enum ReturnCheck {
    /// Every reason to refuse `ret` for a contract running `start` to `end` with
    /// `commitments`, or its items with their areas resolved (and where each stood in the file).
    public static func validate(_ ret: DeliveryReturn, start: CalendarDate, end: CalendarDate,
                                commitments: [CommitmentTerms], areas: any AreaLookup)
        -> Result<[(DeliveredItem, SourceLocation)], DiagnosticsError> {
        var diagnostics: [Diagnostic] = []
        if ret.period.end < start || ret.period.start > end {
            diagnostics.append(Diagnostic(MonitoringDiagnostic.periodOutsideContract, at: ret.location,
                message: "DeliveryReturn/@period: \(ret.period) (\(ret.period.start) to \(ret.period.end)) is outside contract \(ret.contractID) (\(start) to \(end))"))
        }
        let kinds = Dictionary(commitments.map { ($0.ref, $0.kind) }, uniquingKeysWith: { a, _ in a })
        var items: [(DeliveredItem, SourceLocation)] = []
        for item in ret.items {
            var resolved: AreaInfo?
            var stored = DeliveredItem(item, period: ret.period, area: nil)
            let element = stored.kind.elementName
            if let ref = stored.ref {
                if let kind = kinds[ref] {
                    let allowed = stored.commitmentKind.map { [$0] } ?? [.job, .apprenticeship]
                    if !allowed.contains(kind) {
                        diagnostics.append(Diagnostic(MonitoringDiagnostic.wrongKind, at: item.location,
                            message: "\(element)/@ref: '\(ref)' is a \(kind.rawValue) commitment; expected "
                                + allowed.map(\.rawValue).joined(separator: " or ")))
                    }
                } else {
                    diagnostics.append(Diagnostic(MonitoringDiagnostic.unknownRef, at: item.location,
                        message: "\(element)/@ref: contract \(ret.contractID) has no commitment '\(ref)'",
                        hint: "its commitments are " + kinds.keys.sorted().joined(separator: ", ")))
                }
            }
            if let area = item.area {
                do {
                    resolved = try areas.lookup(area.text)
                } catch {
                    diagnostics.append(Diagnostic(MonitoringDiagnostic.unknownArea, at: area.location,
                                                  message: "\(element)/@area: \(error.message)"))
                }
            }
            if let resolved { stored = DeliveredItem(item, period: ret.period, area: resolved) }
            items.append((stored, item.location))
        }
        return diagnostics.isEmpty ? .success(items) : .failure(DiagnosticsError(diagnostics))
    }

    /// The refusal for a return naming a contract nobody awarded.
    public static func unknownContract(_ ret: DeliveryReturn) -> DiagnosticsError {
        DiagnosticsError([Diagnostic(MonitoringDiagnostic.unknownContract, at: ret.location,
            message: "DeliveryReturn/@contract: no contract '\(ret.contractID)' has been awarded",
            hint: "award it first with `cbscore contracts award`")])
    }
}

extension DeliveredItem.Kind {
    /// The element name in the return schema.
    var elementName: String {
        switch self {
        case .hire: "Hire"
        case .leaver: "Leaver"
        case .apprenticeshipStart: "ApprenticeshipStart"
        case .placementCompleted: "PlacementCompleted"
        case .trainingCompleted: "TrainingCompleted"
        case .supplyChainSpend: "SupplyChainSpend"
        case .volunteeringHours: "VolunteeringHours"
        }
    }
}

extension ReturnItem {
    /// The area of a hire or apprenticeship start.
    fileprivate var area: AreaReference? {
        switch self {
        case .hire(let h): h.area
        case .apprenticeshipStart(let a): a.area
        default: nil
        }
    }
}
