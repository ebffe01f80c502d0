import Foundation
import GRDB

public struct ImportOptions: Sendable {
    /// Dates after this day are errors (an export cannot record the future).
    public var asOf: Day = .today()
    /// Keep the valid rows and write the rest to `rejectsPath`.
    public var skipInvalid = false
    public var rejectsPath: String?
    /// Replace an existing rejects file that Panelboard did not write.
    public var force = false
    /// Leave identifying columns out instead of refusing the file.
    public var dropIdentifyingColumns = false
    public var encoding: TextEncoding = .utf8
    /// Mapping files given on the command line, read after any in the bundle.
    public var mappingFiles: [URL] = []
    /// How many problems a refused import lists before "... and N more".
    public var problemLimit = 50
    /// Called as files are read: file name, bytes read, file size.
    public var progress: (@Sendable (String, Int, Int) -> Void)?

    public init() {}
}

/// Imports an export bundle into the store: every file in one transaction, every
/// cell checked against the data contract and the identifying-data guard, rows
/// upserted by their keys so the same export twice changes nothing.
public struct BundleImporter {
    public let store: Store
    public let options: ImportOptions

    public init(store: Store, options: ImportOptions) {
        self.store = store
        self.options = options
    }

    public func run(_ bundle: ExportBundle) throws -> ImportSummary {
        if options.skipInvalid && options.rejectsPath == nil { throw ImportError.rejectsNeeded }
        var mapping = AgencyMapping()
        for url in bundle.mappings + options.mappingFiles { try mapping.load(contentsOf: url) }

        let startedAt = Timestamp.now()
        var summaries: [FileSummary] = []
        var problems: [ImportProblem] = []
        var problemCount = 0
        let rejects = try options.rejectsPath.map { path in
            try RejectsFile(path: path, policy: outputPolicy(for: bundle))
        }
        defer { rejects?.discard() }

        let mode = options.skipInvalid ? "skip_invalid" : "strict"
        func summary(_ status: ImportSummary.Status) -> ImportSummary {
            ImportSummary(importID: nil, status: status, files: summaries, ignoredFiles: bundle.ignored,
                          rejectsPath: options.rejectsPath, asOf: options.asOf)
        }
        var failure: Error?
        var importID: Int64?
        do {
            try store.queue.writeWithoutTransaction { db in
                // A bigger page cache for the import's one transaction: without it,
                // SQLite spills index pages to the WAL and reads them back all the
                // way through a large file. 48 MiB keeps an import under 100 MB.
                let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
                try db.execute(sql: "PRAGMA cache_size = -49152")
                defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
                // The store stays in WAL mode throughout (docs/data-contract.md, "The
                // store"): readers go on reading the last committed state while an
                // import runs, and an import killed part-way leaves only frames no
                // commit ever covered, which every reader ignores.
                try db.inTransaction(.immediate) {
                    try db.execute(sql: "DELETE FROM import_keys")
                    for file in bundle.files {
                        var summary = FileSummary(file: file.url.lastPathComponent, table: file.table)
                        defer { summaries.append(summary) }
                        var loader = try TableLoader(
                            db: db, table: file.table, fileName: summary.file, mapping: mapping, options: options)
                        let size = (try? FileManager.default.attributesOfItem(atPath: file.url.path)[.size] as? Int) ?? 0
                        let name = summary.file
                        let progress = options.progress.map { report in { (bytes: Int) in report(name, bytes, size) } }
                        let digest = try CSVFile.read(url: file.url, encoding: options.encoding, progress: progress) { record in
                            guard let outcome = try loader.load(record) else { return }
                            summary.rowsRead += 1
                            switch outcome {
                            case .new: summary.new += 1
                            case .changed: summary.changed += 1
                            case .unchanged: summary.unchanged += 1
                            case let .rejected(rowProblems, maskedRecord):
                                summary.rejected += 1
                                problemCount += rowProblems.count
                                for problem in rowProblems where problems.count < options.problemLimit {
                                    problems.append(problem)
                                }
                                try rejects?.write([
                                    summary.file, String(record.line),
                                    rowProblems.map { p in
                                        (p.column.map { "column \($0)" } ?? "row")
                                            + (p.columnName.map { " (\($0))" } ?? "") + ": " + p.message
                                    }.joined(separator: "; "),
                                    maskedRecord,
                                ])
                            }
                        }
                        if !loader.sawHeader { throw ImportError.emptyFile(file: summary.file) }
                        summary.sha256 = digest.sha256
                        summary.bytes = digest.bytes
                        summary.unknownColumns = loader.unknownColumns
                        summary.droppedColumns = loader.droppedColumns
                        summary.unmappedAgencies = loader.unmappedAgencies
                    }
                    try db.execute(sql: "DELETE FROM import_keys")
                    if problemCount > 0 && !options.skipInvalid {
                        throw ImportError.invalidRows(problems, total: problemCount)
                    }
                    // The rejected rows are on disk, in place, before the valid ones
                    // commit: rows in = rows stored + rows rejected holds on disk, not
                    // only in the summary. A full disk here rolls the import back; a
                    // failed commit below takes the rejects file away again.
                    try rejects?.commit()
                    // The log's entry commits with the rows it describes: a reader
                    // that sees one sees the other (figures computed on several
                    // connections compare the log's newest entry to know they saw
                    // the same store).
                    importID = try ImportLog.record(summary(.imported), mode: mode, startedAt: startedAt, in: db)
                    return .commit
                }
            }
        } catch {
            failure = error
        }

        // The checkpoint is the importer's: it moves what the import wrote from the
        // WAL into the store while no reader needs the older pages, and (with the
        // store's journal_size_limit) gives the WAL's disk space back.
        if failure == nil { try? store.checkpoint() }
        guard let failure else {
            var result = summary(.imported)
            result.importID = importID
            return result
        }
        rejects?.withdraw()
        // A refused import is recorded too, after its rollback, so the log shows
        // every attempt to load data into the store.
        // It names no header or cell of the refused bundle: they have not all been
        // through the guard.
        var refused = summary(.refused)
        refused.files = refused.files.map(\.withoutCellValues)
        _ = try? store.queue.write { db in try ImportLog.record(refused, mode: mode, startedAt: startedAt, in: db) }
        if let error = failure as? ImportError { throw error }
        if let error = failure as? DatabaseError { throw ImportError.store(error.message ?? "\(error)") }
        throw failure
    }

