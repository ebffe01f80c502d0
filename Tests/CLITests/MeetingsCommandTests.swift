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
            status: 0, stdout: "area,previous_meeting,next_meeting,gap_days,day_count\r\nRiverside,2024-03-07,2024-04-04,28,calendar\r\n", stderr: ""))
        // The daily meeting, in working days (its panels.csv row).
        #expect(try run(["--panel", "DRAMM", "--gaps"]) == CLI.Result(status: 0, stdout: """
            area       previous_meeting  next_meeting  gap_days  day_count
            ---------  ----------------  ------------  --------  ---------
            Millbrook  2024-04-09        2024-04-11           2  working
            Millbrook  2024-04-16        2024-04-30          10  working
            (2 rows)

            """, stderr: ""))
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
