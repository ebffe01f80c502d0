import Testing

/// `panelboard meetings --gaps` / `--clashes` on Fixtures/metrics/panel_meetings
/// (worked by hand in its README), whole outputs pinned.
@Suite struct MeetingsCommandTests {
    func run(_ arguments: [String]) throws -> CLI.Result {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let fixture = CLI.repository.appendingPathComponent("Fixtures/metrics/panel_meetings").path
        let imported = try cli.run(["import", fixture, "--db", "store.sqlite", "--as-of", "2024-05-31"])
        #expect(imported.status == 0, "\(imported.stderr)")
        return try cli.run(["meetings", "--db", "store.sqlite", "--from", "2024-04-01", "--to", "2024-04-30"] + arguments)
    }

    @Test func gaps() throws {
        #expect(try run(["--panel", "MARAC", "--gaps", "--format", "csv"]) == CLI.Result(
            status: 0, stdout: "area,previous_meeting,next_meeting,gap_days,day_count,status,period_edge\r\nRiverside,2024-03-07,2024-04-04,28,calendar,closed,\r\n", stderr: ""))
        // The daily meeting, in working days (its panels.csv row).
        #expect(try run(["--panel", "DRAMM", "--gaps"]) == CLI.Result(status: 0, stdout: """
            area       previous_meeting  next_meeting  gap_days  day_count  status  period_edge
            ---------  ----------------  ------------  --------  ---------  ------  -----------
            Millbrook  2024-04-09        2024-04-11           2  working    closed
            Millbrook  2024-04-16        2024-04-30          10  working    closed
            (2 rows)

            """, stderr: ""))
    }

    /// IGP's Hillcrest stopped meeting in February, and Eastholm first met on the
    /// last day of April (the fixture's README, "An area that stopped meeting").
    @Test func anAreaThatStoppedMeetingAndOneThatStartedLate() throws {
        #expect(try run(["--panel", "IGP", "--gaps"]) == CLI.Result(status: 0, stdout: """
            area       previous_meeting  next_meeting  gap_days  day_count  status      period_edge
            ---------  ----------------  ------------  --------  ---------  ----------  -----------
            Eastholm                     2024-04-30          29  calendar   late_start  2024-04-01
            Hillcrest  2024-02-07                            83  calendar   open        2024-04-30
            (2 rows)

            """, stderr: ""))
        // As of 10 April, Hillcrest's gap so far is counted to that day.
        #expect(try run(["--panel", "IGP", "--gaps", "--as-of", "2024-04-10", "--format", "csv"]).stdout == """
            area,previous_meeting,next_meeting,gap_days,day_count,status,period_edge\r
            Eastholm,,2024-04-30,29,calendar,late_start,2024-04-01\r
            Hillcrest,2024-02-07,,63,calendar,open,2024-04-10\r

            """)
    }

    /// The saved query is the list `meetings --gaps` prints, open gaps included,
    /// the panel's meeting_every_days taken from its panels.csv row.
    @Test func theSavedQueryGivesTheSameList() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let fixture = CLI.repository.appendingPathComponent("Fixtures/metrics/panel_meetings").path
        #expect(try cli.run(["import", fixture, "--db", "store.sqlite", "--as-of", "2024-05-31"]).status == 0)
        let saved = try cli.run(["query", "--db", "store.sqlite", "--saved", "metric-meeting-gap-list", "--param", "panel=IGP",
                                 "--param", "from=2024-04-01", "--param", "to=2024-04-30", "--param", "as_of=2024-05-31",
                                 "--format", "csv"])
        #expect(saved.stdout == """
            area,previous_meeting,next_meeting,gap_days,day_count,status,period_edge\r
            Eastholm,,2024-04-30,29,calendar,late_start,2024-04-01\r
            Hillcrest,2024-02-07,,83,calendar,open,2024-04-30\r

            """, "\(saved.stderr)")
    }

    @Test func aListThePanelHasNoTermsForIsRefused() throws {
        #expect(try run(["--panel", "DRAMM", "--clashes"]) == CLI.Result(status: 1, stdout: "", stderr: """
            panelboard: DRAMM has no not_same_day_as in panels.csv, a settings file or a flag: add it to the panel's row, or give --not-same-day-as PANEL

            """))
    }

    @Test func clashes() throws {
        #expect(try run(["--panel", "IGP", "--clashes"]) == CLI.Result(status: 0, stdout: """
            area       meeting_date  other_panel
            ---------  ------------  -----------
            Millbrook  2024-04-17    MARAC
            Millbrook  2024-04-19    MARAC
            (2 rows)

            """, stderr: ""))
    }

    @Test func oneListAtATime() throws {
        let both = try run(["--panel", "IGP", "--clashes", "--gaps"])
        #expect(both.status != 0)
        #expect(both.stderr.contains("give one list: --gaps or --clashes"))
    }
}
