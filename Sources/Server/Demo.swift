import Credentials
import Documents
import Foundation
import Store

/// `cbscore-server demo`: a newcomer's first look. A scratch store is loaded with the fixtures
/// through the same calls the API makes (upload, rank, award, returns), and one user per role.
public struct DemoLogin: Sendable {
    public var email: String
    public var role: Role
    public var password: String
    public var supplier: String?
}

extension Service {
    /// Loads the fixtures under `fixtures` (the repository's `fixtures/` folder): tender
    /// GCR-2026-014 and its eight bids ranked with the reference scheme and its best bid
    /// awarded (no returns yet, so some are overdue); tender GCR-2026-031, its winning bid
    /// ranked and awarded as C-2026-0311, and that contract's returns. Then one user per role.
    public func loadDemo(fixtures: String) async throws -> [DemoLogin] {
        let supplier = try await loadDemoDocuments(fixtures: fixtures, audited: true)
        let logins = Self.demoLogins(supplier: supplier)
        for login in logins {
            let hash = await offload { Passwords.hash(login.password) }
            try await store.addUser(User(email: login.email, role: login.role, supplier: login.supplier), passwordHash: hash)
        }
        return logins
    }

    static func demoLogins(supplier: String) -> [DemoLogin] {
        [
            DemoLogin(email: "admin@demo.cbscore.test", role: .admin, password: "demo-admin-2026"),
            DemoLogin(email: "officer@demo.cbscore.test", role: .officer, password: "demo-officer-2026"),
            DemoLogin(email: "manager@demo.cbscore.test", role: .contractManager, password: "demo-manager-2026"),
            DemoLogin(email: "supplier@demo.cbscore.test", role: .supplier, password: "demo-supplier-2026", supplier: supplier),
            DemoLogin(email: "auditor@demo.cbscore.test", role: .auditor, password: "demo-auditor-2026"),
        ]
    }

    /// The documents, rankings, contracts and returns of the demo; the supplier of C-2026-0311.
    /// When `audited`, each step is written to the audit log as the request that would have
    /// made it (the officer's uploads, ranking and awards, the supplier's returns), so an
    /// auditor trying the demo finds how its ranking and contracts came about.
    func loadDemoDocuments(fixtures: String, audited: Bool = false) async throws -> String {
        let officer = Caller(user: User(email: "officer@demo.cbscore.test", role: .officer), session: nil)
        var note = AuditNote()
        func done(_ action: String, by user: String = officer.user.email, _ status: Int = 201) async throws {
            if audited {
                try await store.appendAudit(AuditEntry(at: instant(), user: user, action: action, target: note.target,
                                                       outcome: status, sha256: note.sha256))
            }
            note = AuditNote()
        }
        func bytes(_ path: String) throws -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: fixtures + "/" + path) else {
                throw ServiceError.notFound("fixture \(fixtures)/\(path): run the demo from the repository's folder, or name it with --fixtures")
            }
            return [UInt8](data)
        }
        // Tender 014: eight bids, ranked, the best awarded.
        let t014 = try await addTender(try bytes("gcr-2026-014/tender.xml"), name: "tender.xml", by: officer, note: note)
        try await done("POST /api/v1/tenders")
        let bidFiles = try FileManager.default.contentsOfDirectory(atPath: fixtures + "/gcr-2026-014/bids").filter { $0.hasSuffix(".xml") }.sorted()
        for file in bidFiles {
            _ = try await addBids(try bytes("gcr-2026-014/bids/" + file), name: file, tender: t014, by: officer, note: note)
            try await done("POST /api/v1/tenders/{id}/bids")
        }
        let r014 = try await rank(tender: t014, schemeID: nil, inputs: [:], excludeInvalid: false, by: officer, note: note)
        try await done("POST /api/v1/tenders/{id}/rankings")
        _ = try await award(AwardBody(ranking: r014.id, bid: "B-014-01", contract: "C-2026-0141", start: "2026-04-01",
                                      end: "2028-03-31", awarded: "2026-03-31", reporting: "quarterly"),
                            tender: t014, by: officer, note: note)
        try await done("POST /api/v1/tenders/{id}/award")
        // Tender 031: the contract whose returns are in fixtures/monitoring.
        let t031 = try await addTender(try bytes("monitoring/tender-GCR-2026-031.xml"), name: "tender-GCR-2026-031.xml",
                                       by: officer, note: note)
        try await done("POST /api/v1/tenders")
        _ = try await addBids(try bytes("monitoring/bid-B-031-02-awarded.xml"), name: "bid-B-031-02.xml", tender: t031,
                              by: officer, note: note)
        try await done("POST /api/v1/tenders/{id}/bids")
        let r031 = try await rank(tender: t031, schemeID: nil, inputs: [:], excludeInvalid: false, by: officer, note: note)
        try await done("POST /api/v1/tenders/{id}/rankings")
        let contract = try await award(AwardBody(ranking: r031.id, bid: "B-031-02", contract: "C-2026-0311", start: "2026-07-01",
                                                 end: "2027-06-30"), tender: t031, by: officer, note: note)
        try await done("POST /api/v1/tenders/{id}/award")
        for file in ["return-2026-Q3.xml", "return-2026-Q4.xml", "return-2026-Q4-resubmitted.xml", "return-2027-Q1.xml"] {
            _ = try await submitReturn(try bytes("monitoring/" + file), name: file, contract: contract, note: note)
            try await done("POST /api/v1/contracts/{id}/returns", by: "supplier@demo.cbscore.test")
        }
        return contract.summary.supplier
    }
}
