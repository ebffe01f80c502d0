import Foundation
import GRDB

/// One JSON array of objects keyed by column name: integers and reals as numbers,
/// NULL as null, text as strings (dates are text in the store, so `YYYY-MM-DD`).
public enum JSONFormat {
    public static func render(_ result: ResultTable) -> String {
        if result.rows.isEmpty { return "[]\n" }
        var out = "[\n"
        for (r, row) in result.rows.enumerated() {
            let members = zip(result.columns, row).map { column, value in
                "\(string(column)): \(self.value(value))"
            }
            out += "  {" + members.joined(separator: ", ") + "}" + (r == result.rows.count - 1 ? "\n" : ",\n")
        }
        return out + "]\n"
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
            case let c where c.value < 0x20:
                out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

