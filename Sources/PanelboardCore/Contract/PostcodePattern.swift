/// UK postcodes, after Royal Mail's format: an outward code (`A9`, `A99`, `AA9`,
/// `AA99`, `A9A`, `AA9A`), then zero to two spaces or a hyphen, then an inward code
/// (`9AA`), in any case, standing as a word. The letters each position may hold
/// narrow the match (no Q, V or X first; no I, J or Z second; ...). `GIR 0AA` and
/// the NHS's `ZZ99` pseudo-postcodes are taken too: they are what a record system
/// writes in a postcode field.
extension IdentifyingData {
    static func containsPostcode(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start < b.count {
            // Only try at a word start.
            if start > 0 && Bytes.isAlnum(b[start - 1]) { start += 1; continue }
            if Bytes.isLetter(b[start]), let end = matchPostcode(b, from: start),
               end == b.count || !Bytes.isAlnum(b[end]) {
                return true
            }
            start += 1
        }
        return false
    }

    private static let notFirst: Set<UInt8> = Set("QVX".utf8)
    private static let notSecond: Set<UInt8> = Set("IJZ".utf8)
    private static let thirdOfA9A: Set<UInt8> = Set("ABCDEFGHJKPSTUW".utf8)
    private static let fourthOfAA9A: Set<UInt8> = Set("ABEHMNPRVWXY".utf8)
    private static let notInward: Set<UInt8> = Set("CIKMOV".utf8)

    /// The end of a postcode starting at `s`, or nil.
    private static func matchPostcode(_ b: UnsafeBufferPointer<UInt8>, from s: Int) -> Int? {
        func upper(_ i: Int) -> UInt8 { Bytes.upper(b[i]) }
        // GIR 0AA (Girobank), the one outward code of three letters.
        if s + 3 <= b.count, upper(s) == 0x47, upper(s + 1) == 0x49, upper(s + 2) == 0x52,
           let end = matchInward(b, afterOutward: s + 3, strict: false) {
            return end
        }
        var i = s
        var letters = 0
        while i < b.count, Bytes.isLetter(b[i]), letters < 2 { i += 1; letters += 1 }
        guard i < b.count, Bytes.isDigit(b[i]) else { return nil }
        let pseudo = letters == 2 && upper(s) == 0x5A && upper(s + 1) == 0x5A
            && i + 1 < b.count && b[i] == 0x39 && b[i + 1] == 0x39
        if !pseudo {
            guard !notFirst.contains(upper(s)) else { return nil }
            if letters == 2 && notSecond.contains(upper(s + 1)) { return nil }
        }
        i += 1
        // The outward code's optional last character: a digit, or a letter the
        // position allows. Try the longer form first, then the shorter.
        var candidates: [Int] = []
        if i < b.count {
            if Bytes.isDigit(b[i]) {
                candidates.append(i + 1)
            } else if Bytes.isLetter(b[i]) && (letters == 1 ? thirdOfA9A : fourthOfAA9A).contains(upper(i)) {
                candidates.append(i + 1)
            }
        }
        candidates.append(i)
        for outEnd in candidates {
            if let end = matchInward(b, afterOutward: outEnd, strict: !pseudo) { return end }
        }
        return nil
    }

    /// The inward code after its separator (none, one or two spaces, or a hyphen).
    private static func matchInward(_ b: UnsafeBufferPointer<UInt8>, afterOutward start: Int, strict: Bool) -> Int? {
        var j = start
        if j < b.count && b[j] == 0x2D {
            j += 1
        } else {
            var spaces = 0
            while j < b.count, spaces < 2 {
                let n = Bytes.spaceLength(b, j)
                if n == 0 { break }
                j += n; spaces += 1
            }
        }
        guard j + 3 <= b.count, Bytes.isDigit(b[j]), Bytes.isLetter(b[j + 1]), Bytes.isLetter(b[j + 2]) else { return nil }
        if strict && (notInward.contains(Bytes.upper(b[j + 1])) || notInward.contains(Bytes.upper(b[j + 2]))) {
            return nil
        }
        return j + 3
    }
}
