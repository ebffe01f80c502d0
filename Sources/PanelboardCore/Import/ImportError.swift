/// One thing wrong with one cell or row, at its place in the file.
///
/// Messages never hold a cell's value as written: values are masked (`Mask`), so a
/// problem list is safe to paste into an e-mail or a ticket.
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    /// 1-based field position in the record; nil for a problem with the whole row.
    public let column: Int?
    public let columnName: String?
    public let message: String

    public init(file: String, line: Int, column: Int?, columnName: String?, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.message = message
    }

    /// Problems one per line, "... and N more" when only the first were kept, and
    /// what to do.
    static func list(_ problems: [ImportProblem], total: Int, then advice: String) -> String {
        var lines = problems.map(\.description)
        if total > problems.count { lines.append("... and \(total - problems.count) more problems") }
        lines.append(advice)
        return lines.joined(separator: "\n")
    }

    /// `referrals.csv:14:6: error: referral_date: not a date ...`
    public var description: String {
        let place = column.map { "\(file):\(line):\($0)" } ?? "\(file):\(line)"
        let subject = columnName.map { "\($0): " } ?? ""
        return "\(place): error: \(subject)\(message)"
    }
}

/// Why an import did not happen. Each case says where, what, and what to do.
public enum ImportError: Error, Sendable, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    case noReferralsFile(given: [String])
    case notABundleFile(path: String)
    case duplicateTable(ExportTable, [String])
    case notUTF8(file: String, byteOffset: Int, line: Int)
    case malformedCSV(file: String, line: Int, byteOffset: Int?)
    case unclosedQuote(file: String, line: Int)
    /// A field or a record past `CSVLimits`.
    case tooLarge(file: String, line: Int, CSVLimitExceeded)
    case emptyFile(file: String)
    case missingColumns(file: String, columns: [String])
    case duplicateColumn(file: String, column: Int, name: String)
    case identifyingColumns(file: String, columns: [(index: Int, name: String)])
    /// Header cells with no name, or holding identifying data or control characters.
    case badHeader([ImportProblem])
    case badMappingFile(file: String, reason: String)
    case invalidRows([ImportProblem], total: Int)
    case rejectsNeeded
    case identifyingFileName(String)
    case store(String)

    public var description: String {
        switch self {
        case let .cannotRead(path, reason):
            return "cannot read \(path): \(reason)"
        case let .noReferralsFile(given):
            let listed = given.isEmpty ? "nothing" : given.joined(separator: ", ")
            return "no referrals.csv in \(listed): a bundle needs referrals.csv (the other files are optional; panels.csv, members.csv and holidays.csv may come alone). Name a file as a table with --file referrals=PATH if it is called something else."
        case let .notABundleFile(path):
            return "\(path): not a file of the export bundle (expected \(ExportTable.fileList); use --file TABLE=PATH for another name)"
        case let .duplicateTable(table, paths):
            return "two files for \(table.rawValue): \(paths.joined(separator: " and ")); import them one at a time"
        case let .notUTF8(file, byteOffset, line):
            return "\(file):\(line): error: not valid UTF-8 at byte \(byteOffset). If the file was saved from Excel on Windows, import it with --encoding windows-1252, or save it again as \"CSV UTF-8\"."
        case let .malformedCSV(file, line, byteOffset):
            let at = byteOffset.map { " (near byte \($0))" } ?? ""
            return "\(file):\(line): error: malformed CSV\(at): a quote is not closed, or a quoted field has text after its closing quote. Quote fields that hold commas, quotes or line breaks, and double any quote inside them."
        case let .unclosedQuote(file, line):
            return "\(file):\(line): error: malformed CSV: a quoted field that starts in the record on this line is never closed. Close the quote, and double any quote inside a quoted field."
        case let .tooLarge(file, line, exceeded):
            return "\(file):\(line): error: \(exceeded.text). No export holds that much in one place: a quote that is never closed takes in the rest of the file, or this is not a CSV export. Check the quoting from this line on."
        case let .emptyFile(file):
            return "\(file):1: error: the file is empty; a header row is required"
        case let .missingColumns(file, columns):
            return "\(file):1: error: missing required column\(columns.count == 1 ? "" : "s"): \(columns.joined(separator: ", "))"
        case let .duplicateColumn(file, column, name):
            return "\(file):1:\(column): error: column \(name) appears twice in the header"
        case let .identifyingColumns(file, columns):
            let listed = columns.map { "\(file):1:\($0.index + 1): error: column '\($0.name)' identifies a person" }
            return listed.joined(separator: "\n")
                + "\nExports must be anonymised. Remove these columns, or import with --drop-identifying-columns to leave them out (they are never stored)."
        case let .badHeader(problems):
            return ImportProblem.list(problems, total: problems.count, then: "Nothing was imported. Every column needs a name, and a header holds column names only: no identifying data, no control characters.")
        case let .badMappingFile(file, reason):
            return "\(file): error: not a usable agency mapping file: \(reason)"
        case let .invalidRows(problems, total):
            return ImportProblem.list(problems, total: total, then: "Nothing was imported. Fix these rows, or import with --skip-invalid --rejects FILE to keep the valid rows and write the rest to FILE.")
        case let .identifyingFileName(problem):
            return "a file name: \(problem); file names are printed and logged, so rename the file (a name such as referrals.csv, or any name with --file TABLE=PATH)"
        case .rejectsNeeded:
            return "--skip-invalid needs --rejects FILE, so that every row left out is accounted for"
        case let .store(message):
            return "the store could not be written: \(message)"
        }
    }
}
