/// Contracts withdrawn after award (`cbscore contracts withdraw`): SQLite's v6 and
/// PostgreSQL's v3 hold the same. The contract's row, its commitments and its returns stay as
/// they were; a withdrawal is a row of its own, one per contract, never changed or deleted, so
/// the history shows what was awarded and who withdrew it, when and why.
extension StoreTables {
    static func withdrawalTable(id: String) -> String {
        """
        CREATE TABLE contract_withdrawals (
            contract_id \(id) PRIMARY KEY NOT NULL REFERENCES contracts(id),
            reason TEXT NOT NULL,
            withdrawn_by TEXT NOT NULL,
            withdrawn_at TEXT NOT NULL
        )
        """
    }

    static let sqliteV6 = withdrawalTable(id: "TEXT") + """
        ;
        CREATE TRIGGER contract_withdrawals_kept_update BEFORE UPDATE ON contract_withdrawals
            BEGIN SELECT RAISE(ABORT, 'a withdrawal is kept in the history'); END;
        CREATE TRIGGER contract_withdrawals_kept_delete BEFORE DELETE ON contract_withdrawals
            BEGIN SELECT RAISE(ABORT, 'a withdrawal is kept in the history'); END;

        """

    package static let postgresV3 = withdrawalTable(id: "TEXT COLLATE \"C\"") + """
        ;
        CREATE TRIGGER contract_withdrawals_kept BEFORE UPDATE OR DELETE ON contract_withdrawals
            FOR EACH ROW EXECUTE FUNCTION cbscore_refuse_change();

        """
}
