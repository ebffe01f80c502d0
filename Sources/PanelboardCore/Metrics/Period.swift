/// The dates a figure is computed over: `[from, to]`, both inclusive.
public struct Period: Sendable, Equatable, CustomStringConvertible {
    public let from: Day
    public let to: Day
    /// How the user named it (`2024Q1`, `FY2024`, `rolling 12 months to 2024-06-30`).
    public let label: String

    public init(from: Day, to: Day, label: String? = nil) throws {
        guard from <= to else { throw PeriodError.backwards(from: from, to: to) }
        self.from = from
        self.to = to
        self.label = label ?? "\(from.iso) to \(to.iso)"
    }

    public var description: String { label }

    /// Days in the period, counting both ends.
    public var days: Int { to.ordinal - from.ordinal + 1 }

    /// Parses `2024Q1` (calendar quarter), `FY2024Q1` (UK financial-year quarter:
    /// FY2024 runs 1 April 2024 to 31 March 2025), `FY2024`, and `2024`.
    public init(parsing text: String) throws {
        let upper = text.trimmingSpaces().uppercased()
        func year(_ s: Substring) -> Int? {
            guard s.count == 4, let y = Int(s), (1900...2999).contains(y) else { return nil }
            return y
        }
        if upper.hasPrefix("FY") {
            let rest = upper.dropFirst(2)
            if let y = year(rest) {
                try self.init(from: Day(year: y, month: 4, day: 1)!, to: Day(year: y + 1, month: 3, day: 31)!, label: upper)
                return
            }
            if rest.count == 6, let y = year(rest.prefix(4)), rest.dropFirst(4).first == "Q",
               let q = Int(rest.suffix(1)), (1...4).contains(q) {
                let start = Day(year: y, month: 4, day: 1)!.addingMonths(3 * (q - 1))
                try self.init(from: start, to: start.addingMonths(3).adding(days: -1), label: upper)
                return
            }
        } else if let y = year(Substring(upper)) {
            try self.init(from: Day(year: y, month: 1, day: 1)!, to: Day(year: y, month: 12, day: 31)!, label: upper)
            return
        } else if upper.count == 6, let y = year(upper.prefix(4)), upper.dropFirst(4).first == "Q",
                  let q = Int(upper.suffix(1)), (1...4).contains(q) {
            let start = Day(year: y, month: 3 * (q - 1) + 1, day: 1)!
            try self.init(from: start, to: start.addingMonths(3).adding(days: -1), label: upper)
            return
        }
        throw PeriodError.unreadable(text)
    }

    /// The 12 months up to and including `end`, as SafeLives publishes MARAC figures.
    public static func rolling12Months(to end: Day) -> Period {
        // min: at year 1 the arithmetic saturates, and a period never runs backwards.
        try! Period(from: min(end.addingMonths(-12).adding(days: 1), end), to: end, label: "12 months to \(end.iso)")
    }

    /// The period just before this one, of the same kind: the previous quarter for
    /// a quarter, the previous calendar or financial year for a year, the 12 months
    /// before for any other 12 months (rolling 12 months to 15 Jun 2024 follows the
    /// 12 months to 15 Jun 2023, whatever 29 Feb does to the day count); otherwise
    /// the same number of days just before.
    public var previous: Period {
        if let quarter = quarterIndex {
            let start = from.addingMonths(-3)
            return try! Period(from: start, to: from.adding(days: -1), label: Self.quarterLabel(start, financial: label.hasPrefix("FY"), index: quarter == 1 ? 4 : quarter - 1))
        }
        if from == to.addingMonths(-12).adding(days: 1) {
            let end = from.adding(days: -1)
            if label.hasPrefix("FY") { return try! Period(from: from.addingMonths(-12), to: end, label: "FY\(end.year - 1)") }
            if from.month == 1 && from.day == 1 { return try! Period(from: from.addingMonths(-12), to: end, label: "\(end.year)") }
            return .rolling12Months(to: end)
        }
        let length = days
        return try! Period(from: from.adding(days: -length), to: from.adding(days: -1))
    }

    /// 1-4 when this is a whole calendar or financial quarter.
    var quarterIndex: Int? {
        guard from.day == 1, [1, 4, 7, 10].contains(from.month), to == from.addingMonths(3).adding(days: -1) else { return nil }
        if label.hasPrefix("FY") { return (from.month + 8) % 12 / 3 + 1 }
        return (from.month - 1) / 3 + 1
    }

    static func quarterLabel(_ start: Day, financial: Bool, index: Int) -> String {
        if financial {
            let fy = start.month >= 4 ? start.year : start.year - 1
            return "FY\(fy)Q\(index)"
        }
        return "\(start.year)Q\(index)"
    }

    /// The periods a trend of this period shows, oldest first, this one last:
    /// periods of the same kind, so that none holds another. The last eight
    /// quarters for a quarter, the last five years for a year (or 12 months), and
    /// otherwise the eight periods of the same length just before. A year beside
    /// its own quarters would be drawn as if it were one of them.
    public var trendPeriods: [Period] {
        if quarterIndex != nil { return trailingQuarters(8) }
        let count = from == to.addingMonths(-12).adding(days: 1) ? 5 : 8
        var out = [self]
        // At the first representable days `previous` saturates: stop there.
        while out.count < count, let earliest = out.last, earliest.previous.to < earliest.from {
            out.append(earliest.previous)
        }
        return out.reversed()
    }

    /// The `count` quarters ending with the quarter that holds `to`, oldest first.
    public func trailingQuarters(_ count: Int) -> [Period] {
        let financial = label.hasPrefix("FY")
        let month = (to.month - 1) / 3 * 3 + 1
        var start = Day(year: to.year, month: month, day: 1)!
        var out: [Period] = []
        for _ in 0..<count {
            let index = financial ? (start.month + 8) % 12 / 3 + 1 : (start.month - 1) / 3 + 1
            out.append(try! Period(from: start, to: start.addingMonths(3).adding(days: -1),
                                   label: Self.quarterLabel(start, financial: financial, index: index)))
            start = start.addingMonths(-3)
        }
        return out.reversed()
    }
}

public enum PeriodError: Error, CustomStringConvertible {
    case unreadable(String)
    case backwards(from: Day, to: Day)

    public var description: String {
        switch self {
        case let .unreadable(text):
            "'\(text)' is not a period: use 2024Q1 (calendar quarter), FY2024Q1 (financial-year quarter), FY2024, 2024, or --from DATE --to DATE"
        case let .backwards(from, to):
            "the period starts on \(from.iso), after it ends on \(to.iso)"
        }
    }
}
