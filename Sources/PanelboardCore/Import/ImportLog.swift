import Foundation
import GRDB

/// The record of every import: when, which files (name, SHA-256, size), the counts,
/// who ran it (the OS user) and the tool version. No cell value is ever written here.
enum ImportLog {
    static func record(_ summary: ImportSummary, mode: String, startedAt: String, in db: Database) throws -> Int64 {
            try db.execute(
                sql: """
                    INSERT INTO imports (started_at, finished_at, status, mode, as_of, os_user, tool_version,
                        rows_read, rows_new, rows_changed, rows_unchanged, rows_rejected)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    startedAt, Timestamp.now(), summary.status.rawValue, mode, summary.asOf.iso,
                    OSUser.name, PanelboardVersion.current, summary.rowsRead,
                    summary.files.reduce(0) { $0 + $1.new }, summary.files.reduce(0) { $0 + $1.changed },
                    summary.files.reduce(0) { $0 + $1.unchanged }, summary.rowsRejected,
                ])
            let id = db.lastInsertedRowID
            for file in summary.files {
                try db.execute(
                    sql: """
                        INSERT INTO import_files (import_id, file, table_name, sha256, bytes, rows_read,
                            rows_new, rows_changed, rows_unchanged, rows_rejected,
                            unknown_columns, dropped_columns, unmapped_agencies)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        id, file.file, file.table.rawValue, file.sha256, file.bytes, file.rowsRead,
                        file.new, file.changed, file.unchanged, file.rejected,
                        file.unknownColumns.isEmpty ? nil : file.unknownColumns.joined(separator: ", "),
                        file.droppedColumns.isEmpty ? nil : file.droppedColumns.joined(separator: ", "),
                        file.unmappedAgencies.isEmpty ? nil : file.unmappedAgencies.keys.sorted().joined(separator: ", "),
                    ])
            }
            return id
    }
}

/// UTC time stamps for the log, `2026-11-22T15:04:05Z`.
enum Timestamp {
    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }
}

enum OSUser {
    static var name: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            return String(cString: name)
        }
        return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }
}
