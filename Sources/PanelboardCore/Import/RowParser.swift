/// One row as the store-free half of loading leaves it: typed, guarded, its
/// problems so far, for the half that needs the store (`RowLoader`).
///
/// Reused from row to row (and, read ahead, from batch to batch): clearing keeps
/// its buffers, so a million rows cost no allocation each.
struct ParsedRow: Sendable {
    var row: RowValues
    /// Problems found without the store: the guard's, the cells' types, the field count.
    var problems: [ImportProblem] = []
    /// Cells the guard flagged (identifying data, control characters), by field
    /// index, masked in the rejects file.
    var identifyingFields: Set<Int> = []
    /// The row's field count differs from the header's: nothing else was checked.
    var misaligned = false
    /// Agency names no mapping knows, counted only if the row is kept.
    var unmappedAgencies: [String] = []

    init(columns: Int) {
        row = RowValues(count: columns, reserve: 0)
    }

    mutating func clear() {
        row.clear()
        problems.removeAll(keepingCapacity: true)
        identifyingFields.removeAll(keepingCapacity: true)
        misaligned = false
        unmappedAgencies.removeAll(keepingCapacity: true)
    }
}

/// The half of loading a row that needs nothing from the store, so it can run on
/// the reading thread: the guard (`CellCheck`) on every cell, then each cell
/// typed (`CellParser`) and each agency name resolved. Every cell passes the
/// guard before its type is parsed: a phone number is a whole number, a postcode
/// a valid panel code.
struct RowParser: Sendable {
    let header: HeaderMap
    private let specs: [ColumnSpec]
    private let fileName: String
    private let parser: CellParser
    private var agencies: AgencyResolver

    /// From the file's header record; throws what a header that breaks the
    /// contract is refused with.
    init(header record: CSVRecord, table: ExportTable, fileName: String, mapping: AgencyMapping,
         dropIdentifyingColumns: Bool, asOf: Day) throws {
        specs = table.columns
        header = try HeaderMap(record, specs: specs, file: fileName, dropIdentifyingColumns: dropIdentifyingColumns)
        self.fileName = fileName
        parser = CellParser(specs: specs, asOf: asOf)
        agencies = AgencyResolver(mapping: mapping)
    }

    var columns: Int { specs.count }

    /// A problem with column `spec` (nil: the whole row), on the line its cell starts.
    static func problem(_ spec: Int?, _ message: String, record: CSVRecord, fieldIndex: [Int?], specs: [ColumnSpec],
                        fileName: String) -> ImportProblem {
        let field = spec.flatMap { fieldIndex[$0] }
        return ImportProblem(
            file: fileName, line: field.map { record.lines[min($0, record.count - 1)] } ?? record.line,
            column: field.map { $0 + 1 }, columnName: spec.map { specs[$0].name }, message: message)
    }

    mutating func parse(_ record: CSVRecord, into parsed: inout ParsedRow) {
        parsed.clear()
        if record.count != header.count {
            misaligned(record, into: &parsed)
            return
        }
        let header = self.header, specs = self.specs, fileName = self.fileName, parser = self.parser
        record.bytes.withUnsafeBufferPointer { bytes in
            // Unknown columns are not stored, but a postcode in one still means the
            // export was not anonymised.
            for (k, i) in header.unknownIndexes.enumerated() where i < record.count && !record.isEmpty(i) {
                let cell = UnsafeBufferPointer(rebasing: bytes[record.range(i)])
                if let finding = CellCheck.check(cell) {
                    parsed.identifyingFields.insert(i)
                    parsed.problems.append(ImportProblem(
                        file: fileName, line: record.lines[i], column: i + 1,
                        columnName: ColumnName.normalise(header.unknownColumns[k]),
                        message: CellCheck.message(finding, cell)))
                }
            }
            for s in specs.indices {
                guard let f = header.fieldIndex[s], f < record.count else {
                    if specs[s].required && header.fieldIndex[s] != nil {
                        parsed.problems.append(Self.problem(s, "required, but the row ends before it", record: record,
                                                            fieldIndex: header.fieldIndex, specs: specs, fileName: fileName))
                    }
                    continue
                }
                let cell = UnsafeBufferPointer(rebasing: bytes[record.range(f)])
                if let finding = CellCheck.check(cell) {
                    parsed.identifyingFields.insert(f)
                    parsed.problems.append(Self.problem(s, CellCheck.message(finding, cell), record: record,
                                                        fieldIndex: header.fieldIndex, specs: specs, fileName: fileName))
                    continue
                }
                switch parser.parse(s, cell, into: &parsed.row) {
                case .parsed: break
                case let .agency(trimmed):
                    if let unmapped = agencies.resolve(trimmed, column: s, into: &parsed.row) {
                        parsed.unmappedAgencies.append(unmapped)
                    }
                case let .problem(message):
                    parsed.problems.append(Self.problem(s, message, record: record, fieldIndex: header.fieldIndex, specs: specs,
                                                        fileName: fileName))
                }
            }
        }
    }

    /// A row whose field count differs from the header's: its cells are out of line
    /// with the header, so their checks would only mislead; but identifying data is
    /// refused wherever it stands.
    private func misaligned(_ record: CSVRecord, into parsed: inout ParsedRow) {
        parsed.misaligned = true
        parsed.problems.append(ImportProblem(
            file: fileName, line: record.line, column: nil, columnName: nil,
            message: "the row has \(record.count) fields but the header has \(header.count); check for an unquoted comma"))
        let dropped = header.droppedIndexes
        record.bytes.withUnsafeBufferPointer { bytes in
            for i in 0..<record.count where !dropped.contains(i) && !record.isEmpty(i) {
                if CellCheck.check(UnsafeBufferPointer(rebasing: bytes[record.range(i)])) != nil {
                    parsed.identifyingFields.insert(i)
                }
            }
        }
        if !parsed.identifyingFields.isEmpty {
            parsed.problems.append(ImportProblem(
                file: fileName, line: record.line, column: nil, columnName: nil,
                message: "the row also holds what looks like identifying data or control characters; exports must be anonymised plain text"))
        }
    }
}

/// The import's reading stage (`ReadAhead`): the header record makes the file's
/// `RowParser` (a header the contract refuses ends the reading with its error);
/// every later record is parsed into its `ParsedRow` on the reading thread.
struct ParsingStage: ReadingStage {
    let table: ExportTable
    let fileName: String
    let mapping: AgencyMapping
    let dropIdentifyingColumns: Bool
    let asOf: Day
    private let columns: Int
    private var parser: RowParser?

    init(table: ExportTable, fileName: String, mapping: AgencyMapping, dropIdentifyingColumns: Bool, asOf: Day) {
        self.table = table
        self.fileName = fileName
        self.mapping = mapping
        self.dropIdentifyingColumns = dropIdentifyingColumns
        self.asOf = asOf
        columns = table.columns.count
    }

    func makeOutput() -> ParsedRow { ParsedRow(columns: columns) }

    mutating func prepare(_ record: CSVRecord, into output: inout ParsedRow) throws {
        guard parser != nil else {
            parser = try RowParser(header: record, table: table, fileName: fileName, mapping: mapping,
                                   dropIdentifyingColumns: dropIdentifyingColumns, asOf: asOf)
            output.clear()
            return
        }
        parser!.parse(record, into: &output)
    }
}
