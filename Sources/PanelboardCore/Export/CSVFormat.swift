/// RFC 4180 with a header row. Text that a spreadsheet would run as a formula is
/// neutralised; numbers are written as numbers and keep their sign.
public enum CSVFormat {
    public static func render(_ result: ResultTable) -> String {
        var out = result.columns.map { CSVText.field(CSVText.neutralised($0)) }.joined(separator: ",") + "\r\n"
        for row in result.rows {
            out += row.map { value in
                value.isNumber ? value.plainText : CSVText.field(CSVText.neutralised(value.plainText))
            }.joined(separator: ",") + "\r\n"
        }
        return out
    }
}
