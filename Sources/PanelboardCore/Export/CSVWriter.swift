import Foundation

/// RFC 4180 output, safe to open in a spreadsheet.
public enum CSVText {
    /// Quotes a field when it needs it (comma, quote, line break).
    public static func field(_ value: String) -> String {
        if value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    /// A text cell that a spreadsheet would run as a formula gets a leading `'`.
    /// Only for text: numbers written as numbers keep their sign.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.utf8.first else { return text }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D:
            return "'" + text
        default:
            return text
        }
    }

    /// One record: text cells neutralised and quoted, ending in CRLF as RFC 4180 has it.
    public static func record(_ cells: [String]) -> String {
        cells.map { field(neutralised($0)) }.joined(separator: ",") + "\r\n"
    }
}
