import Foundation
import Testing
@testable import PanelboardCore

/// A MARAC's own sections (discussion types, children, quoracy, cases by area,
/// comparisons with a year before and the rolling 12 months) keep the small-number
/// rules in all three outputs: no count under the threshold is shown on the page,
/// in the CSV pack or in the spreadsheet pack's tables, no share of a hidden count
/// is, and `DisclosureChecker` (written from metrics.md) finds no hidden count that
/// the figures let a reader work out.
@Suite(.serialized) struct MaracSectionsDisclosureTests {
    static let counted: Set<String> = ["Cases", "Referrals", "Referrals received", "Cases discussed", "Repeat cases"]
    static let derived: Set<String> = ["Share", "Repeat rate"]
    static let names = ["by_area", "discussion_types", "children_linked", "children_services", "quoracy", "core_attendance"]

    struct Rendered {
        let html: String
        let pack: BoardPack
        let model: DashboardModel
    }

    static func render(_ store: Store, _ scope: MetricScope, suppressed: Bool) throws -> Rendered {
        var dashboard = Dashboard(store: store, scope: scope, reports: MetricsHarness.repository.appendingPathComponent("Reports"))
        dashboard.suppression = Suppression(threshold: scope.settings.suppressionThreshold, enabled: suppressed)
        let (html, pack) = try dashboard.render()
        return Rendered(html: html, pack: pack, model: try dashboard.model())
    }

