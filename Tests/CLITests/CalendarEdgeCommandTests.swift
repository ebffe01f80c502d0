import Foundation
import Testing

/// The commands that crashed at the calendar's edges (a nil-unwrap, a signal) now
/// refuse the date with the supported range, and the edges inside it work.
@Suite struct CalendarEdgeCommandTests {
    static func refusal(_ option: String, _ value: String, _ valueName: String = "DATE") -> String {
        "Error: The value '\(value)' is invalid for '\(option) <\(valueName)>': outside the dates Panelboard works with, 1900-01-01 to 2999-12-31\n"
    }

    func run(_ arguments: [String]) throws -> CLI.Result {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"]).status == 0)
        return try cli.run(arguments + ["--db", "store.sqlite"])
    }

    func expectRefused(_ result: CLI.Result, _ option: String, _ value: String, _ valueName: String = "DATE") {
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix(Self.refusal(option, value, valueName)), "\(result.stderr)")
    }

    @Test func metricsRolling12MonthsToYear1IsRefusedNotACrash() throws {
        expectRefused(try run(["metrics", "--panel", "MARAC", "--rolling-12-months-to", "0001-01-01"]),
                      "--rolling-12-months-to", "0001-01-01")
    }

    @Test func reportFromYear1IsRefusedNotACrash() throws {
        expectRefused(try run(["report", "--panel", "MARAC", "--from", "0001-01-01", "--to", "0001-03-31", "--out", "d.html"]),
                      "--from", "0001-01-01")
    }

    @Test func reportInYear9999IsRefusedNotACrash() throws {
        expectRefused(try run(["report", "--panel", "MARAC", "--from", "9999-10-01", "--to", "9999-12-31", "--out", "d.html"]),
                      "--from", "9999-10-01")
    }

    @Test func metricsByMonthInYear9999IsRefusedNotACrash() throws {
        expectRefused(try run(["metrics", "--panel", "MARAC", "--from", "9999-12-01", "--to", "9999-12-31", "--by", "month"]),
                      "--from", "9999-12-01")
    }

    @Test func anAsOfOutsideTheSupportedDatesIsRefusedByImport() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        expectRefused(try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "3000-01-01"]),
                      "--as-of", "3000-01-01", "YYYY-MM-DD")
    }

    /// The last and first quarters that can be asked for: every figure, the
    /// previous period and the trend, computed.
    @Test(arguments: [
        ["metrics", "--panel", "MARAC", "--from", "2999-12-01", "--to", "2999-12-31", "--by", "month"],
        ["metrics", "--panel", "MARAC", "--period", "FY2999", "--by", "quarter", "--format", "json"],
        ["metrics", "--panel", "MARAC", "--rolling-12-months-to", "1900-01-01", "--safelives"],
        ["report", "--panel", "MARAC", "--period", "2999Q4", "--as-of", "2999-12-31", "--out", "d.html"],
        ["report", "--panel", "MARAC", "--from", "1900-01-01", "--to", "1900-03-31", "--as-of", "1900-01-01", "--out", "d.html"],
    ])
    func theEdgesInsideTheSupportedDatesWork(arguments: [String]) throws {
        let result = try run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func aSettingPastItsRangeIsRefused() throws {
        let result = try run(["metrics", "--panel", "MARAC", "--period", "2024Q1", "--repeat-window-months", "9223372036854775807"])
        #expect(result == CLI.Result(status: 1, stdout: "", stderr: "panelboard: the setting repeat_window_months must be from 0 to 120\n"))
    }
}
