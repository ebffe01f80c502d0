import Foundation
import Testing

/// `metrics` on Fixtures/metrics/working_days: the panel's panels.csv row, a
/// settings file and a flag, each value printed with where it came from, and the
/// deadlines counted as the row (or the flag) says.
@Suite struct PanelSettingsCommandTests {
    static let fixture = CLI.repository.appendingPathComponent("Fixtures/metrics/working_days").path

    static func section(_ text: String, _ title: String) -> String {
        let lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: title) else { return "" }
        let rest = lines[start...].prefix { !$0.isEmpty }
        return rest.joined(separator: "\n")
    }

    @Test func everyValueSaysWhereItCameFrom() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["import", Self.fixture, "--db", "s.sqlite", "--as-of", "2024-07-31"]).status == 0)
        try cli.write("settings.json", #"{"minutes_days_after": 1, "quorum": 3}"#)
        let result = try cli.run(["metrics", "--db", "s.sqlite", "--panel", "MARAC", "--period", "2024Q2",
                                  "--as-of", "2024-07-31", "--settings", "settings.json", "--quorum", "4"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.section(result.stdout, "Settings used (value, and where it came from)") == """
            Settings used (value, and where it came from)
              repeat_window_months     12                 default
              agenda_days_before       5                  panels.csv
              minutes_days_after       1                  settings file
              late_referral_days       5                  panels.csv
              exit_review_months       3                  default
              suppression_threshold    5                  default
              repeat_rate_target_low   0.28               default
              repeat_rate_target_high  0.4                default
              cases_per_10k_target     40                 default
              person                   victim_ref         default
              kind                     marac              panels.csv
              day_count                working            panels.csv
              holidays                 england_and_wales  panels.csv
              repeat_panels            MARAC              default
              meeting_every_days       none               default
              not_same_day_as          none               default
              quorum                   4                  flag
              escalation_days          14                 default
              retention_years          keep               default
            """)
        // Minutes within 1 working day: none is on time (M1, Wed 3 Apr, was due by
        // Thu 4 Apr and sent Fri 5; M2 and M3 by Tue 28 and Fri 24 May, sent Wed 29).
        // The fixture has no members.csv: every meeting's quorum is unknown.
        #expect(Self.section(result.stdout, "Meetings") == """
            Meetings
              held                3
              agenda_on_time      1
              agenda_unknown      0
              minutes_on_time     0
              minutes_unknown     0
              late_referrals      3
              quorate             0
              not_quorate         0
              quorum_unknown      3
              quoracy_rate        -
              emergency_meetings  0
              gaps                0
              clashes             0
            """)
        let csv = try cli.run(["metrics", "--db", "s.sqlite", "--panel", "MARAC", "--period", "2024Q2",
                               "--as-of", "2024-07-31", "--day-count", "calendar", "--format", "csv"]).stdout
        #expect(csv.contains("settings,day_count,flag,calendar\r\n"), "\(csv)")
        #expect(csv.contains("meetings,late_referrals,,1\r\n"))
    }

    /// A metric's saved query takes the panel's own settings (panels.csv) for the
    /// parameters the analyst leaves out, so it gives what `metrics` gives.
    @Test func aSavedQueryTakesThePanelsOwnSettings() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["import", Self.fixture, "--db", "s.sqlite", "--as-of", "2024-07-31"]).status == 0)
        let query = ["query", "--db", "s.sqlite", "--saved", "metric-meetings", "--param", "panel=MARAC",
                     "--param", "from=2024-04-01", "--param", "to=2024-06-30", "--format", "csv"]
        let working = try cli.run(query).stdout, calendar = try cli.run(query + ["--param", "day_count=calendar"]).stdout
        #expect(working.contains("meetings,,3,1,0,2,0,3,"), "\(working)")
        #expect(calendar.contains("meetings,,3,3,0,1,0,1,"), "\(calendar)")
    }

    @Test func aBadValueIsRefusedNamingTheFlag() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["import", Self.fixture, "--db", "s.sqlite", "--as-of", "2024-07-31"]).status == 0)
        let result = try cli.run(["metrics", "--db", "s.sqlite", "--panel", "MARAC", "--period", "2024Q2",
                                  "--day-count", "weekdays"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--day-count: the setting day_count must be one of: calendar, working"), "\(result.stderr)")
    }

    @Test func aWorkingDayPeriodOutsideTheShippedYearsIsAnError() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["import", Self.fixture, "--db", "s.sqlite", "--as-of", "2024-07-31"]).status == 0)
        let result = try cli.run(["metrics", "--db", "s.sqlite", "--panel", "MARAC", "--period", "2031Q1", "--as-of", "2024-07-31"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("is outside the years whose bank holidays Panelboard knows (2015 to 2030)"), "\(result.stderr)")
    }
}
