/// Which bank holidays close a panel's offices (panels.csv `holidays`).
public enum Nation: String, Sendable, CaseIterable {
    case englandAndWales = "england_and_wales"
    case scotland
    case northernIreland = "northern_ireland"
}

/// Working days: Monday to Friday, not a bank holiday of the panel's nation, nor a
/// local closure. Deadlines in a panel's terms of reference are counted in them
/// ("referrals 5 working days before the meeting"). A day outside the years the
/// bank holiday lists cover is an error naming them, never a silent count of
/// calendar days.
public struct WorkingCalendar: Sendable {
    public let nation: Nation
    private let closed: Set<Int>

    public static let years = BankHolidays.years

    /// - Parameter closures: local closures (holidays.csv), on top of the nation's
    ///   bank holidays.
    public init(nation: Nation, closures: [Day] = []) {
        self.nation = nation
        closed = Set(Self.bankHolidays(nation).map(\.ordinal) + closures.map(\.ordinal))
    }

    /// The shipped bank holidays of `nation`.
    static func bankHolidays(_ nation: Nation) -> [Day] {
        let list: [String] = switch nation {
        case .englandAndWales: BankHolidays.englandAndWales
        case .scotland: BankHolidays.scotland
        case .northernIreland: BankHolidays.northernIreland
        }
        return list.map { Day(parsing: $0)! }
    }

    /// 0 for Monday to 6 for Sunday (1970-01-01, day 0, was a Thursday).
    static func weekday(_ day: Day) -> Int {
        ((day.ordinal + 3) % 7 + 7) % 7
    }

    public func isWorkingDay(_ day: Day) throws -> Bool {
        guard Self.years.contains(day.year) else { throw WorkingCalendarError.outsideYears(day, covered: Self.years) }
        return Self.weekday(day) < 5 && !closed.contains(day.ordinal)
    }

    /// The day `count` working days after `day` (before it when negative): for
    /// `count` 0, `day` itself. "Minutes within 2 working days of a Thursday
    /// meeting" are due by the Monday; "the agenda 5 working days before" a Monday
    /// meeting is due by the Monday before.
    public func adding(workingDays count: Int, to day: Day) throws -> Day {
        var current = day
        var left = abs(count)
        let step = count < 0 ? -1 : 1
        while left > 0 {
            current = current.adding(days: step)
            if try isWorkingDay(current) { left -= 1 }
        }
        return current
    }

    /// Working days after `from` up to and including `to` (negative when `to` is
    /// before `from`): the gap between two meetings.
    public func workingDays(from: Day, to: Day) throws -> Int {
        if to < from { return -(try workingDays(from: to, to: from)) }
        var count = 0
        var day = from
        while day < to {
            day = day.adding(days: 1)
            if try isWorkingDay(day) { count += 1 }
        }
        return count
    }
}

public enum WorkingCalendarError: Error, Sendable, Equatable, CustomStringConvertible {
    case outsideYears(Day, covered: ClosedRange<Int>)

    public var description: String {
        switch self {
        case let .outsideYears(day, covered):
            "\(day.iso) is outside the years whose bank holidays Panelboard knows (\(covered.lowerBound) to \(covered.upperBound)); "
                + "working days cannot be counted there (count that panel's days in calendar days, or use a later panelboard)"
        }
    }
}
