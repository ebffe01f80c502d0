import Foundation
import Testing

/// Issue #14's done-when bundle: a DRAMM in working days with core members, and its
/// MARAC, over Easter 2025 with a local closure (Fixtures/metrics/kirklees, every
/// figure worked by hand in its README), imported and read through the real
/// commands.
@Suite struct KirkleesBundleTests {
    static let bundle = CLI.repository.appendingPathComponent("Fixtures/metrics/kirklees").path
    static let period = ["--from", "2025-04-14", "--to", "2025-04-25", "--as-of", "2025-05-31"]

    func store() throws -> CLI {
        let cli = try CLI()
        let imported = try cli.run(["import", Self.bundle, "--db", "store.sqlite", "--as-of", "2025-05-31"])
        #expect(imported.status == 0, "\(imported.stderr)")
        return cli
    }

    func json(_ cli: CLI, _ panel: String, _ extra: [String] = []) throws -> [String: Any] {
        let run = try cli.run(["metrics", "--panel", panel, "--db", "store.sqlite", "--format", "json"] + Self.period + extra)
        #expect(run.status == 0, "\(run.stderr)")
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
    }

    func text(_ cli: CLI, _ panel: String, _ extra: [String] = []) throws -> String {
        let run = try cli.run(["metrics", "--panel", panel, "--db", "store.sqlite"] + Self.period + extra)
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    static func section(_ text: String, _ title: String) -> String {
        let lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: title) else { return "" }
        return lines[start...].prefix { !$0.isEmpty }.joined(separator: "\n")
    }

