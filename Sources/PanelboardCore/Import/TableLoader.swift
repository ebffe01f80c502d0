import GRDB

enum RowOutcome {
    case new, changed, unchanged
    /// The row's problems, and the row re-written as one CSV line with identifying
    /// cells masked, for the rejects file.
    case rejected([ImportProblem], String)
}

/// Loads one file's records into one table: the header first, then each row
/// through the guard (`CellCheck`) and the cell parser (`RowParser`, on the
/// reading thread when the file is read ahead), then the contract's row rules,
/// the store's checks and the upsert (`RowLoader`, on the thread that holds the
/// transaction).
struct TableLoader {
    private let db: Database
    private let table: ExportTable
    private let fileName: String
    private let mapping: AgencyMapping
    private let options: ImportOptions
    private let storePath: String
    private let fileBytes: Int
    /// Made from the header: the rows' parser (used when reading inline) and
    /// loader, its statements prepared.
    private var parser: RowParser?
    private var rows: RowLoader?
    private var deferral: IndexDeferral?
    /// The row being parsed inline, reused from row to row.
    private var parsed: ParsedRow

    init(db: Database, table: ExportTable, fileName: String, mapping: AgencyMapping, options: ImportOptions,
         storePath: String, fileBytes: Int) {
        self.db = db
        self.table = table
        self.fileName = fileName
        self.mapping = mapping
        self.options = options
        self.storePath = storePath
        self.fileBytes = fileBytes
        parsed = ParsedRow(columns: table.columns.count)
    }

    var sawHeader: Bool { rows != nil }
    /// Whether the table was empty as the file began (`FirstLoad`): nothing in it
    /// can have disappeared, and its kept rows' keys were not staged.
    var wasFirstLoad: Bool { rows?.firstLoad ?? false }
    var unknownColumns: [String] { rows?.header.unknownColumns ?? [] }
    var droppedColumns: [String] { rows?.header.droppedColumns ?? [] }
    var unmappedAgencies: [String: Int] { rows?.unmappedAgencies ?? [:] }

    /// The reading stage that parses this file's rows on the reading thread, as
    /// `load(_:)` would on this one.
    var parsingStage: ParsingStage {
        ParsingStage(table: table, fileName: fileName, mapping: mapping,
                     dropIdentifyingColumns: options.dropIdentifyingColumns, asOf: options.asOf)
    }

    /// Parses and loads a record read on this thread. Returns nil for the header record.
    mutating func load(_ record: CSVRecord) throws -> RowOutcome? {
        guard parser != nil else {
            try readHeader(record)
            return nil
        }
        // Out of self while it is loaded (an empty row allocates nothing).
        var row = ParsedRow(columns: 0)
        swap(&row, &parsed)
        defer { swap(&row, &parsed) }
        parser!.parse(record, into: &row)
        return try load(record, parsed: &row)
    }

    /// Loads a record that `parsingStage` has parsed (for the header record, made
    /// the parser). Returns nil for the header record.
    mutating func load(_ record: CSVRecord, parsed: inout ParsedRow) throws -> RowOutcome? {
        guard rows != nil else {
            try readHeader(record)
            return nil
        }
        let outcome = try rows!.load(record, parsed: &parsed)
        if case .new = outcome {
            try deferral?.observe(record, isNew: true, db: db)
        } else {
            try deferral?.observe(record, isNew: false, db: db)
        }
        return outcome
    }

    private mutating func readHeader(_ record: CSVRecord) throws {
        let parser = try RowParser(header: record, table: table, fileName: fileName, mapping: mapping,
                                   dropIdentifyingColumns: options.dropIdentifyingColumns, asOf: options.asOf)
        self.parser = parser
        rows = try RowLoader(db: db, table: table, header: parser.header, fileName: fileName)
        deferral = try IndexDeferral(db: db, table: table, storePath: storePath, fileBytes: fileBytes,
                                     policy: options.indexDeferral)
    }

    /// Builds any indexes the file's load deferred; returns their names.
    func finish() throws -> [String] {
        guard let deferral else { return [] }
        try deferral.finish(db)
        return deferral.dropped.map { $0.name }
    }
}

/// One file's rows, once its header is known and each row parsed: the half of
/// loading that needs the store (stored values of omitted columns, the row
/// rules on the row as it will be stored, references, duplicate keys, the upsert).
struct RowLoader {
    let header: HeaderMap
    /// Agency names no mapping knows, counted from kept rows only: a rejected
    /// row's cells go nowhere but the rejects file.
    private(set) var unmappedAgencies: [String: Int] = [:]
    private let table: ExportTable
    private let specs: [ColumnSpec]
    private let fileName: String
    private let rules: RowRules
    private let checks: StoreChecks
    private let upsert: Upsert
    /// The stored values of the rule columns this file leaves out (nil when it has them all).
    private let storedValues: StoredValues?
    /// The row being loaded: the parsed row's values, swapped in and out.
    private var row: RowValues

