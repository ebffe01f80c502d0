import GRDB

/// Columns aligned for a terminal: numbers to the right, text to the left, long
/// cells cut with `…` so one long note does not push every other column off screen.
public enum TableFormat {
    public static let maxCellWidth = 40

    public static func render(_ result: ResultTable) -> String {
        let cells = result.rows.map { row in row.map { cut(display($0)) } }
        let headers = result.columns.map { cut($0) }
        var widths = headers.map(\.count)
        for row in cells {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        let numeric = result.columns.indices.map { i in
            !result.rows.isEmpty && result.rows.allSatisfy { $0[i].isNumber || $0[i].isNull }
        }
        func line(_ row: [String]) -> String {
            row.enumerated().map { i, cell in
                numeric[i] ? cell.leftPadding(widths[i]) : cell.padding(widths[i])
            }.joined(separator: "  ").trimmedRight()
        }
        var out = [line(headers), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += cells.map(line)
        out.append("(\(result.rows.count) row\(result.rows.count == 1 ? "" : "s"))")
        return out.joined(separator: "\n") + "\n"
    }

    /// Reals to at most four decimal places, for reading; CSV and JSON stay exact.
    static func display(_ value: DatabaseValue) -> String {
        if case let .double(d) = value.storage, d.isFinite, d != d.rounded() {
            var text = String(format: "%.4f", d)
            while text.hasSuffix("0") { text.removeLast() }
            return text
        }
        return value.plainText
    }

    static func cut(_ text: String) -> String {
        // A line break would break the alignment: show it as a visible mark.
        let flat = text.replacingOccurrences(of: "\r\n", with: "↵").replacingOccurrences(of: "\n", with: "↵")
        return flat.count > maxCellWidth ? String(flat.prefix(maxCellWidth - 1)) + "…" : flat
    }
}

extension String {
    func trimmedRight() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
