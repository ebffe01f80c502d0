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
    }
}