    /// What the rejects file must never be: the store, its journal, or a file this
    /// import reads.
    private func outputPolicy(for bundle: ExportBundle) -> OutputPolicy {
        var policy = OutputPolicy(force: options.force)
        policy.protectStore(store.path)
        for file in bundle.files { policy.protectInput(file.url.path) }
        for url in bundle.mappings + options.mappingFiles { policy.protectInput(url.path) }
        return policy
    }
}

enum RowOutcome {
    case new, changed, unchanged
    /// The row's problems, and the row re-written as one CSV line with identifying
    /// cells masked, for the rejects file.
    case rejected([ImportProblem], String)
}

/// Loads one file's records into one table: header, then rows.
struct TableLoader {
    let db: Database
    let table: ExportTable
    let fileName: String
    let mapping: AgencyMapping
    let options: ImportOptions
    let specs: [ColumnSpec]

    private(set) var sawHeader = false
    private(set) var unknownColumns: [String] = []
    private(set) var droppedColumns: [String] = []
    private(set) var unmappedAgencies: [String: Int] = [:]
    /// The row's agency names that no mapping knows, counted once the row is kept.
    private var pendingAgencies: [String] = []

    /// For each spec column, its field index in the file (nil when absent).
    private var fieldIndex: [Int?] = []
    private var headerCount = 0
    /// Field indexes of columns to scan but not store (unknown columns).
    private var unknownIndexes: [Int] = []
    private var droppedIndexes: Set<Int> = []
    /// Spec columns written by this file: present in the header, or derived.
    private var written: [Int] = []
    private var keyIndexes: [Int] = []

    private var insert: HotStatement?
    private var update: HotStatement?
    private var registerKey: HotStatement?
    private var keyLine: HotStatement?
    private var referralExists: HotStatement?
    private var meetingExists: HotStatement?
    private var cohortOverlap: Statement?
    /// The stored values of the rule columns this file leaves out (nil when it has them all).
    private var storedValues: StoredValues?

