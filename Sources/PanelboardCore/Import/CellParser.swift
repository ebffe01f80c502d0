/// Parses one cell of a contract file into its typed value, on the cell's bytes: a
/// String is made only for a message. It knows the table's column types and the
/// import's as-of date, and nothing of the store, the row or the guard (every cell
/// has passed `CellCheck` before it gets here).
///
/// The types, requirements and date rules sit in arrays of plain values: the hot
/// loop reads them without copying a `ColumnSpec` (and retaining its names) for
/// every cell.
struct CellParser {
    private let types: [ColumnType]
    private let required: [Bool]
    private let mayBeAfterAsOf: [Bool]
    /// An enumeration's values as bytes.
    private let vocabularyValues: [[[UInt8]]]
    private let asOf: Day

    init(specs: [ColumnSpec], asOf: Day) {
        types = specs.map(\.type)
        required = specs.map(\.required)
        mayBeAfterAsOf = specs.map(\.mayBeAfterAsOf)
        vocabularyValues = specs.map { spec in
            if case let .enumeration(vocabulary) = spec.type { return vocabulary.valueBytes }
            return []
        }
        self.asOf = asOf
    }

    enum Outcome {
        /// The value is in the row (or the cell is empty and may be).
        case parsed
        /// An agency cell, trimmed, for the caller to resolve through the mapping.
        case agency(UnsafeBufferPointer<UInt8>)
        /// What is wrong with the cell, the value masked.
        case problem(String)
    }

    /// Sets column `s` of `row` from the cell `raw`, or says what is wrong with it.
    func parse(_ s: Int, _ raw: UnsafeBufferPointer<UInt8>, into row: inout RowValues) -> Outcome {
        let trimmed = raw.trimmingSpaces()
        if trimmed.isEmpty {
            return required[s] ? .problem("required, but empty") : .parsed
        }
        switch types[s] {
        case .id, .text:
            row.setText(s, trimmed)
        case .panelCode:
            guard trimmed.allSatisfy(Self.isPanelCodeByte) else {
                return .problem("\(Mask.quoted(raw.string)) is not a panel code (letters, digits, _ or -, e.g. MARAC, DRAMM, DAPP, IDAP)")
            }
            row.setText(s, trimmed.map(Self.upper))
        case .panelCodeList:
            let codes = trimmed.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
            guard codes.allSatisfy({ $0.allSatisfy(Self.isPanelCodeByte) }) else {
                return .problem("\(Mask.quoted(raw.string)) is not a list of panel codes (codes separated by spaces, e.g. MARAC DRAMM)")
            }
            row.setText(s, Array(codes.map { $0.map(Self.upper) }.joined(separator: [0x20])))
        case .date:
            let day: Day
            switch Day.check(bytes: trimmed) {
            case let .success(parsed): day = parsed
            case let .failure(why): return .problem("\(Mask.quoted(raw.string)) is \(why)")
            }
            if day > asOf && !mayBeAfterAsOf[s] {
                return .problem("the date is after the as-of date \(asOf.iso); a date in the future is a mistake in the export (or set --as-of)")
            }
            row.setDay(s, day)
        case .boolean:
            guard let flag = BooleanCell.parse(bytes: trimmed) else {
                return .problem("\(Mask.quoted(raw.string)) is not a yes/no value (use Y/N, Yes/No, TRUE/FALSE or 1/0)")
            }
            row.setInteger(s, flag ? 1 : 0)
        case let .integer(min, max):
            guard let n = trimmed.plainInteger ?? Int64(trimmed.string), n >= min, n <= max else {
                return .problem("\(Mask.quoted(raw.string)) is not a whole number (\(min) to \(max))")
            }
            row.setInteger(s, n)
        case let .enumeration(vocabulary):
            guard let value = vocabulary.canonical(bytes: trimmed, values: vocabularyValues[s]) else {
                return .problem("\(Mask.quoted(raw.string)) is not \(vocabulary.withArticle) (use \(vocabulary.values.joined(separator: ", ")))")
            }
            row.setText(s, value)
        case .agency:
            return .agency(trimmed)
        }
        return .parsed
    }

    private static func isPanelCodeByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || b == 0x5F || b == 0x2D
    }

    private static func upper(_ b: UInt8) -> UInt8 { b >= 0x61 && b <= 0x7A ? b - 0x20 : b }
}
