import Foundation
import GRDB

/// One JSON array of objects keyed by column name: integers and reals as numbers,
/// NULL as null, text as strings (dates are text in the store, so `YYYY-MM-DD`).
public enum JSONFormat {
    public static func render(_ result: ResultTable) -> String { OutputFormat.json.render(result) }

    struct Formatter: RowFormatter {
        private var columns: [String] = []
        private var count = 0

        mutating func begin(columns: [String], to sink: TextSink) throws {
            self.columns = columns.map(JSONFormat.string)
        }

        mutating func row(_ values: [DatabaseValue], to sink: TextSink) throws {
            let members = zip(columns, values).map { column, value in "\(column): \(JSONFormat.value(value))" }
            try sink.write((count == 0 ? "[\n" : ",\n") + "  {" + members.joined(separator: ", ") + "}")
            count += 1
        }

        func end(to sink: TextSink) throws {
            try sink.write(count == 0 ? "[]\n" : "\n]\n")
        }
    }

    static func value(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "null"
        case let .int64(n): String(n)
        case let .double(d): d.isFinite ? number(d) : "null"
        case let .string(s): string(s)
        case .blob: string(value.plainText)
        }
    }

    /// Shortest text that reads back as the same double (`0.25`, `12.1`, `3`).
    public static func number(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    public static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20 || (0x7F...0x9F).contains(c.value):
                // C1 controls too: a terminal may take U+009B for an escape.
                out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