    /// README, "DRAMM meetings": quoracy with the missing core agency, core
    /// attendance, notes the same day and the day missed on Wed 16 April.
    @Test func dramMeetingsQuoracyAndCoreAttendance() throws {
        let cli = try store()
        defer { cli.cleanUp() }
        let meetings = Self.section(try text(cli, "DRAMM"), "Meetings").components(separatedBy: "\n")
            .filter { !$0.contains("  attendance / ") }.joined(separator: "\n")
        #expect(meetings == """
            Meetings
              held                                                         6
              agenda_on_time                                               0
              agenda_unknown                                               6
              minutes_on_time                                              4
              minutes_unknown                                              1
              late_referrals                                               0
              quorate                                                      2
              not_quorate                                                  3
              quorum_unknown                                               1
              quoracy_rate                                                 40.0%
              emergency_meetings                                           0
              core_attendance / children_social_care / expected            5
              core_attendance / children_social_care / attended_or_deputy  4
              core_attendance / children_social_care / written_update      1
              core_attendance / children_social_care / apologies           0
              core_attendance / children_social_care / absent              0
              core_attendance / children_social_care / missing             0
              core_attendance / children_social_care / attendance_rate     80.0%
              core_attendance / idva / expected                            5
              core_attendance / idva / attended_or_deputy                  5
              core_attendance / idva / written_update                      0
              core_attendance / idva / apologies                           0
              core_attendance / idva / absent                              0
              core_attendance / idva / missing                             0
              core_attendance / idva / attendance_rate                     100.0%
              core_attendance / police / expected                          5
              core_attendance / police / attended_or_deputy                5
              core_attendance / police / written_update                    0
              core_attendance / police / apologies                         0
              core_attendance / police / absent                            0
              core_attendance / police / missing                           0
              core_attendance / police / attendance_rate                   100.0%
              core_attendance / probation / expected                       5
              core_attendance / probation / attended_or_deputy             3
              core_attendance / probation / written_update                 0
              core_attendance / probation / apologies                      1
              core_attendance / probation / absent                         0
              core_attendance / probation / missing                        1
              core_attendance / probation / attendance_rate                60.0%
              gaps                                                         1
              clashes                                                      0
            """)
        let json = try json(cli, "DRAMM")["meetings"] as? [String: Any] ?? [:]
        #expect([json["quorate"], json["not_quorate"], json["quorum_unknown"]].map { $0 as? Int } == [2, 3, 1])
        #expect(json["quoracy_rate"] as? Double == 0.4)
        let probation = (json["core_attendance"] as? [String: Any])?["probation"] as? [String: Any] ?? [:]
        #expect(["expected", "attended_or_deputy", "apologies", "missing"].map { probation[$0] as? Int } == [5, 3, 1, 1])
        #expect(probation["attendance_rate"] as? Double == 0.6)
    }

    /// README, "Gaps": Wed 16 April is a gap of 2 working days; Thursday before
    /// Easter to the Wednesday after (Good Friday, Easter Monday and the closure
    /// between) is 1. In calendar days three gaps; the MARAC's fortnight is 7
    /// working days, under its 10.
    @Test func gapsInWorkingDaysAcrossEaster() throws {
        let cli = try store()
        defer { cli.cleanUp() }
        let gaps = ["meetings", "--db", "store.sqlite", "--gaps", "--format", "csv"] + Self.period
        let header = "area,previous_meeting,next_meeting,gap_days,day_count,status,period_edge\r\n"
        #expect(try cli.run(gaps + ["--panel", "DRAMM"]) == CLI.Result(
            status: 0, stdout: header + "Kirkdale,2025-04-15,2025-04-17,2,working,closed,\r\n", stderr: ""))
        #expect(try cli.run(gaps + ["--panel", "DRAMM", "--day-count", "calendar"]).stdout == header + """
            Kirkdale,2025-04-11,2025-04-14,3,calendar,closed,\r
            Kirkdale,2025-04-15,2025-04-17,2,calendar,closed,\r
            Kirkdale,2025-04-17,2025-04-23,6,calendar,closed,\r

            """)
        #expect(try cli.run(gaps + ["--panel", "MARAC"]) == CLI.Result(status: 0, stdout: header, stderr: ""))
        #expect(try json(cli, "MARAC", ["--day-count", "calendar"])["meetings"].flatMap { ($0 as? [String: Any])?["gaps"] } as? Int == 1)
    }

    /// README, "DRAMM referrals": cases per working day over the 7 working days
    /// (a Saturday's and the closure's referrals count on none), and escalation
    /// to MARAC within 5 working days (4; in calendar days T05's is too late: 3).
    @Test func triagePerWorkingDayAndEscalationToMarac() throws {
        let cli = try store()
        defer { cli.cleanUp() }
        let triage = try json(cli, "DRAMM")["triage"] as? [String: Any] ?? [:]
        let perDay = triage["per_working_day"] as? [String: Any] ?? [:]
        #expect([perDay["min"], perDay["median"], perDay["max"]].map { $0 as? Int } == [1, 2, 3])
        #expect(triage["busiest_day"] as? [String] == ["2025-04-23"])
        #expect(triage["escalated_to_marac"] as? Int == 4)
        #expect(triage["escalated_to_marac_share"] as? Double == 4.0 / 14.0)
        #expect(triage["marac_within_12_months_returned"] as? Int == 3)
        let byReason = triage["received_by_reason_and_risk"] as? [String: [String: Int]] ?? [:]
        #expect(byReason["police_incident_high"]?["high"] == 4 && byReason["police_incident_high"]?["very_high"] == 2)
        #expect(byReason.values.flatMap(\.values).reduce(0, +) == 14)
        let calendar = try json(cli, "DRAMM", ["--day-count", "calendar"])["triage"] as? [String: Any] ?? [:]
        #expect(calendar["escalated_to_marac"] as? Int == 3)
        let lines = try text(cli, "DRAMM").components(separatedBy: "\n")
        #expect(lines.filter { $0.hasPrefix("  per_working_day") || $0.hasPrefix("  busiest_day") || $0.hasPrefix("  escalated_") } == [
            "  per_working_day / min                                                1",
            "  per_working_day / median                                             2",
            "  per_working_day / max                                                3",
            "  busiest_day                                                          [\"2025-04-23\"]",
            "  escalated_to_marac                                                   4",
            "  escalated_to_marac_share                                             28.6%",
        ])
    }

    /// README, "MARAC": late referrals 3 in working days (received after Mon 14
    /// April for Thu 24 April), 1 in calendar days (after Sat 19); minutes on
    /// time by Thu 1 May, late by Tue 29 April.
    @Test func maracLateReferralsInWorkingDays() throws {
        let cli = try store()
        defer { cli.cleanUp() }
        let meetings = Self.section(try text(cli, "MARAC"), "Meetings").components(separatedBy: "\n")
            .filter { !$0.contains("attendance / ") }.joined(separator: "\n")
        #expect(meetings == """
            Meetings
              held                                                         1
              agenda_on_time                                               1
              agenda_unknown                                               0
              minutes_on_time                                              1
              minutes_unknown                                              0
              late_referrals                                               3
              quorate                                                      1
              not_quorate                                                  0
              quorum_unknown                                               0
              quoracy_rate                                                 100.0%
              emergency_meetings                                           0
              gaps                                                         0
              clashes                                                      0
            """)
        let calendar = try json(cli, "MARAC", ["--day-count", "calendar"])["meetings"] as? [String: Any] ?? [:]
        #expect([calendar["late_referrals"], calendar["minutes_on_time"], calendar["agenda_on_time"]].map { $0 as? Int } == [1, 0, 1])
    }

    /// README, "Repeats across panels": the DRAMM's repeat_panels take in the
    /// MARAC (T02 back at triage within 12 months of M90; T12 by the same-day
    /// order), the MARAC's only itself; DRAMM in the MARAC's would count its
    /// escalations as repeats.
    @Test func repeatsAcrossPanels() throws {
        let cli = try store()
        defer { cli.cleanUp() }
        #expect(Self.section(try text(cli, "DRAMM"), "Repeats (target 28-40%)") == """
            Repeats (target 28-40%)
              cases_discussed          14
              repeat_cases             3
              repeat_rate              21.4%
              recorded_flag_disagrees  1
            """)
        let versionOne = try json(cli, "DRAMM", ["--repeat-panels", "DRAMM"])["repeats"] as? [String: Any] ?? [:]
        #expect([versionOne["repeat_cases"], versionOne["recorded_flag_disagrees"]].map { $0 as? Int } == [1, 0])
        let marac = try json(cli, "MARAC")["repeats"] as? [String: Any] ?? [:]
        #expect([marac["cases_discussed"], marac["repeat_cases"], marac["recorded_flag_disagrees"]].map { $0 as? Int } == [5, 1, 0])
        let withTriage = try json(cli, "MARAC", ["--repeat-panels", "MARAC DRAMM"])["repeats"] as? [String: Any] ?? [:]
        #expect(withTriage["repeat_cases"] as? Int == 3)
        let cases = try cli.run(["query", "--db", "store.sqlite", "--saved", "metric-repeat-cases", "--param", "panel=DRAMM",
                                 "--param", "from=2025-04-14", "--param", "to=2025-04-25", "--format", "csv"]).stdout
        let repeats = cases.components(separatedBy: "\r\n").filter { $0.hasSuffix(",1") }.map { $0.prefix(3) }
        #expect(repeats == ["T02", "T06", "T12"])
    }
}
