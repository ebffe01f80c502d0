/// The identifying-data guard: exports must be anonymised, and the importer refuses
/// what would let someone recognise a person, before anything is written.
///
/// Two checks: column names that say a column identifies a person, and cells (in
/// free-text columns) that look like a UK postcode, an e-mail address, a UK phone
/// number or a valid NHS number. The cell checks look for such a value anywhere in
/// the cell, not only as the whole cell, because a free-text column may hold a
/// sentence. Pseudonymous ids (`V00123`), area names, dates and scores pass.
public enum IdentifyingData {
    public enum Kind: String, Sendable {
        case postcode = "a UK postcode"
        case email = "an e-mail address"
        case phone = "a UK phone number"
        case nhsNumber = "an NHS number"
    }

    // MARK: Column names

    /// Normalised names (lower case, letters and digits only) that identify a person
    /// when they are the whole column name or its ending (`victim_surname`).
    private static let identifyingEndings: [String] = [
        "firstname", "surname", "forename", "forenames", "lastname", "fullname", "givenname",
        "middlename", "familyname", "maidenname", "birthname", "dateofbirth", "dob",
        "birthdate", "address", "addressline1", "addressline2", "homeaddress", "street",
        "postcode", "postalcode", "zipcode", "phone", "phonenumber", "telephone", "telephonenumber",
        "tel", "telno", "mobile", "mobilenumber", "email", "emailaddress", "nhsnumber", "nhsno",
        "pnc", "pncid", "pncnumber", "nationalinsurance", "nationalinsurancenumber", "nino",
        "ninumber", "niNumber".lowercased(), "passportnumber", "drivinglicence",
    ]

    /// `name` alone, or after one of these (`victim_name`, `client name`); but not
    /// `area_name` or `agency_name`, which name places and organisations.
    private static let personPrefixes: Set<String> = [
        "", "victim", "survivor", "perpetrator", "client", "person", "child", "children",
        "subject", "service_user", "serviceuser", "patient", "offender", "suspect", "known_as",
        "knownas", "alias", "preferred", "nick",
    ]

    /// Whether a column's name says it identifies a person.
    public static func isIdentifyingColumn(_ header: String) -> Bool {
        let lower = header.trimmingSpaces().lowercased()
        let compact = String(lower.filter { $0.isLetter || $0.isNumber })
        if compact.isEmpty { return false }
        for ending in identifyingEndings where compact == ending || compact.hasSuffix(ending) {
            // `tel` and `pnc` are too short to match as endings (`hotel`, `...pnc`).
            if ending.count <= 3 && compact != ending && !lower.hasSuffix("_" + ending)
                && !lower.hasSuffix(" " + ending) { continue }
            return true
        }
        if compact == "name" || compact == "names" { return true }
        for suffix in ["_name", " name", "-name", "_names", " names"] where lower.hasSuffix(suffix) {
            let prefix = String(lower.dropLast(suffix.count)).replacingSpaces()
            if personPrefixes.contains(prefix) { return true }
        }
        return false
    }

    // MARK: Cells

    /// The first kind of identifying value found in a cell, if any.
    public static func scan(_ cell: String) -> Kind? {
        var cell = cell
        return cell.withUTF8 { scan(bytes: $0) }
    }

    /// The same, on a cell's bytes (the importer's hot loop makes no String).
    static func scan(bytes: UnsafeBufferPointer<UInt8>) -> Kind? {
        // Fast path: most cells are short ids, codes and words. Every pattern needs
        // an `@` or at least a digit.
        var hasDigit = false, hasAt = false
        for b in bytes {
            if b >= 0x30 && b <= 0x39 { hasDigit = true } else if b == 0x40 { hasAt = true }
        }
        if hasAt && containsEmail(bytes) { return .email }
        guard hasDigit else { return nil }
        if containsPostcode(bytes) { return .postcode }
        if let kind = scanDigitRuns(bytes) { return kind }
        return nil
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    private static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }

    /// `local@domain.tld`: something before the `@`, a dot after it.
    static func containsEmail(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for (i, c) in b.enumerated() where c == 0x40 {
            let localOK = i > 0 && (isAlnum(b[i - 1]) || b[i - 1] == 0x2E || b[i - 1] == 0x5F || b[i - 1] == 0x2D || b[i - 1] == 0x2B)
            guard localOK else { continue }
            var end = i + 1
            while end < b.count, isAlnum(b[end]) || b[end] == 0x2E || b[end] == 0x2D { end += 1 }
            // A sentence's full stop is not part of the domain.
            while end > i + 1, b[end - 1] == 0x2E || b[end - 1] == 0x2D { end -= 1 }
            let domain = b[(i + 1)..<end]
            if let lastDot = domain.lastIndex(of: 0x2E), lastDot > i + 1, end - lastDot - 1 >= 2 { return true }
        }
        return false
    }

    /// A UK postcode standing as a word: outward code `A9`, `A99`, `AA9`, `AA99`,
    /// `A9A` or `AA9A`, an optional space, inward code `9AA`.
    static func containsPostcode(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start < b.count {
            // Only try at a word start.
            if start > 0 && isAlnum(b[start - 1]) { start += 1; continue }
            if isLetter(b[start]), let end = matchPostcode(b, from: start),
               end == b.count || !isAlnum(b[end]) {
                return true
            }
            start += 1
        }
        return false
    }

