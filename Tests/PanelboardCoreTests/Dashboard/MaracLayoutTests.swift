import Foundation
import Testing
@testable import PanelboardCore

/// A MARAC's own layout (issue 16, item 1): discussion types, children, quoracy
/// and core attendance, a table by area, comparisons with the same quarter a year
/// before and the rolling 12 months, the national figure beside each return row.
/// Checked on the demo store against figures computed here, scope by scope.
@Suite(.serialized) struct MaracLayoutTests {
    static var store: Store { DemoStoreDisclosureTests.demo.store }

    static func dashboard(_ panel: String, area: String? = nil, period: String = "FY2024Q4", suppressed: Bool = true) throws -> Dashboard {
        let scope = MetricScope(panel: panel, area: area, period: try Period(parsing: period), asOf: day("2025-03-31"))
        var dashboard = Dashboard(store: store, scope: scope, reports: MetricsHarness.repository.appendingPathComponent("Reports"))
        if !suppressed { dashboard.suppression = Suppression(threshold: 5, enabled: false) }
        return dashboard
    }

    static func report(_ period: String, area: String? = nil, asOf: String = "2025-03-31") throws -> MetricsReport {
        try MetricsReport.compute(store, scope: MetricScope(panel: "MARAC", area: area, period: try Period(parsing: period),
                                                            asOf: day(asOf)))
    }

    static func table(_ model: DashboardModel, _ name: String) -> DashboardModel.SectionTable? {
        model.maracSections.flatMap(\.tables).first { $0.name == name }
    }

    @Test func theSectionsAreOnAMaracsPageAndPackOnly() throws {
        let marac = try Self.dashboard("MARAC").render()
        for heading in ["Cases by area", "How cases were discussed", "Children", "Quoracy and core agencies"] {
            #expect(marac.html.contains(">\(heading)</h2>"), "\(heading)")
        }
        let stems = Set(marac.pack.files.map(\.name))
        for name in ["by_area", "discussion_types", "children_linked", "children_services", "quoracy", "core_attendance"] {
            #expect(stems.contains("MARAC_FY2024Q4_\(name).csv"), "\(name)")
        }
        for panel in ["DAPP", "DRAMM"] {
            let other = try Self.dashboard(panel).render()
            #expect(!other.html.contains(">How cases were discussed</h2>") && !other.html.contains(">Cases by area</h2>"))
            // A DRAMM has the case profile too (panels.md: on the board of marac and
            // triage panels), in a section of its own; a DAPP has none.
            #expect(other.pack.files.contains { $0.name.hasSuffix("_discussion_types.csv") } == (panel == "DRAMM"), "\(panel)")
            #expect(try Self.dashboard(panel).model().tiles.allSatisfy { $0.yearAgo.isEmpty && $0.rolling.isEmpty })
        }
    }

    /// A MARAC's children tile (issue 16: "a children tile" is what boards compare
    /// against): the children in the households of the cases discussed, as the
    /// national return counts them, and the cases they are in, each as the one
    /// model shows it; on a MARAC's board only.
    @Test(arguments: [nil, "South", "Eastbrook"] as [String?])
    func aMaracHasAChildrenTile(area: String?) throws {
        let dashboard = try Self.dashboard("MARAC", area: area)
        let report = try dashboard.figures().current
        let board = try dashboard.boardFigures(try dashboard.figures())
        let model = try dashboard.model()
        let tile = try #require(model.tiles.first { $0.title == "Children in households" })
        let children = board.figure("volumes", "children_in_households")
        let with = board.figure("case_profile", "with_children", "children_linked"), cases = board.figure("volumes", "cases_discussed")
        #expect(children.value == Double(report.volumes.childrenInHouseholds) && children.isCount)
        #expect(with.value == Double(report[CaseProfile.self].childrenLinked.first { $0.code == "with_children" }!.count))
        #expect(tile.value == TriageLayoutTests.shown(children))
        let share = with.status == .shown && cases.status == .shown ? " (\(String(format: "%.0f%%", with.value! / cases.value! * 100)))" : " ([c])"
        #expect(tile.detail == "in \(TriageLayoutTests.shown(with)) of the cases discussed\(share)", "\(area ?? "all")")
        #expect(tile.status == "none" && tile.change == "no comparison" && tile.yearAgo.isEmpty && tile.rolling.isEmpty)
        // Beside the cases' tiles, before the actions'.
        let titles = model.tiles.map(\.title)
        #expect(titles.firstIndex(of: "Children in households")! + 1 == titles.firstIndex(of: "Actions completed on time"))
        // The page and the headline file show it as the model does.
        let (html, pack) = try dashboard.render()
        #expect(html.contains("<h3>Children in households</h3>\n    <p class=\"value\">\(tile.value)</p>"))
        let headline = try #require(pack.sections.first { $0.name == "headline" })
        #expect(headline.rows.contains { $0.first == .text("Children in households") })
        for panel in ["DRAMM", "DAPP"] {
            #expect(try !Self.dashboard(panel).model().tiles.contains { $0.title == "Children in households" }, "\(panel)")
        }
    }

