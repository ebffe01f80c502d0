import Foundation
import Testing
@testable import PanelboardCore

/// Scopes that make sense on the dashboard (issue 16, item 2): a period with no
/// data says so, nothing is green without data, a change against an empty period
/// is no comparison, and the trend shows periods of the report's own kind.
@Suite(.serialized) struct DashboardScopeTests {
    static var demo: MetricsHarness { DemoStoreDisclosureTests.demo }

    func model(_ panel: String, _ period: String, asOf: String = "2025-03-31", store: Store? = nil) throws -> DashboardModel {
        let scope = MetricScope(panel: panel, period: try Period(parsing: period), asOf: day(asOf))
        return try Dashboard(store: store ?? Self.demo.store, scope: scope, reports: URL(fileURLWithPath: "/nonexistent")).model()
    }

    @Test func aYearsTrendIsTheLastFiveYears() throws {
        #expect(try Period(parsing: "FY2024").trendPeriods.map(\.label) == ["FY2020", "FY2021", "FY2022", "FY2023", "FY2024"])
        #expect(try Period(parsing: "2024").trendPeriods.map(\.label) == ["2020", "2021", "2022", "2023", "2024"])
        let m = try model("MARAC", "FY2024")
        #expect(m.trendColumns.map(\.label) == ["FY2020", "FY2021", "FY2022", "FY2023", "FY2024"])
        #expect(m.trendHeading == "Trends over the last 5 years")
        #expect(m.title == "MARAC annual figures")
        #expect(try model("MARAC", "FY2024Q4").title == "MARAC quarterly figures")
        #expect(m.trendRows.map { $0.cells[0].text } == ["FY2020", "FY2021", "FY2022", "FY2023", "FY2024"])
        // The CSV pack shows the same trend: no quarter beside the year holding it.
        let scope = MetricScope(panel: "MARAC", period: try Period(parsing: "FY2024"), asOf: day("2025-03-31"))
        let dashboard = Dashboard(store: Self.demo.store, scope: scope, reports: URL(fileURLWithPath: "/nonexistent"))
        let board = try dashboard.boardFigures(try dashboard.figures())
        let trend = Set(board.figures.filter { $0.family == "trend" }.compactMap(\.breakdown))
        #expect(trend == ["FY2020", "FY2021", "FY2022", "FY2023", "FY2024"])
    }

    @Test func aQuartersTrendIsTheLastEightQuarters() throws {
        let m = try model("MARAC", "FY2024Q4")
        #expect(m.trendColumns.map(\.label) == ["FY2023Q1", "FY2023Q2", "FY2023Q3", "FY2023Q4", "FY2024Q1", "FY2024Q2", "FY2024Q3", "FY2024Q4"])
        #expect(m.trendHeading == "Trends over the last 8 quarters")
    }

    @Test func anyOtherPeriodsTrendIsTheSameLengthBefore() throws {
        let periods = try Period(from: day("2024-05-10"), to: day("2024-06-09")).trendPeriods
        #expect(periods.count == 8)
        #expect(periods.allSatisfy { $0.days == 31 })
        #expect(zip(periods, periods.dropFirst()).allSatisfy { $0.to.adding(days: 1) == $1.from })
        #expect(periods.last!.to == day("2024-06-09"))
        let rolling = Period.rolling12Months(to: day("2024-06-15")).trendPeriods
        #expect(rolling.count == 5 && rolling.first!.to == day("2020-06-15"))
        // At the first representable day there is nothing before: one period, no trap.
        #expect(try Period(from: Day(year: 1, month: 1, day: 1)!, to: Day(year: 1, month: 1, day: 10)!).trendPeriods.count == 1)
    }

