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
        if let kind = patterns(bytes, shape) { return kind }
        if shape.hasPostcodeSeparator && shape.digits >= 1 && shape.letters >= 3 && postcodeAcrossSeparator(bytes) {
            return .postcode
        }
        guard shape.needsFolding else { return nil }
        // The cell as typed, then as read: people (and word processors) write a
        // phone number with en dashes, a postcode across a line break, an e-mail
        // with a full-width `@`, and paste in zero-width spaces; the patterns are
        // written for ASCII. So a cell that holds anything but plain ASCII, or
        // spacing a pattern does not expect, is looked at a second time, folded.
        // Rare in real exports, so it costs the import nothing.
        return CellFolding.folded(bytes).withUnsafeBufferPointer { f -> Kind? in
            var foldedShape = CellShape()
            for b in f { foldedShape.count(b) }
            if let kind = patterns(f, foldedShape) { return kind }
            guard foldedShape.digits >= 1 && foldedShape.letters >= 3 else { return nil }
            return postcodeAcrossSeparator(f) ? .postcode : nil
        }
    }

    /// `.`, `/` and `_` are part of e-mail addresses, dates and phone groupings;
    /// between the halves of a postcode (`SW1A.1AA`) they are only separators.
    static func postcodeAcrossSeparator(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let spaced = bytes.map { $0 == 0x2E || $0 == 0x2F || $0 == 0x5F ? 0x20 : $0 }
        return spaced.withUnsafeBufferPointer { containsPostcode($0) }
    }

    /// The patterns on the bytes as they are.
    private static func patterns(_ bytes: UnsafeBufferPointer<UInt8>, _ shape: CellShape) -> Kind? {
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
    /// Bytes that need the folded second look (`CellCheck.folded`): anything not
    /// ASCII, a tab or line break, two spaces in a row.
    var needsFolding = false
    /// A `.`, `/` or `_`, which may stand between the halves of a postcode.
    var hasPostcodeSeparator = false
    private var previous: UInt8 = 0
    private var beforePrevious: UInt8 = 0

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
        if b >= 0x80 || b == 0x09 || b == 0x0A || b == 0x0D || (b == 0x20 && previous == 0x20) {
            needsFolding = true
            // Direction controls (U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069,
            // E2 80 8E... in UTF-8) make text display in another order than it is
            // stored: in a terminal, a report or the rejects file they disguise a cell.
            if beforePrevious == 0xE2 && control == nil
                && ((previous == 0x80 && (b == 0x8E || b == 0x8F || (0xAA...0xAE).contains(b)))
                    || (previous == 0x81 && (0xA6...0xA9).contains(b))) {
                control = (UInt32(previous & 0x3F) << 6 | UInt32(b & 0x3F)) | 0x2000
            }
        } else if b == 0x2E || b == 0x2F || b == 0x5F {
            hasPostcodeSeparator = true
        }
        beforePrevious = previous
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