    /// The glossary says what the comparisons and quoracy mean; a perpetrator
    /// panel's has no case profile, which its board does not carry.
    @Test func theGlossaryFollowsTheLayout() throws {
        let marac = Set(try Self.dashboard("MARAC").model().glossary.map(\.term))
        #expect(marac.isSuperset(of: ["Case profile", "Change on a year before", "Rolling 12 months", "Quorate", "National figure"]))
        let dapp = Set(try Self.dashboard("DAPP").model().glossary.map(\.term))
        #expect(dapp.isDisjoint(with: ["Case profile", "Rolling 12 months", "Quorate"]))
        #expect(try Self.dashboard("DRAMM").model().glossary.contains { $0.term == "Case profile" })
    }

    /// Discussion types and children, row by row, are the case profile's counts
    /// (computed here), shown or hidden; the shares are of the cases discussed.
    @Test func discussionTypesAndChildrenAreTheCaseProfile() throws {
        let model = try Self.dashboard("MARAC", suppressed: false).model()
        let report = try Self.report("FY2024Q4")
        guard case let .object(profile)? = report.json["case_profile"] else { Issue.record("no case profile"); return }
        let cases = Double(report.volumes.casesDiscussed)
        for (name, breakdown) in [("discussion_types", "discussion_type"), ("children_linked", "children_linked"),
                                  ("children_services", "children_services_status")] {
            let rows = try #require(Self.table(model, name)).rows
            guard case let .object(counts)? = profile.first(where: { $0.0 == breakdown })?.1 else { Issue.record("\(breakdown)"); continue }
            #expect(rows.count == counts.count)
            for (row, (_, count)) in zip(rows, counts) {
                guard case let .int(n) = count else { continue }
                #expect(row.cells[1].text == DashboardModel.grouped(n), "\(breakdown) \(row.cells[0].text)")
                #expect(row.cells[2].text == String(format: "%.0f%%", Double(n) / cases * 100))
            }
            #expect(rows.map { Int($0.cells[1].text.replacingOccurrences(of: ",", with: ""))! }.reduce(0, +) == report.volumes.casesDiscussed)
        }
    }

