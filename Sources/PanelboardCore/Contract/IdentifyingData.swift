/// The identifying-data guard: exports must be anonymised, and the importer refuses
/// what would let someone recognise a person, before anything is written.
///
/// Two checks: column names that say a column identifies a person
/// (`ColumnNameRule`), and cells that hold a UK postcode, an e-mail address, a UK
/// phone number, a valid NHS number or a National Insurance number. The cell checks
/// look for such a value anywhere in the cell, not only as the whole cell, because a
/// free-text column may hold a sentence, and every cell of every file is checked,
/// typed columns included (a panel code or a count can hold a phone number too).
/// Pseudonymous ids (`V00123`), area names, dates, scores and counts pass.
public enum IdentifyingData {
    public enum Kind: String, Sendable {
        case postcode = "a UK postcode"
        case email = "an e-mail address"
        case phone = "a UK phone number"
        case nhsNumber = "an NHS number"
        case nationalInsurance = "a National Insurance number"
    }

    /// Whether a column's name says it identifies a person.
    public static func isIdentifyingColumn(_ header: String) -> Bool {
        ColumnNameRule.isIdentifying(header)
    }

    /// The first kind of identifying value found in a cell, if any.
    public static func scan(_ cell: String) -> Kind? {
        var cell = cell
        return cell.withUTF8 { scan(bytes: $0) }
    }

    /// The same, on a cell's bytes (the importer's hot loop makes no String).
    static func scan(bytes: UnsafeBufferPointer<UInt8>) -> Kind? {
        var shape = CellShape()
        for b in bytes { shape.count(b) }
        return scan(bytes, shape)
    }

    /// The patterns, tried only when the cell has the characters they need: most
    /// cells are short ids, codes, dates and words, and cost one pass over their
    /// bytes.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ shape: CellShape) -> Kind? {
        if shape.hasAt && containsEmail(bytes) { return .email }
        // A postcode has a digit in each half (GIR 0AA has one) and three letters.
        if shape.digits >= 1 && shape.letters >= 3 && containsPostcode(bytes) { return .postcode }
        if shape.digits >= 6 && shape.letters >= 3 && containsNationalInsurance(bytes) { return .nationalInsurance }
        // Phone and NHS numbers have at least ten digits: dates (eight) never get here.
        if shape.digits >= 10 { return scanDigitRuns(bytes) }
        return nil
    }

    /// `local@domain.tld`: something before the `@`, a dot after it.
    static func containsEmail(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for (i, c) in b.enumerated() where c == 0x40 {
            let localOK = i > 0 && (Bytes.isAlnum(b[i - 1]) || b[i - 1] == 0x2E || b[i - 1] == 0x5F || b[i - 1] == 0x2D || b[i - 1] == 0x2B)
            guard localOK else { continue }
            var end = i + 1
            while end < b.count, Bytes.isAlnum(b[end]) || b[end] == 0x2E || b[end] == 0x2D { end += 1 }
            // A sentence's full stop is not part of the domain.
            while end > i + 1, b[end - 1] == 0x2E || b[end - 1] == 0x2D { end -= 1 }
            let domain = b[(i + 1)..<end]
            if let lastDot = domain.lastIndex(of: 0x2E), lastDot > i + 1, end - lastDot - 1 >= 2 { return true }
        }
        return false
    }
}

/// Counts of the byte classes the patterns need, taken in the one pass every cell
/// gets, with the control characters a cell may not hold.
struct CellShape {
    var digits = 0
    var letters = 0
    var hasAt = false
    /// The first control character (C0 other than tab, LF and CR; DEL; C1), if any.
    var control: UInt32?
    private var previous: UInt8 = 0

    @inline(__always)
    mutating func count(_ b: UInt8) {
        if b &- 0x30 < 10 {
            digits &+= 1
        } else if (b | 0x20) &- 0x61 < 26 {
            letters &+= 1
        } else if b < 0x20 {
            if b != 0x09 && b != 0x0A && b != 0x0D && control == nil { control = UInt32(b) }
        } else if b == 0x40 {
            hasAt = true
        } else if b == 0x7F {
            if control == nil { control = 0x7F }
        } else if previous == 0xC2 && b >= 0x80 && b <= 0x9F {
            // U+0080 to U+009F, the C1 controls, are C2 80 to C2 9F in UTF-8.
            if control == nil { control = UInt32(b) }
        }
        previous = b
    }
}

/// ASCII byte classes for the patterns.
enum Bytes {
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }
    @inline(__always) static func upper(_ b: UInt8) -> UInt8 { b >= 0x61 && b <= 0x7A ? b - 0x20 : b }

    /// The length of a space at `i`: an ASCII space, or a no-break, figure, thin or
    /// narrow no-break space (which a phone number copied from a web page or a
    /// document often carries); 0 when there is none.
    static func spaceLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let c = b[i]
        if c == 0x20 { return 1 }
        if c == 0xC2 && i + 1 < b.count && b[i + 1] == 0xA0 { return 2 }
        if c == 0xE2 && i + 2 < b.count && b[i + 1] == 0x80
            && (b[i + 2] == 0xAF || b[i + 2] == 0x87 || b[i + 2] == 0x89) { return 3 }
        return 0
    }
}

/// Masks a value for messages: the first character stays, every other letter and
/// digit becomes `*`, spaces and punctuation stay (`SW1A 1AA` becomes `S*** ***`),
/// and control characters are shown as escapes (`\x1b`), never raw, so that a cell
/// cannot act on the terminal that shows the message.
/// Every cell value that reaches a message goes through this, identifying or not.
public enum Mask {
    public static func value(_ raw: String) -> String {
        var out = ""
        var first = true
        var length = 0
        for scalar in raw.unicodeScalars {
            if length >= 24 { out += "…"; break }
            length += 1
            let v = scalar.value
            if v < 0x20 || (v >= 0x7F && v <= 0x9F) {
                out += "\\x" + (v < 0x10 ? "0" : "") + String(v, radix: 16)
                continue
            }
            let isSpace = scalar.properties.isWhitespace
            if first && !isSpace { out.unicodeScalars.append(scalar); first = false; continue }
            out.unicodeScalars.append(scalar.properties.isAlphabetic || scalar.properties.numericType != nil ? "*" : scalar)
        }
        return out
    }

    public static func quoted(_ raw: String) -> String { "'\(value(raw))'" }
}
