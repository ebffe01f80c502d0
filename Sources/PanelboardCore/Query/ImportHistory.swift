import GRDB

/// The import log as a list, newest first: one row per import with its files.
public enum ImportHistory {
    public static let sql = """
        SELECT i.import_id, i.started_at, i.status, i.mode, i.as_of, i.os_user, i.tool_version,
               (SELECT group_concat(f.file || ' ' || substr(f.sha256, 1, 12), ', ')
                  FROM import_files f WHERE f.import_id = i.import_id) AS files,
               i.rows_read, i.rows_new, i.rows_changed, i.rows_unchanged, i.rows_rejected
        FROM imports i
        ORDER BY i.import_id DESC
        """

    public static func fetch(_ store: Store) throws -> ResultTable {
        try store.queue.read { db in try ResultTable.fetch(db, sql: sql) }
    }
}
