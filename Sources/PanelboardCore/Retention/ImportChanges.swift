import GRDB

/// What an import corrected, for notifying the partners who had the earlier
/// figures (Cleveland SOP 10.5.1): the ids of rows it changed, with the names of
/// the columns that changed, and of rows the export no longer has. Never a value.
///
/// "No longer has" is scoped to what the bundle covers, since a bundle is often
/// one panel's export for a period: a stored row disappeared when its file is in
/// the bundle, its panel is one the file's rows name, its date lies between the
/// earliest and latest date of that panel's rows in the file, and its key is not
/// among the keys the import saw (rejected rows included: they are in the export).
/// An attendance row's panel and date are its meeting's. Areas are reference
/// data, not exported per period, and never disappear.
public enum ImportChanges {
    /// For each table: its date column and how a stored row's key is spelt in
    /// `import_keys` (composite keys joined with U+001F, as StoreChecks does).
    private static let scopes: [(table: String, key: String, panel: String?, date: String)] = [
        ("referrals", "t.referral_id", "t.panel", "t.referral_date"),
        ("meetings", "t.meeting_id", "t.panel", "t.meeting_date"),
        ("actions", "t.action_id", "t.panel", "t.agreed_date"),
        ("cohort", "t.perpetrator_ref || char(31) || t.panel || char(31) || t.adopted_date", "t.panel", "t.adopted_date"),
        ("incidents", "t.incident_id", nil, "t.incident_date"),
    ]

    /// Notes the rows that disappeared: called inside the import's transaction,
    /// while `import_keys` still holds what it saw. `skipping`: tables that were
    /// empty as their file began (`FirstLoad`), whose keys were not all staged and
    /// none of whose rows can have disappeared.
    static func noteDisappeared(in db: Database, skipping: Set<String> = []) throws {
        for s in scopes where !skipping.contains(s.table) {
            let panel = s.panel ?? "''"
            try note(db, table: s.table, key: s.key, seen: """
                SELECT \(panel) AS panel, \(s.date) AS day
                FROM import_keys k JOIN \(s.table) t ON \(s.key) = k.key
                WHERE k.table_name = '\(s.table)'
                """, stored: "\(s.table) t", panel: panel, date: s.date)
        }
        // Attendance has no date or panel of its own: its meeting's stand in.
        if skipping.contains("attendance") { return }
        try note(db, table: "attendance", key: "t.meeting_id || char(31) || t.agency", seen: """
            SELECT m.panel AS panel, m.meeting_date AS day
            FROM import_keys k
            JOIN attendance t ON t.meeting_id = substr(k.key, 1, instr(k.key, char(31)) - 1)
                             AND t.agency = substr(k.key, instr(k.key, char(31)) + 1)
            JOIN meetings m ON m.meeting_id = t.meeting_id
            WHERE k.table_name = 'attendance'
            """, stored: "attendance t JOIN meetings m ON m.meeting_id = t.meeting_id", panel: "m.panel", date: "m.meeting_date")
    }

    /// For each panel the import saw rows of: the stored rows dated within the
    /// span of the seen rows' dates whose keys it did not see.
    private static func note(_ db: Database, table: String, key: String, seen: String, stored: String,
                             panel: String, date: String) throws {
        let spans = try Row.fetchAll(db, sql: """
            SELECT panel, min(day) AS lo, max(day) AS hi, count(day) AS seen FROM (\(seen)) GROUP BY panel
            """)
        for span in spans {
            guard let lo: String = span["lo"], let hi: String = span["hi"] else { continue }
            let seen: Int = span["seen"]
            let arguments: StatementArguments = ["panel": span["panel"] as DatabaseValue, "lo": lo, "hi": hi]
            let inSpan = "FROM \(stored) WHERE \(panel) = :panel AND \(date) BETWEEN :lo AND :hi"
            // The seen rows with a date are stored rows in the span: when there are
            // as many stored rows in it, none of them went unseen. That is the usual
            // re-export, and the count reads the span's index alone, where looking
            // each stored row up among the seen keys read every row of it
            // (Benchmarks/RESULTS.md, issue 18).
            if try Int.fetchOne(db, sql: "SELECT count(*) \(inSpan)", arguments: arguments) == seen { continue }
            try db.execute(sql: """
                INSERT INTO import_changes (import_id, table_name, key, kind, columns)
                SELECT NULL, '\(table)', \(key), 'disappeared', '' \(inSpan)
                  AND NOT EXISTS (SELECT 1 FROM import_keys k WHERE k.table_name = '\(table)' AND k.key = \(key))
                """, arguments: arguments)
        }
    }

    /// Gives the changes the triggers noted during the import its id, once its
    /// log entry is written.
    static func stamp(_ importID: Int64, in db: Database) throws {
        try db.execute(sql: "UPDATE import_changes SET import_id = ? WHERE import_id IS NULL", arguments: [importID])
    }

    /// Changes noted while no import ran (a raw import, a hand edit) belong to no
    /// import: dropped when the next import starts, so they are not credited to it.
    static func discardUnstamped(in db: Database) throws {
        try db.execute(sql: "DELETE FROM import_changes WHERE import_id IS NULL")
    }

    /// `imports --changes N`: one row per file, row and kind, with the columns changed.
    public static func list(_ store: Store, importID: Int64) throws -> ResultTable {
        try store.queue.read { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM imports WHERE import_id = ?", arguments: [importID]) != nil else {
                throw RetentionError.noSuchImport(importID)
            }
            return try ResultTable.fetch(db, sql: """
                SELECT table_name || '.csv' AS file, replace(key, char(31), ' / ') AS id, kind,
                       CASE WHEN kind = 'changed' THEN replace(columns, ' ', ', ') END AS columns_changed
                FROM import_changes WHERE import_id = ?
                ORDER BY table_name, kind, key
                """, arguments: [importID])
        }
    }
}
