import Areas
import Diagnostics
import DocumentReading
import Documents
import Monitoring
import Store

extension EvaluationStore {
    /// Reads and imports returns, one transaction each, in order of their `Submitted` date then
    /// name, so that what one call stores does not depend on the order the documents came in. A
    /// document that cannot be read is logged as refused and stores nothing. Calls `report` with
    /// each outcome as it lands (the CLIs print it).
    @discardableResult
    public func importReturns(_ documents: [DocumentInput], areas: any AreaLookup, reader: DocumentReader,
                              report: (ImportOutcome) -> Void = { _ in }) async throws -> [ImportOutcome] {
        var outcomes: [ImportOutcome] = []
        var read: [ReadReturn] = []
        for document in documents.sorted(by: { $0.name < $1.name }) {
            switch try await readReturn(document, for: nil, reader: reader) {
            case .read(let ret): read.append(ret)
            case .refused(let outcome):
                report(outcome)
                outcomes.append(outcome)
            }
        }
        read.sort { ($0.ret.submitted, $0.name) < ($1.ret.submitted, $1.name) }
        for file in read {
            let outcome = try await importReturn(file.ret, file: file.name, sha256: file.sha256, areas: areas)
            report(outcome)
            outcomes.append(outcome)
        }
        return outcomes
    }

    /// Return files named on a command line.
    @discardableResult
    public func importReturnFiles(_ paths: [String], areas: any AreaLookup,
                                  report: (ImportOutcome) -> Void = { _ in }) async throws -> [ImportOutcome] {
        try await importReturns(paths.map(DocumentInput.file), areas: areas, reader: try DocumentReader(), report: report)
    }

    /// Reads and imports one return sent for contract `contractID` (an upload to that
    /// contract): refused, and logged, when it cannot be read or names another contract.
    public func importReturn(_ document: DocumentInput, for contractID: String, areas: any AreaLookup,
                             reader: DocumentReader) async throws -> ImportOutcome {
        switch try await readReturn(document, for: contractID, reader: reader) {
        case .refused(let outcome): return outcome
        case .read(let file): return try await importReturn(file.ret, file: file.name, sha256: file.sha256, areas: areas)
        }
    }

    struct ReadReturn {
        var name: String
        var sha256: String
        var ret: DeliveryReturn
    }

    enum ReturnReading {
        case read(ReadReturn)
        case refused(ImportOutcome)
    }

    /// The return in a document, or its refusal logged.
    private func readReturn(_ document: DocumentInput, for contractID: String?,
                            reader: DocumentReader) async throws -> ReturnReading {
        let hash = document.sha256
        // Read apart from the await below: a typed catch beside an await crashes Swift 6.3's SILGen.
        switch Result(catching: { () throws(DiagnosticsError) -> DeliveryReturn in try reader.readReturn(document) }) {
        case .success(let ret):
            if let contractID, ret.contractID != contractID {
                return .refused(try await logRefusal(file: document.name, sha256: hash, diagnostics: [Diagnostic(
                    MonitoringDiagnostic.otherContract, at: ret.location,
                    message: "DeliveryReturn/@contract: the return is for contract '\(ret.contractID)', but it was sent to contract '\(contractID)'",
                    hint: "send each return to the contract it names")]))
            }
            return .read(ReadReturn(name: document.name, sha256: hash, ret: ret))
        case .failure(let error):
            return .refused(try await logRefusal(file: document.name, sha256: hash, diagnostics: error.diagnostics))
        }
    }
}
