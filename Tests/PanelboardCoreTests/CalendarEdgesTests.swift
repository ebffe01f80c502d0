import Testing
@testable import PanelboardCore

/// Dates at the calendar's edges: refused where they are parsed when outside the
/// supported dates, and every period arithmetic on supported dates stays a date.
@Suite struct CalendarEdgesTests {
    @Test(arguments: ["1900-01-01", "01/01/1900", "2999-12-31", "31/12/2999"])
    func theSupportedEndsParse(text: String) throws {
        #expect(Day(parsing: text) != nil)
        #expect(try Day(validating: text) == Day(parsing: text))
    }

    @Test(arguments: ["1899-12-31", "0001-01-01", "3000-01-01", "9999-12-31", "31/12/9999"])
    func realDaysOutsideTheSupportedDatesAreRefused(text: String) {
        #expect(Day(parsing: text) == nil)
        #expect(throws: DayError.unsupported) { try Day(validating: text) }
    }

    @Test func theMessageSaysWhatIsWrong() {
        func message(_ text: String) -> String {
            do { _ = try Day(validating: text); return "" } catch { return "\(error)" }
        }
        #expect(message("0001-01-01") == "outside the dates Panelboard works with, 1900-01-01 to 2999-12-31")
        #expect(message("2024-02-30") == "not a day of the calendar (no such month, or no such day in that month)")
        #expect(message("tomorrow") == "not a date (use YYYY-MM-DD, or DD/MM/YYYY day first)")
    }

    /// Arithmetic saturates at the representable ends instead of trapping.
    @Test func arithmeticPastTheCalendarSaturates() {
        let last = Day(year: 9999, month: 12, day: 31)!, first = Day(year: 1, month: 1, day: 1)!
        #expect(last.addingMonths(3) == Day(year: 9999, month: 12, day: 31)!)
        #expect(Day(year: 9999, month: 10, day: 1)!.addingMonths(3) == Day(year: 9999, month: 12, day: 1)!)
        #expect(last.adding(days: 1) == last)
        #expect(first.adding(days: -1) == first)
        #expect(first.addingMonths(-1) == first)
        #expect(Day(year: 2024, month: 1, day: 31)!.addingMonths(.max) == Day(year: 9999, month: 12, day: 31)!)
        #expect(Day(year: 2024, month: 1, day: 31)!.addingMonths(.min) == Day(year: 1, month: 1, day: 31)!)
        #expect(Day(year: 2024, month: 1, day: 1)!.adding(days: .max) == last)
        #expect(Day(year: 2024, month: 1, day: 1)!.adding(days: .min) == first)
    }

    /// Every period the commands build from a supported date, at both ends, with
    /// its previous period and trailing quarters (what the dashboard shows).
    @Test(arguments: [
        (Day.supported.lowerBound, Day.supported.lowerBound), (Day.supported.upperBound, Day.supported.upperBound),
        (Day.supported.lowerBound, Day.supported.upperBound),
        (Day(year: 2999, month: 10, day: 1)!, Day(year: 2999, month: 12, day: 31)!),
        (Day(year: 1900, month: 1, day: 1)!, Day(year: 1900, month: 3, day: 31)!),
    ])
    func periodsAtTheEdgesStayDates(from: Day, to: Day) throws {
        for period in [try Period(from: from, to: to), .rolling12Months(to: from), .rolling12Months(to: to)] {
            let previous = period.previous
            #expect(previous.to < period.from)
            #expect(previous.previous.to < previous.from)
            let quarters = period.trailingQuarters(8)
            #expect(quarters.count == 8)
            #expect(quarters.last!.to >= period.to)
        }
    }

    /// The library takes any representable day: the periods built from the first
    /// and last of them are still periods, never a trap.
    @Test(arguments: [Day(year: 1, month: 1, day: 1)!, Day(year: 1, month: 3, day: 31)!, Day(year: 9999, month: 12, day: 31)!])
    func periodsAtTheRepresentableEndsDoNotTrap(day: Day) throws {
        for period in [Period.rolling12Months(to: day), try Period(from: day, to: day)] {
            #expect(period.from <= period.to)
            #expect(period.previous.from <= period.previous.to)
            #expect(period.trailingQuarters(4).allSatisfy { $0.from <= $0.to })
        }
    }

    @Test(arguments: ["1900Q1", "FY1900Q1", "FY1900", "1900", "2999Q4", "FY2999Q4", "FY2999", "2999"])
    func namedPeriodsAtTheEdgesHaveAPrevious(text: String) throws {
        let period = try Period(parsing: text)
        #expect(period.previous.to == period.from.adding(days: -1))
    }

    @Test func settingsOutsideTheirRangesAreRefused() throws {
        var settings = MetricSettings()
        try settings.validate()
        settings.repeatWindowMonths = .max
        #expect(throws: SettingsError.self) { try settings.validate() }
        #expect("\(SettingsError.outOfRange(name: "repeat_window_months", range: "0 to 120"))"
            == "the setting repeat_window_months must be from 0 to 120")
        settings = MetricSettings()
        settings.repeatRateTargetHigh = .infinity
        #expect(throws: SettingsError.self) { try settings.validate() }
        settings = MetricSettings()
        settings.casesPer10kTarget = .nan
        #expect(throws: SettingsError.self) { try settings.validate() }
    }
}
