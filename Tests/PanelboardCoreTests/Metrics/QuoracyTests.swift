import GRDB
import Testing
@testable import PanelboardCore

/// Fixtures/metrics/panel_meetings/README.md: quoracy, core attendance and
/// emergency meetings of a DRAMM (quorum 3, a member joining mid-month) and its
/// MARAC (quorum all core members, a member leaving, an area's own member).
@Suite struct QuoracyTests {
    let harness: MetricsHarness

    init() throws {
        harness = try MetricsHarness(fixture: "panel_meetings", importAsOf: day("2024-05-31"))
    }

    func april(_ panel: String) -> MetricScope {
        scope(panel, period("2024-04-01", "2024-04-30"), asOf: "2024-05-31")
    }

    typealias Core = Quoracy.CoreAttendance

    @Test func dailyTriageWithAQuorumOfThree() throws {
        let result = try harness.compute(Quoracy.self, april("DRAMM"))
        #expect(result == Quoracy.Result(
            quorate: 5, notQuorate: 4, quorumUnknown: 2, emergencyMeetings: 0,
            coreAttendance: [
                "children_social_care": Core(expected: 9, attendedOrDeputy: 4, writtenUpdate: 1, apologies: 1, absent: 1, missing: 2),
                "idva": Core(expected: 9, attendedOrDeputy: 8, apologies: 1),
                "mash": Core(expected: 3, attendedOrDeputy: 2, writtenUpdate: 1),
                "police": Core(expected: 9, attendedOrDeputy: 9),
            ]))
        #expect(result.quoracyRate == 5.0 / 9.0)
        #expect(result.coreAttendance["children_social_care"]?.attendanceRate == 4.0 / 9.0)
        #expect(result.coreAttendance["mash"]?.attendanceRate == 2.0 / 3.0)
    }

    /// The quorum bound for one run (as a settings file or flag would) overrides
    /// the panel's row: at 2, only D03 (1 present) is not quorate; at 4, only D12
    /// (4 present) is quorate.
    @Test(arguments: [(2, 8, 1), (4, 1, 8)])
    func aGivenQuorumOverridesThePanelsRow(quorum: Int, quorate: Int, notQuorate: Int) throws {
        let rows = try harness.store.queue.read { db in
            var parameters = april("DRAMM").parameters
            parameters["quorum"] = quorum
            let statement = try db.makeStatement(sql: Quoracy.sql)
            let wanted = Set(statement.sqliteArgumentNames)
            return try Row.fetchAll(statement, arguments: StatementArguments(parameters.filter { wanted.contains($0.key) }))
        }
        let result = try Quoracy.result(from: rows, scope: april("DRAMM"))
        #expect((result.quorate, result.notQuorate, result.quorumUnknown) == (quorate, notQuorate, 2))
    }

    @Test func maracWithMembershipChangingOverTheMonth() throws {
        let result = try harness.compute(Quoracy.self, april("MARAC"))
        #expect(result == Quoracy.Result(
            quorate: 2, notQuorate: 2, quorumUnknown: 1, emergencyMeetings: 1,
            coreAttendance: [
                "housing": Core(expected: 2, attendedOrDeputy: 1, apologies: 1),
                "idva": Core(expected: 4, attendedOrDeputy: 3, missing: 1),
                "police": Core(expected: 4, attendedOrDeputy: 4),
                "primary_care": Core(expected: 2, attendedOrDeputy: 2),
            ]))
        #expect(result.quoracyRate == 0.5)
    }

    /// In the report, the meetings member: version 1's figures and meetings v2's.
    @Test func theMeetingsMemberCarriesThem() throws {
        let meetings = try harness.report(april("DRAMM")).meetings
        #expect(meetings.held == 11)
        #expect(meetings.quoracy.quorate == 5 && meetings.gaps == 2 && meetings.clashes == 0)
        guard case let .object(members) = meetings.json else {
            Issue.record("meetings is not an object")
            return
        }
        #expect(members.map(\.0).suffix(8) == ["quorate", "not_quorate", "quorum_unknown", "quoracy_rate",
                                               "emergency_meetings", "core_attendance", "gaps", "clashes"])
        #expect(try harness.report(april("IGP")).meetings.clashes == 2)
    }

    /// The terminal form prints the counts as counts and the rates as percentages
    /// (`quorate` ends in "rate" but is a count).
    @Test func theTextShowsCountsAndRates() throws {
        let text = MetricsText.render(try harness.report(april("DRAMM")))
        let lines = text.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(lines.contains("quorate 5"))
        #expect(lines.contains("not_quorate 4"))
        #expect(lines.contains("quoracy_rate 55.6%"))
        #expect(lines.contains("core_attendance / mash / attendance_rate 66.7%"))
        #expect(lines.contains("gaps 2"))
    }

    /// A version 1 bundle: no members, so every meeting's quorum is unknown and no
    /// agency is expected anywhere.
    @Test func withoutMembersEveryMeetingIsUnknown() throws {
        let v1 = try MetricsHarness(fixture: "meetings", importAsOf: day("2024-07-31"))
        let result = try v1.compute(Quoracy.self, scope("MARAC", "2024Q2", asOf: "2024-07-31"))
        #expect(result == Quoracy.Result(quorate: 0, notQuorate: 0, quorumUnknown: 5))
        #expect(result.quoracyRate == nil)
    }
}
