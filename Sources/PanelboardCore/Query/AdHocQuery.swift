import GRDB
import GRDBSQLite

/// An analyst's SQL, run over a store opened read-only.
///
/// Parameters are bound, never spliced into the SQL. A value that reads as a whole
/// number or a decimal is bound as a number (so `LIMIT :n` and `dash_score > :min`
/// work), anything else as text; ids with leading zeros stay text.
public struct AdHocQuery: Sendable {
    public var sql: String
    public var parameters: [String: String]
    /// Values for parameters the SQL uses but the user did not give.
    public var defaults: [String: DatabaseValue]
    /// Parameters that may be given although the SQL does not use them (a metric
    /// query takes the whole scope, whichever part it needs).
    public var ignorable: Set<String> = []
    /// False for a query plan: the plan does not depend on the values, and an
    /// analyst asking for it should not have to invent them.
    public var requiresEveryParameter = true

    public init(sql: String, parameters: [String: String] = [:], defaults: [String: DatabaseValue] = [:]) {
        self.sql = sql
        self.parameters = parameters
        self.defaults = defaults
    }

    public func run(on store: Store) throws -> ResultTable {
        var rows: [[DatabaseValue]] = []
        var columns: [String] = []
        try each(on: store, columns: { columns = $0 }, row: { rows.append($0) })
        return ResultTable(columns: columns, rows: rows)
    }

    /// Writes the rows as they come, in the format asked for: memory stays flat
    /// whatever the query returns. Returns the number of rows.
    @discardableResult
    public func stream(on store: Store, format: OutputFormat, to sink: TextSink) throws -> Int {
        var formatter = format.formatter(window: OutputFormat.streamingWindow)
        var count = 0
        try each(on: store, columns: { try formatter.begin(columns: $0, to: sink) }, row: {
            count += 1
            try formatter.row($0, to: sink)
        })
        try formatter.end(to: sink)
        return count
    }

    private func each(on store: Store, columns: @escaping ([String]) throws -> Void,
                      row: @escaping ([DatabaseValue]) throws -> Void) throws {
        try store.queue.read { db in
            let statement = try prepare(db, path: store.path)
            do {
                try RowVisitor(columns: columns, row: row).visit(statement)
            } catch let error as DatabaseError {
                if let damaged = StoreError.damaged(error, path: store.path) { throw damaged }
                throw QueryError.sql(message: error.message ?? "\(error)", sql: sql, offset: nil)
            }
        }
    }

    /// The one statement, with its parameters bound.
    private func prepare(_ db: Database, path: String) throws -> Statement {
        let statement: Statement
        do {
            let statements = try db.allStatements(sql: sql)
            guard let first = try statements.next() else { throw QueryError.noStatement }
            if try statements.next() != nil { throw QueryError.severalStatements }
            statement = first
        } catch let error as DatabaseError {
            if let damaged = StoreError.damaged(error, path: path) { throw damaged }
            let offset = Int(sqlite3_error_offset(db.sqliteConnection))
            throw QueryError.sql(message: error.message ?? "\(error)", sql: sql, offset: offset >= 0 ? offset : nil)
        }
        let names = Set((1...max(1, Int(sqlite3_bind_parameter_count(statement.sqliteStatement)))).compactMap { i -> String? in
            guard let name = sqlite3_bind_parameter_name(statement.sqliteStatement, Int32(i)) else { return nil }
            return String(String(cString: name).dropFirst())
        })
        let unknown = Set(parameters.keys).subtracting(names).subtracting(ignorable)
        if !unknown.isEmpty { throw QueryError.unknownParameters(unknown.sorted(), known: names.sorted()) }
        let missing = names.subtracting(parameters.keys).subtracting(defaults.keys)
        if !missing.isEmpty && requiresEveryParameter { throw QueryError.missingParameters(missing.sorted()) }
        var arguments: [String: DatabaseValueConvertible?] = [:]
        for name in names { arguments[name] = defaults[name] ?? DatabaseValue.null }
        for (name, value) in parameters where names.contains(name) { arguments[name] = Self.typed(value) }
        try statement.setArguments(StatementArguments(arguments))
        return statement
    }

    /// `42` and `-3` as integers, `0.25` as a real, nothing at all (`--param area=`)
    /// as NULL (the store keeps an empty cell as NULL, never as empty text),
    /// everything else (`007`, `V001`, `2024-01-01`) as text.
    static func typed(_ value: String) -> DatabaseValueConvertible {
        if value.isEmpty { return DatabaseValue.null }
        let digits = value.hasPrefix("-") ? value.dropFirst() : Substring(value)
        let canonical = !digits.isEmpty && digits.allSatisfy(\.isASCII) && (digits == "0" || !digits.hasPrefix("0"))
        if canonical, let n = Int64(value) { return n }
        if canonical, value.contains("."), !value.hasSuffix("."), let d = Double(value), d.isFinite { return d }
        return value
    }
}

public enum QueryError: Error, CustomStringConvertible {
    case sql(message: String, sql: String, offset: Int?)
    case unknownParameters([String], known: [String])
    case missingParameters([String])
    case badParameter(String)
    case noSuchSavedQuery(String, available: [String])
    case severalStatements
    case noStatement

    public var description: String {
        switch self {
        case let .sql(message, sql, offset):
            guard let offset else { return "SQL error: \(message)" }
            // Point at the place SQLite names, on its own line of the SQL.
            let utf8 = Array(sql.utf8)
            let at = min(offset, utf8.count)
            let lineStart = utf8[..<at].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let lineEnd = utf8[at...].firstIndex(of: 0x0A) ?? utf8.count
            let lineNumber = utf8[..<at].filter { $0 == 0x0A }.count + 1
            let text = String(decoding: utf8[lineStart..<lineEnd], as: UTF8.self)
            let column = String(decoding: utf8[lineStart..<at], as: UTF8.self).count
            return "SQL error at line \(lineNumber), column \(column + 1): \(message)\n  \(text)\n  \(String(repeating: " ", count: column))^"
        case let .unknownParameters(names, known):
            let expected = known.isEmpty ? "the SQL has no parameters" : "the SQL has \(known.map { ":" + $0 }.joined(separator: ", "))"
            return "--param \(names.joined(separator: ", ")) is not used by the SQL (\(expected))"
        case let .missingParameters(names):
            return "the SQL needs a value for \(names.map { ":" + $0 }.joined(separator: ", ")): pass --param NAME=VALUE"
        case let .badParameter(text):
            return "--param takes NAME=VALUE, not '\(text)'"
        case .severalStatements:
            return "give one SQL statement at a time (there is more after the first ';')"
        case .noStatement:
            return "the SQL holds no statement"
        case let .noSuchSavedQuery(name, available):
            return "no saved query named \(name); saved queries: \(available.joined(separator: ", ")) (panelboard query --list)"
        }
    }
}
