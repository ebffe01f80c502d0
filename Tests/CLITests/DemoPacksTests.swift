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

/// A demo run again over an older demo's folder: the MARAC's CSV pack it wrote
/// into `board-pack/` (now `marac-board-pack/`) goes, file by file, as far as the
/// demo wrote it; a file of the user's stays, with its folder, and the demo says so.
@Suite struct DemoOldPackTests {
    /// The older layout's pack: its marker, its files, and whatever else is given.
    static func oldPack(_ cli: CLI, extra: [String]) throws {
        try cli.write("panelboard-demo/board-pack/.panelboard-output",
                      "kind: board-pack\nThis folder was written by panelboard, which may replace the files it wrote here.\n")
        for name in ["about.csv", "figures.csv", "MARAC_FY2024Q4_headline.csv", "MARAC_FY2024Q4_trend.csv", "volumes.csv"] + extra {
            try cli.write("panelboard-demo/board-pack/\(name)", "item,value\n")
        }
    }

    @Test func anOlderDemosPackGoesAndAUsersFileStays() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let first = try cli.run(["demo", "--out", "panelboard-demo"])
        #expect(first.status == 0, "\(first.stderr)")
        let fresh = first.stdout

        // Only the demo's own files: the folder goes, and the run prints what a
        // fresh one does.
        try Self.oldPack(cli, extra: [])
        let tidy = try cli.run(["demo", "--out", "panelboard-demo"])
        #expect(tidy.status == 0, "\(tidy.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("panelboard-demo/board-pack")))
        #expect(tidy.stdout == fresh)

        // A file of the user's (and another scope's pack file, which this demo never
        // wrote) stay, with the folder and its marker; the demo names them.
        try Self.oldPack(cli, extra: ["my notes.txt", "MARAC_FY2024Q3_headline.csv"])
        let kept = try cli.run(["demo", "--out", "panelboard-demo"])
        #expect(kept.status == 0, "\(kept.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: cli.path("panelboard-demo/board-pack")).sorted()
        #expect(left == [".panelboard-output", "MARAC_FY2024Q3_headline.csv", "my notes.txt"])
        #expect(kept.stdout.contains("\nLeft panelboard-demo/board-pack, an older demo's CSV pack: it holds files the demo did not write "
            + "(MARAC_FY2024Q3_headline.csv, my notes.txt); the demo removed its own.\n"), "\(kept.stdout)")
        #expect(try String(contentsOfFile: cli.path("panelboard-demo/board-pack/my notes.txt"), encoding: .utf8) == "item,value\n")

        // A board-pack folder the demo did not make (no marker) is not touched.
        try FileManager.default.removeItem(atPath: cli.path("panelboard-demo/board-pack/.panelboard-output"))
        try cli.write("panelboard-demo/board-pack/about.csv", "item,value\n")
        let foreign = try cli.run(["demo", "--out", "panelboard-demo"])
        #expect(foreign.status == 0 && foreign.stdout == fresh, "\(foreign.stderr)")
        #expect(FileManager.default.fileExists(atPath: cli.path("panelboard-demo/board-pack/about.csv")))
    }
}
