import Foundation
import Testing

/// `report` and `metrics --by`/`--safelives` for periods a purge archived (the
/// retention fixture's 2018Q1 and 2018Q2, purged before 2020-01-01): the same
/// figures as before the purge, read from the archive, saying so.
@Suite struct ArchivedReportCommandTests {
    static let purge = ["purge", "--before", "2020-01-01", "--panel", "MARAC", "--as-of", "2026-01-01", "--db", "s.sqlite"]
    static let notice = "figures archived on 2026-01-01; case-level data disposed of"

    func imported() throws -> CLI {
        let cli = try CLI()
        #expect(try cli.run(["import", PurgeCommandTests.bundle, "--db", "s.sqlite", "--as-of", "2025-01-01"]).status == 0)
        return cli
    }

    /// Every file of a CSV pack, by name.
    func pack(_ cli: CLI, _ folder: String) throws -> [String: String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: cli.path(folder))
        return Dictionary(uniqueKeysWithValues: try names.map { ($0, try String(contentsOfFile: cli.path("\(folder)/\($0)"), encoding: .utf8)) })
    }

    /// about.csv's lines without the one that says when the pack was made.
    func aboutLines(_ text: String?) -> [String] {
        (text ?? "").components(separatedBy: "\r\n").filter { !$0.hasPrefix("generated_at,") }
    }

    /// The pack of an archived quarter (and of the quarter after it, whose
    /// comparison is with an archived one) made after the purge is the pack made
    /// before it, file for file, figure for figure, but for the rolling 12 months
    /// (which run into the archived quarters, and say they are not counted);
    /// about.csv, the page and the spreadsheet's Notes sheet say the figures are
    /// archived.
    @Test(arguments: [("2018Q2", "2018-07-01", "2018Q1, 2018Q2"), ("2018Q3", "2018-10-01", "2018Q1, 2018Q2")])
    func aPackForAnArchivedPeriodIsThePackMadeBeforeThePurge(period: String, asOf: String, archived: String) throws {
        let cli = try imported()
        defer { cli.cleanUp() }
        let report = ["report", "--panel", "MARAC", "--period", period, "--as-of", asOf, "--db", "s.sqlite"]
        let made = try cli.run(report + ["--out", "before.html", "--csv", "before"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try cli.run(Self.purge).status == 0)
        let remade = try cli.run(report + ["--out", "after.html", "--csv", "after", "--xlsx", "after.xlsx"])
        #expect(remade.status == 0, "\(remade.stderr)")

        let before = try pack(cli, "before"), after = try pack(cli, "after")
        #expect(before.keys.sorted() == after.keys.sorted())
        #expect(before.count > 8)
        // The rolling 12 months run into the archived quarters, whose case-level
        // data is gone: they are not counted again, and the pack says so where
        // they stood. Everything else is as it was.
        let notCounted = "not counted (a quarter in it was archived on 2026-01-01)"
        func rollingAside(_ text: String?) -> String {
            (text ?? "").components(separatedBy: "\r\n").filter { !$0.hasPrefix("rolling,") }.joined(separator: "\r\n")
                .replacingOccurrences(of: #"(12 months to \d{4}-\d{2}-\d{2}): (<5|[^,\r\n"<]*)"#, with: "$1: ROLLING", options: .regularExpression)
        }
        #expect(after.values.contains { $0.contains(notCounted) })
        #expect(!after.values.contains { $0.contains("\r\nrolling,") })
        for name in before.keys.sorted() where name != "about.csv" {
            #expect(rollingAside(after[name]) == rollingAside(before[name]), "\(name)")
        }
        let notice = "archived,\"\(Self.notice). \(archived): the figures computed before the purge, read from the archive"
            + (period == "2018Q2" ? " (overdue actions as of \(asOf))\"" : "\"")
        #expect(aboutLines(after["about.csv"]).filter { $0 != notice } == aboutLines(before["about.csv"]))
        #expect(aboutLines(after["about.csv"]).contains(notice))

        // The page: the same apart from the notice and the time it was made.
        func page(_ name: String) throws -> [String] {
            try String(contentsOfFile: cli.path(name), encoding: .utf8).components(separatedBy: "\n")
                .filter { !$0.contains("Generated ") && !$0.contains("class=\"archived\"") && !$0.allSatisfy(\.isWhitespace) }
        }
        #expect(try page("after.html").map(rollingAside) == page("before.html").map(rollingAside))
        #expect(try page("after.html").contains { $0.contains(notCounted) })
        let html = try String(contentsOfFile: cli.path("after.html"), encoding: .utf8)
        #expect(html.contains("<p class=\"archived\" role=\"note\">\(Self.notice). \(archived):"))
        #expect(!(try String(contentsOfFile: cli.path("before.html"), encoding: .utf8)).contains("class=\"archived\""))

        let book = try SpreadsheetPackTests.read(cli, cli.path("after.xlsx"))
        let notes = try #require((book["Notes"] as? [String: Any])?["cells"] as? [String: [String]])
        #expect(notes.values.contains { $0[1].hasPrefix(Self.notice + ". " + archived) })
    }

    /// The national return and the breakdowns by quarter, agency and area come
    /// from the archive, as they were; by month, day or weekday need case-level
    /// data, and are refused, saying what to ask instead.
    @Test func metricsByAndSafeLivesReadTheArchive() throws {
        let cli = try imported()
        defer { cli.cleanUp() }
        let metrics = ["metrics", "--panel", "MARAC", "--period", "2018Q2", "--as-of", "2018-07-01", "--db", "s.sqlite"]
        let asked: [[String]] = [["--safelives"], ["--by", "quarter"], ["--by", "agency"], ["--by", "area"]]
        var before: [[String]: (csv: String, table: String, json: String)] = [:]
        for flags in asked {
            let csv = try cli.run(metrics + flags + ["--format", "csv"])
            #expect(csv.status == 0 && csv.stdout.count > 40, "\(flags) \(csv.stderr)")
            before[flags] = (csv.stdout, try cli.run(metrics + flags).stdout, try cli.run(metrics + flags + ["--format", "json"]).stdout)
        }
        #expect(before[["--by", "area"]]?.csv.contains("\r\nNorth,") == true)
        #expect(before[["--by", "area"]]?.csv.contains("\r\nSouth,") == true)
        #expect(try cli.run(Self.purge).status == 0)

        for flags in asked {
            let csv = try cli.run(metrics + flags + ["--format", "csv"])
            #expect(csv == CLI.Result(status: 0, stdout: before[flags]!.csv, stderr: Self.notice + "\n"), "\(flags)")
            let table = try cli.run(metrics + flags)
            #expect(table == CLI.Result(status: 0, stdout: Self.notice + "\n" + before[flags]!.table, stderr: ""), "\(flags)")
            let json = try cli.run(metrics + flags + ["--format", "json"])
            #expect(json.stdout == before[flags]!.json.replacingOccurrences(
                of: "{\n", with: "{\n  \"archived\": {\n    \"archived_on\": \"2026-01-01\",\n    \"note\": \"\(Self.notice)\"\n  },\n",
                options: .anchored), "\(flags)")
        }
        for by in ["month", "day", "weekday"] {
            #expect(try cli.run(metrics + ["--by", by]) == CLI.Result(status: 1, stdout: "", stderr: """
                panelboard: MARAC 2018Q2: \(Self.notice). The archive holds the quarter's figures for the panel and each area, \
                not its days or months: ask --by quarter, area or agency, or see the archived figures with \
                panelboard metrics --panel MARAC --period 2018Q2

                """))
        }
    }

    /// Archived figures are shown only under the settings they were counted
    /// with: they cannot be counted again under others.
    @Test func aReportUnderOtherSettingsIsRefused() throws {
        let cli = try imported()
        defer { cli.cleanUp() }
        #expect(try cli.run(Self.purge).status == 0)
        let result = try cli.run(["report", "--panel", "MARAC", "--period", "2018Q2", "--late-referral-days", "3",
                                  "--db", "s.sqlite", "--out", "r.html"])
        #expect(result == CLI.Result(status: 1, stdout: "", stderr: """
            panelboard: MARAC 2018Q2: figures archived on 2026-01-01 were computed with late_referral_days 7, and this run's is 3; \
            case-level data disposed of, so they cannot be computed again: give the settings the archive used (--settings FILE with late_referral_days) \
            to show them, or see them with panelboard metrics --panel MARAC --period 2018Q2 --format json

            """))
        #expect(!FileManager.default.fileExists(atPath: cli.path("r.html")))
    }
}
