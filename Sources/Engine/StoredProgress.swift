import Areas
import Documents
import Monitoring
import Scoring
import Store

extension EvaluationStore {
    /// One contract's progress as `cbscore monitor ID --as-of DATE` gives it with the scheme the
    /// bid was scored with: that scheme's status thresholds, and delivered points beside
    /// committed ones. The scheme is the one stored under the contract's scheme SHA-256 (or a
    /// bundled one with that hash); without it, or without the tender, no points are shown.
    public func progressWithStoredScheme(contract id: String, asOf: CalendarDate,
                                         areas: any AreaLookup) async throws -> ContractProgress? {
        guard let contract = try await contract(id) else { return nil }
        let sha256 = contract.summary.scheme.sha256
        var scheme: Scheme?
        if let stored = try await self.scheme(sha256: sha256) {
            scheme = try? Scheme.parse(source: stored.text, file: stored.file)
        } else {
            scheme = try? Scheme.bundled().first { $0.reference.sha256 == sha256 }
        }
        let scorer = scheme.flatMap { scheme in
            contract.tender.map { SchemePoints(scorer: Scorer(scheme: scheme, areas: areas), tender: $0) }
        }
        return try await progress(contract: id, asOf: asOf, thresholds: scheme?.deliveryThresholds ?? .schemeDefaults,
                                  scorer: scorer)
    }
}