    /// Quoracy and core attendance are meetings and attendance: shown in full,
    /// suppressed or not.
    @Test func quoracyAndCoreAttendanceAreShownInFull() throws {
        let report = try Self.report("FY2024Q4")
        let q = report.meetings.quoracy
        #expect(q.coreAttendance.count > 2)
        for suppressed in [true, false] {
            let model = try Self.dashboard("MARAC", suppressed: suppressed).model()
            let quoracy = try #require(Self.table(model, "quoracy")).rows.map { $0.cells[1].text }
            #expect(quoracy == [q.quorate, q.notQuorate, q.quorumUnknown].map { DashboardModel.grouped($0) }
                + [q.quoracyRate.map { String(format: "%.0f%%", $0 * 100) } ?? "not recorded", DashboardModel.grouped(q.emergencyMeetings)])
            let core = try #require(Self.table(model, "core_attendance")).rows
            #expect(core.map { $0.cells[0].text } == q.coreAttendance.keys.sorted().map(displayName))
            for (row, agency) in zip(core, q.coreAttendance.keys.sorted()) {
                let a = q.coreAttendance[agency]!
                #expect(row.cells.dropFirst().prefix(6).map(\.text)
                    == [a.expected, a.attendedOrDeputy, a.writtenUpdate, a.apologies, a.absent, a.missing].map { DashboardModel.grouped($0) })
            }
        }
    }

    /// One row per area, each that area's own figures; the last row the panel's.
    @Test func theTableByAreaHasEachAreasOwnFigures() throws {
        let model = try Self.dashboard("MARAC", suppressed: false).model()
        let rows = try #require(Self.table(model, "by_area")).rows
        let areas = try Self.store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT area FROM referrals WHERE panel = 'MARAC' ORDER BY 1")
        }
        #expect(rows.map { $0.cells[0].text } == areas + ["All areas"])
        for (row, area) in zip(rows, areas.map(Optional.some) + [nil]) {
            let r = try Self.report("FY2024Q4", area: area)
            #expect(row.cells.dropFirst().map(\.text) == [
                DashboardModel.grouped(r.volumes.referralsReceived), DashboardModel.grouped(r.volumes.casesDiscussed),
                DashboardModel.grouped(r.repeats.repeatCases), r.repeats.repeatRate.map { String(format: "%.0f%%", $0 * 100) } ?? "not recorded",
                r.actions.total.onTimeRate.map { String(format: "%.0f%%", $0 * 100) } ?? "not recorded",
                DashboardModel.grouped(r.actions.total.overdueAsOf),
            ], "\(area ?? "all")")
        }
        // A report of one area has no table by area.
        #expect(Self.table(try Self.dashboard("MARAC", area: "South").model(), "by_area") == nil)
    }

    /// Each tile compares with the same quarter a year before and shows the
    /// rolling 12 months: the four quarters to the report's end, added up here.
    @Test func tilesCompareWithAYearBeforeAndTheRolling12Months() throws {
        let model = try Self.dashboard("MARAC").model()
        let tile = Dictionary(uniqueKeysWithValues: model.tiles.map { ($0.title, $0) })
        let now = try Self.report("FY2024Q4"), then = try Self.report("FY2023Q4", asOf: "2024-04-01")
        let d = now.volumes.casesDiscussed - then.volumes.casesDiscussed
        #expect(tile["Cases discussed"]?.yearAgo == "\(d > 0 ? "+" : "")\(DashboardModel.grouped(d)) on FY2023Q4")
        let quarters = try ["FY2024Q1", "FY2024Q2", "FY2024Q3", "FY2024Q4"].map { try Self.report($0) }
        let cases = quarters.map(\.volumes.casesDiscussed).reduce(0, +)
        let repeats = quarters.map(\.repeats.repeatCases).reduce(0, +)
        #expect(tile["Cases discussed"]?.rolling == "12 months to 2025-03-31: \(DashboardModel.grouped(cases))")
        #expect(tile["Repeat rate"]?.rolling == "12 months to 2025-03-31: " + String(format: "%.1f%%", Double(repeats) / Double(cases) * 100))
        let points = ((now.repeats.repeatRate ?? 0) - (then.repeats.repeatRate ?? 0)) * 100
        #expect(tile["Repeat rate"]?.yearAgo == String(format: "%@%.1f points on FY2023Q4", points > 0 ? "+" : "", points))
        let overdue = now.actions.total.overdueAsOf - then.actions.total.overdueAsOf
        #expect(tile["Overdue actions"]?.yearAgo == "\(overdue > 0 ? "+" : "")\(DashboardModel.grouped(overdue)) on FY2023Q4, as of its end")
        #expect(tile["Overdue actions"]?.rolling == "")
        // The pack's headline carries both, as the page does.
        let headline = try #require(try Self.dashboard("MARAC").model().packTables.first { $0.name == "headline" })
        #expect(headline.columns.suffix(2) == ["Change on a year before", "Rolling 12 months"])
        let first = try #require(tile["Cases discussed"])
        #expect(headline.rows.first?.suffix(2).map(\.csvText) == [first.yearAgo, first.rolling])
    }

    /// A year before the data began (the demo's starts 2023-04-01) is no
    /// comparison, never "+436 on FY2022Q1"; the rolling 12 months hold the one
    /// quarter with data.
    @Test func aYearBeforeWithNoDataIsNoComparison() throws {
        let model = try Self.dashboard("MARAC", period: "FY2023Q1").model()
        let tiles = Dictionary(uniqueKeysWithValues: model.tiles.map { ($0.title, $0) })
        #expect(try Self.report("FY2022Q1", asOf: "2022-07-01").volumes.casesDiscussed == 0)
        for title in ["Cases discussed", "Repeat rate", "Overdue actions"] {
            #expect(tiles[title]?.yearAgo == "no comparison with FY2022Q1: no data", "\(title)")
        }
        let quarter = try Self.report("FY2023Q1").volumes.casesDiscussed
        #expect(quarter > 0)
        #expect(tiles["Cases discussed"]?.rolling == "12 months to 2023-06-30: \(DashboardModel.grouped(quarter))")
    }

    /// The national figure beside each return row: the published one where the
    /// project holds it (metrics.md), "not published" otherwise.
    @Test func theNationalReturnHasTheNationalFigure() throws {
        let model = try Self.dashboard("MARAC").model()
        let national = Dictionary(uniqueKeysWithValues: model.nationalRows.map { ($0.cells[0].text, $0.cells[3].text) })
        #expect(national["Cases discussed"] == "127,594")
        #expect(national["Children in households"] == "159,710")
        #expect(national["Cases per 10,000 adult females (annualised)"] == "48")
        #expect(national["Repeat cases"] == "32%")
        #expect(national["Partner agency referrals"] == "35%")
        #expect(national["Male victims"] == "not published")
        #expect(national.values.filter { $0 != "not published" }.count == 5)
        let html = try Self.dashboard("MARAC").html()
        #expect(html.contains("<th scope=\"col\">National (12 months to June 2024)</th>"))
        // A DRAMM's return has no MARAC national column.
        #expect(try Self.dashboard("DRAMM").model().nationalRows.allSatisfy { $0.cells.count == 3 })
    }
}
