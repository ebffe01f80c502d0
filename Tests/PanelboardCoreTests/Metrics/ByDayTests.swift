import GRDB
import Testing
@testable import PanelboardCore

/// Fixtures/metrics/by_day/README.md: `metrics --by day` and `--by weekday`.
@Suite struct ByDayTests {
    let harness: MetricsHarness
    let s = scope("DRAMM", period("2024-04-01", "2024-04-10"), asOf: "2024-04-30")

    init() throws {
        harness = try MetricsHarness(fixture: "by_day", importAsOf: day("2024-04-30"))
    }

    @Test func byDayIsAReportForEachDay() throws {
        let breakdown = try MetricsBreakdown.compute(harness.store, scope: s, by: "day")
        #expect(breakdown.keys == (1...10).map { String(format: "2024-04-%02d", $0) })
        #expect(breakdown.reports.map(\.volumes.referralsReceived) == [0, 2, 0, 0, 0, 1, 0, 1, 1, 1])
        #expect(breakdown.reports.map(\.volumes.casesDiscussed) == [0, 2, 2, 0, 0, 0, 0, 1, 2, 0])
        #expect(breakdown.reports.map(\.volumes.meetingsHeld) == [0, 1, 2, 0, 0, 0, 0, 1, 2, 0])
        #expect(breakdown.reports.map(\.repeats.repeatCases) == [0, 0, 0, 0, 0, 0, 0, 1, 0, 0])
        #expect(breakdown.reports.map(\.meetings.lateReferrals) == [0, 2, 1, 0, 0, 0, 0, 1, 2, 0])
        #expect(breakdown.table.columns.first == "day")
        #expect(breakdown.table.column("day") == breakdown.keys)
    }

    @Test func byWeekdaySumsTheDays() throws {
        let breakdown = try MetricsBreakdown.compute(harness.store, scope: s, by: "weekday")
        func row(_ name: String, _ days: Int, _ received: Int, _ discussed: Int, _ meetings: Int, _ repeats: Int,
                 _ late: Int) -> WeekdayFigures {
            var w = WeekdayFigures(weekday: name)
            (w.days, w.referralsReceived, w.casesDiscussed, w.meetingsHeld, w.repeatCases, w.lateReferrals)
                = (days, received, discussed, meetings, repeats, late)
            return w
        }
        #expect(breakdown.weekdays == [
            row("Monday", 2, 1, 1, 1, 1, 1),
            row("Tuesday", 2, 3, 4, 3, 0, 4),
            row("Wednesday", 2, 1, 2, 2, 0, 1),
            row("Thursday", 1, 0, 0, 0, 0, 0),
            row("Friday", 1, 0, 0, 0, 0, 0),
            row("Saturday", 1, 1, 0, 0, 0, 0),
            row("Sunday", 1, 0, 0, 0, 0, 0),
        ])
        let table = breakdown.table
        #expect(table.columns == ["weekday", "days", "referrals_received", "referrals_per_day", "cases_discussed",
                                  "meetings_held", "repeat_cases", "repeat_rate", "late_referrals"])
        #expect(table.column("referrals_per_day") == ["0.5", "1.5", "0.5", "0.0", "0.0", "1.0", "0.0"])
        #expect(table.column("repeat_rate") == ["1.0", "0.0", "0.0", nil, nil, nil, nil])
        guard case let .object(members) = breakdown.json, case let .array(rows)? = members.first(where: { $0.0 == "rows" })?.1 else {
            Issue.record("no rows")
            return
        }
        #expect(rows.count == 7)
    }

    @Test func aPeriodShorterThanAWeekStillListsEveryWeekday() throws {
        let saturday = scope("DRAMM", period("2024-04-06", "2024-04-06"), asOf: "2024-04-30")
        let weekdays = try #require(try MetricsBreakdown.compute(harness.store, scope: saturday, by: "weekday").weekdays)
        #expect(weekdays.map(\.weekday) == WeekdayFigures.names)
        #expect(weekdays.map(\.days) == [0, 0, 0, 0, 0, 1, 0])
        #expect(weekdays[5].referralsReceived == 1)
        #expect(weekdays[0].referralsPerDay == nil)
    }
}
