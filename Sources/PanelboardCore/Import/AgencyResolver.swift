/// Turns agency cells into agency codes through the mapping, and counts the names no
/// mapping knows, from kept rows only: a rejected row's cells go nowhere but the
/// rejects file.
struct AgencyResolver {
    let mapping: AgencyMapping
    /// Agency cells seen so far and what they resolved to: a file names a handful
    /// of agencies a million times.
    private var cache: [(cell: [UInt8], code: [UInt8]?)] = []
    /// The row's names no mapping knows, counted once the row is kept.
    private var pending: [String] = []
    private(set) var unmapped: [String: Int] = [:]

    init(mapping: AgencyMapping) {
        self.mapping = mapping
    }

    mutating func startRow() {
        pending.removeAll(keepingCapacity: true)
    }

    /// Sets column `s` of `row` to the code, or to the name as written.
    mutating func resolve(_ trimmed: UnsafeBufferPointer<UInt8>, column s: Int, into row: inout RowValues) {
        let code: [UInt8]?
        if let cached = cache.first(where: { $0.cell.elementsEqual(trimmed) }) {
            code = cached.code
        } else {
            code = mapping.resolve(trimmed.string).map { Array($0.utf8) }
            if cache.count < 256 { cache.append((Array(trimmed), code)) }
        }
        if let code {
            row.setText(s, code)
        } else {
            pending.append(trimmed.string)
            row.setText(s, trimmed)
        }
    }

    mutating func keepRow() {
        for name in pending { unmapped[name, default: 0] += 1 }
    }
}
