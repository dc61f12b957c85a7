import Documents
import Foundation
import Monitoring
import Scoring

/// Fills the award's facts (value, supplier, SME, third sector, priority groups) of contracts
/// stored before they were kept (SQLite v5, PostgreSQL v2), from the bid stored with each.
/// The priority groups come from the scheme's text when the store holds it (the service keeps
/// schemes); otherwise the default, every group except `school-pupil`, which is what the
/// bundled reference scheme declares. Written once for both backends.
package enum AwardFactsMigration {
    package static func fill(in tx: any SQLTransaction) throws {
        let rows = try tx.rows("SELECT id, bid_json, scheme_sha256 FROM contracts WHERE value IS NULL ORDER BY id", [])
        for row in rows {
            let bid = try JSONDecoder().decode(Bid.self, from: Data(try row.text(1).utf8))
            let facts = AwardFacts(bid: bid, priorityGroups: try storedSchemePriorityGroups(sha256: try row.text(2), in: tx))
            try StoreCore.writeFacts(facts, contract: try row.text(0), in: tx)
        }
    }

    /// The `priority_groups` a stored scheme declares; nil when the store does not hold the
    /// scheme's text, or it declares none, or it no longer reads.
    static func storedSchemePriorityGroups(sha256: String, in tx: any SQLTransaction) throws -> [TargetGroup]? {
        guard try tx.row("SELECT count(*) FROM schemes", [])?.int(0) ?? 0 > 0,
              let scheme = try tx.row("SELECT text, file FROM schemes WHERE sha256 = ?", [sha256]) else { return nil }
        return (try? Scheme.parse(source: try scheme.text(0), file: try scheme.text(1)))?.priorityGroups
    }
}

extension StoreCore {
    static func writeFacts(_ facts: AwardFacts, contract id: String, in tx: any SQLTransaction) throws {
        try tx.execute("""
            UPDATE contracts SET value = ?, value_currency = ?, supplier_id = ?, sme = ?, third_sector = ?,
                priority_groups = ? WHERE id = ?
            """, [facts.value.amount.exactText, facts.value.currency, facts.supplierID, facts.sme, facts.thirdSector,
                  facts.priorityGroups.stored, id])
    }
}