    /// The row being loaded, reused from row to row.
    private var row = RowValues(count: 0)
    /// Agency cells seen so far and what they resolved to: a file names a handful
    /// of agencies a million times.
    private var agencyCache: [(cell: [UInt8], code: [UInt8]?)] = []
    /// The columns the row rules name, and their spec indexes (-1 when the table
    /// has no such column), looked up once rather than by name on every row.
    private enum Known: Int, CaseIterable {
        case victimRef, perpetratorRef, meetingDate, referralDate, completedDate, agreedDate, dueDate
        case status, referralID, meetingID, adoptedDate, exitDate, exitReason, panel

        var name: String {
            switch self {
            case .victimRef: "victim_ref"
            case .perpetratorRef: "perpetrator_ref"
            case .meetingDate: "meeting_date"
            case .referralDate: "referral_date"
            case .completedDate: "completed_date"
            case .agreedDate: "agreed_date"
            case .dueDate: "due_date"
            case .status: "status"
            case .referralID: "referral_id"
            case .meetingID: "meeting_id"
            case .adoptedDate: "adopted_date"
            case .exitDate: "exit_date"
            case .exitReason: "exit_reason"
            case .panel: "panel"
            }
        }
    }
    private var known: [Int] = []
    /// Each spec's type, requirement and date rule, and an enumeration's values as
    /// bytes, in arrays of plain values: the hot loop reads them without copying a
    /// ColumnSpec (and retaining its names) for every cell.
    private var types: [ColumnType] = []
    private var required: [Bool] = []
    private var mayBeAfterAsOf: [Bool] = []
    private var vocabularyValues: [[[UInt8]]] = []

    init(db: Database, table: ExportTable, fileName: String, mapping: AgencyMapping, options: ImportOptions) throws {
        self.db = db
        self.table = table
        self.fileName = fileName
        self.mapping = mapping
        self.options = options
        self.specs = table.columns
        self.row = RowValues(count: specs.count)
        known = Known.allCases.map { k in specs.firstIndex { $0.name == k.name } ?? -1 }
        types = specs.map(\.type)
        required = specs.map(\.required)
        mayBeAfterAsOf = specs.map(\.mayBeAfterAsOf)
        vocabularyValues = specs.map { spec in
            if case let .enumeration(vocabulary) = spec.type { return vocabulary.valueBytes }
            return []
        }
    }

    /// Returns nil for the header record.
    mutating func load(_ record: CSVRecord) throws -> RowOutcome? {
        guard sawHeader else {
            try readHeader(record)
            sawHeader = true
            return nil
        }
        return try loadRow(record)
    }

    // MARK: Header

    private mutating func readHeader(_ record: CSVRecord) throws {
        let headerProblems = HeaderCheck.problems(record, file: fileName)
        if !headerProblems.isEmpty { throw ImportError.badHeader(headerProblems) }
        headerCount = record.count
        var positions: [String: Int] = [:]
        var identifying: [(index: Int, name: String)] = []
        for i in 0..<record.count {
            let written = record.string(i)
            let name = ColumnName.normalise(written)
            if name.isEmpty { continue }
            if positions[name] != nil {
                throw ImportError.duplicateColumn(file: fileName, column: i + 1, name: name)
            }
            positions[name] = i
            let known = specs.contains { $0.name == name }
            if !known && IdentifyingData.isIdentifyingColumn(written) {
                identifying.append((i, written.trimmingSpaces()))
            }
        }
        if !identifying.isEmpty {
            guard options.dropIdentifyingColumns else {
                throw ImportError.identifyingColumns(file: fileName, columns: identifying)
            }
            droppedColumns = identifying.map(\.name)
            droppedIndexes = Set(identifying.map(\.index))
        }
        let missing = specs.filter { $0.required && positions[$0.name] == nil }.map(\.name)
        if !missing.isEmpty { throw ImportError.missingColumns(file: fileName, columns: missing) }

        fieldIndex = specs.map { positions[$0.name] }
        for i in 0..<record.count where !droppedIndexes.contains(i) {
            let name = ColumnName.normalise(record.string(i))
            if !name.isEmpty && !specs.contains(where: { $0.name == name }) {
                unknownColumns.append(record.string(i).trimmingSpaces())
                unknownIndexes.append(i)
            }
        }
        keyIndexes = table.keyColumns.map { key in specs.firstIndex { $0.name == key }! }
        written = specs.indices.filter { fieldIndex[$0] != nil || isDerived(specs[$0]) }
        try prepareStatements()
    }

