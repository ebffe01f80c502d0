/// Turns agency cells into agency codes through the mapping. Which names no
/// mapping knows is the caller's to count, from kept rows only (`RowLoader`): a
/// rejected row's cells go nowhere but the rejects file.
struct AgencyResolver: Sendable {
    let mapping: AgencyMapping
    /// Agency cells seen so far and what they resolved to: a file names a handful
    /// of agencies a million times.
    private var cache: [(cell: [UInt8], code: [UInt8]?)] = []

    init(mapping: AgencyMapping) {
        self.mapping = mapping
    }

    /// Sets column `s` of `row` to the code, or to the name as written; returns the
    /// name when no mapping knows it.
    mutating func resolve(_ trimmed: UnsafeBufferPointer<UInt8>, column s: Int, into row: inout RowValues) -> String? {
        let code: [UInt8]?
        if let cached = cache.first(where: { $0.cell.elementsEqual(trimmed) }) {
            code = cached.code
        } else {
            code = mapping.resolve(trimmed.string).map { Array($0.utf8) }
            if cache.count < 256 { cache.append((Array(trimmed), code)) }
        }
        if let code {
            row.setText(s, code)
            return nil
        }
        row.setText(s, trimmed)
        return trimmed.string
    }
}
