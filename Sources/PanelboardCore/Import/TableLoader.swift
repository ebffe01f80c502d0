import GRDB

enum RowOutcome {
    case new, changed, unchanged
    /// The row's problems, and the row re-written as one CSV line with identifying
    /// cells masked, for the rejects file.
    case rejected([ImportProblem], String)
}

/// Loads one file's records into one table: the header first, then each row
/// through the guard (`CellCheck`), the cell parser, the contract's row rules, the
/// store's checks and the upsert.
struct TableLoader {
    private let db: Database
    private let table: ExportTable
    private let fileName: String
    private let mapping: AgencyMapping
    private let options: ImportOptions
    private let storePath: String
    private let fileBytes: Int
    /// Made from the header: the rows' loader, its statements prepared.
    private var rows: RowLoader?
    private var deferral: IndexDeferral?

    init(db: Database, table: ExportTable, fileName: String, mapping: AgencyMapping, options: ImportOptions,
         storePath: String, fileBytes: Int) {
        self.db = db
        self.table = table
        self.fileName = fileName
        self.mapping = mapping
        self.options = options
        self.storePath = storePath
        self.fileBytes = fileBytes
    }

    var sawHeader: Bool { rows != nil }
    var unknownColumns: [String] { rows?.header.unknownColumns ?? [] }
    var droppedColumns: [String] { rows?.header.droppedColumns ?? [] }
    var unmappedAgencies: [String: Int] { rows?.agencies.unmapped ?? [:] }

    /// Returns nil for the header record.
    mutating func load(_ record: CSVRecord) throws -> RowOutcome? {
        guard rows != nil else {
            let specs = table.columns
            let header = try HeaderMap(record, specs: specs, file: fileName,
                                       dropIdentifyingColumns: options.dropIdentifyingColumns)
            rows = try RowLoader(db: db, table: table, specs: specs, header: header, fileName: fileName,
                                 mapping: mapping, asOf: options.asOf)
            deferral = try IndexDeferral(db: db, table: table, storePath: storePath, fileBytes: fileBytes,
                                         policy: options.indexDeferral)
            return nil
        }
        let outcome = try rows!.load(record)
        if case .new = outcome {
            try deferral?.observe(record, isNew: true, db: db)
        } else {
            try deferral?.observe(record, isNew: false, db: db)
        }
        return outcome
    }

    /// Builds any indexes the file's load deferred; returns their names.
    func finish() throws -> [String] {
        guard let deferral else { return [] }
        try deferral.finish(db)
        return deferral.dropped.map { $0.name }
    }
}

/// One file's rows, once its header is known.
struct RowLoader {
    let header: HeaderMap
    private(set) var agencies: AgencyResolver
    private let table: ExportTable
    private let specs: [ColumnSpec]
    private let fileName: String
    private let parser: CellParser
    private let rules: RowRules
    private let checks: StoreChecks
    private let upsert: Upsert
    /// The stored values of the rule columns this file leaves out (nil when it has them all).
    private let storedValues: StoredValues?
    /// The row being loaded, reused from row to row.
    private var row: RowValues

    init(db: Database, table: ExportTable, specs: [ColumnSpec], header: HeaderMap, fileName: String,
         mapping: AgencyMapping, asOf: Day) throws {
        self.header = header
        self.table = table
        self.specs = specs
        self.fileName = fileName
        agencies = AgencyResolver(mapping: mapping)
        parser = CellParser(specs: specs, asOf: asOf)
        rules = RowRules(table: table, specs: specs)
        checks = try StoreChecks(db: db, table: table, specs: specs)
        upsert = try Upsert(db: db, table: table, specs: specs, fieldIndex: header.fieldIndex, keys: checks.keys)
        storedValues = try StoredValues(table: table, specs: specs, fieldIndex: header.fieldIndex, keys: checks.keys, db: db)
        row = RowValues(count: specs.count)
    }

    mutating func load(_ record: CSVRecord) throws -> RowOutcome {
        var problems: [ImportProblem] = []
        let fieldIndex = header.fieldIndex, specs = self.specs, fileName = self.fileName
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

        if record.count != header.count {
            return try rejectMisaligned(record, problems: problems)
        }

        row.clear()
        agencies.startRow()
        record.bytes.withUnsafeBufferPointer { bytes in
            // Unknown columns are not stored, but a postcode in one still means the
            // export was not anonymised.
            for (k, i) in header.unknownIndexes.enumerated() where i < record.count && !record.isEmpty(i) {
                let cell = UnsafeBufferPointer(rebasing: bytes[record.range(i)])
                if let finding = CellCheck.check(cell) {
                    identifyingFields.insert(i)
                    problems.append(ImportProblem(
                        file: fileName, line: record.lines[i], column: i + 1,
                        columnName: ColumnName.normalise(header.unknownColumns[k]),
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
                    continue
                }
                switch parser.parse(s, cell, into: &row) {
                case .parsed: break
                case let .agency(trimmed): agencies.resolve(trimmed, column: s, into: &row)
                case let .problem(message): problem(s, message)
                }
            }
        }

        inStore = try storedValues?.fill(&row) ?? false
        rules.check(&row, given: { s in
            guard let f = fieldIndex[s], f < record.count else { return .absent }
            return record.isBlank(f) ? .blank : .written
        }, problem: problem)
        try checks.check(row, line: record.line, problem: problem)

        if problems.isEmpty {
            agencies.keepRow()
            return try upsert.run(row)
        }
        return .rejected(problems, maskedLine(record, identifying: identifyingFields))
    }

    /// A row whose field count differs from the header's: its cells are out of line
    /// with the header, so their checks would only mislead; but identifying data is
    /// refused wherever it stands.
    private func rejectMisaligned(_ record: CSVRecord, problems: [ImportProblem]) throws -> RowOutcome {
        var problems = problems
        var identifyingFields: Set<Int> = []
        problems.append(ImportProblem(
            file: fileName, line: record.line, column: nil, columnName: nil,
            message: "the row has \(record.count) fields but the header has \(header.count); check for an unquoted comma"))
        record.bytes.withUnsafeBufferPointer { bytes in
            for i in 0..<record.count where !header.droppedIndexes.contains(i) && !record.isEmpty(i) {
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
        let keys = checks.keys
        if keys.count == 1, let f = header.fieldIndex[keys[0]], f < record.count,
           !record.isBlank(f), !identifyingFields.contains(f) {
            try checks.registerRejected(key: record.string(f).trimmingSpaces(), line: record.line)
        }
        return .rejected(problems, maskedLine(record, identifying: identifyingFields))
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
