import Diagnostics
import Foundation
import Monitoring

// MARK: Withdrawing a contract

extension EvaluationStore {
    /// Withdraws contract `id` (awarded by mistake, say), in one transaction with its audit
    /// entry: who (`by`), why (`reason`), when (the store's clock). The contract's award,
    /// commitments and returns stay as they were, and so does the withdrawal, once written.
    /// Refused, with nothing written, when the reason or the name is empty, the store holds no
    /// such contract, or it is already withdrawn.
    @discardableResult
    public func withdraw(contract id: String, reason: String, by: String) async throws -> ContractWithdrawal {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let by = by.trimmingCharacters(in: .whitespacesAndNewlines)
        let at = SourceLocation(commandLine: "contracts withdraw \(id)")
        guard !reason.isEmpty, !by.isEmpty else {
            throw DiagnosticsError([Diagnostic(
                MonitoringDiagnostic.withdrawNoReason, at: at,
                message: reason.isEmpty ? "a withdrawal needs a reason; nothing changed" : "a withdrawal needs the name of who withdraws it; nothing changed",
                hint: "e.g. --reason \"awarded to the wrong bid: B-014-06 won\" --by \"Ann Officer\"")])
        }
        let time = now()
        return try await backend.write { tx in
            try StoreCore.withdraw(contract: id, reason: reason, by: by, time: time, at: at, in: tx)
        }
    }
}

extension StoreCore {
    static func withdraw(contract id: String, reason: String, by: String, time: String, at: SourceLocation,
                         in tx: any SQLTransaction) throws -> ContractWithdrawal {
        guard try tx.row("SELECT 1 FROM contracts WHERE id = ?", [id]) != nil else {
            throw DiagnosticsError([Diagnostic(
                MonitoringDiagnostic.unknownContract, at: at, message: "no contract '\(id)' has been awarded; nothing changed",
                hint: "`cbscore contracts list` shows the contracts")])
        }
        // Two withdrawals at once: the second finds the row and is refused, never fails.
        let inserted = try tx.execute("""
            INSERT INTO contract_withdrawals (contract_id, reason, withdrawn_by, withdrawn_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (contract_id) DO NOTHING
            """, [id, reason, by, time])
        guard inserted == 1 else {
            let earlier = try withdrawal(of: id, in: tx)
            throw DiagnosticsError([Diagnostic(
                MonitoringDiagnostic.withdrawn, at: at,
                message: "contract \(id) is already \(earlier?.sentence ?? "withdrawn"); nothing changed")])
        }
        // Outcome 200, as the service records a change it made.
        try tx.execute("""
            INSERT INTO audit_log (at, user_email, action, target, outcome, sha256) VALUES (?, ?, ?, ?, ?, ?)
            """, [time, by, "contracts withdraw", id, 200, String?.none])
        return ContractWithdrawal(reason: reason, by: by, at: time)
    }

    static func withdrawal(of id: String, in tx: any SQLTransaction) throws -> ContractWithdrawal? {
        try tx.row("SELECT reason, withdrawn_by, withdrawn_at FROM contract_withdrawals WHERE contract_id = ?", [id]).map {
            ContractWithdrawal(reason: try $0.text(0), by: try $0.text(1), at: try $0.text(2))
        }
    }
}
