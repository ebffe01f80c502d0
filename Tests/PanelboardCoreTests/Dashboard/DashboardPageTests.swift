import Foundation
import Testing
@testable import PanelboardCore

/// The page's structure for readers of every kind (issue 16, items 5 and 6): a
/// running header for print with a protective marking, header cells and row
/// headers on every table, tiles a level below the sections, one number format.
@Suite(.serialized) struct DashboardPageTests {
    static func render(_ panel: String, settings: MetricSettings = MetricSettings(), suppressed: Bool = true) throws -> String {
        let scope = MetricScope(panel: panel, period: try Period(parsing: "FY2024Q4"), asOf: day("2025-03-31"), settings: settings)
        var dashboard = Dashboard(store: DemoStoreDisclosureTests.demo.store, scope: scope,
                                  reports: MetricsHarness.repository.appendingPathComponent("Reports"))
        if !suppressed { dashboard.suppression = Suppression(threshold: 5, enabled: false) }
        return try dashboard.html()
    }

    @Test(arguments: ["MARAC", "DAPP", "DRAMM"])
    func everyTableHasColumnAndRowHeaders(panel: String) throws {
        let html = try Self.render(panel)
        let tables = html.matches(of: /<table>[\s\S]*?<\/table>/).map { String($0.output) }
        #expect(tables.count >= ["MARAC": 10, "DAPP": 12, "DRAMM": 20][panel]!)
        for table in tables {
            #expect(table.contains("<thead><tr><th scope=\"col\">"), "\(table.prefix(80))")
            let rows = table.matches(of: /<tr>(?!<th scope="col">)[\s\S]*?<\/tr>/).map { String($0.output) }
            #expect(!rows.isEmpty)
            for row in rows { #expect(row.hasPrefix("<tr><th scope=\"row\">"), "\(row.prefix(80))") }
        }
        // Each table scrolls in its own box, named for keyboard and screen readers.
        #expect(html.matches(of: /<div class="scroll( tall)?" role="region" tabindex="0" aria-label="[^"]+">\s*<table>/).count == tables.count)
    }

    /// A tile without a change, a comparison or a status, and a section without a
    /// note, have no empty paragraph standing in for it (a string is never false
    /// to the template).
    @Test(arguments: ["MARAC", "DAPP", "DRAMM"])
    func noEmptyParagraphs(panel: String) throws {
        let html = try Self.render(panel)
        #expect(html.matches(of: /<p[^>]*><\/p>/).isEmpty, "\(html.matches(of: /<p[^>]*><\/p>/).map { String($0.output) })")
        #expect(html.contains("<p class=\"change\">") && html.contains("<p class=\"note\">"))
    }

    @Test func tileTitlesAreALevelBelowTheSections() throws {
        let html = try Self.render("MARAC")
        #expect(html.contains("<h2 id=\"headline\">Headline figures</h2>"))
        let tiles = html.matches(of: /<div class="tile [^"]*">\s*<h(\d)>/).map { String($0.output.1) }
        #expect(tiles.count >= 6 && tiles.allSatisfy { $0 == "3" })
        #expect(html.matches(of: /<h1>/).count == 1)
    }

    /// Every figure of four digits or more has its thousands separator.
    @Test func numbersHaveThousandsSeparators() throws {
        let html = try Self.render("MARAC")
        #expect(html.contains(">1,164</td>"))
        let bare = html.matches(of: /(<td class="num">|<p class="value">|<text class="(value|tick)"[^>]*>)-?\d{4,}/).map { String($0.output.0) }
        #expect(bare.isEmpty, "\(bare)")
        #expect(DashboardModel.grouped(1234567) == "1,234,567" && DashboardModel.grouped(-1151) == "-1,151" && DashboardModel.grouped(999) == "999")
    }

    @Test func printedPagesCarryARunningHeaderWithTheMarking() throws {
        let html = try Self.render("MARAC")
        #expect(html.contains("<p class=\"marking\">OFFICIAL-SENSITIVE</p>"))
        #expect(html.contains(#"@top-left { content: "MARAC \b7  All areas \b7  FY2024Q4 \28 2025\2d 01\2d 01 to 2025\2d 03\2d 31\29 "; }"#))
        #expect(html.contains(#"@top-right { content: "OFFICIAL\2d SENSITIVE \b7  small numbers suppressed"; }"#))
        #expect(html.contains(#"@bottom-right { content: "Page " counter(page) " of " counter(pages); }"#))
        var settings = MetricSettings()
        settings.protectiveMarking = "OFFICIAL"
        let unsuppressed = try Self.render("DAPP", settings: settings, suppressed: false)
        #expect(unsuppressed.contains("<p class=\"marking\">OFFICIAL</p>"))
        #expect(unsuppressed.contains(#"@top-right { content: "OFFICIAL \b7  UNSUPPRESSED\3a  NOT FOR CIRCULATION"; }"#))
        // In print the banner stays in the flow: nothing fixed over the content.
        let css = try String(contentsOf: MetricsHarness.repository.appendingPathComponent("Reports/dashboard.css"), encoding: .utf8)
        #expect(!css.contains("position: fixed"))
    }

    /// A value in the running header cannot end its string, its rule or the style
    /// element: everything but letters, digits and spaces is escaped.
    @Test func theRunningHeaderEscapesEveryValue() {
        let css = DashboardModel.cssString(#"N"; } body { display: none } </style><script>x</script>\"#)
        #expect(css == #""N\22 \3b  \7d  body \7b  display\3a  none \7d  \3c \2f style\3e \3c script\3e x\3c \2f script\3e \5c ""#)
        #expect(!css.dropFirst().dropLast().contains("\"") && !css.contains("<") && !css.contains(";"))
    }

    @Test func theMarkingIsASettingAndOnlyPlainWords() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pb-marking-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("settings.json")
        #expect(MetricSettings().protectiveMarking == "OFFICIAL-SENSITIVE")
        try #"{"protective_marking": "OFFICIAL-SENSITIVE PERSONAL"}"#.write(to: file, atomically: true, encoding: .utf8)
        #expect(try MetricSettings.load(from: file).protectiveMarking == "OFFICIAL-SENSITIVE PERSONAL")
        for bad in ["", " OFFICIAL", "OFFICIAL<b>", String(repeating: "A", count: 61), "OFFICIAL\\nSENSITIVE"] {
            try "{\"protective_marking\": \"\(bad)\"}".write(to: file, atomically: true, encoding: .utf8)
            #expect(throws: SettingsError.self, "\(bad)") { try MetricSettings.load(from: file) }
        }
    }
}