    /// Checks one scope's three outputs (a MARAC's own sections, or those
    /// `sections` picks: a triage panel's case profile); returns how many counts it
    /// saw hidden.
    @discardableResult
    static func check(_ store: Store, _ scope: MetricScope, label: String,
                      sections: (DashboardModel) -> [DashboardModel.Section] = \.maracSections) throws -> Int {
        let threshold = scope.settings.suppressionThreshold
        let on = try render(store, scope, suppressed: true), off = try render(store, scope, suppressed: false)
        var hidden = 0
        let tables = sections(on.model).flatMap(\.tables), truths = sections(off.model).flatMap(\.tables)
        #expect(!tables.isEmpty, "\(label): no sections to check")
        #expect(tables.map(\.name) == truths.map(\.name))
        for (table, truth) in zip(tables, truths) {
            #expect(table.rows.count == truth.rows.count, "\(label) \(table.name)")
            for (row, trueRow) in zip(table.rows, truth.rows) {
                var hiddenCount = false
                for (i, column) in table.columns.enumerated() {
                    let text = row.cells[i].text, true_ = trueRow.cells[i].text
                    let symbol = text == "[c]" || text == "<\(threshold)"
                    if counted.contains(column) {
                        let n = Int(true_.replacingOccurrences(of: ",", with: ""))
                        if let n, (1..<threshold).contains(n) { #expect(symbol, "\(label) \(table.name) \(row.cells[0].text) \(column): \(n) shown") }
                        if symbol { hidden += 1; hiddenCount = true } else { #expect(text == true_, "\(label) \(table.name) \(column)") }
                        if text == "<\(threshold)" { #expect(n.map { (1..<threshold).contains($0) } == true, "\(label): <\(threshold) over \(true_)") }
                    } else if derived.contains(column), hiddenCount {
                        #expect(text == "[c]" || text == "not recorded", "\(label) \(table.name) \(row.cells[0].text): a share of a hidden count")
                    } else if !derived.contains(column) {
                        // Meetings, attendance, actions: shown exactly.
                        #expect(text == true_, "\(label) \(table.name) \(row.cells[0].text) \(column)")
                    }
                }
                // The page shows the row as the model has it; so do the CSV file
                // and the spreadsheet's table (both from the pack's tables).
                let html = "<tr>" + row.cells.map { c in
                    c.header ? "<th scope=\"row\">\(escaped(c.text))</th>" : "<td\(c.numeric ? " class=\"num\"" : "")>\(escaped(c.text))</td>"
                }.joined() + "</tr>"
                #expect(on.html.contains(html), "\(label): \(html)")
            }
            let sheet = try #require(on.pack.sections.first { $0.name == table.name })
            #expect(sheet.rows.map { $0.map(\.csvText) } == table.rows.map { $0.cells.map { PackValue(cell: $0).csvText } })
            let file = try #require(on.pack.files.first { $0.name == "\(on.pack.fileStem)_\(table.name).csv" })
            #expect(file.contents == CSVFormat.render(sheet.result(unsuppressedNotice: nil)))
        }
        // Nothing a reader can work out, from every figure the outputs show.
        let problems = DisclosureChecker(threshold: threshold, scope: label).problems(
            suppressed: on.pack.files.first { $0.name == "figures.csv" }!.contents,
            unsuppressed: off.pack.files.first { $0.name == "figures.csv" }!.contents,
            about: on.pack.files.first { $0.name == "about.csv" }!.contents)
        #expect(problems.isEmpty, "\(problems.prefix(10).joined(separator: "\n"))")
        return hidden
    }

    static func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "'", with: "&#39;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    @Test func theDemoMaracKeepsItsSmallNumbersInEveryOutput() throws {
        let store = DemoStoreDisclosureTests.demo.store
        var hidden = 0
        for area in [nil, "South", "Eastbrook"] as [String?] {
            for period in ["FY2024Q4", "FY2024Q1"] {
                let scope = MetricScope(panel: "MARAC", area: area, period: try Period(parsing: period), asOf: day("2025-03-31"))
                hidden += try Self.check(store, scope, label: "demo MARAC \(area ?? "all") \(period)")
            }
        }
        #expect(hidden > 0)
    }

    /// A small store, where areas and case profiles are mostly small numbers.
    @Test func aSmallStoreKeepsItsSmallNumbersInEveryOutput() throws {
        let harness = try GeneratedScopesDisclosureTests.store(seed: 11, referrals: 1_200)
        var hidden = 0
        for period in ["FY2024Q4", "FY2024Q2", "2024Q3"] {
            var settings = MetricSettings()
            settings.suppressionThreshold = period == "FY2024Q2" ? 7 : 5
            let scope = MetricScope(panel: "MARAC", period: try Period(parsing: period), asOf: day("2025-03-31"), settings: settings)
            hidden += try Self.check(harness.store, scope, label: "seed 11 MARAC \(period)")
        }
        #expect(hidden > 3)
    }

    /// The checker sees the new sums: a discussion type hidden only to protect
    /// another, put back, gives the other away.
    @Test func theCheckerCatchesACaseProfileDisclosure() throws {
        let harness = try GeneratedScopesDisclosureTests.store(seed: 11, referrals: 1_200)
        let scope = MetricScope(panel: "MARAC", period: try Period(parsing: "FY2024Q4"), asOf: day("2025-03-31"))
        let packs = try GeneratedScopesDisclosureTests.packs(harness.store, scope)
        let rows = DisclosureChecker.rows(packs.suppressed), truth = DisclosureChecker.rows(packs.unsuppressed)
        let checker = DisclosureChecker(threshold: 5, scope: "tampered")
        #expect(checker.problems(suppressed: packs.suppressed, unsuppressed: packs.unsuppressed, about: packs.about).isEmpty)
        // Every secondary case-profile cell shown again: some primary one is then exposed.
        var shown = packs.suppressed
        var tampered = 0
        for (row, t) in zip(rows, truth) where row[0] == "case_profile" && row[4] == "secondary" {
            shown = shown.replacingOccurrences(of: row.joined(separator: ","), with: "\(row[0]),\(row[1]),\(row[2]),\(t[3]),shown")
            tampered += 1
        }
        #expect(tampered > 0)
        let found = checker.problems(suppressed: shown, unsuppressed: packs.unsuppressed, about: packs.about)
        #expect(found.contains { $0.contains("case_profile|") && $0.contains("can be worked out") }, "\(found)")
    }
}
