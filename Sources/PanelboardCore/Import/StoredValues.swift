import GRDB
import GRDBSQLite

extension ExportTable {
    /// The optional columns the row rules read. When a file leaves one out, a row
    /// already in the store keeps its stored value, so the rules must judge the
    /// row as it will be stored, not as if the column were empty: a cohort file
    /// without `exit_reason` does not make a stored exit unexplained, and an actions
    /// file without `status` does not reopen a cancelled action.
    var ruleColumns: [String] {
        switch self {
        case .referrals, .incidents: ["victim_ref", "perpetrator_ref", "meeting_date"]
        case .actions: ["due_date", "completed_date", "status"]
        case .cohort: ["exit_date", "exit_reason"]
        case .members: ["to_date"]
        case .meetings, .attendance, .areas, .panels, .holidays: []
        }
    }
}

/// Reads, for a row already in the store, the values of the rule columns its file
/// leaves out, into the row being loaded (never into the statements that write it:
/// a column the file leaves out is not written).
///
/// Prepared only when a file leaves out a rule column, so a file that has them all
/// pays nothing; otherwise one indexed look-up per row, through the C API.
struct StoredValues {
    /// Spec indexes of the absent rule columns, in the order the statement reads them.
    let absent: [Int]
    private let keys: [Int]
    /// The keys that cannot be empty: a row without one is not in the store.
    private let requiredKeys: [Int]
    private let statement: HotStatement

    /// Nil when the file has every rule column of its table.
    init?(table: ExportTable, specs: [ColumnSpec], fieldIndex: [Int?], keys: [Int], db: Database) throws {
        let absent = specs.indices.filter { fieldIndex[$0] == nil && table.ruleColumns.contains(specs[$0].name) }
        guard !absent.isEmpty else { return nil }
        self.absent = absent
        self.keys = keys
        requiredKeys = keys.filter { specs[$0].required }
        let match = keys.enumerated().map { k -> String in
            "\(specs[k.element].storedName) \(table.optionalKeyColumns.contains(specs[k.element].name) ? "IS" : "=") ?\(k.offset + 1)"
        }
        statement = HotStatement(try db.makeStatement(sql: """
            SELECT \(absent.map { specs[$0].storedName }.joined(separator: ", "))
            FROM \(table.rawValue) WHERE \(match.joined(separator: " AND "))
            """), in: db)
    }

    /// Sets the absent columns of `row` to their stored values; leaves them null for
    /// a row the store does not have yet. Returns whether the store has the row.
    @discardableResult
    func fill(_ row: inout RowValues) throws -> Bool {
        guard requiredKeys.allSatisfy({ !row.isNull($0) }) else { return false }
        let handle = statement.handle
        defer { sqlite3_reset(handle) }
        let code = row.withBound(keys, to: handle) { sqlite3_step(handle) }
        if code == SQLITE_DONE { return false }
        guard code == SQLITE_ROW else { throw statement.failure(code) }
        // The key's bindings are cleared, but the row SQLite found stays readable
        // until the reset.
        for (k, s) in absent.enumerated() {
            let column = Int32(k)
            switch sqlite3_column_type(handle, column) {
            case SQLITE_NULL:
                continue
            case SQLITE_INTEGER:
                row.setInteger(s, sqlite3_column_int64(handle, column))
            default:
                let count = Int(sqlite3_column_bytes(handle, column))
                let text = sqlite3_column_text(handle, column)
                row.setText(s, UnsafeBufferPointer(start: text, count: text == nil ? 0 : count))
            }
        }
        return true
    }
}
