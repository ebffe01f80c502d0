import GRDB

/// RFC 4180 with a header row. Text that a spreadsheet would run as a formula is
/// neutralised; numbers are written as numbers and keep their sign.
public enum CSVFormat {
    public static func render(_ result: ResultTable) -> String { OutputFormat.csv.render(result) }

    struct Formatter: RowFormatter {
        func begin(columns: [String], to sink: TextSink) throws {
            try sink.write(columns.map { CSVText.field(CSVText.neutralised($0)) }.joined(separator: ",") + "\r\n")
        }

        func row(_ values: [DatabaseValue], to sink: TextSink) throws {
            try sink.write(values.map { value in
                value.isNumber ? value.plainText : CSVText.field(CSVText.neutralised(value.plainText))
            }.joined(separator: ",") + "\r\n")
        }

        func end(to sink: TextSink) throws {}
    }
}
