/// What an import did, per file: the accounting a coordinator checks, where rows
/// read always equals new + changed + unchanged + rejected.
public struct FileSummary: Sendable, Equatable {
    public var file: String
    public var table: ExportTable
    public var sha256 = ""
    public var bytes = 0
    public var rowsRead = 0
    public var new = 0
    public var changed = 0
    public var unchanged = 0
    public var rejected = 0
    /// Columns the contract does not know, as written in the header.
    public var unknownColumns: [String] = []
    /// Identifying columns left out with --drop-identifying-columns.
    public var droppedColumns: [String] = []
    /// Agency names no mapping knows, kept as written, with how many rows had each.
    public var unmappedAgencies: [String: Int] = [:]
    /// The table's indexes built after the load rather than row by row (a large
    /// file beside what the table held), in the order built.
    public var rebuiltIndexes: [String] = []

    public init(file: String, table: ExportTable) {
        self.file = file
        self.table = table
    }

    public var stored: Int { new + changed + unchanged }
}

public struct ImportSummary: Sendable {
    public enum Status: String, Sendable { case imported, refused }

    public var importID: Int64?
    public var status: Status
    public var files: [FileSummary]
    public var ignoredFiles: [String]
    public var rejectsPath: String?
    public var asOf: Day

    public var rowsRead: Int { files.reduce(0) { $0 + $1.rowsRead } }
    public var rowsRejected: Int { files.reduce(0) { $0 + $1.rejected } }

    /// The summary as printed after an import: a table of counts, then what needs
    /// a look (unknown columns, unmapped agencies, files passed over).
    public var text: String {
        var out: [String] = []
        let headers = ["file", "read", "new", "changed", "unchanged", "rejected"]
        var rows = files.map { f in
            [f.file, "\(f.rowsRead)", "\(f.new)", "\(f.changed)", "\(f.unchanged)", "\(f.rejected)"]
        }
        rows.append(["total", "\(rowsRead)", "\(files.reduce(0) { $0 + $1.new })",
                     "\(files.reduce(0) { $0 + $1.changed })", "\(files.reduce(0) { $0 + $1.unchanged })",
                     "\(rowsRejected)"])
        let widths = headers.indices.map { i in max(headers[i].count, rows.map { $0[i].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == 0 ? cell.padding(widths[i]) : cell.leftPadding(widths[i])
            }.joined(separator: "  ")
        }
        out.append(line(headers))
        for row in rows { out.append(line(row)) }
        for f in files where !f.unknownColumns.isEmpty {
            out.append("\(f.file): unknown columns, not imported: \(f.unknownColumns.joined(separator: ", "))")
        }
        for f in files where !f.droppedColumns.isEmpty {
            out.append("\(f.file): identifying columns dropped, never stored: \(f.droppedColumns.joined(separator: ", "))")
        }
        for f in files where !f.unmappedAgencies.isEmpty {
            let names = f.unmappedAgencies.keys.sorted().map { "\($0) (\(f.unmappedAgencies[$0]!))" }
            out.append("\(f.file): agency names no mapping knows, kept as written: \(names.joined(separator: ", ")). Add them to a mapping file (--mapping FILE) to count them under an agency code.")
        }
        if !ignoredFiles.isEmpty {
            out.append("not part of an export bundle, passed over: \(ignoredFiles.joined(separator: ", "))")
        }
        if rowsRejected > 0, let rejectsPath {
            out.append("\(rowsRejected) row\(rowsRejected == 1 ? "" : "s") rejected, written with the reasons to \(rejectsPath)")
        }
        return out.joined(separator: "\n")
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    func leftPadding(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
