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
        for (path, kind) in kinds where kind == .tender {
            do {
                tenderIDs.insert(try readTender(at: path).id)
                summary.tenders += 1
            } catch {
                summary.diagnostics += error.diagnostics
            }
        }
        let hasTender = kinds.contains { $0.kind == .tender }
        // Where each (tender, bid id) was read, to refuse ids used in two files.
        var places: [BidKey: [SourceLocation]] = [:]
        for (path, kind) in kinds where kind == .bid || kind == .bids {
            do {
                try readBids(at: path, tenderIDs: hasTender ? tenderIDs : nil) { result in
                    switch result {
                    case .bid(let bid):
                        summary.bids += 1
                        places[BidKey(tender: bid.tenderID, id: bid.id), default: []].append(bid.location)
                    case .refused(_, let diagnostics):
                        summary.refusedBids += 1
                        summary.diagnostics += diagnostics
                    }
                }
            } catch let error as DiagnosticsError {
                summary.diagnostics += error.diagnostics
            } catch {
                summary.diagnostics.append(Diagnostic(
                    id: "xml.unreadable", at: SourceLocation(file: path, line: 1, column: 1),
                    message: "cannot read the file: \(error)"))
            }
        }
        for (key, locations) in places where locations.count > 1 {
            let sorted = locations.sorted()
            for later in sorted.dropFirst() {
                summary.diagnostics.append(Diagnostic(
                    id: "xml.duplicate-bid", at: later,
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
