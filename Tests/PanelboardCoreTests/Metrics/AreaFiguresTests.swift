import Foundation
import GRDB
import Testing
@testable import PanelboardCore

/// The board's table by area counted for every area at once (`AreaFigures`) is
/// each area's own scope, field by field: the families' definitions grouped, not
/// new ones.
@Suite(.serialized) struct AreaFiguresTests {
    /// Areas North, South, East and West, and Central with a meeting and no
    /// referral. In 2024Q3: V01, heard in North in January, comes back in South (a
    /// repeat across areas); V02 twice in North; East has a case received in Q2 and
    /// heard in Q3; West has nothing in the quarter but an action overdue since
    /// 2023; a DRAMM referral of V02 is another panel's. Every count is under the
    /// suppression threshold.
    static let files = [
        "areas.csv": """
            area,adult_female_population,group
            North,50000,
            South,40000,
            East,30000,
            West,20000,
            Central,10000,
            """,
        "meetings.csv": """
            meeting_id,panel,area,meeting_date
            M01,MARAC,North,2024-01-17
            M02,MARAC,South,2024-07-12
            M03,MARAC,North,2024-07-12
            M04,MARAC,North,2024-08-09
            M05,MARAC,North,2024-09-13
            M06,MARAC,East,2024-07-03
            M07,MARAC,West,2023-11-08
            M08,MARAC,East,2023-12-06
            M09,MARAC,North,2024-04-19
            M10,MARAC,South,2024-05-10
            M11,MARAC,Central,2024-08-01
            """,
        "referrals.csv": """
            referral_id,panel,area,victim_ref,perpetrator_ref,referral_date,meeting_id,meeting_date,referring_agency,children_count
            R01,MARAC,North,V01,,2024-01-10,M01,2024-01-17,police,1
            R02,MARAC,South,V01,,2024-07-05,M02,2024-07-12,idva,2
            R03,MARAC,North,V02,,2024-07-08,M03,2024-07-12,police,0
            R04,MARAC,North,V03,,2024-08-01,M04,2024-08-09,police,
            R05,MARAC,North,V02,,2024-09-02,M05,2024-09-13,police,1
            R06,MARAC,South,V04,,2024-09-25,,,police,
            R07,MARAC,East,V05,,2024-06-20,M06,2024-07-03,health,3
            R08,MARAC,West,V06,,2023-11-01,M07,2023-11-08,police,0
            R09,MARAC,East,V07,,2023-12-01,M08,2023-12-06,police,1
            R10,MARAC,North,V08,,2024-04-15,M09,2024-04-19,idva,2
            R11,DRAMM,North,V02,,2024-07-01,,,police,
            R12,MARAC,South,V09,,2024-05-03,M10,2024-05-10,police,0
            """,
        "actions.csv": """
            action_id,referral_id,agency,agreed_date,due_date,completed_date,status
            A01,R02,police,2024-07-12,2024-07-26,2024-07-20,completed
            A02,R02,housing,2024-07-12,2024-08-01,2024-08-10,completed
            A03,R03,idva,2024-07-12,2024-07-19,,open
            A04,R04,police,2024-08-09,2024-09-09,,not_completed
            A05,R05,health,2024-09-13,2024-10-15,,open
            A06,R08,police,2023-11-08,2023-12-01,,open
            A07,R07,housing,2024-07-03,2024-07-31,,cancelled
            A08,R09,idva,2023-12-06,2024-01-05,2024-01-03,completed
            A09,R10,police,2024-04-19,2024-05-01,2024-05-02,completed
            A10,R12,police,2024-05-10,,,open
            A11,R07,police,2024-07-03,2024-07-10,2024-07-09,completed
            """,
    ]

    nonisolated(unsafe) static let fixture: MetricsHarness = try! MetricsHarness(files: files, importAsOf: day("2024-10-01"))

    static func scope(_ period: String, asOf: String, panel: String = "MARAC", area: String? = nil) throws -> MetricScope {
        MetricScope(panel: panel, area: area, period: try Period(parsing: period), asOf: day(asOf))
    }

    /// The grouped figures and each area's own scope's, for every area the board
    /// lists, field by field.
    static func compare(_ store: Store, _ scope: MetricScope) throws -> (grouped: [AreaFigures], own: [AreaFigures]) {
        try store.queue.read { db in
            let areas = try Dashboard.areaNames(db, panel: scope.panel)
            let grouped = try AreaFigures.compute(db, scope: scope, areas: areas)
            let own = try areas.map { area -> AreaFigures in
                var s = scope
                s.area = area
                return AreaFigures(area: area, try TrendFigures.compute(db, scope: s))
            }
            return (grouped, own)
        }
    }

    @Test func eachAreaIsItsOwnScopeOnTheFixture() throws {
        for (period, asOf) in [("2024Q3", "2024-10-01"), ("2024Q1", "2024-04-01"), ("2023Q4", "2024-01-01"), ("2024", "2024-10-01"),
                               ("2022Q1", "2022-04-01")] {
            let (grouped, own) = try Self.compare(Self.fixture.store, try Self.scope(period, asOf: asOf))
            #expect(grouped.map(\.area) == ["Central", "East", "North", "South", "West"])
            #expect(grouped == own, "\(period)")
        }
    }

