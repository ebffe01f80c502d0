import Foundation
import Testing

/// An intergenerational perpetrator panel (Hackney's shape; issue 15, item 5), worked
/// by hand in Fixtures/metrics/intergenerational/README.md: its own panels.csv row,
/// deadlines in working days across Easter, step-down exits, and a meeting on the
/// day of the area's MARAC.
@Suite struct IntergenerationalPanelTests {
    func store() throws -> CLI {
        let cli = try CLI()
        let bundle = CLI.repository.appendingPathComponent("Fixtures/metrics/intergenerational").path
        let imported = try cli.run(["import", bundle, "--db", "store.sqlite", "--as-of", "2025-06-30"])
        #expect(imported.status == 0, "\(imported.stderr)")
        return cli
    }

    func figures(_ cli: CLI, _ extra: [String] = []) throws -> [String: Any] {
        let run = try cli.run(["metrics", "--panel", "IGP", "--period", "FY2025Q1", "--as-of", "2025-06-30", "--db", "store.sqlite",
                               "--format", "json"] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
    }

    @Test func deadlinesCountWorkingDaysFromThePanelsOwnRow() throws {
        let cli = try store()
        defer { cli.cleanUp() }
        let json = try figures(cli)
        let meetings = json["meetings"] as? [String: Any] ?? [:]
        #expect(meetings["agenda_on_time"] as? Int == 3)
        #expect(meetings["minutes_on_time"] as? Int == 3)
        #expect(meetings["late_referrals"] as? Int == 1)
        #expect(meetings["gaps"] as? Int == 0)
        #expect(meetings["clashes"] as? Int == 1)
        #expect((json["settings"] as? [String: Any])?["day_count"] as? String == "working")
        #expect((json["settings_sources"] as? [String: Any])?["day_count"] as? String == "panels.csv")
        // The same terms counted in calendar days, as a flag may ask.
        let calendar = try figures(cli, ["--day-count", "calendar"])["meetings"] as? [String: Any] ?? [:]
        #expect(calendar["agenda_on_time"] as? Int == 4)
        #expect(calendar["minutes_on_time"] as? Int == 1)
        #expect(calendar["late_referrals"] as? Int == 0)
        #expect(calendar["gaps"] as? Int == 3)
    }

    @Test func membersLeaveByStepDown() throws {
        let cli = try store()
        defer { cli.cleanUp() }
        let cohort = try figures(cli)["cohort"] as? [String: Any] ?? [:]
        #expect([cohort["at_start"], cohort["adopted"], cohort["exited"], cohort["at_end"]].map { $0 as? Int } == [1, 3, 3, 1])
        let reasons = cohort["exits_by_reason"] as? [String: Int] ?? [:]
        #expect(reasons["stepped_down"] == 2 && reasons["no_further_harm"] == 1)
        let perpetrator = try figures(cli)["perpetrator"] as? [String: Any] ?? [:]
        #expect(perpetrator["exit_review_due"] as? Int == 0)
    }

    @Test func itNeverMeetsOnAMaracDay() throws {
        let cli = try store()
        defer { cli.cleanUp() }
        #expect(try cli.run(["meetings", "--panel", "IGP", "--period", "FY2025Q1", "--clashes", "--db", "store.sqlite"])
                == CLI.Result(status: 0, stdout: """
            area       meeting_date  other_panel
            ---------  ------------  -----------
            Eastbrook  2025-05-29    MARAC
            (1 row)

            """, stderr: ""))
        #expect(try cli.run(["meetings", "--panel", "IGP", "--period", "FY2025Q1", "--gaps", "--db", "store.sqlite", "--format", "csv"])
                == CLI.Result(status: 0, stdout: "area,previous_meeting,next_meeting,gap_days,day_count,status,period_edge\r\n", stderr: ""))
    }
}
