import GRDB

/// Where formatted output goes, a piece at a time.
public protocol TextSink: AnyObject {
    func write(_ text: String) throws
}

/// Collects the output in memory, for small lists and tests.
public final class StringSink: TextSink {
    public private(set) var text = ""
    public init() {}
    public func write(_ text: String) { self.text += text }
}

/// A list format that writes rows as they come, so a query of a million rows runs
/// in the memory of a few. Formats that align columns (table, Markdown) hold a
/// bounded first window of rows to size them.
public protocol RowFormatter {
    mutating func begin(columns: [String], to sink: TextSink) throws
    mutating func row(_ values: [DatabaseValue], to sink: TextSink) throws
    mutating func end(to sink: TextSink) throws
}

extension OutputFormat {
    /// Rows held to size the columns of a streamed table.
    public static let streamingWindow = 1_000

    /// - Parameter window: the rows a table or Markdown format holds to size its
    ///   columns; later rows are cut to those widths.
    public func formatter(window: Int) -> any RowFormatter {
        switch self {
        case .table: TableFormat.Formatter(window: window)
        case .csv: CSVFormat.Formatter()
        case .json: JSONFormat.Formatter()
        case .markdown: MarkdownFormat.Formatter(window: window)
        }
    }

    /// A whole table at once: every row sizes the columns.
    public func render(_ result: ResultTable) -> String {
        let sink = StringSink()
        var formatter = formatter(window: max(1, result.rows.count))
        // A StringSink does not throw.
        try! formatter.begin(columns: result.columns, to: sink)
        for row in result.rows { try! formatter.row(row, to: sink) }
        try! formatter.end(to: sink)
        return sink.text
    }
}

extension RowVisitor {
    /// Formats the rows it is handed into `sink`; call `finish` when they are done.
    public static func formatting(_ format: OutputFormat, into sink: TextSink) -> (visitor: RowVisitor, finish: () throws -> Void) {
        final class Box { var formatter: any RowFormatter; init(_ f: any RowFormatter) { formatter = f } }
        let box = Box(format.formatter(window: OutputFormat.streamingWindow))
        let visitor = RowVisitor(
            columns: { try box.formatter.begin(columns: $0, to: sink) },
            row: { try box.formatter.row($0, to: sink) })
        return (visitor, { try box.formatter.end(to: sink) })
    }
}
