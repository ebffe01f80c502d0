import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

/// Writes a CSV file that holds row data, so it is created readable by its owner only.
public final class PrivateCSVFile {
    private let handle: UnsafeMutablePointer<FILE>
    public let path: String

    public init(path: String) throws {
        let fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0o600)
        guard fd >= 0, let handle = fdopen(fd, "w") else {
            throw ImportError.cannotRead(path: path, reason: "cannot write: " + String(cString: strerror(errno)))
        }
        // An existing file keeps its mode through O_CREAT; make it private too.
        fchmod(fd, 0o600)
        self.handle = handle
        self.path = path
    }

    public func write(_ cells: [String]) {
        fputs(CSVText.record(cells), handle)
    }

    public func close() {
        fclose(handle)
    }
}
