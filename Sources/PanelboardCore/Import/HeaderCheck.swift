/// The header row's own guard: every column has a name, and no header cell holds
/// identifying data or a control character. A header cell is a cell like any other:
/// an export that puts a postcode there has not been anonymised, and its header
/// names are printed and logged (unknown columns), or become column names (raw
/// imports).
enum HeaderCheck {
    /// The header's problems, one per cell, with values masked.
    static func problems(_ record: CSVRecord, file: String) -> [ImportProblem] {
        var problems: [ImportProblem] = []
        record.bytes.withUnsafeBufferPointer { bytes in
            for i in 0..<record.count {
                let cell = UnsafeBufferPointer(rebasing: bytes[record.range(i)])
                let place = (line: record.lines[i], column: i + 1)
                if let finding = CellCheck.check(cell) {
                    problems.append(ImportProblem(
                        file: file, line: place.line, column: place.column, columnName: nil,
                        message: "header " + CellCheck.message(finding, cell)))
                } else if cell.trimmingSpaces().isEmpty {
                    problems.append(ImportProblem(
                        file: file, line: place.line, column: place.column, columnName: nil,
                        message: "the column has no name; name it, or remove it (a comma at the end of the header line makes one)"))
                }
            }
        }
        return problems
    }
}
