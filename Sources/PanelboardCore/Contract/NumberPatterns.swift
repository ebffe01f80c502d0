/// UK phone numbers and NHS numbers, found in runs of digit groups.
///
/// A run is digit groups joined by what people type inside a number: up to three
/// of space, no-break space, `.`, `/`, `-`, `(`, `)`, with a `+` allowed before the
/// first group. Dates in the run (`2024-01-04`, `04/01/2024`) are taken out first,
/// so that two dates side by side are never read as one long number; then every
/// stretch of whole groups is tried as a phone number and as an NHS number. A group
/// glued to a word (`V00123`) is part of an id, not a number, unless the word is a
/// label people write in front of a number (`Tel07700900123`, `NHS9434765919`).
extension IdentifyingData {
    /// Words that may stand right before a number with no space.
    private static let labels: [[UInt8]] = ["tel", "tele", "telno", "phone", "mob", "mobile", "nhs", "nhsno"].map { Array($0.utf8) }

    private struct Group {
        var start: Int  // into the run's digits
        var count: Int
        /// The separator before the group, when it was one `-`, `/` or `.`
        /// (what dates use); 0 otherwise.
        var dateSeparator: UInt8
        var isDate = false
    }

    static func scanDigitRuns(_ b: UnsafeBufferPointer<UInt8>) -> Kind? {
        var digits: [UInt8] = []
        var groups: [Group] = []
        var i = 0
        while i < b.count {
            let c = b[i]
            let opensRun = Bytes.isDigit(c)
                || ((c == 0x2B || c == 0x28) && i + 1 < b.count && Bytes.isDigit(b[i + 1]))
            guard opensRun else { i += 1; continue }
            if i > 0 && Bytes.isAlnum(b[i - 1]) && !followsLabel(b, i) {
                // Part of an id like V00123: skip the whole word (always moving
                // on, even when the run would have opened with a bracket).
                i += 1
                while i < b.count, Bytes.isAlnum(b[i]) { i += 1 }
                continue
            }
            let plus = c == 0x2B
            var j = c == 0x2B || c == 0x28 ? i + 1 : i
            digits.removeAll(keepingCapacity: true)
            groups.removeAll(keepingCapacity: true)
            var separator: UInt8 = 0
            while true {
                let start = digits.count
                while j < b.count, Bytes.isDigit(b[j]) { digits.append(b[j] - 0x30); j += 1 }
                groups.append(Group(start: start, count: digits.count - start, dateSeparator: separator))
                // The separators before the next group, if one follows.
                var k = j, units = 0
                var single: UInt8 = 0
                while k < b.count, units < 3 {
                    let s = b[k]
                    if s == 0x2E || s == 0x2F || s == 0x2D || s == 0x28 || s == 0x29 {
                        single = units == 0 ? s : 0
                        k += 1
                    } else {
                        let n = Bytes.spaceLength(b, k)
                        if n == 0 { break }
                        single = 0
                        k += n
                    }
                    units += 1
                }
                guard units > 0, k < b.count, Bytes.isDigit(b[k]) else { break }
                separator = single == 0x28 || single == 0x29 ? 0 : single
                j = k
            }
            // A short group glued to a letter after it (`26th`, `5AA`) is part of a
            // word; a long one (`07700900123x`, `07700900123ext`) is still a number.
            if j < b.count && Bytes.isLetter(b[j]) && groups[groups.count - 1].count < 6 { groups.removeLast() }
            if let kind = judge(digits, &groups, international: plus) { return kind }
            i = max(j, i + 1)
        }
        return nil
    }

    /// Whether the letters right before `i` are a label such as `Tel`, themselves
    /// standing as a word.
    private static func followsLabel(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        var s = i
        while s > 0, Bytes.isLetter(b[s - 1]) { s -= 1 }
        guard s < i, s == 0 || !Bytes.isAlnum(b[s - 1]) else { return false }
        let word = UnsafeBufferPointer(rebasing: b[s..<i])
        return labels.contains { word.equalsIgnoringASCIICase($0) }
    }

