import Foundation
import GRDB

/// Loads any RFC 4180 CSV into a table of its own, for the lookup lists and
/// population figures an analyst joins against the store.
///
/// Values are kept as written: a column whose every value is a whole number
/// (without leading zeros) becomes INTEGER, one whose every value is a number
/// becomes REAL, anything else TEXT, so `007` stays `007` and `38000` compares as a
/// number. An empty field is NULL. The identifying-data guard applies as to a bundle:
/// every header and every cell is checked, and a header must name its column.
public struct RawImport {
    public let store: Store
    public let url: URL
    public let table: String
    public var replace = false
    public var dropIdentifyingColumns = false
    public var encoding: TextEncoding = .utf8
    public var problemLimit = 50

    public init(store: Store, url: URL, table: String) {
        self.store = store
        self.url = url
        self.table = table
    }

    public struct Result: Sendable {
        public var table: String
        public var columns: [(name: String, type: String)]
        public var rows: Int
        public var droppedColumns: [String]
    }

    /// Tables the store owns; a raw load may not take their names.
    static let reserved: Set<String> = Set(ExportTable.allCases.map(\.rawValue))
        .union(["imports", "import_files", "import_keys", "grdb_migrations", "working_calendar"])

    public func run() throws -> Result {
        let file = url.lastPathComponent
        try ExportBundle.checkName(file)
        guard table.range(of: #"^[A-Za-z_][A-Za-z0-9_]*$"#, options: .regularExpression) != nil,
              !table.lowercased().hasPrefix("sqlite_") else {
            throw RawImportError.badTableName(table)
        }
        guard !Self.reserved.contains(table.lowercased()) else { throw RawImportError.reservedTable(table) }

        // Pass 1: the header, the guard, and each column's type.
        var header: [String] = []
        var keep: [Int] = []
        var dropped: [String] = []
        var kinds: [ColumnKind] = []
        var problems: [ImportProblem] = []
        var problemCount = 0
        var rows = 0
        func note(_ problem: ImportProblem) {
            problemCount += 1
            if problems.count < problemLimit { problems.append(problem) }
        }
        let digest = try CSVFile.read(url: url, encoding: encoding, progress: nil) { record in
            if header.isEmpty {
                let headerProblems = HeaderCheck.problems(record, file: file)
                if !headerProblems.isEmpty { throw ImportError.badHeader(headerProblems) }
                var identifying: [(index: Int, name: String)] = []
                for i in 0..<record.count {
                    let name = record.string(i)
                    if IdentifyingData.isIdentifyingColumn(name) { identifying.append((i, name.trimmingSpaces())) }
                }
                if !identifying.isEmpty && !dropIdentifyingColumns {
                    throw ImportError.identifyingColumns(file: file, columns: identifying)
                }
                dropped = identifying.map(\.name)
                keep = (0..<record.count).filter { i in !identifying.contains { $0.index == i } }
                header = Self.safeNames(keep.map { record.string($0) })
                kinds = Array(repeating: .empty, count: keep.count)
                return
            }
            rows += 1
            if record.count != keep.count + dropped.count {
                note(ImportProblem(file: file, line: record.line, column: nil, columnName: nil,
                                   message: "the row has \(record.count) fields but the header has \(keep.count + dropped.count)"))
                return
            }
            for (k, i) in keep.enumerated() where !record.isEmpty(i) {
                let value = record.string(i)
                if let finding = CellCheck.check(value) {
                    note(ImportProblem(file: file, line: record.lines[i], column: i + 1, columnName: header[k],
                                       message: CellCheck.message(finding, value)))
                }
                kinds[k] = kinds[k].widened(by: value)
            }
        }
        if header.isEmpty { throw ImportError.emptyFile(file: file) }
        if problemCount > 0 { throw RawImportError.invalidRows(problems, total: problemCount) }

        let columns = zip(header, kinds).map { (name: $0, type: $1.sqlType) }
        let quotedTable = SQLIdentifier.quote(table)
        // Pass 2: the rows, in one transaction with the table's creation.
        try store.queue.inTransaction { db in
            if try db.tableExists(table) {
                guard replace else { throw RawImportError.tableExists(table) }
                try db.execute(sql: "DROP TABLE \(quotedTable)")
            }
            let definitions = columns.map { "\(SQLIdentifier.quote($0.name)) \($0.type)" }
            try db.execute(sql: "CREATE TABLE \(quotedTable) (\(definitions.joined(separator: ", ")))")
            let insert = try db.makeStatement(sql: """
                INSERT INTO \(quotedTable) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
                """)
            var first = true
            let second = try CSVFile.read(url: url, encoding: encoding, progress: nil) { record in
                if first { first = false; return }
                let values: [DatabaseValue] = keep.enumerated().map { k, i in
                    if record.isEmpty(i) { return .null }
                    let text = record.string(i)
                    switch kinds[k] {
                    case .integer: return Int64(text).map(\.databaseValue) ?? text.databaseValue
                    case .real: return Double(text).map(\.databaseValue) ?? text.databaseValue
                    default: return text.databaseValue
                    }
                }
                insert.setUncheckedArguments(StatementArguments(values))
                try insert.execute()
            }
            // What was checked must be what was loaded.
            guard second.sha256 == digest.sha256 else { throw RawImportError.fileChanged(file) }
            return .commit
        }
        try store.queue.write { db in
            try db.execute(sql: """
                INSERT INTO imports (started_at, finished_at, status, mode, as_of, os_user, tool_version,
                    rows_read, rows_new, rows_changed, rows_unchanged, rows_rejected)
                VALUES (?, ?, 'imported', 'raw', ?, ?, ?, ?, ?, 0, 0, 0)
                """, arguments: [Timestamp.now(), Timestamp.now(), Day.today().iso, OSUser.name,
                                 PanelboardVersion.current, rows, rows])
            try db.execute(sql: """
                INSERT INTO import_files (import_id, file, table_name, sha256, bytes, rows_read, rows_new,
                    rows_changed, rows_unchanged, rows_rejected, dropped_columns)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)
                """, arguments: [db.lastInsertedRowID, file, table, digest.sha256, digest.bytes, rows, rows,
                                 dropped.isEmpty ? nil : dropped.joined(separator: ", ")])
        }
        return Result(table: table, columns: columns, rows: rows, droppedColumns: dropped)
    }

    /// Header names as identifiers: lower case, letters, digits and `_`; a number
    /// first gets a `c_` prefix; an empty name is `column_N`; repeats get `_2`, `_3`.
    static func safeNames(_ names: [String]) -> [String] {
        var used: Set<String> = []
        return names.enumerated().map { i, raw in
            var name = ""
            var lastUnderscore = false
            for ch in raw.trimmingSpaces().lowercased() {
                if ch.isASCII && (ch.isLetter || ch.isNumber) {
                    name.append(ch); lastUnderscore = false
                } else if !lastUnderscore && !name.isEmpty {
                    name.append("_"); lastUnderscore = true
                }
            }
            while name.hasSuffix("_") { name.removeLast() }
            if name.isEmpty { name = "column_\(i + 1)" }
            if name.first!.isNumber { name = "c_" + name }
            var unique = name, n = 2
            while used.contains(unique) { unique = "\(name)_\(n)"; n += 1 }
            used.insert(unique)
            return unique
        }
    }

    /// The narrowest SQL type that holds every value seen so far in a column.
    enum ColumnKind {
        case empty, integer, real, text

        func widened(by value: String) -> ColumnKind {
            if self == .text { return .text }
            let digits = value.hasPrefix("-") ? value.dropFirst() : Substring(value)
            let plainInteger = !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
                && (digits == "0" || !digits.hasPrefix("0")) && Int64(value) != nil
            if plainInteger { return self == .real ? .real : .integer }
            let plainReal = value.range(of: #"^-?(0|[1-9][0-9]*)\.[0-9]+$"#, options: .regularExpression) != nil
            if plainReal { return .real }
            return .text
        }

        var sqlType: String {
            switch self {
            case .integer: "INTEGER"
            case .real: "REAL"
            case .empty, .text: "TEXT"
            }
        }
    }
}

extension RawImport {
    /// The file's name, checked like a cell (it is printed and logged).
    public static func checkFileName(_ url: URL) throws {
        try ExportBundle.checkName(url.lastPathComponent)
    }
}

public enum RawImportError: Error, CustomStringConvertible {
    case badTableName(String)
    case reservedTable(String)
    case tableExists(String)
    case fileChanged(String)
    case invalidRows([ImportProblem], total: Int)

    public var description: String {
        switch self {
        case let .badTableName(name):
            return "'\(name)' cannot be a table name: use letters, digits and _, not starting with a digit"
        case let .reservedTable(name):
            return "\(name) is one of the store's own tables; load the file under another name with --table"
        case let .tableExists(name):
            return "a table \(name) already exists; add --replace to load the file in its place"
        case let .invalidRows(problems, total):
            return ImportProblem.list(problems, total: total, then: "Nothing was loaded. Fix these rows and load the file again.")
        case let .fileChanged(file):
            return "\(file) changed while it was being loaded; nothing was loaded, try again"
        }
    }
}

/// The one way a name from a user becomes part of SQL: double-quoted, with inner
/// quotes doubled.
public enum SQLIdentifier {
    public static func quote(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