    /// A column the importer fills even when the file does not have it.
    private func isDerived(_ spec: ColumnSpec) -> Bool {
        table == .actions && spec.name == "status"
    }

    private mutating func prepareStatements() throws {
        let tableName = table.rawValue
        let columns = written.map { specs[$0].storedName }
        // Numbered parameters: value k of the row is ?k in both statements.
        let placeholders = written.indices.map { "?\($0 + 1)" }
        // An action carries its referral's panel and area (migration v3): the
        // insert reads them from the referral in the same statement, and the
        // update reads them again, since a changed row may name another referral.
        // referral_id is a required column, so an actions file always has it.
        let referral = table == .actions ? written.firstIndex(of: column(.referralID)).map { $0 + 1 } : nil
        if let referral {
            insert = HotStatement(try db.makeStatement(sql: """
                INSERT OR IGNORE INTO actions (\(columns.joined(separator: ", ")), panel, area)
                SELECT \(placeholders.joined(separator: ", ")), r.panel, r.area
                FROM referrals r WHERE r.referral_id = ?\(referral)
                """), in: db)
        } else {
            insert = HotStatement(try db.makeStatement(sql: """
                INSERT OR IGNORE INTO \(tableName) (\(columns.joined(separator: ", ")))
                VALUES (\(placeholders.joined(separator: ", ")))
                """), in: db)
        }
        let keyPositions = keyIndexes.map { written.firstIndex(of: $0)! }
        let nonKey = written.indices.filter { !keyPositions.contains($0) }
        let keyMatch = keyPositions.map { "\(specs[written[$0]].storedName) = ?\($0 + 1)" }.joined(separator: " AND ")
        if nonKey.isEmpty {
            update = nil
        } else {
            var assignments = nonKey.map { "\(specs[written[$0]].storedName) = ?\($0 + 1)" }
            if let referral {
                assignments.append(
                    "(panel, area) = (SELECT r.panel, r.area FROM referrals r WHERE r.referral_id = ?\(referral))")
            }
            let differs = nonKey.map { "\(specs[written[$0]].storedName) IS NOT ?\($0 + 1)" }
            update = HotStatement(try db.makeStatement(sql: """
                UPDATE \(tableName) SET \(assignments.joined(separator: ", "))
                WHERE \(keyMatch) AND (\(differs.joined(separator: " OR ")))
                """), in: db)
        }
        storedValues = try StoredValues(table: table, specs: specs, fieldIndex: fieldIndex, keys: keyIndexes, db: db)
        registerKey = HotStatement(
            try db.makeStatement(sql: "INSERT OR IGNORE INTO import_keys (table_name, key, line) VALUES (?, ?, ?)"), in: db)
        keyLine = HotStatement(try db.makeStatement(sql: "SELECT line FROM import_keys WHERE table_name = ? AND key = ?"), in: db)
        switch table {
        case .actions:
            referralExists = HotStatement(try db.makeStatement(sql: "SELECT 1 FROM referrals WHERE referral_id = ?"), in: db)
        case .attendance:
            meetingExists = HotStatement(try db.makeStatement(sql: "SELECT 1 FROM meetings WHERE meeting_id = ?"), in: db)
        case .cohort:
            // Memberships are half-open intervals [adopted, exit): leaving and being
            // taken on again on the same day is not an overlap.
            cohortOverlap = try db.makeStatement(sql: """
                SELECT adopted_date FROM cohort
                WHERE perpetrator_ref = ?1 AND panel = ?2 AND adopted_date <> ?3
                  AND (?4 IS NULL OR adopted_date < ?4)
                  AND (exit_date IS NULL OR exit_date > ?3)
                LIMIT 1
                """)
        default:
            break
        }
    }

    // MARK: Rows

