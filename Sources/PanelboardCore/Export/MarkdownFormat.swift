import GRDB

/// A GitHub-flavoured Markdown table, ready to paste into a report.
public enum MarkdownFormat {
    static func cell(_ text: String) -> String {
        TerminalText.visible(text.replacingOccurrences(of: "\r\n", with: "<br>").replacingOccurrences(of: "\n", with: "<br>"))
            .replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "|", with: "\\|")
    }

    struct Formatter: RowFormatter {
        let window: Int
        private var columns: [String] = []
        private var held: [[DatabaseValue]] = []
        private var started = false

        init(window: Int) { self.window = window }

        mutating func begin(columns: [String], to sink: TextSink) throws {
            self.columns = columns
        }

        mutating func row(_ values: [DatabaseValue], to sink: TextSink) throws {
            if started { return try sink.write(line(values)) }
            held.append(values)
            if held.count >= window { try start(to: sink) }
        }

        mutating func end(to sink: TextSink) throws {
            if !started { try start(to: sink) }
        }

        /// The header, its alignment row (numbers right-aligned, judged on the rows
        /// held) and the rows held.
        private mutating func start(to sink: TextSink) throws {
            started = true
            let numeric = columns.indices.map { i in
                !held.isEmpty && held.allSatisfy { $0[i].isNumber || $0[i].isNull }
            }
            var out = "| " + columns.map(MarkdownFormat.cell).joined(separator: " | ") + " |\n"
            out += "|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
            for row in held { out += line(row) }
            held = []
            try sink.write(out)
        }

        private func line(_ row: [DatabaseValue]) -> String {
            "| " + row.map { MarkdownFormat.cell($0.plainText) }.joined(separator: " | ") + " |\n"
        }
    }
}
