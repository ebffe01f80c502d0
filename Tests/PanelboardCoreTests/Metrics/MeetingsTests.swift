import Testing
@testable import PanelboardCore

/// Fixtures/metrics/meetings/README.md: papers, late referrals and attendance.
@Suite struct MeetingsTests {
    let harness: MetricsHarness

    init() throws {
        harness = try MetricsHarness(fixture: "meetings", importAsOf: day("2024-07-31"))
    }

    func meetings(_ panel: String, settings: MetricSettings = MetricSettings()) throws -> Meetings.Result {
        try harness.compute(Meetings.self, scope(panel, "2024Q2", asOf: "2024-07-31", settings: settings))
    }

    func attendance(_ rows: Int, attended: Int = 0, deputy: Int = 0, writtenUpdate: Int = 0, apologies: Int = 0,
                    absent: Int = 0) -> Meetings.Attendance {
        Meetings.Attendance(rows: rows, attended: attended, deputy: deputy, writtenUpdate: writtenUpdate,
                            apologies: apologies, absent: absent)
    }

    @Test func quarter() throws {
        let result = try meetings("MARAC")
        #expect(result == Meetings.Result(
            held: 5, agendaOnTime: 3, agendaUnknown: 1, minutesOnTime: 3, minutesUnknown: 1, lateReferrals: 3,
            attendance: [
                "children_social_care": attendance(2, attended: 1, writtenUpdate: 1),
                "housing": attendance(3, attended: 1, apologies: 1, absent: 1),
                "idva": attendance(4, attended: 2, deputy: 1, apologies: 1),
                "police": attendance(5, attended: 3, deputy: 1, absent: 1),
            ]))
        #expect(result.attendance["children_social_care"]?.attendanceRate == 1.0 / 2.0)
        #expect(result.attendance["housing"]?.attendanceRate == 1.0 / 3.0)
        #expect(result.attendance["idva"]?.attendanceRate == 3.0 / 4.0)
        #expect(result.attendance["police"]?.attendanceRate == 4.0 / 5.0)
    }

    @Test func settings() throws {
        var settings = MetricSettings()
        settings.agendaDaysBefore = 4
        settings.lateReferralDays = 5
        let result = try meetings("MARAC", settings: settings)
        #expect(result.agendaOnTime == 4)
        #expect(result.lateReferrals == 1)
        settings = MetricSettings()
        settings.minutesDaysAfter = 8
        #expect(try meetings("MARAC", settings: settings).minutesOnTime == 4)
    }

    @Test func withoutMeetingsRowsEveryMeetingHeldHasUnknownPapers() throws {
        #expect(try meetings("DRAMM") == Meetings.Result(
            held: 2, agendaOnTime: 0, agendaUnknown: 2, minutesOnTime: 0, minutesUnknown: 2, lateReferrals: 1,
            attendance: [:]))
    }
}
