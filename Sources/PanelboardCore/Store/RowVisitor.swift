import GRDB

/// Rows handed over one at a time, as SQLite typed them: for lists that may be long
/// (a national chase list runs to a million rows), so that no command holds them all.
public struct RowVisitor {
    public let columns: ([String]) throws -> Void
    public let row: ([DatabaseValue]) throws -> Void

    public init(columns: @escaping ([String]) throws -> Void, row: @escaping ([DatabaseValue]) throws -> Void) {
        self.columns = columns
        self.row = row
    }

    func visit(_ statement: Statement) throws {
        try columns(statement.columnNames)
        let cursor = try Row.fetchCursor(statement)
        while let next = try cursor.next() { try row(Array(next.databaseValues)) }
    }

    func visit(_ db: Database, sql: String, arguments: StatementArguments) throws {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        try visit(statement)
    }
}
