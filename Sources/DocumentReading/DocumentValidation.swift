import Documents
/// What `cbscore validate` found in a set of files.
public struct ValidationSummary: Sendable {
    public var files = 0
    public var tenders = 0
    public var bids = 0
    public var refusedBids = 0
    public var returns = 0
    /// Every problem, in report order (file, line, column): the same whatever the order of
    /// the files given.
    public var diagnostics: [Diagnostic] = []

    public var isValid: Bool { !diagnostics.hasErrors }
}

extension DocumentReader {
    /// Reads every file fully, telling kinds apart by the root element. When tenders are
    /// among the files, every bid must name one of them; bid ids must be unique across all
    /// the files (per tender).
    public func validate(paths: [String]) -> ValidationSummary {
        var summary = ValidationSummary()
        var kinds: [(path: String, kind: DocumentKind)] = []
        for path in paths {
            summary.files += 1
            switch classify(path) {
            case .success(let kind): kinds.append((path, kind))
            case .failure(let error): summary.diagnostics += error.diagnostics
            }
        }
        var tenderIDs = Set<String>()
        var brokenTender = false
        for (path, kind) in kinds where kind == .tender {
            do {
                tenderIDs.insert(try readTender(at: path).id)
                summary.tenders += 1
            } catch {
                summary.diagnostics += error.diagnostics
                brokenTender = true
            }
        }
        // Bids are checked against the tenders only when every tender could be read: a bid
        // naming a broken tender is not at fault, and its error would repeat the tender's
        // once per bid.
        let hasTender = kinds.contains { $0.kind == .tender } && !brokenTender
        // Where each (tender, bid id) was read, to refuse ids used in two files.
        // The first place of every bid id, and the later places of the few that repeat: one
        // array per bid would cost more memory than reading the batch does.
        // Keyed by tender, then id, with a 12-byte place: the index holds every bid of a
        // batch of 100,000, so its size is most of `validate`'s memory.
        var firstPlace: [String: [String: BidPlace]] = [:]
        var laterPlaces: [BidKey: [SourceLocation]] = [:]
        let bidFiles = kinds.filter { $0.kind == .bid || $0.kind == .bids || $0.kind == .envelope }.map(\.path)
        // The files bids were placed in, as their positions name them: the path, or for an
        // envelope the place of the bid inside it (`env.xml:19:7: embedded B.xml`).
        var placeFiles: [String] = []
        for path in bidFiles {
            do {
                try readBids(at: path, tenderIDs: hasTender ? tenderIDs : nil) { result in
                    switch result {
                    case .bid(let bid):
                        summary.bids += 1
                        if firstPlace[bid.tenderID]?[bid.id] == nil {
                            if placeFiles.last != bid.location.file { placeFiles.append(bid.location.file) }
                            firstPlace[bid.tenderID, default: [:]][bid.id] = BidPlace(file: placeFiles.count - 1, bid.location)
                        } else {
                            laterPlaces[BidKey(tender: bid.tenderID, id: bid.id), default: []].append(bid.location)
                        }
                    case .refused(_, let diagnostics):
                        summary.refusedBids += 1
                        summary.diagnostics += diagnostics
                    }
                }
            } catch let error as DiagnosticsError {
                summary.diagnostics += error.diagnostics
            } catch {
                summary.diagnostics.append(Diagnostic(
                    XMLDiagnostic.unreadable, at: SourceLocation(file: path, line: 1, column: 1),
                    message: "cannot read the file: \(error)"))
            }
        }
        for (key, later) in laterPlaces {
            guard let place = firstPlace[key.tender]?[key.id] else { continue }
            let first = SourceLocation(file: placeFiles[Int(place.file)], line: Int(place.line), column: Int(place.column))
            let sorted = ([first] + later).sorted()
            for later in sorted.dropFirst() {
                summary.diagnostics.append(Diagnostic(
                    XMLDiagnostic.duplicateBid, at: later,
                    message: "Bid/@id: '\(key.id)' is already used by the bid at \(sorted[0]); "
                        + "bid ids must be unique within a tender", subject: key.id))
            }
        }
        for (path, kind) in kinds where kind == .deliveryReturn {
            do {
                _ = try readReturn(at: path)
                summary.returns += 1
            } catch {
                summary.diagnostics += error.diagnostics
            }
        }
        summary.diagnostics = summary.diagnostics.sortedForReport()
        return summary
    }
}

private struct BidKey: Hashable {
    var tender: String
    var id: String
}

/// Where a bid was read: the file by its position in the list, line and column.
private struct BidPlace {
    var file: Int32
    var line: Int32
    var column: Int32

    init(file: Int, _ location: SourceLocation) {
        self.file = Int32(clamping: file)
        line = Int32(clamping: location.line)
        column = Int32(clamping: location.column)
    }
}
