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
        let gaps = try MeetingLists.gaps(harness.store, scope: april("MARAC"))
        #expect(gaps.columns == ["area", "previous_meeting", "next_meeting", "gap_days", "day_count", "status", "period_edge"])
        // Riverside's gap starts before April and ends in it; Millbrook's 14-day
        // gaps are not longer than 14; its 19-day gap ends in May, and on 30 April
        // it had gone 11 days without meeting: not open past 14.
        #expect(rows(gaps) == [["Riverside", "2024-03-07", "2024-04-04", "28", "calendar", "closed", nil]])
        // A flag overrides the row: at 13, the four 14-day gaps of April are gaps.
        var thirteen = april("MARAC")
        try thirteen.settings.setFromFlag("meeting_every_days", text: "13")
        #expect(try MeetingLists.gaps(harness.store, scope: thirteen).rows.count == 4)
        #expect(try harness.compute(MeetingGaps.self, april("MARAC")) == 1)
    }

    @Test func dailyMeetingGapsInWorkingDays() throws {
        let gaps = try MeetingLists.gaps(harness.store, scope: april("DRAMM"))
        // Good Friday, Easter Monday and weekends are not working days.
        #expect(rows(gaps) == [["Millbrook", "2024-04-09", "2024-04-11", "2", "working", "closed", nil],
                               ["Millbrook", "2024-04-16", "2024-04-30", "10", "working", "closed", nil]])
        #expect(try harness.compute(MeetingGaps.self, april("DRAMM")) == 2)
        // The same meetings in calendar days: five gaps.
        var calendar = april("DRAMM")
        try calendar.settings.setFromFlag("day_count", text: "calendar")
        let inCalendarDays = try MeetingLists.gaps(harness.store, scope: calendar)
        #expect(inCalendarDays.column("next_meeting") == ["2024-04-02", "2024-04-08", "2024-04-11", "2024-04-15", "2024-04-30"])
        #expect(inCalendarDays.column("gap_days") == ["5", "3", "2", "3", "14"])
        #expect(try harness.compute(MeetingGaps.self, calendar) == 5)
    }

    @Test func clashesWithTheNamedPanelOnTheSameDayAndArea() throws {
        // not_same_day_as MARAC from IGP's panels.csv row, or given.
        var given = april("IGP")
        try given.settings.setFromFlag("not_same_day_as", text: "marac")
        for s in [april("IGP"), given] {
            let clashes = try MeetingLists.clashes(harness.store, scope: s)
            #expect(rows(clashes) == [["Millbrook", "2024-04-17", "MARAC"], ["Millbrook", "2024-04-19", "MARAC"]])
        }
        #expect(try harness.compute(MeetingClashes.self, april("IGP")) == 2)
        // MARAC names no panel to keep off: no list to give, and the count is 0.
        #expect(throws: MeetingListError.noSetting(panel: "MARAC", setting: "not_same_day_as", flag: "--not-same-day-as PANEL")) {
            try MeetingLists.clashes(harness.store, scope: april("MARAC"))
        }
        #expect(try harness.compute(MeetingClashes.self, april("MARAC")) == 0)
        // Riverside only: G02 met on the 17th, Riverside's MARAC on the 18th.
        var riverside = april("IGP")
        riverside.area = "Riverside"
        #expect(try MeetingLists.clashes(harness.store, scope: riverside).rows.isEmpty)
    }

    /// Fixtures/metrics/panel_meetings/README.md, "An area that stopped meeting":
    /// IGP's Hillcrest last met on 7 February, Eastholm first met on 30 April.
    @Test func anAreaThatStoppedMeetingHasAnOpenGapToThePeriodEnd() throws {
        let expected: [[String?]] = [
            ["Eastholm", nil, "2024-04-30", "29", "calendar", "late_start", "2024-04-01"],
            ["Hillcrest", "2024-02-07", nil, "83", "calendar", "open", "2024-04-30"],
        ]
        #expect(rows(try MeetingLists.gaps(harness.store, scope: april("IGP"))) == expected)
        #expect(try harness.compute(MeetingGaps.self, april("IGP")) == 2)
        // 29 days is not longer than 29: only Hillcrest's open gap is left.
        var twentyNine = april("IGP")
        try twentyNine.settings.setFromFlag("meeting_every_days", text: "29")
        #expect(rows(try MeetingLists.gaps(harness.store, scope: twentyNine)) == [expected[1]])
    }

    /// As of a date before the period's end, an open gap is counted to that date;
    /// an area whose last meeting of the period is after it has no open gap (the
    /// closed gap to that meeting is listed as any other).
    @Test func anOpenGapEndsAtTheAsOfDateWhenItIsEarlier() throws {
        let early = scope("IGP", period("2024-04-01", "2024-04-30"), asOf: "2024-04-10")
        #expect(rows(try MeetingLists.gaps(harness.store, scope: early)) == [
            ["Eastholm", nil, "2024-04-30", "29", "calendar", "late_start", "2024-04-01"],
            ["Hillcrest", "2024-02-07", nil, "63", "calendar", "open", "2024-04-10"],
        ])
    }

    /// An as-of date before the period: no area has an open gap in it (gaps that
    /// end at a meeting dated in the period are listed whatever the as-of date,
    /// as they always were).
    @Test func noOpenGapBeforeThePeriodHasStarted() throws {
        let before = scope("IGP", period("2024-04-01", "2024-04-30"), asOf: "2024-03-31")
        #expect(try MeetingLists.gaps(harness.store, scope: before).column("status") == ["late_start"])
    }

    /// Open gaps and late starts in working days, each edge counted as a meeting
    /// day: a daily meeting that stopped before Easter 2025, and one that began
    /// after it, in an area with a closure of its own.
    @Test func openGapsAndLateStartsInWorkingDays() throws {
        let store = try MetricsHarness(files: [
            "panels.csv": "panel,kind,day_count,meeting_every_days\nDRAMM,triage,working,1\n",
            "holidays.csv": "date,area\n2025-04-22,Eastholm\n",
            "meetings.csv": """
                meeting_id,panel,area,meeting_date
                D1,DRAMM,Westfold,2025-04-14
                D2,DRAMM,Westfold,2025-04-15
                D3,DRAMM,Westfold,2025-04-16
                D4,DRAMM,Westfold,2025-04-17
                E1,DRAMM,Eastholm,2025-04-23
                E2,DRAMM,Eastholm,2025-04-24
                E3,DRAMM,Eastholm,2025-04-25

                """,
            "referrals.csv": "referral_id,panel,area,victim_ref,referral_date,referring_agency\nR1,DRAMM,Westfold,V00001,2025-04-14,police\n",
        ], importAsOf: day("2025-05-31"))
        let s = scope("DRAMM", period("2025-04-14", "2025-04-25"), asOf: "2025-05-31")
        // Westfold: after Thu 17, Good Friday and Easter Monday are not working
        // days: 22, 23, 24, 25 April. Eastholm: after Mon 14, 15, 16, 17, then
        // 23 April (its own closure on the 22nd).
        #expect(rows(try MeetingLists.gaps(store.store, scope: s)) == [
            ["Eastholm", nil, "2025-04-23", "4", "working", "late_start", "2025-04-14"],
            ["Westfold", "2025-04-17", nil, "4", "working", "open", "2025-04-25"],
        ])
        #expect(try store.compute(MeetingGaps.self, s) == 2)
    }

    /// A meeting after the period does not close a gap that was open at its end:
    /// at 10 days, Millbrook (last met 19 April, next on 8 May) and Riverside
    /// (18 April) are open on 30 April, beside the four closed gaps of 14 days or more.
    @Test func aMeetingAfterThePeriodDoesNotCloseItsOpenGap() throws {
        var ten = april("MARAC")
        try ten.settings.setFromFlag("meeting_every_days", text: "10")
        #expect(rows(try MeetingLists.gaps(harness.store, scope: ten)) == [
            ["Millbrook", "2024-03-20", "2024-04-03", "14", "calendar", "closed", nil],
            ["Millbrook", "2024-04-03", "2024-04-17", "14", "calendar", "closed", nil],
            ["Millbrook", "2024-04-19", nil, "11", "calendar", "open", "2024-04-30"],
            ["Riverside", "2024-03-07", "2024-04-04", "28", "calendar", "closed", nil],
            ["Riverside", "2024-04-04", "2024-04-18", "14", "calendar", "closed", nil],
            ["Riverside", "2024-04-18", nil, "12", "calendar", "open", "2024-04-30"],
        ])
        #expect(try harness.compute(MeetingGaps.self, ten) == 6)
    }

    /// A panel without meetings.csv rows: its meeting days are the days its cases
    /// were heard (the by_day fixture's DRAMM, which has no panels.csv row: no
    /// interval, so no list and no gaps unless one is given, in calendar days).
    @Test func withoutMeetingRowsTheHeardDaysAreTheMeetings() throws {
        let other = try MetricsHarness(fixture: "by_day", importAsOf: day("2024-04-30"))
        let s = scope("DRAMM", period("2024-04-01", "2024-04-10"), asOf: "2024-04-30")
        #expect(throws: MeetingListError.self) { try MeetingLists.gaps(other.store, scope: s) }
        #expect(try other.compute(MeetingGaps.self, s) == 0)
        var daily = s
        try daily.settings.setFromFlag("meeting_every_days", text: "1")
        // Millbrook heard cases on 2, 3, 8, 9 Apr; Riverside on 3, 9 Apr, and
        // never before: its first meeting day is 2 days after 1 April, a late start.
        #expect(rows(try MeetingLists.gaps(other.store, scope: daily)) == [
            ["Millbrook", "2024-04-03", "2024-04-08", "5", "calendar", "closed", nil],
            ["Riverside", nil, "2024-04-03", "2", "calendar", "late_start", "2024-04-01"],
            ["Riverside", "2024-04-03", "2024-04-09", "6", "calendar", "closed", nil],
        ])
    }

    /// Working days before the shipped bank holiday years cannot be counted: a gap
    /// from a meeting in 2014 is an error naming the years, never a count in
    /// calendar days.
    @Test func aWorkingDayGapOutsideTheShippedYearsIsAnError() throws {
        let early = try MetricsHarness(files: [
            "panels.csv": "panel,kind,day_count,meeting_every_days\nDRAMM,triage,working,1\n",
            "meetings.csv": "meeting_id,panel,area,meeting_date\nD1,DRAMM,Millbrook,2014-12-19\nD2,DRAMM,Millbrook,2015-02-02\n",
            "referrals.csv": "referral_id,panel,area,victim_ref,referral_date,referring_agency\nR1,DRAMM,Millbrook,V0001,2014-12-01,police\n",
        ], importAsOf: day("2015-03-31"))
        let s = scope("DRAMM", period("2015-02-01", "2015-02-28"), asOf: "2015-03-31")
        let expected = WorkingCalendarError.outsideYears(day("2014-12-19"), covered: WorkingCalendar.years)
        #expect(throws: expected) { try MeetingLists.gaps(early.store, scope: s) }
        #expect(throws: expected) { try early.compute(MeetingGaps.self, s) }
    }
}