    private mutating func loadRow(_ record: CSVRecord) throws -> RowOutcome {
        var problems: [ImportProblem] = []
        let fieldIndex = self.fieldIndex, specs = self.specs, fileName = self.fileName
        var inStore = false
        func problem(_ spec: Int?, _ message: String) {
            let column = spec.flatMap { fieldIndex[$0] }.map { $0 + 1 }
            // A rule column the file leaves out was judged by its stored value.
            let stored = inStore && (spec.map { fieldIndex[$0] == nil } ?? false)
            problems.append(ImportProblem(
                file: fileName, line: spec.flatMap { fieldIndex[$0] }.map { record.lines[min($0, record.count - 1)] } ?? record.line,
                column: column, columnName: spec.map { specs[$0].name },
                message: stored ? message + " (the value stored by an earlier import: this file has no \(specs[spec!].name) column)" : message))
        }
        // Cells the guard flagged (identifying data, control characters), by field
        // index, masked in the rejects file.
        var identifyingFields: Set<Int> = []

        if record.count != headerCount {
            problems.append(ImportProblem(
                file: fileName, line: record.line, column: nil, columnName: nil,
                message: "the row has \(record.count) fields but the header has \(headerCount); check for an unquoted comma"))
            // Its cells are out of line with the header, so their checks would only
            // mislead; but identifying data is refused wherever it stands.
            record.bytes.withUnsafeBufferPointer { bytes in
                for i in 0..<record.count where !droppedIndexes.contains(i) && !record.isEmpty(i) {
                    if CellCheck.check(UnsafeBufferPointer(rebasing: bytes[record.range(i)])) != nil {
                        identifyingFields.insert(i)
                    }
                }
            }
            if !identifyingFields.isEmpty {
                problems.append(ImportProblem(
                    file: fileName, line: record.line, column: nil, columnName: nil,
                    message: "the row also holds what looks like identifying data or control characters; exports must be anonymised plain text"))
            }
            // Its id is registered all the same when its column is there and clean,
            // so that a row referring to it is told this row was rejected, not that
            // there is no such row.
            if keyIndexes.count == 1, let f = fieldIndex[keyIndexes[0]], f < record.count,
               !record.isBlank(f), !identifyingFields.contains(f) {
                try registerKey!.run(text: table.rawValue, record.string(f).trimmingSpaces(), integer: record.line)
            }
            return .rejected(problems, maskedLine(record, identifying: identifyingFields))
        }

        row.clear()
        pendingAgencies.removeAll(keepingCapacity: true)
        record.bytes.withUnsafeBufferPointer { bytes in
            // Unknown columns are not stored, but a postcode in one still means the
            // export was not anonymised.
            for i in unknownIndexes where i < record.count && !record.isEmpty(i) {
                let cell = UnsafeBufferPointer(rebasing: bytes[record.range(i)])
                if let finding = CellCheck.check(cell) {
                    identifyingFields.insert(i)
                    problems.append(ImportProblem(
                        file: fileName, line: record.lines[i], column: i + 1,
                        columnName: ColumnName.normalise(unknownColumns[unknownIndexes.firstIndex(of: i)!]),
                        message: CellCheck.message(finding, cell)))
                }
            }
            for s in specs.indices {
                guard let f = fieldIndex[s], f < record.count else {
                    if specs[s].required && fieldIndex[s] != nil { problem(s, "required, but the row ends before it") }
                    continue
                }
                let cell = UnsafeBufferPointer(rebasing: bytes[record.range(f)])
                // Every cell is checked before its type is parsed: a phone number
                // is a whole number, a postcode a valid panel code.
                if let finding = CellCheck.check(cell) {
                    identifyingFields.insert(f)
                    problem(s, CellCheck.message(finding, cell))
                } else if let message = load(s, cell) {
                    problem(s, message)
                }
            }
        }

        inStore = try storedValues?.fill(&row) ?? false
        try checkRowRules(record: record, problem: problem)

        if problems.isEmpty {
            // Agency names are listed only from rows that are kept: a rejected row's
            // cells go nowhere but the rejects file.
            for name in pendingAgencies { unmappedAgencies[name, default: 0] += 1 }
            return try upsert()
        }
        return .rejected(problems, maskedLine(record, identifying: identifyingFields))
    }