    /// Marks the run's dates, then tries every stretch of whole groups between them.
    private static func judge(_ digits: [UInt8], _ groups: inout [Group], international: Bool) -> Kind? {
        var total = 0
        for g in groups { total += g.count }
        guard total >= 10 else { return nil }
        markDates(digits, &groups)
        var candidate: [UInt8] = []
        for s in groups.indices where !groups[s].isDate {
            candidate.removeAll(keepingCapacity: true)
            var e = s
            while e < groups.count, !groups[e].isDate, e - s < 6 {
                let g = groups[e]
                candidate.append(contentsOf: digits[g.start..<(g.start + g.count)])
                if candidate.count > 14 { break }
                if isUKPhone(candidate, international: international && s == 0) { return .phone }
                if candidate.count == 10 && isNHSNumber(candidate) { return .nhsNumber }
                e += 1
            }
        }
        return nil
    }

    /// Three groups joined by the same `-`, `/` or `.` that read as a date (year
    /// first or last, a month and a day in range), and a year with its month.
    private static func markDates(_ digits: [UInt8], _ groups: inout [Group]) {
        func value(_ g: Group) -> Int { digits[g.start..<(g.start + g.count)].reduce(0) { $0 * 10 + Int($1) } }
        func isDayMonth(_ a: Int, _ b: Int) -> Bool {
            (1...31).contains(a) && (1...31).contains(b) && (a <= 12 || b <= 12)
        }
        var k = 0
        while k + 1 < groups.count {
            let a = groups[k], b = groups[k + 1]
            let sep = b.dateSeparator
            if sep != 0, k + 2 < groups.count, groups[k + 2].dateSeparator == sep {
                let c = groups[k + 2]
                let yearFirst = a.count == 4 && b.count <= 2 && c.count <= 2
                    && (1...12).contains(value(b)) && (1...31).contains(value(c))
                let yearLast = a.count <= 2 && b.count <= 2 && (c.count == 4 || c.count == 2)
                    && isDayMonth(value(a), value(b))
                if yearFirst || yearLast {
                    for m in k...(k + 2) { groups[m].isDate = true }
                    k += 3
                    continue
                }
            }
            // 2024-01, a month.
            if (sep == 0x2D || sep == 0x2F), a.count == 4, b.count == 2, (1900...2099).contains(value(a)),
               (1...12).contains(value(b)) {
                groups[k].isDate = true
                groups[k + 1].isDate = true
                k += 2
                continue
            }
            k += 1
        }
    }

    /// UK numbers of 10 or 11 digits from 0 (geographic `01`/`02`, `03`, `05`, mobile
    /// `07`, `08`), or the same after 44 (`+44`, `0044`, `+44 (0)`).
    static func isUKPhone(_ d: [UInt8], international: Bool) -> Bool {
        var national: ArraySlice<UInt8>
        if d.count >= 12 && d[0] == 0 && d[1] == 0 && d[2] == 4 && d[3] == 4 {
            national = d.dropFirst(4)
        } else if d.count >= 11 && d[0] == 4 && d[1] == 4 && (international || d[2] != 0) {
            national = d.dropFirst(2)
        } else if international {
            return false
        } else {
            guard (d.count == 10 || d.count == 11) && d[0] == 0 else { return false }
            return [1, 2, 3, 5, 7, 8].contains(d[1])
        }
        // After the country code: `(0)` then the number, or the number without its 0.
        if national.first == 0 { national = national.dropFirst() }
        guard national.count == 9 || national.count == 10, let first = national.first else { return false }
        return [1, 2, 3, 5, 7, 8].contains(first)
    }

    /// Ten digits whose modulus-11 check digit is valid, in any grouping.
    static func isNHSNumber(_ d: [UInt8]) -> Bool {
        guard d.count == 10 else { return false }
        var sum = 0
        for k in 0..<9 { sum += Int(d[k]) * (10 - k) }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        if check == 10 { return false }
        // All-same-digit numbers pass the check (0000000000) but are placeholders.
        if d.allSatisfy({ $0 == d[0] }) { return false }
        return check == Int(d[9])
    }
}
