/// The most one field or one record of a CSV file may hold. Far above any real
/// export (the widest contract file has 23 columns, and a free-text cell is a few
/// hundred bytes), and low enough that reading any input, a link to /dev/zero, a
/// FIFO that never ends, a quote that is never closed, takes a few megabytes.
public struct CSVLimits: Sendable, Equatable {
    /// Bytes in one field: 1 MiB.
    public var fieldBytes: Int
    /// Bytes in one record, all its fields together: 4 MiB.
    public var recordBytes: Int
    /// Fields in one record.
    public var recordFields: Int

    public init(fieldBytes: Int = 1 << 20, recordBytes: Int = 4 << 20, recordFields: Int = 4096) {
        self.fieldBytes = fieldBytes
        self.recordBytes = recordBytes
        self.recordFields = recordFields
    }

    public static let standard = CSVLimits()

    /// A limit in bytes as people read it: `1 MiB (1,048,576 bytes)`.
    static func bytes(_ n: Int) -> String {
        let digits = String(n)
        var grouped = ""
        for (k, c) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        if n >= 1 << 20 && n % (1 << 20) == 0 { return "\(n >> 20) MiB (\(grouped) bytes)" }
        return "\(grouped) bytes"
    }
}

/// Which limit a record went past.
public enum CSVLimitExceeded: Sendable, Equatable {
    case fieldBytes(Int)
    case recordBytes(Int)
    case recordFields(Int)

    var text: String {
        switch self {
        case let .fieldBytes(n): "a field longer than \(CSVLimits.bytes(n)) starts on this line"
        case let .recordBytes(n): "the record on this line is longer than \(CSVLimits.bytes(n))"
        case let .recordFields(n): "the record on this line has more than \(n) fields"
        }
    }
}
