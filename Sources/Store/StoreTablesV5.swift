/// What the annual report needs (annual-report.md): the award's facts on each contract, the
/// qualification of a training completion, and the background answers of hires and
/// apprenticeship starts. SQLite's v5 and PostgreSQL's v2 hold the same; a shipped migration
/// is never edited.
extension StoreTables {
    /// The columns and table both backends add. Background answers sit in a table of their
    /// own, read only by the code that counts them (never per person in any answer).
    static func annualReportAdditions(returnID: String) -> String {
        """
        -- Value (the awarded bid's Price, exact text, and its currency), supplier (company
        -- number, else name), SME and third-sector flags, and the scheme's priority groups:
        -- fixed at award; stores from earlier versions take them from the stored bid.
        ALTER TABLE contracts ADD COLUMN value TEXT;
        ALTER TABLE contracts ADD COLUMN value_currency TEXT;
        ALTER TABLE contracts ADD COLUMN supplier_id TEXT;
        ALTER TABLE contracts ADD COLUMN sme INTEGER;
        ALTER TABLE contracts ADD COLUMN third_sector INTEGER;
        ALTER TABLE contracts ADD COLUMN priority_groups TEXT;
        -- The award date: the start date for contracts awarded before it was asked for.
        UPDATE contracts SET awarded = start WHERE awarded IS NULL;
        ALTER TABLE return_items ADD COLUMN qualification TEXT;
        -- The Social Mobility Commission's four answers of one Hire or ApprenticeshipStart.
        CREATE TABLE backgrounds (
            return_id \(returnID) NOT NULL,
            seq INTEGER NOT NULL,
            parental_occupation TEXT,
            school TEXT,
            free_school_meals TEXT,
            parental_qualification TEXT,
            PRIMARY KEY (return_id, seq),
            FOREIGN KEY (return_id, seq) REFERENCES return_items(return_id, seq)
        )
        """
    }

    static let sqliteV5 = annualReportAdditions(returnID: "INTEGER") + " WITHOUT ROWID;\n"
    package static let postgresV2 = annualReportAdditions(returnID: "BIGINT") + ";\n"
}
