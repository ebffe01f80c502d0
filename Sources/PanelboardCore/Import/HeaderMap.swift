/// A file's header read against its table's columns: where each column is, which
/// columns the contract does not know (listed, scanned, not stored), and which were
/// dropped as identifying. Refuses a header that breaks the contract.
struct HeaderMap {
    /// Fields in the header; every row must have as many.
    let count: Int
    /// For each spec column, its field index in the file (nil when absent).
    let fieldIndex: [Int?]
    /// Columns the contract does not know, as written, and their field indexes.
    let unknownColumns: [String]
    let unknownIndexes: [Int]
    /// Identifying columns left out with `--drop-identifying-columns`.
    let droppedColumns: [String]
    let droppedIndexes: Set<Int>

    init(_ record: CSVRecord, specs: [ColumnSpec], file: String, dropIdentifyingColumns: Bool) throws {
        let headerProblems = HeaderCheck.problems(record, file: file)
        if !headerProblems.isEmpty { throw ImportError.badHeader(headerProblems) }
        count = record.count
        var positions: [String: Int] = [:]
        var identifying: [(index: Int, name: String)] = []
        for i in 0..<record.count {
            let written = record.string(i)
            let name = ColumnName.normalise(written)
            if name.isEmpty { continue }
            if positions[name] != nil {
                throw ImportError.duplicateColumn(file: file, column: i + 1, name: name)
            }
            positions[name] = i
            let known = specs.contains { $0.name == name }
            if !known && IdentifyingData.isIdentifyingColumn(written) {
                identifying.append((i, written.trimmingSpaces()))
            }
        }
        if !identifying.isEmpty && !dropIdentifyingColumns {
            throw ImportError.identifyingColumns(file: file, columns: identifying)
        }
        droppedColumns = identifying.map(\.name)
        droppedIndexes = Set(identifying.map(\.index))
        let missing = specs.filter { $0.required && positions[$0.name] == nil }.map(\.name)
        if !missing.isEmpty { throw ImportError.missingColumns(file: file, columns: missing) }

        fieldIndex = specs.map { positions[$0.name] }
        var unknownColumns: [String] = [], unknownIndexes: [Int] = []
        for i in 0..<record.count where !droppedIndexes.contains(i) {
            let name = ColumnName.normalise(record.string(i))
            if !name.isEmpty && !specs.contains(where: { $0.name == name }) {
                unknownColumns.append(record.string(i).trimmingSpaces())
                unknownIndexes.append(i)
            }
        }
        self.unknownColumns = unknownColumns
        self.unknownIndexes = unknownIndexes
    }
}

/// Header names are matched ignoring case and surrounding spaces; spaces and
/// hyphens inside count as underscores (`Referral ID` is `referral_id`).
public enum ColumnName {
    public static func normalise(_ header: String) -> String {
        Vocabulary.fold(header)
    }
}
