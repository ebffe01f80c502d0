import GRDB

/// The record of every purge: when, who, which panel, the cut-off and how many
/// rows of each table went. Never an id.
public enum PurgeLog {
    static func begin(panel: String, cutOff: Day, in db: Database) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO purges (purged_at, os_user, tool_version, panel, cut_off, cases, referrals, actions,
                meetings, attendance, cohort, incidents, import_changes, periods_archived)
            VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            """, arguments: [Timestamp.now(), OSUser.name, PanelboardVersion.current, panel, cutOff.iso])
        return db.lastInsertedRowID
    }

    static func finish(_ id: Int64, counts c: Purge.Counts, in db: Database) throws {
        try db.execute(sql: """
            UPDATE purges SET cases = ?, referrals = ?, actions = ?, meetings = ?, attendance = ?, cohort = ?,
                incidents = ?, import_changes = ?, periods_archived = ?
            WHERE purge_id = ?
            """, arguments: [c.cases, c.referrals, c.actions, c.meetings, c.attendance, c.cohort,
                             c.incidents, c.importChanges, c.periodsArchived, id])
    }

    /// `panelboard imports` shows purges after the imports, newest first.
    public static func fetch(_ store: Store) throws -> ResultTable {
        try store.queue.read { db in
            try ResultTable.fetch(db, sql: """
                SELECT purge_id, purged_at, os_user, tool_version, panel, cut_off, cases, referrals, actions,
                       meetings, attendance, cohort, incidents, import_changes, periods_archived
                FROM purges ORDER BY purge_id DESC
                """)
        }
    }
}