    /// The fixture's cases are the ones the test means: not all zeros, not every
    /// area alike.
    @Test func theFixtureHasARepeatAcrossAreasAnEmptyAreaAndSmallCounts() throws {
        let (grouped, _) = try Self.compare(Self.fixture.store, try Self.scope("2024Q3", asOf: "2024-10-01"))
        let area = Dictionary(uniqueKeysWithValues: grouped.map { ($0.area, $0) })
        // V01's South case is a repeat of a North one; V02's second North case one of its first.
        #expect(area["South"]?.repeatCases == 1 && area["South"]?.casesDiscussed == 1 && area["South"]?.referralsReceived == 2)
        #expect(area["North"]?.repeatCases == 1 && area["North"]?.casesDiscussed == 3 && area["North"]?.referralsReceived == 3)
        // East's case was received in Q2 and heard in Q3; its cancelled action is not due.
        #expect(area["East"]?.referralsReceived == 0 && area["East"]?.casesDiscussed == 1)
        #expect(area["East"]?.actionsDue == 1 && area["East"]?.onTimeRate == 1)
        // West has nothing in the quarter but an action overdue since 2023.
        #expect(area["West"]?.referralsReceived == 0 && area["West"]?.casesDiscussed == 0 && area["West"]?.repeatRate == nil)
        #expect(area["West"]?.overdueAsOf == 1 && area["West"]?.onTimeRate == nil)
        #expect(area["Central"] == AreaFigures(area: "Central"))
        #expect(area["North"]?.actionsDue == 2 && area["North"]?.actionsCompletedOnTime == 0 && area["North"]?.overdueAsOf == 1)
        #expect(area["South"]?.onTimeRate == 0.5)
        // Small counts: the board hides them, as it did when each area was its own scope.
        let dashboard = Dashboard(store: Self.fixture.store, scope: try Self.scope("2024Q3", asOf: "2024-10-01"),
                                  reports: URL(fileURLWithPath: "/nonexistent"))
        let board = try dashboard.boardFigures(try dashboard.figures())
        #expect(board.figure("by_area", "cases_discussed", "North").status != .shown)
    }

    /// Overdue by area reads the open actions' own index, never every action of
    /// the panel's history due before the day (a join made SQLite read the due
    /// index: 0.6 s on the national store, against 0.01 s).
    @Test func overdueByAreaReadsTheOpenActionsIndex() throws {
        let plan = try Self.fixture.rows("EXPLAIN QUERY PLAN " + AreaFigures.actionsSQL, try Self.scope("2024Q3", asOf: "2024-10-01"))
            .map { $0["detail"] as String }
        #expect(plan.contains { $0.contains("COVERING INDEX actions_panel_open (panel=? AND agency=? AND due_date<?)") })
        #expect(plan.contains { $0.contains("COVERING INDEX actions_panel_due (panel=? AND agency=? AND due_date>? AND due_date<?)") })
        #expect(!plan.contains { $0.contains("actions_panel_due (panel=? AND agency=? AND due_date<?)") })
        #expect(!plan.contains { $0.hasPrefix("SCAN") && $0.contains("actions") })
    }

    @Test func eachAreaIsItsOwnScopeOnTheDemoStore() throws {
        let store = DemoStoreDisclosureTests.demo.store
        for (panel, period, asOf) in [("MARAC", "FY2024Q4", "2025-03-31"), ("MARAC", "FY2023Q1", "2023-07-01"),
                                      ("MARAC", "FY2024", "2025-03-31"), ("MARAC", "FY2024Q2", "2024-10-01")] {
            let (grouped, own) = try Self.compare(store, try Self.scope(period, asOf: asOf, panel: panel))
            #expect(grouped.count > 1 && grouped.contains { $0.casesDiscussed > 0 } && grouped.contains { $0.overdueAsOf > 0 }, "\(panel) \(period) \(grouped.count)")
            #expect(period == "FY2023Q1" || grouped.contains { $0.repeatCases > 0 })
            #expect(grouped == own, "\(panel) \(period)")
        }
    }

    /// The board's table by area is the same, cell for cell and hidden or shown,
    /// as one made from each area's own scope.
    @Test func theBoardsTableByAreaIsTheOneFromEachAreasScope() throws {
        for (harness, period, asOf) in [(Self.fixture, "2024Q3", "2024-10-01"),
                                        (DemoStoreDisclosureTests.demo, "FY2024Q4", "2025-03-31")] {
            let scope = try Self.scope(period, asOf: asOf)
            let dashboard = Dashboard(store: harness.store, scope: scope, reports: URL(fileURLWithPath: "/nonexistent"))
            let figures = try dashboard.figures()
            let own = try Self.compare(harness.store, scope).own
            let perScope = DashboardFigures(current: figures.current, previous: figures.previous, trend: figures.trend,
                                            yearAgo: figures.yearAgo, rolling: figures.rolling, areas: own,
                                            rollingArchived: figures.rollingArchived)
            func byArea(_ f: DashboardFigures) throws -> [[String]] {
                let model = try dashboard.model(f)
                let table = try #require(model.maracSections.flatMap(\.tables).first { $0.name == "by_area" })
                return table.rows.map { $0.cells.map(\.text) }
            }
            #expect(try byArea(figures) == byArea(perScope))
            #expect(try byArea(figures).count == own.count + 1)
        }
    }
}
