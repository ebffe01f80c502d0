/// A GitHub-flavoured Markdown table, ready to paste into a report.
public enum MarkdownFormat {
    public static func render(_ result: ResultTable) -> String {
        func cell(_ text: String) -> String {
            text.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "|", with: "\\|")
                .replacingOccurrences(of: "\r\n", with: "<br>")
                .replacingOccurrences(of: "\n", with: "<br>")
        }
        let numeric = result.columns.indices.map { i in
            !result.rows.isEmpty && result.rows.allSatisfy { $0[i].isNumber || $0[i].isNull }
        }
        var out = "| " + result.columns.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
        for row in result.rows {
            out += "| " + row.map { cell($0.plainText) }.joined(separator: " | ") + " |\n"
        }
        return out
    }
}