    init(db: Database, table: ExportTable, header: HeaderMap, fileName: String) throws {
        let specs = table.columns
        self.header = header
        self.table = table
        self.specs = specs
        self.fileName = fileName
        rules = RowRules(table: table, specs: specs)
        checks = try StoreChecks(db: db, table: table, specs: specs,
                                 firstLoad: try FirstLoad(db: db, table: table, specs: specs))
        upsert = try Upsert(db: db, table: table, specs: specs, fieldIndex: header.fieldIndex, keys: checks.keys,
                            firstLoad: checks.firstLoad != nil)
        storedValues = try StoredValues(table: table, specs: specs, fieldIndex: header.fieldIndex, keys: checks.keys, db: db)
        row = RowValues(count: specs.count, reserve: 0)
    }

    mutating func load(_ record: CSVRecord, parsed: inout ParsedRow) throws -> RowOutcome {
        if parsed.misaligned { return try rejectMisaligned(record, parsed) }
        var problems = parsed.problems
        let fieldIndex = header.fieldIndex, specs = self.specs, fileName = self.fileName
        var inStore = false
        func problem(_ spec: Int?, _ message: String) {
            // A rule column the file leaves out was judged by its stored value.
            let stored = inStore && (spec.map { fieldIndex[$0] == nil } ?? false)
            problems.append(RowParser.problem(
                spec, stored ? message + " (the value stored by an earlier import: this file has no \(specs[spec!].name) column)" : message,
                record: record, fieldIndex: fieldIndex, specs: specs, fileName: fileName))
        }
        // The parsed values become the loader's row without a copy, and go back to
        // the parsed row (its buffers reused for a later one) when this row is done.
        swap(&row, &parsed.row)
        defer { swap(&row, &parsed.row) }

        inStore = try storedValues?.fill(&row) ?? false
        rules.check(&row, given: { s in
            guard let f = fieldIndex[s], f < record.count else { return .absent }
            return record.isBlank(f) ? .blank : .written
        }, problem: problem)
        try checks.check(row, line: record.line, rejected: !problems.isEmpty, problem: problem)

        if problems.isEmpty {
            guard let firstLoad = checks.firstLoad else { return kept(parsed.unmappedAgencies, try upsert.run(row)) }
            if try upsert.insert(row, line: record.line) { return kept(parsed.unmappedAgencies, .new) }
            // Not inserted: an earlier row of the file is stored under this key.
            guard let first = try row.string(firstLoad.keySpec).flatMap({ try firstLoad.storedLine(of: $0) }) else {
                // No such row (a constraint the row rules missed): as the upsert has it.
                return kept(parsed.unmappedAgencies, try upsert.run(row))
            }
            problem(nil, checks.duplicate(of: first))
        }
        return .rejected(problems, maskedLine(record, identifying: parsed.identifyingFields))
    }

    /// Whether the table was empty as the file began (`FirstLoad`).
    var firstLoad: Bool { checks.firstLoad != nil }

    /// A kept row's outcome, its unmapped agencies counted.
    private mutating func kept(_ agencies: [String], _ outcome: RowOutcome) -> RowOutcome {
        for name in agencies { unmappedAgencies[name, default: 0] += 1 }
        return outcome
    }

    /// A row whose field count differs from the header's (`RowParser` judged it).
    /// Its id is registered all the same when its column is there and clean, so
    /// that a row referring to it is told this row was rejected, not that there is
    /// no such row.
    private func rejectMisaligned(_ record: CSVRecord, _ parsed: ParsedRow) throws -> RowOutcome {
        let keys = checks.keys
        if keys.count == 1, let f = header.fieldIndex[keys[0]], f < record.count,
           !record.isBlank(f), !parsed.identifyingFields.contains(f) {
            try checks.registerRejected(key: record.string(f).trimmingSpaces(), line: record.line)
        }
        return .rejected(parsed.problems, maskedLine(record, identifying: parsed.identifyingFields))
    }

    /// The record as one CSV line for the rejects file: cells the guard flagged
    /// (identifying data, control characters) masked, dropped columns left out.
    private func maskedLine(_ record: CSVRecord, identifying: Set<Int>) -> String {
        var cells: [String] = []
        for i in 0..<record.count where !header.droppedIndexes.contains(i) {
            let raw = record.string(i)
            cells.append(identifying.contains(i) ? Mask.value(raw) : raw)
        }
        return cells.map { CSVText.field($0) }.joined(separator: ",")
    }
}

extension RowValues: RuleRow {}
