import GRDB

/// Columns aligned for a terminal: numbers to the right, text to the left, long
/// cells cut with `…` so one long note does not push every other column off screen.
/// Control characters in a cell are shown as `\x1b`, never sent to the terminal.
public enum TableFormat {
    public static let maxCellWidth = 40

    struct Formatter: RowFormatter {
        let window: Int
        private var headers: [String] = []
        private var held: [[DatabaseValue]] = []
        private var widths: [Int] = []
        private var numeric: [Bool] = []
        private var sized = false
        private var count = 0

        init(window: Int) { self.window = window }

        mutating func begin(columns: [String], to sink: TextSink) throws {
            headers = columns.map { cut($0) }
        }

        mutating func row(_ values: [DatabaseValue], to sink: TextSink) throws {
            count += 1
            if sized { return try sink.write(line(values.map { cut(display($0)) }) + "\n") }
            held.append(values)
            if held.count >= window { try size(to: sink) }
        }

        mutating func end(to sink: TextSink) throws {
            if !sized { try size(to: sink) }
            try sink.write("(\(count) row\(count == 1 ? "" : "s"))\n")
        }

        /// Sizes the columns on the rows held, and writes them.
        private mutating func size(to sink: TextSink) throws {
            sized = true
            let cells = held.map { row in row.map { cut(display($0)) } }
            widths = headers.map(\.count)
            for row in cells {
                for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
            }
            numeric = headers.indices.map { i in
                !held.isEmpty && held.allSatisfy { $0[i].isNumber || $0[i].isNull }
            }
            var out = line(headers) + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
            for row in cells { out += line(row) + "\n" }
            held = []
            try sink.write(out)
        }

        private func line(_ row: [String]) -> String {
            row.enumerated().map { i, cell in
                let fitted = cell.count > widths[i] ? String(cell.prefix(max(1, widths[i] - 1))) + "…" : cell
                return numeric[i] ? fitted.leftPadding(widths[i]) : fitted.padding(widths[i])
            }.joined(separator: "  ").trimmedRight()
        }
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
        let flat = TerminalText.visible(text)
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
