/// National Insurance numbers, after HMRC's format: two prefix letters, six digits
/// and a suffix letter A to D (`AB 12 34 56 C`), in any case, with or without a
/// space, hyphen or dot between the parts, standing as a word.
///
/// The prefixes HMRC never issues are excluded, so that the specimen `QQ 12 34 56 C`
/// and ids that merely share the shape do not match: no D, F, I, Q, U or V first;
/// no D, F, I, O, Q, U or V second; and none of BG, GB, KN, NK, NT, TN, ZZ.
extension IdentifyingData {
    private static let notFirstLetter: Set<UInt8> = Set("DFIQUV".utf8)
    private static let notSecondLetter: Set<UInt8> = Set("DFIOQUV".utf8)
    private static let neverIssued: Set<[UInt8]> = Set(["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].map { Array($0.utf8) })

    static func containsNationalInsurance(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var s = 0
        while s + 9 <= b.count {
            if (s == 0 || !Bytes.isAlnum(b[s - 1])), let end = matchNationalInsurance(b, from: s),
               end == b.count || !Bytes.isAlnum(b[end]) {
                return true
            }
            s += 1
        }
        return false
    }

    private static func matchNationalInsurance(_ b: UnsafeBufferPointer<UInt8>, from s: Int) -> Int? {
        guard Bytes.isLetter(b[s]), Bytes.isLetter(b[s + 1]) else { return nil }
        let first = Bytes.upper(b[s]), second = Bytes.upper(b[s + 1])
        guard !notFirstLetter.contains(first), !notSecondLetter.contains(second),
              !neverIssued.contains([first, second]) else { return nil }
        var i = s + 2
        func separator() {
            guard i < b.count else { return }
            if b[i] == 0x2D || b[i] == 0x2E { i += 1 } else { i += Bytes.spaceLength(b, i) }
        }
        // Three pairs of digits, each after an optional separator.
        for _ in 0..<3 {
            separator()
            guard i + 2 <= b.count, Bytes.isDigit(b[i]), Bytes.isDigit(b[i + 1]) else { return nil }
            i += 2
        }
        separator()
        guard i < b.count else { return nil }
        let suffix = Bytes.upper(b[i])
        guard suffix >= 0x41 && suffix <= 0x44 else { return nil }
        return i + 1
    }
}
