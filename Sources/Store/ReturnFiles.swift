import Areas
import DocumentReading
import Documents
import Hashing
import Monitoring

extension EvaluationStore {
    /// Reads and imports return files, one transaction each, in order of their `Submitted`
    /// date then path, so that what one command stores does not depend on the order the files
    /// were named in. A file that cannot be read is logged as refused. Calls `report` with each
    /// outcome as it lands (the CLIs print it).
    @discardableResult
    public func importReturnFiles(_ paths: [String], areas: any AreaLookup,
                                  report: (ImportOutcome) -> Void = { _ in }) async throws -> [ImportOutcome] {
        let reader = try DocumentReader()
        var outcomes: [ImportOutcome] = []
        var read: [(path: String, hash: String, ret: DeliveryReturn)] = []
        for path in paths.sorted() {
            let hash = (try? SHA256.hexOfFile(atPath: path)) ?? ""
            // Read apart from the await below: a typed catch beside an await crashes Swift 6.3's SILGen.
            switch Result(catching: { () throws(DiagnosticsError) -> DeliveryReturn in try reader.readReturn(at: path) }) {
            case .success(let ret):
                read.append((path, hash, ret))
            case .failure(let error):
                let outcome = try await logRefusal(file: path, sha256: hash, diagnostics: error.diagnostics)
                report(outcome)
                outcomes.append(outcome)
            }
        }
        read.sort { ($0.ret.submitted, $0.path) < ($1.ret.submitted, $1.path) }
        for file in read {
            let outcome = try await importReturn(file.ret, file: file.path, sha256: file.hash, areas: areas)
            report(outcome)
            outcomes.append(outcome)
        }
        return outcomes
    }
}
