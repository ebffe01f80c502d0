import GRDB

/// Rows of a query, as SQLite typed them, ready for any output format.
public struct ResultTable: Sendable {
    public var columns: [String]
    public var rows: [[DatabaseValue]]

    public init(columns: [String], rows: [[DatabaseValue]]) {
        self.columns = columns
        self.rows = rows
    }

    /// Runs a statement and keeps every row with its SQLite types.
    public static func fetch(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> ResultTable {
        try fetch(db, statement: db.makeStatement(sql: sql), arguments: arguments)
    }

    static func fetch(_ db: Database, statement: Statement, arguments: StatementArguments) throws -> ResultTable {
        try statement.setArguments(arguments)
        let columns = statement.columnNames
        var rows: [[DatabaseValue]] = []
        let cursor = try Row.fetchCursor(statement)
        while let row = try cursor.next() {
            rows.append(row.databaseValues.map { $0 })
        }
        return ResultTable(columns: columns, rows: rows)
    }
}

/// The output formats of lists (`query`, `imports`, `actions`, `cohort`).
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, json, markdown

}

extension DatabaseValue {
    /// The value as text for table-like formats: NULL is empty, blobs are hex.
    var plainText: String {
        switch storage {
        case .null: return ""
        case let .int64(n): return String(n)
        case let .double(d): return JSONFormat.number(d)
        case let .string(s): return s
        case let .blob(data): return data.map { String(format: "%02x", $0) }.joined()
        }
    }

    var isNumber: Bool {
        switch storage {
        case .int64, .double: true
        default: false
        }
    }
}
