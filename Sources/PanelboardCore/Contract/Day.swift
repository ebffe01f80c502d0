/// A calendar date with no time and no time zone: what every date in an export is.
///
/// Parsed by hand from the two forms the contract allows, ISO `YYYY-MM-DD` and UK
/// day-first `DD/MM/YYYY`, because a date formatter per cell is both slow and
/// lenient in ways that hide mistakes (it would read `2024-02-30` as 1 March).
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Any day of years 1 to 9999: what the arithmetic may reach. What a person
    /// or an export may give is narrower, `supported`.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The dates Panelboard accepts, in an export and in an argument. Every period
    /// and setting reaches at most a century beyond them, so the arithmetic on them
    /// stays inside years 1 to 9999 with room to spare.
    public static let supported = Day(year: 1900, month: 1, day: 1)!...Day(year: 2999, month: 12, day: 31)!

    /// Parses `YYYY-MM-DD` or `DD/MM/YYYY` (one-digit day and month accepted in the
    /// UK form, as spreadsheets write them). Surrounding spaces are ignored. Nil
    /// for a day outside `supported`.
    public init?(parsing text: String) {
        var text = text
        guard let day = text.withUTF8({ Day(bytes: $0) }) else { return nil }
        self = day
    }

    /// The same, saying what is wrong: for a date a person typed.
    public init(validating text: String) throws {
        var text = text
        let day: Result<Day, DayError> = text.withUTF8 { Day.check(bytes: $0) }
        self = try day.get()
    }

    /// The same, on a cell's bytes: the importer parses every date cell of an
    /// export, so this makes no String and no array.
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        guard let (y, m, d) = Day.fields(bytes: bytes), let day = Day(year: y, month: m, day: d),
              Day.supported.contains(day) else { return nil }
        self = day
    }

    /// Why a cell or an argument is not a supported date (the slow path, for a
    /// message).
    static func check(bytes: UnsafeBufferPointer<UInt8>) -> Result<Day, DayError> {
        guard let (y, m, d) = Day.fields(bytes: bytes) else { return .failure(.unreadable) }
        guard let day = Day(year: y, month: m, day: d) else { return .failure(.noSuchDay) }
        guard Day.supported.contains(day) else { return .failure(.unsupported) }
        return .success(day)
    }

    /// The year, month and day a cell written as `YYYY-MM-DD` or `DD/MM/YYYY` names,
    /// whether or not that day exists: a cell with these but no such day (30
    /// February, month 13) is told apart from one that is not a date at all.
    static func fields(bytes: UnsafeBufferPointer<UInt8>) -> (year: Int, month: Int, day: Int)? {
        let b = bytes.trimmingSpaces()
        func number(_ from: Int, _ to: Int) -> Int? {
            guard from < to else { return nil }
            var n = 0
            for k in from..<to {
                let c = b[k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                n = n * 10 + Int(c - 0x30)
            }
            return n
        }
        if b.count == 10, b[4] == 0x2D, b[7] == 0x2D {
            guard let y = number(0, 4), let m = number(5, 7), let d = number(8, 10) else { return nil }
            return (y, m, d)
        }
        // DD/MM/YYYY, one-digit day and month allowed.
        guard let first = b.firstIndex(of: 0x2F) else { return nil }
        let rest = UnsafeBufferPointer(rebasing: b[(first + 1)...])
        guard let second = rest.firstIndex(of: 0x2F).map({ $0 + first + 1 }),
              (1...2).contains(first), (1...2).contains(second - first - 1), b.count - second - 1 == 4,
              let d = number(0, first), let m = number(first + 1, second), let y = number(second + 1, b.count)
        else { return nil }
        return (y, m, d)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`: how the store holds dates, so SQLite's date functions and plain
    /// string comparison both work on them.
    public var iso: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        appendISO(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `YYYY-MM-DD` (the importer writes it straight into a row's buffer).
    func appendISO(to bytes: inout [UInt8]) {
        func digits(_ n: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var n = n
            while divisor > 0 {
                bytes.append(UInt8(0x30 + n / divisor))
                n %= divisor
                divisor /= 10
            }
        }
        digits(year, 4); bytes.append(0x2D); digits(month, 2); bytes.append(0x2D); digits(day, 2)
    }

    public var description: String { iso }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Calendar-month arithmetic, clamped to the month's end:
    /// 29 Feb 2024 minus 12 months is 28 Feb 2023. Saturates at years 1 and 9999,
    /// which no supported date reaches: a bad input is refused where it is parsed,
    /// never by a trap here.
    public func addingMonths(_ months: Int) -> Day {
        let first = 1 * 12, last = 9999 * 12 + 11
        let (moved, overflow) = (year * 12 + (month - 1)).addingReportingOverflow(months)
        let index = overflow ? (months < 0 ? first : last) : min(max(moved, first), last)
        let y = index / 12, m = index % 12 + 1
        return Day(year: y, month: m, day: min(day, Day.daysIn(month: m, year: y)))!
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for differences between dates.
    public var ordinal: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// Saturates at 0001-01-01 and 9999-12-31, like `addingMonths`.
    public init(ordinal: Int) {
        let z = min(max(ordinal, -719162), 2932896) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)!
    }

    public func adding(days: Int) -> Day {
        let (sum, overflow) = ordinal.addingReportingOverflow(days)
        return Day(ordinal: overflow ? (days < 0 ? Int.min / 2 : Int.max / 2) : sum)
    }

    /// Today in the machine's local time zone: the default as-of date.
    public static func today() -> Day {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The contract's booleans: `Y`/`N`, `Yes`/`No`, `TRUE`/`FALSE`, `1`/`0`, any case.
public enum BooleanCell {
    public static func parse(_ raw: String) -> Bool? {
        var raw = raw
        return raw.withUTF8 { parse(bytes: $0.trimmingSpaces()) }
    }

    private static let yes: [[UInt8]] = ["y", "yes", "true", "1"].map { Array($0.utf8) }
    private static let no: [[UInt8]] = ["n", "no", "false", "0"].map { Array($0.utf8) }

    /// The same, on a trimmed cell's bytes (ASCII case ignored).
    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        if yes.contains(where: { bytes.equalsIgnoringASCIICase($0) }) { return true }
        if no.contains(where: { bytes.equalsIgnoringASCIICase($0) }) { return false }
        return nil
    }
}

/// Why a text is not a date Panelboard accepts.
public enum DayError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable, noSuchDay, unsupported

    public var description: String {
        switch self {
        case .unreadable: "not a date (use YYYY-MM-DD, or DD/MM/YYYY day first)"
        case .noSuchDay: "not a day of the calendar (no such month, or no such day in that month)"
        case .unsupported: "outside the dates Panelboard works with, \(Day.supported.lowerBound.iso) to \(Day.supported.upperBound.iso)"
        }
    }
}