    @Test func aPeriodBeforeAnyDataSaysSoAndShowsNoGreen() throws {
        let m = try model("MARAC", "FY2021Q4")
        #expect(m.noData)
        #expect(m.noDataText.hasPrefix("No data for FY2021Q4: no referrals, cases, meetings, actions or cohort movement"))
        #expect(m.tiles.allSatisfy { $0.status != "ok" }, "\(m.tiles.map { ($0.title, $0.statusText) })")
        #expect(m.tiles.allSatisfy { $0.change == "no comparison" }, "\(m.tiles.map(\.change))")
        // The overdue count is as of a date: the open actions of later periods are
        // still overdue, but are not a change on a quarter with none.
        let overdue = try #require(m.tiles.first { $0.title == "Overdue actions" })
        #expect(overdue.value != "0")
        #expect(!overdue.change.contains("+"))
        // No rate without cases: a short mark under each point, and its key.
        #expect(m.trendRateChart.texts.filter { $0.cls == "value" }.allSatisfy { $0.text == "–" })
        #expect(m.trendRateChart.texts.contains { $0.cls == "legend" && $0.text == "–: no rate (no cases)" })
        let html = try Self.render("MARAC", "FY2021Q4")
        #expect(html.contains("<p class=\"no-data\" role=\"status\">No data for FY2021Q4"))
    }

    /// A DRAMM's quarter before any data: said in large type, no green, and its
    /// tiles and case profile read plainly ("no referrals received to escalate",
    /// not "not recorded of referrals received").
    @Test func aDrammPeriodBeforeAnyDataReadsPlainly() throws {
        let m = try model("DRAMM", "FY2021Q4")
        #expect(m.noData && m.tiles.allSatisfy { $0.status != "ok" })
        let escalated = try #require(m.tiles.first { $0.title == "Escalated to MARAC" })
        #expect(escalated.value == "0" && escalated.detail == "no referrals received to escalate")
        #expect(!m.tiles.contains { $0.detail.contains("not recorded of") }, "\(m.tiles.map(\.detail))")
        let profile = try #require(m.triageCaseProfile.first)
        #expect(profile.tables.allSatisfy { $0.rows.allSatisfy { $0.cells[1].text == "0" && $0.cells[2].text == "not recorded" } })
    }

    @Test func theFirstPeriodWithDataHasNoComparison() throws {
        let m = try model("MARAC", "FY2023Q1")
        #expect(!m.noData)
        #expect(m.tiles.allSatisfy { $0.change == "no comparison: no data in FY2022Q4" }, "\(m.tiles.map(\.change))")
        #expect(!(try Self.render("MARAC", "FY2023Q1")).contains("class=\"no-data\""))
    }

    @Test func noneOverdueIsNotGreenWithoutActions() throws {
        let store = try MetricsHarness(files: [
            "referrals.csv": """
                referral_id,panel,area,victim_ref,referral_date,meeting_id,meeting_date,referring_agency
                R001,MARAC,Northdale,V001,2024-01-03,M1,2024-01-10,police

                """,
            "meetings.csv": """
                meeting_id,panel,area,meeting_date
                M1,MARAC,Northdale,2024-01-10

                """,
        ], importAsOf: day("2024-04-01"))
        let m = try model("MARAC", "2024Q1", asOf: "2024-04-01", store: store.store)
        let overdue = try #require(m.tiles.first { $0.title == "Overdue actions" })
        #expect(overdue.value == "0")
        #expect(overdue.status == "none" && overdue.statusText == "no actions recorded")
        // With actions and none overdue, it is good news.
        let demo = try model("MARAC", "FY2024Q4", asOf: "2025-03-31")
        #expect(demo.tiles.first { $0.title == "Overdue actions" }?.statusText != "no actions recorded")
    }

    static func render(_ panel: String, _ period: String) throws -> String {
        let scope = MetricScope(panel: panel, period: try Period(parsing: period), asOf: day("2025-03-31"))
        return try Dashboard(store: demo.store, scope: scope, reports: MetricsHarness.repository.appendingPathComponent("Reports")).html()
    }
}
