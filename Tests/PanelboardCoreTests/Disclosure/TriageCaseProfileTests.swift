import Foundation
import Testing
@testable import PanelboardCore

/// A triage panel's case profile (panels.md: on the board of `marac` and `triage`
/// panels): one section on the DRAMM's page, a file per table in its CSV pack, a
/// sheet per table in its spreadsheet, each cell as the one model says, and no
/// count under the threshold shown or left to be worked out by subtraction.
@Suite(.serialized) struct TriageCaseProfileTests {
    static let tables = ["discussion_types", "risk_levels", "children_linked", "children_services", "screening"]

    static func dashboard(_ panel: String, area: String? = nil, period: String = "FY2024Q4") throws -> Dashboard {
        try TriageLayoutTests.dashboard(panel, area: area, period: period)
    }

    @Test func theDrammHasItsCaseProfileOnThePageAndInThePack() throws {
        let dashboard = try Self.dashboard("DRAMM")
        let figures = try dashboard.figures()
        let board = try dashboard.boardFigures(figures)
        let (html, pack) = try dashboard.render()
        #expect(html.contains("<section aria-labelledby=\"case-profile\">\n  <h2 id=\"case-profile\">Case profile</h2>"))
        for caption in ["Cases discussed by discussion type", "Cases discussed by risk level", "Cases discussed with and without children",
                        "Cases discussed by children's services status", "Referrals received by screening decision"] {
            #expect(html.contains("<caption>\(caption.replacingOccurrences(of: "'", with: "&#39;"))</caption>"), "\(caption)")
        }
        // After the reason by risk level, before the escalation.
        let at = try #require(html.range(of: "id=\"case-profile\"")).lowerBound
        #expect(try #require(html.range(of: "<h2>Reason by risk level</h2>")).lowerBound < at)
        #expect(at < (try #require(html.range(of: "<h2>Escalation to MARAC</h2>")).lowerBound))

        // Each code's count is the report's, as the board figures show it.
        let model = try dashboard.model()
        let section = try #require(model.triageCaseProfile.first)
        let profile = figures.current[CaseProfile.self]
        for (table, counts, unit) in [("risk_levels", profile.riskLevel, "Cases"), ("screening", profile.screening, "Referrals")] {
            let rows = try #require(section.tables.first { $0.name == table }).rows
            #expect(rows.count == counts.count)
            let breakdown = table == "risk_levels" ? "risk_level" : "screening"
            for (row, count) in zip(rows, counts) {
                let f = board.figure("case_profile", count.code, breakdown)
                #expect(f.value == Double(count.count) && f.isCount, "\(table) \(count.code)")
                #expect(row.cells[1].text == TriageLayoutTests.shown(f), "\(table) \(count.code)")
            }
            #expect(try #require(section.tables.first { $0.name == table }).columns[1] == unit)
        }
        #expect(profile.screening.map(\.count).reduce(0, +) == figures.current.volumes.referralsReceived)
        #expect(profile.riskLevel.map(\.count).reduce(0, +) == figures.current.volumes.casesDiscussed)

        // A file per table, named with the panel and the period like the others.
        let names = pack.files.map(\.name)
        for table in Self.tables { #expect(names.contains("DRAMM_FY2024Q4_\(table).csv"), "\(table)") }
        #expect(Set(pack.sections.map(\.name)).isSubset(of: BoardPack.sectionNames))
        // The spreadsheet writes a sheet per pack section: these among them.
        #expect(Set(Self.tables).isSubset(of: Set(pack.sections.map(\.name))))

        // Neither a MARAC's nor a DAPP's page has the triage section.
        for panel in ["MARAC", "DAPP"] {
            let other = try Self.dashboard(panel).render()
            #expect(!other.html.contains("id=\"case-profile\""), "\(panel)")
            #expect(!other.pack.files.contains { $0.name.hasSuffix("_risk_levels.csv") || $0.name.hasSuffix("_screening.csv") }, "\(panel)")
        }
    }

    /// The one disclosure model's cells on the page, in the CSV files and in the
    /// spreadsheet's tables (`MaracSectionsDisclosureTests.check`), and the spec's
    /// own checker over every figure.
    @Test func theDrammCaseProfileKeepsItsSmallNumbersInEveryOutput() throws {
        let store = DemoStoreDisclosureTests.demo.store
        var hidden = 0
        for area in [nil, "North", "South"] as [String?] {
            for period in ["FY2024Q4", "FY2024Q1"] {
                let scope = MetricScope(panel: "DRAMM", area: area, period: try Period(parsing: period), asOf: day("2025-03-31"))
                hidden += try MaracSectionsDisclosureTests.check(store, scope, label: "demo DRAMM \(area ?? "all") \(period)",
                                                                 sections: \.triageCaseProfile)
            }
        }
        #expect(hidden > 0, "the demo's DRAMM has small case-profile counts")
    }

    /// By subtraction, read straight off the tables: where the total is shown, a
    /// table never hides exactly one count (the total less the others would give
    /// it back), whatever the threshold.
    @Test(arguments: [5, 7, 10])
    func noTableHidesASingleCountUnderAShownTotal(threshold: Int) throws {
        var settings = MetricSettings()
        settings.suppressionThreshold = threshold
        var checked = 0
        for area in [nil, "North", "South"] as [String?] {
            let scope = MetricScope(panel: "DRAMM", area: area, period: try Period(parsing: "FY2024Q4"), asOf: day("2025-03-31"),
                                    settings: settings)
            let dashboard = Dashboard(store: DemoStoreDisclosureTests.demo.store, scope: scope,
                                      reports: MetricsHarness.repository.appendingPathComponent("Reports"))
            let model = try dashboard.model()
            let board = try dashboard.boardFigures(try dashboard.figures())
            for table in try #require(model.triageCaseProfile.first).tables {
                let total = board.figure("volumes", table.name == "screening" ? "referrals_received" : "cases_discussed")
                let counts = table.rows.map { $0.cells[1].text }
                let hidden = counts.filter { $0 == "<\(threshold)" || $0 == "[c]" }.count
                if total.status == .shown { #expect(hidden != 1, "\(area ?? "all") \(threshold) \(table.name): \(counts)") }
                for text in counts where !(text == "<\(threshold)" || text == "[c]") {
                    let n = try #require(Int(text.replacingOccurrences(of: ",", with: "")), "\(text)")
                    #expect(n == 0 || n >= threshold, "\(area ?? "all") \(table.name): \(n) shown")
                }
                checked += 1
            }
        }
        #expect(checked == 15)
    }
}