    private static func matchPostcode(_ b: UnsafeBufferPointer<UInt8>, from s: Int) -> Int? {
        // Outward: 1-2 letters, 1 digit, then an optional digit or letter.
        var i = s
        var letters = 0
        while i < b.count, isLetter(b[i]), letters < 2 { i += 1; letters += 1 }
        guard letters >= 1, i < b.count, isDigit(b[i]) else { return nil }
        i += 1
        // Try each outward length: with and without the optional fourth character.
        let longest = i < b.count && isAlnum(b[i]) ? i + 1 : i
        for outEnd in stride(from: longest, through: i, by: -1) {
            var j = outEnd
            if j < b.count, b[j] == 0x20 { j += 1 }
            guard j + 3 <= b.count, isDigit(b[j]), isLetter(b[j + 1]), isLetter(b[j + 2]) else { continue }
            return j + 3
        }
        return nil
    }

    /// Runs of digits, allowing the separators people type inside numbers (space,
    /// hyphen, parentheses, a leading `+`), checked as a UK phone number or an NHS
    /// number.
    static func scanDigitRuns(_ b: UnsafeBufferPointer<UInt8>) -> Kind? {
        var i = 0
        while i < b.count {
            guard isDigit(b[i]) || (b[i] == 0x2B && i + 1 < b.count && isDigit(b[i + 1]))
                    || (b[i] == 0x28 && i + 1 < b.count && isDigit(b[i + 1])) else { i += 1; continue }
            if i > 0 && isLetter(b[i - 1]) {
                // Part of an id like V00123: skip the whole word (always moving on,
                // even when what follows the letter is a bracket).
                i += 1
                while i < b.count, isAlnum(b[i]) { i += 1 }
                continue
            }
            let plus = b[i] == 0x2B
            // Phone and NHS numbers have at least ten digits: count before collecting,
            // so the short runs of most cells (`District 0008`, a score) cost nothing.
            var j = i
            var count = 0
            func separatorContinues(_ j: Int) -> Bool {
                let c = b[j]
                return (c == 0x20 || c == 0x2D || c == 0x28 || c == 0x29 || c == 0x2B)
                    && j + 1 < b.count && (isDigit(b[j + 1]) || b[j + 1] == 0x28 || b[j + 1] == 0x20)
            }
            while j < b.count {
                if isDigit(b[j]) { count += 1; j += 1 } else if separatorContinues(j) { j += 1 } else { break }
            }
            if count < 10 { i = max(j, i + 1); continue }
            var digits: [UInt8] = []
            var groups: [Int] = []
            var current = 0
            j = i
            while j < b.count {
                let c = b[j]
                if isDigit(c) { digits.append(c - 0x30); current += 1; j += 1; continue }
                if separatorContinues(j) {
                    if current > 0 { groups.append(current); current = 0 }
                    j += 1; continue
                }
                break
            }
            if current > 0 { groups.append(current) }
            let followedByLetter = j < b.count && isLetter(b[j])
            if !followedByLetter {
                if isUKPhone(digits, international: plus) { return .phone }
                if isNHSNumber(digits, groups: groups) { return .nhsNumber }
                // A run may hold an NHS number after other digits (a date, say).
                if digits.count > 10 {
                    for k in 0...(digits.count - 10) where isNHSNumber(Array(digits[k..<k + 10]), groups: [10]) {
                        return .nhsNumber
                    }
                }
            }
            i = max(j, i + 1)
        }
        return nil
    }

    /// UK numbers: `07xxx xxxxxx` (mobile), `01`/`02`/`03`/`08` geographic and
    /// non-geographic numbers of 10 or 11 digits, or the same after `+44`/`0044`.
    static func isUKPhone(_ d: [UInt8], international: Bool) -> Bool {
        var national: [UInt8]
        if d.count >= 12 && d.starts(with: [0, 0, 4, 4]) {
            national = [0] + d.dropFirst(4)
        } else if international || (d.count >= 11 && d.starts(with: [4, 4]) && d[2] != 0) {
            guard d.starts(with: [4, 4]) else { return false }
            national = [0] + d.dropFirst(2)
            if national.count >= 2 && national[1] == 0 { national.remove(at: 1) }  // +44 (0)
        } else {
            national = d
        }
        guard national.count == 10 || national.count == 11, national[0] == 0 else { return false }
        return [1, 2, 3, 7, 8].contains(national[1])
    }

    /// Ten digits (alone, or grouped 3-3-4) whose modulus-11 check digit is valid.
    static func isNHSNumber(_ d: [UInt8], groups: [Int]) -> Bool {
        guard d.count == 10, groups == [10] || groups == [3, 3, 4] else { return false }
        var sum = 0
        for k in 0..<9 { sum += Int(d[k]) * (10 - k) }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        if check == 10 { return false }
        // All-same-digit numbers pass the check (0000000000) but are placeholders.
        if Set(d).count == 1 { return false }
        return check == Int(d[9])
    }
}

/// Masks a value for messages: the first character stays, every other letter and
/// digit becomes `*`, spaces and punctuation stay (`SW1A 1AA` becomes `S*** ***`).
/// Every cell value that reaches a message goes through this, identifying or not.
public enum Mask {
    public static func value(_ raw: String) -> String {
        var out = ""
        var first = true
        for ch in raw {
            if first && !ch.isWhitespace { out.append(ch); first = false; continue }
            out.append(ch.isLetter || ch.isNumber ? "*" : ch)
        }
        // Long free text is cut, so that even its shape does not fill a terminal.
        if out.count > 24 { out = String(out.prefix(24)) + "…" }
        return out
    }

    public static func quoted(_ raw: String) -> String { "'\(value(raw))'" }
}

extension String {
    fileprivate func replacingSpaces() -> String {
        String(self.map { $0 == " " || $0 == "-" ? "_" : $0 })
    }
}
