import Foundation
import Testing

/// `panelboard demo` (issue 16, item 10): a board pack for each kind of panel (the
/// dashboard, the CSV pack and the spreadsheet), each where it says, and the README
/// shows what it prints.
@Suite struct DemoPacksTests {
    /// The fenced block of the README that follows `make demo`'s description.
    static func readmeDemoBlock() throws -> String {
        let readme = try String(contentsOf: CLI.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let opening = try #require(readme.range(of: "```\nWrote a synthetic bundle of"))
        let closing = try #require(readme.range(of: "```\n", range: opening.upperBound..<readme.endIndex))
        return String(readme[readme.index(opening.lowerBound, offsetBy: 4)..<closing.lowerBound])
    }

    @Test func demoWritesAPackForEachKindOfPanelAndTheReadmeShowsWhatItPrints() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let demo = try cli.run(["demo", "--out", "panelboard-demo"])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout == (try Self.readmeDemoBlock()), "README's demo output is stale")
        for (panel, kind, section) in [("MARAC", "risk conference", "national_return"), ("DRAMM", "daily triage", "reason_by_risk"),
                                       ("DAPP", "perpetrator panel", "harm_after_exit")] {
            let name = panel.lowercased()
            #expect(demo.stdout.contains("\(panel):".padding(toLength: 12, withPad: " ", startingAt: 0)
                + "panelboard-demo/\(name)-dashboard.html  (\(kind), FY2024Q4; open it in a browser)"))
            let html = try String(contentsOfFile: cli.path("panelboard-demo/\(name)-dashboard.html"), encoding: .utf8)
            #expect(html.contains("<h1>\(panel)\(panel == "MARAC" ? "" : " (\(kind))") quarterly board pack (synthetic demo)</h1>"))
            let files = try FileManager.default.contentsOfDirectory(atPath: cli.path("panelboard-demo/\(name)-board-pack"))
            #expect(files.contains("about.csv") && files.contains("figures.csv") && files.contains("\(panel)_FY2024Q4_\(section).csv"),
                    "\(panel): \(files.sorted())")
            let book = try SpreadsheetPackTests.read(cli, cli.path("panelboard-demo/\(name)-board-pack.xlsx"))
            #expect(book["_comment"] as? String == "panelboard board pack")
            #expect((book["_order"] as? [String])?.contains(section) == true, "\(panel)")
        }

        // The DRAMM's case profile: a file and a sheet per table, the sheet holding
        // the file's cells, no count from 1 to 4 in either.
        let book = try SpreadsheetPackTests.read(cli, cli.path("panelboard-demo/dramm-board-pack.xlsx"))
        var symbols = 0
        for table in ["discussion_types", "risk_levels", "children_linked", "children_services", "screening"] {
            let csv = try String(contentsOfFile: cli.path("panelboard-demo/dramm-board-pack/DRAMM_FY2024Q4_\(table).csv"), encoding: .utf8)
            let rows = try CSVRows.parse(csv)
            #expect(rows[0][1] == (table == "screening" ? "Referrals" : "Cases") && rows.count > 2, "\(table)")
            let cells = try #require((book[table] as? [String: Any])?["cells"] as? [String: [String]], "\(table)")
            for (r, row) in rows.dropFirst().enumerated() {
                let count = row[1], cell = cells["B\(5 + r)"]
                if count == "<5" || count == "[c]" {
                    #expect(cell == ["s", count], "\(table) B\(5 + r)")
                    symbols += 1
                } else {
                    let n = try #require(Int(count), "\(table): \(count)")
                    #expect(n == 0 || n >= 5, "\(table): \(n) shown")
                    #expect(cell == ["n", count], "\(table) B\(5 + r): \(cell ?? [])")
                }
            }
        }
        #expect(symbols > 0, "the demo DRAMM's case profile has small counts")
    }
}