    /// Checks one cell and, when it passes, sets its typed value in `row`; else
    /// returns what is wrong with it. Works on the cell's bytes; a String is made
    /// only for a message or a rare spelling. (It returns the message rather than
    /// taking the row's `problem` function: passing that closure for every cell
    /// cost a retain and a release of each thing it captures.)
    private mutating func load(_ s: Int, _ raw: UnsafeBufferPointer<UInt8>) -> String? {
        let type = types[s]
        let trimmed = raw.trimmingSpaces()
        if trimmed.isEmpty {
            return required[s] ? "required, but empty" : nil
        }
        switch type {
        case .id, .text:
            row.setText(s, trimmed)
        case .panelCode:
            guard trimmed.allSatisfy({ b in
                (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || b == 0x5F || b == 0x2D
            }) else {
                return "\(Mask.quoted(raw.string)) is not a panel code (letters, digits, _ or -, e.g. MARAC, DRAMM, DAPP, IDAP)"
            }
            row.setText(s, trimmed.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 })
        case .date:
            let day: Day
            switch Day.check(bytes: trimmed) {
            case let .success(parsed): day = parsed
            case let .failure(why): return "\(Mask.quoted(raw.string)) is \(why)"
            }
            if day > options.asOf && !mayBeAfterAsOf[s] {
                return "the date is after the as-of date \(options.asOf.iso); a date in the future is a mistake in the export (or set --as-of)"
            }
            row.setDay(s, day)
        case .boolean:
            guard let flag = BooleanCell.parse(bytes: trimmed) else {
                return "\(Mask.quoted(raw.string)) is not a yes/no value (use Y/N, Yes/No, TRUE/FALSE or 1/0)"
            }
            row.setInteger(s, flag ? 1 : 0)
        case let .integer(min, max):
            guard let n = trimmed.plainInteger ?? Int64(trimmed.string), n >= min, n <= max else {
                return "\(Mask.quoted(raw.string)) is not a whole number (\(min) to \(max))"
            }
            row.setInteger(s, n)
        case let .enumeration(vocabulary):
            if let value = vocabulary.canonical(bytes: trimmed, values: vocabularyValues[s]) {
                row.setText(s, value)
            } else {
                return "\(Mask.quoted(raw.string)) is not \(vocabulary.withArticle) (use \(vocabulary.values.joined(separator: ", ")))"
            }
        case .agency:
            let code: [UInt8]?
            if let cached = agencyCache.first(where: { $0.cell.elementsEqual(trimmed) }) {
                code = cached.code
            } else {
                code = mapping.resolve(trimmed.string).map { Array($0.utf8) }
                if agencyCache.count < 256 { agencyCache.append((Array(trimmed), code)) }
            }
            if let code {
                row.setText(s, code)
            } else {
                pendingAgencies.append(trimmed.string)
                row.setText(s, trimmed)
            }
        }
        return nil
    }

    private func column(_ name: Known) -> Int { known[name.rawValue] }

