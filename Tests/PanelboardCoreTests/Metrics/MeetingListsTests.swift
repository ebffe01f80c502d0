import GRDB
import Testing
@testable import PanelboardCore

/// Fixtures/metrics/panel_meetings/README.md: gaps between meetings (in each
/// panel's day count) and clashes with another panel's meetings.
@Suite struct MeetingListsTests {
    let harness: MetricsHarness

    init() throws {
        harness = try MetricsHarness(fixture: "panel_meetings", importAsOf: day("2024-05-31"))
    }

    func april(_ panel: String) -> MetricScope {
        scope(panel, period("2024-04-01", "2024-04-30"), asOf: "2024-05-31")
    }

    func rows(_ table: ResultTable) -> [[String?]] {
        table.rows.indices.map { i in table.columns.map { table.column($0)[i] } }
    }

    @Test func maracGapsPerAreaInCalendarDays() throws {
        // meeting_every_days 14 from MARAC's panels.csv row.
        let gaps = try MeetingLists.gaps(harness.store, scope: april("MARAC"), meetingEveryDays: nil)
        #expect(gaps.columns == ["area", "previous_meeting", "next_meeting", "gap_days", "day_count"])
        // Riverside's gap starts before April and ends in it; Millbrook's 14-day
        // gaps are not longer than 14; its 19-day gap ends in May.
        #expect(rows(gaps) == [["Riverside", "2024-03-07", "2024-04-04", "28", "calendar"]])
        // A flag overrides the row: at 13, the four 14-day gaps of April are gaps.
        #expect(try MeetingLists.gaps(harness.store, scope: april("MARAC"), meetingEveryDays: 13).rows.count == 4)
        #expect(try harness.compute(MeetingGaps.self, april("MARAC")) == 1)
    }

    @Test func dailyMeetingGapsInWorkingDays() throws {
        let gaps = try MeetingLists.gaps(harness.store, scope: april("DRAMM"), meetingEveryDays: nil)
        // Good Friday, Easter Monday and weekends are not working days.
        #expect(rows(gaps) == [["Millbrook", "2024-04-09", "2024-04-11", "2", "working"],
                               ["Millbrook", "2024-04-16", "2024-04-30", "10", "working"]])
        #expect(try harness.compute(MeetingGaps.self, april("DRAMM")) == 2)
        // The same meetings in calendar days: five gaps.
        let calendar = try harness.store.queue.read { db in
            var parameters = april("DRAMM").parameters
            parameters["day_count"] = "calendar"
            return try ResultTable.fetch(db, sql: MeetingLists.gapsSQL, arguments: StatementArguments(parameters.filter {
                ["panel", "area", "from", "to", "day_count", "holidays", "meeting_every_days"].contains($0.key)
            }))
        }
        #expect(calendar.column("next_meeting") == ["2024-04-02", "2024-04-08", "2024-04-11", "2024-04-15", "2024-04-30"])
        #expect(calendar.column("gap_days") == ["5", "3", "2", "3", "14"])
    }

    @Test func clashesWithTheNamedPanelOnTheSameDayAndArea() throws {
        // not_same_day_as MARAC from IGP's panels.csv row, or given.
        for given in [nil, "marac"] {
            let clashes = try MeetingLists.clashes(harness.store, scope: april("IGP"), notSameDayAs: given)
            #expect(rows(clashes) == [["Millbrook", "2024-04-17", "MARAC"], ["Millbrook", "2024-04-19", "MARAC"]])
        }
        #expect(try harness.compute(MeetingClashes.self, april("IGP")) == 2)
        // MARAC names no panel to keep off.
        #expect(try MeetingLists.clashes(harness.store, scope: april("MARAC"), notSameDayAs: nil).rows.isEmpty)
        #expect(try harness.compute(MeetingClashes.self, april("MARAC")) == 0)
        // Riverside only: G02 met on the 17th, Riverside's MARAC on the 18th.
        var riverside = april("IGP")
        riverside.area = "Riverside"
        #expect(try MeetingLists.clashes(harness.store, scope: riverside, notSameDayAs: nil).rows.isEmpty)
    }

    /// A panel without meetings.csv rows: its meeting days are the days its cases
    /// were heard (the by_day fixture's DRAMM, which has no panels.csv row: no
    /// interval, so no gaps unless one is given, in calendar days).
    @Test func withoutMeetingRowsTheHeardDaysAreTheMeetings() throws {
        let other = try MetricsHarness(fixture: "by_day", importAsOf: day("2024-04-30"))
        let s = scope("DRAMM", period("2024-04-01", "2024-04-10"), asOf: "2024-04-30")
        #expect(try MeetingLists.gaps(other.store, scope: s, meetingEveryDays: nil).rows.isEmpty)
        #expect(try other.compute(MeetingGaps.self, s) == 0)
        // Millbrook heard cases on 2, 3, 8, 9 Apr; Riverside on 3, 9 Apr.
        #expect(rows(try MeetingLists.gaps(other.store, scope: s, meetingEveryDays: 1)) == [
            ["Millbrook", "2024-04-03", "2024-04-08", "5", "calendar"],
            ["Riverside", "2024-04-03", "2024-04-09", "6", "calendar"],
        ])
    }

    /// Working days past the shipped bank holiday years cannot be counted: an
    /// error naming the years, never a count in calendar days.
    @Test func aWorkingDayGapOutsideTheShippedYearsIsAnError() throws {
        let late = try MetricsHarness(files: [
            "panels.csv": "panel,kind,day_count,meeting_every_days\nDRAMM,triage,working,1\n",
            "meetings.csv": "meeting_id,panel,area,meeting_date\nD1,DRAMM,Millbrook,2030-12-20\nD2,DRAMM,Millbrook,2031-01-06\n",
            "referrals.csv": "referral_id,panel,area,victim_ref,referral_date,referring_agency\nR1,DRAMM,Millbrook,V0001,2030-12-01,police\n",
        ], importAsOf: day("2031-02-01"))
        let s = scope("DRAMM", period("2031-01-01", "2031-01-31"), asOf: "2031-02-01")
        let expected = WorkingCalendarError.outsideYears(day("2031-01-06"), covered: WorkingCalendar.years)
        #expect(throws: expected) { try MeetingLists.gaps(late.store, scope: s, meetingEveryDays: nil) }
        #expect(throws: expected) { try late.compute(MeetingGaps.self, s) }
    }
}
