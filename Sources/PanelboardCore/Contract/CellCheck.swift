/// What the per-cell guard finds in a cell that may not be imported.
enum CellFinding: Equatable, Sendable {
    /// Something that identifies a person (a postcode, a phone number, ...).
    case identifying(IdentifyingData.Kind)
    /// A control character (its code point): C0 other than tab and the line
    /// breaks a quoted CSV field may hold, DEL, or C1. It has no place in an
    /// export, and shown in a terminal it could clear the screen or plant a link.
    case control(UInt32)
}

/// The check every cell of every file gets, header cells included, before its
/// type is parsed: one pass over the bytes libcsv handed over, no String made
/// unless something is found.
enum CellCheck {
    @inline(__always)
    static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> CellFinding? {
        var shape = CellShape()
        for b in bytes { shape.count(b) }
        if shape.digits == 0 && !shape.hasAt && shape.control == nil && !shape.needsFolding { return nil }
        if let kind = IdentifyingData.scan(bytes, shape) { return .identifying(kind) }
        if let control = shape.control { return .control(control) }
        return nil
    }

    static func check(_ cell: String) -> CellFinding? {
        var cell = cell
        return cell.withUTF8 { check($0) }
    }

    /// What is wrong, with the value masked.
    static func message(_ finding: CellFinding, _ raw: String) -> String {
        switch finding {
        case let .identifying(kind):
            return "\(Mask.quoted(raw)) looks like \(kind.rawValue); exports must be anonymised"
        case let .control(code):
            let hex = String(code, radix: 16)
            return "\(Mask.quoted(raw)) holds a control character (\\x\(hex.count < 2 ? "0" : "")\(hex)); exports must be plain text, remove it"
        }
    }

    static func message(_ finding: CellFinding, _ raw: UnsafeBufferPointer<UInt8>) -> String {
        message(finding, raw.string)
    }
}
