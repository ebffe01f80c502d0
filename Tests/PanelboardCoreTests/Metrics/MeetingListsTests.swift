import GRDB
import Testing
@testable import PanelboardCore

/// Fixtures/metrics/panel_meetings/README.md: gaps between meetings and clashes
/// with another panel's meetings.
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
        let gaps = try MeetingLists.gaps(harness.store, scope: april("MARAC"), meetingEveryDays: 14)
        #expect(gaps.columns == ["area", "previous_meeting", "next_meeting", "gap_days"])
        // Riverside's gap starts before April and ends in it; Millbrook's 14-day
        // gaps are not longer than 14; its 19-day gap ends in May.
        #expect(rows(gaps) == [["Riverside", "2024-03-07", "2024-04-04", "28"]])
        #expect(try MeetingLists.gaps(harness.store, scope: april("MARAC"), meetingEveryDays: 13).rows.count == 4)
    }

    @Test func dailyMeetingGapsInCalendarDays() throws {
        let gaps = try MeetingLists.gaps(harness.store, scope: april("DRAMM"), meetingEveryDays: 1)
        #expect(gaps.column("next_meeting") == ["2024-04-02", "2024-04-08", "2024-04-11", "2024-04-15", "2024-04-30"])
        #expect(gaps.column("gap_days") == ["5", "3", "2", "3", "14"])
    }

    @Test func noIntervalNoGaps() throws {
        #expect(try MeetingLists.gaps(harness.store, scope: april("MARAC"), meetingEveryDays: nil).rows.isEmpty)
    }

    @Test func clashesWithTheNamedPanelOnTheSameDayAndArea() throws {
        let clashes = try MeetingLists.clashes(harness.store, scope: april("IGP"), notSameDayAs: "marac")
        #expect(rows(clashes) == [["Millbrook", "2024-04-17", "MARAC"], ["Millbrook", "2024-04-19", "MARAC"]])
        #expect(try MeetingLists.clashes(harness.store, scope: april("IGP"), notSameDayAs: nil).rows.isEmpty)
        // Riverside only: G02 met on the 17th, Riverside's MARAC on the 18th.
        var riverside = april("IGP")
        riverside.area = "Riverside"
        #expect(try MeetingLists.clashes(harness.store, scope: riverside, notSameDayAs: "MARAC").rows.isEmpty)
    }

    /// A panel without meetings.csv rows: its meeting days are the days its cases
    /// were heard (the by_day fixture's DRAMM).
    @Test func withoutMeetingRowsTheHeardDaysAreTheMeetings() throws {
        let other = try MetricsHarness(fixture: "by_day", importAsOf: day("2024-04-30"))
        let gaps = try MeetingLists.gaps(other.store, scope: scope("DRAMM", period("2024-04-01", "2024-04-10"), asOf: "2024-04-30"),
                                         meetingEveryDays: 1)
        // Millbrook heard cases on 2, 3, 8, 9 Apr; Riverside on 3, 9 Apr.
        #expect(rows(gaps) == [["Millbrook", "2024-04-03", "2024-04-08", "5"], ["Riverside", "2024-04-03", "2024-04-09", "6"]])
    }
}