    /// The contract's row rules, and the checks that need the store (references,
    /// duplicate keys, overlapping cohort memberships).
    private mutating func checkRowRules(record: CSVRecord, problem: (Int?, String) -> Void) throws {
        switch table {
        case .referrals:
            let victim = column(.victimRef), perpetrator = column(.perpetratorRef)
            if row.isNull(victim) && row.isNull(perpetrator)
                && fieldHasNoProblem(victim, record) && fieldHasNoProblem(perpetrator, record) {
                problem(nil, "needs a victim_ref or a perpetrator_ref (or both)")
            }
            if row.textLess(column(.meetingDate), column(.referralDate)) {
                problem(column(.meetingDate), "the meeting date is before the referral date")
            }
        case .actions:
            let completed = column(.completedDate), agreed = column(.agreedDate), due = column(.dueDate)
            let statusColumn = column(.status)
            if fieldIndex[statusColumn] == nil {
                // No status column: the status the store holds (nil for a new row),
                // unless the completed date says otherwise.
                row.setText(statusColumn, ActionStatus.derived(stored: row.string(statusColumn), completed: !row.isNull(completed)))
            } else if row.isNull(statusColumn) && record.isBlank(fieldIndex[statusColumn]!) {
                // An empty status cell: the export says the status is not recorded.
                row.setText(statusColumn, ActionStatus.derived(stored: nil, completed: !row.isNull(completed)))
            }
            let isCompleted = row.textEquals(statusColumn, "completed")
            if isCompleted && row.isNull(completed) {
                problem(statusColumn, "status is completed but there is no completed_date")
            }
            if !row.isNull(statusColumn) && !row.isNull(completed) && !isCompleted {
                problem(completed, "a completed_date needs status completed (or no status), not \(row.string(statusColumn)!)")
            }
            if row.textLess(completed, agreed) {
                problem(completed, "the completed date is before the agreed date")
            }
            if row.textLess(due, agreed) {
                problem(due, "the due date is before the agreed date")
            }
            if let referral = row.string(column(.referralID)), try referralExists!.firstInteger(text: referral) == nil {
                problem(column(.referralID), try missingReference(.referrals, key: referral, noun: "referral"))
            }
        case .attendance:
            if let meeting = row.string(column(.meetingID)), try meetingExists!.firstInteger(text: meeting) == nil {
                problem(column(.meetingID), try missingReference(.meetings, key: meeting, noun: "meeting"))
            }
        case .cohort:
            if let adopted = row.string(column(.adoptedDate)) {
                let exit = row.string(column(.exitDate))
                if let exit, exit < adopted {
                    problem(column(.exitDate), "the exit date is before the adopted date")
                }
                if exit != nil && row.isNull(column(.exitReason)) && fieldHasNoProblem(column(.exitReason), record) {
                    problem(column(.exitReason), "an exit needs an exit_reason")
                }
                if let person = row.string(column(.perpetratorRef)), let panel = row.string(column(.panel)),
                   let other = try String.fetchOne(cohortOverlap!, arguments: [person, panel, adopted, exit]) {
                    let key = [person, panel, other].joined(separator: "\u{1F}")
                    let where_ = try keyLine!.firstInteger(text: table.rawValue, key).map { "line \($0)" }
                        ?? "a membership already in the store"
                    problem(column(.adoptedDate), "overlaps another membership of the same person in this panel (\(where_))")
                }
            }
        case .incidents:
            let victim = column(.victimRef), perpetrator = column(.perpetratorRef)
            if row.isNull(victim) && row.isNull(perpetrator)
                && fieldHasNoProblem(victim, record) && fieldHasNoProblem(perpetrator, record) {
                problem(nil, "needs a perpetrator_ref or a victim_ref (or both)")
            }
        case .meetings, .areas:
            break
        }

        // A second row with the same key in this import.
        if keyIndexes.allSatisfy({ !row.isNull($0) }) {
            let key = keyIndexes.count == 1
                ? row.string(keyIndexes[0])!
                : keyIndexes.map { row.string($0)! }.joined(separator: "\u{1F}")
            if try registerKey!.run(text: table.rawValue, key, integer: record.line) == 0 {
                let first = try keyLine!.firstInteger(text: table.rawValue, key) ?? 0
                let names = table.keyColumns.joined(separator: ", ")
                problem(nil, "a second row with the same \(names) as line \(first)")
            }
        }
    }

    /// Why a referenced row is not there: it was rejected in this import (so this
    /// row goes with it), or it was never exported.
    private func missingReference(_ table: ExportTable, key: String, noun: String) throws -> String {
        if let line = try keyLine!.firstInteger(text: table.rawValue, key) {
            return "its \(noun) (\(table.rawValue).csv line \(line)) was rejected, so this row is too"
        }
        return "no \(noun) with this \(table.keyColumns[0]), in this import or earlier"
    }

    /// True when the field is absent or empty (so "needs one of" is the right
    /// message, not a second one for a cell already reported).
    private func fieldHasNoProblem(_ spec: Int, _ record: CSVRecord) -> Bool {
        guard let f = fieldIndex[spec], f < record.count else { return true }
        return record.isBlank(f)
    }

    private func upsert() throws -> RowOutcome {
        if try insert!.run(row, positions: written) == 1 { return .new }
        guard let update else { return .unchanged }
        return try update.run(row, positions: written) == 1 ? .changed : .unchanged
    }

    /// The record as one CSV line for the rejects file: cells the guard flagged
    /// (identifying data, control characters) masked, dropped columns left out.
    private func maskedLine(_ record: CSVRecord, identifying: Set<Int>) -> String {
        var cells: [String] = []
        for i in 0..<record.count where !droppedIndexes.contains(i) {
            let raw = record.string(i)
            cells.append(identifying.contains(i) ? Mask.value(raw) : raw)
        }
        return cells.map { CSVText.field($0) }.joined(separator: ",")
    }
}

/// Header names are matched ignoring case and surrounding spaces; spaces and
/// hyphens inside count as underscores (`Referral ID` is `referral_id`).
public enum ColumnName {
    public static func normalise(_ header: String) -> String {
        Vocabulary.fold(header)
    }
}
