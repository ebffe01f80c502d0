import Foundation
import GRDB
import Testing
@testable import PanelboardCore

/// The trend's periods counted at once, grouped by period (`TrendFigures.compute(_:scopes:)`,
/// `TrendSQL`), are each period's own scope, field by field and the rates to the
/// last bit: the families' definitions grouped, not new ones.
@Suite(.serialized) struct TrendFiguresTests {
    /// Two years of a MARAC (2022Q4 to 2024Q3) and a DRAMM with no meetings file
    /// rows (its meetings are the distinct days of cases heard). 2023Q2 has
    /// nothing at all. A01 is agreed in 2023Q4 and due in 2024Q1; A02 has been
    /// open and overdue since 2021; A03 is due on Sunday 31 March 2024 (the end
    /// of a quarter, Easter) and completed the next day, late; A04 is due on the
    /// last day of 2024Q2 and completed on it; A05 is open, due after the as-of
    /// day; A06 has no due date; A07 is cancelled. R05 is received on the last
    /// day of 2023Q4 and heard on the first of 2024Q1; V01 comes back within the
    /// year, in another area. A DAPP's cohort: P01 on it throughout, P02 adopted
    /// and gone within 2023Q2 (its first and last days), P03 adopted on the last
    /// day of 2023Q4 and gone on the first of 2024Q1, P04 adopted on the last day
    /// of the trend.
    static let files = [
        "cohort.csv": """
            perpetrator_ref,panel,area,adopted_date,adoption_source,exit_date,exit_reason
            P01,DAPP,North,2022-06-01,marac,,
            P02,DAPP,North,2023-04-01,marac,2023-06-30,no_further_harm
            P03,DAPP,South,2023-12-31,probation,2024-01-01,no_further_harm
            P04,DAPP,South,2024-09-30,marac,,
            """,
        "areas.csv": """
            area,adult_female_population,group
            North,50000,
            South,40000,
            """,
        "meetings.csv": """
            meeting_id,panel,area,meeting_date
            M01,MARAC,North,2022-11-09
            M02,MARAC,South,2023-02-08
            M03,MARAC,North,2023-08-09
            M04,MARAC,North,2024-01-01
            M05,MARAC,South,2024-05-15
            M06,MARAC,North,2024-07-10
            M07,MARAC,South,2024-09-30
            M08,MARAC,North,2024-03-13
            """,
        "referrals.csv": """
            referral_id,panel,area,victim_ref,perpetrator_ref,referral_date,meeting_id,meeting_date,referring_agency,children_count
            R01,MARAC,North,V01,,2022-11-01,M01,2022-11-09,police,1
            R02,MARAC,South,V02,,2023-01-30,M02,2023-02-08,idva,0
            R03,MARAC,North,V03,,2023-08-01,M03,2023-08-09,police,2
            R04,MARAC,South,V01,,2023-08-02,M03,2023-08-09,health,
            R05,MARAC,North,V04,,2023-12-31,M04,2024-01-01,police,1
            R06,MARAC,North,V05,,2024-03-05,M08,2024-03-13,police,0
            R07,MARAC,South,V06,,2024-05-07,M05,2024-05-15,idva,3
            R08,MARAC,North,V03,,2024-07-01,M06,2024-07-10,police,1
            R09,MARAC,South,V07,,2024-09-25,M07,2024-09-30,police,
            R10,MARAC,South,V08,,2024-09-29,,,police,
            R11,DRAMM,North,V09,,2023-01-03,,2023-01-04,police,
            R12,DRAMM,North,V10,,2024-07-02,,2024-07-02,police,
            R13,DRAMM,South,V09,,2024-07-02,,2024-07-03,health,
            R14,MARAC,North,V11,,2021-03-01,,2021-03-10,police,0
            """,
        "actions.csv": """
            action_id,referral_id,agency,agreed_date,due_date,completed_date,status
            A01,R05,police,2023-12-20,2024-01-20,2024-01-19,completed
            A02,R14,housing,2021-03-10,2021-04-10,,open
            A03,R06,idva,2024-03-13,2024-03-31,2024-04-01,completed
            A04,R07,police,2024-05-15,2024-06-30,2024-06-30,completed
            A05,R09,health,2024-09-30,2024-11-30,,open
            A06,R08,police,2024-07-10,,,open
            A07,R08,housing,2024-07-10,2024-07-31,,cancelled
            A08,R03,police,2023-08-09,2023-09-09,,not_completed
            A09,R04,idva,2023-08-09,2023-08-30,,open
            A10,R08,idva,2024-07-10,2024-09-30,2024-09-30,completed
            A11,R01,police,2022-11-09,2022-12-31,2023-01-02,completed
            A12,R12,police,2024-07-02,2024-07-09,2024-07-08,completed
            """,
    ]

    nonisolated(unsafe) static let fixture: MetricsHarness = try! MetricsHarness(files: files, importAsOf: day("2024-10-01"))

    /// The scopes a board of `period` asks the trend for: each period as of the
    /// day after it ended, or the as-of day if sooner (`Dashboard.figures`).
    static func trendScopes(_ panel: String, _ period: String, asOf: String, area: String? = nil) throws -> [MetricScope] {
        try Period(parsing: period).trendPeriods.map { p in
            MetricScope(panel: panel, area: area, period: p, asOf: min(day(asOf), p.to.adding(days: 1)))
        }
    }

    /// The grouped figures and each period's own scope's.
    static func compare(_ store: Store, _ scopes: [MetricScope]) throws -> (grouped: [TrendFigures], own: [TrendFigures]) {
        try store.queue.read { db in
            (try TrendFigures.compute(db, scopes: scopes), try scopes.map { try TrendFigures.compute(db, scope: $0) })
        }
    }

    static func bits(_ d: Double?) -> UInt64? { d?.bitPattern }

    /// Every field, the rates by their bits.
    static func expectSame(_ grouped: [TrendFigures], _ own: [TrendFigures], _ context: String) {
        #expect(grouped.map(\.scope.period.label) == own.map(\.scope.period.label), "\(context)")
        #expect(grouped.map(\.scope.asOf) == own.map(\.scope.asOf), "\(context)")
        for (g, o) in zip(grouped, own) {
            let label = "\(context) \(g.scope.period.label)"
            #expect(g.volumes == o.volumes, "\(label)")
            #expect(bits(g.volumes.casesPer10kAdultFemalesAnnualised) == bits(o.volumes.casesPer10kAdultFemalesAnnualised), "\(label)")
            #expect(g.actions == o.actions, "\(label)")
            #expect(bits(g.actions.onTimeRate) == bits(o.actions.onTimeRate), "\(label)")
            #expect(g.repeats == o.repeats && bits(g.repeats.repeatRate) == bits(o.repeats.repeatRate), "\(label)")
            #expect(g.cohort == o.cohort, "\(label)")
        }
    }

    @Test func eachPeriodIsItsOwnScopeOnTheFixture() throws {
        for (panel, period, asOf, area) in [("MARAC", "2024Q3", "2024-10-01", nil), ("MARAC", "2024Q3", "2024-09-15", nil),
                                            ("MARAC", "2024Q1", "2024-10-01", nil), ("MARAC", "2024Q3", "2024-10-01", "North"),
                                            ("DRAMM", "2024Q3", "2024-10-01", nil), ("MARAC", "2024", "2024-10-01", nil),
                                            ("DAPP", "2024Q3", "2024-10-01", nil), ("DAPP", "2024Q3", "2024-10-01", "South"),
                                            ("MARAC", "2020Q1", "2024-10-01", nil)] as [(String, String, String, String?)] {
            let (grouped, own) = try Self.compare(Self.fixture.store, try Self.trendScopes(panel, period, asOf: asOf, area: area))
            Self.expectSame(grouped, own, "\(panel) \(period) \(asOf) \(area ?? "")")
        }
    }

    /// The fixture's cases are the ones the test means.
    @Test func theFixtureHasTheEdgeCases() throws {
        let (grouped, _) = try Self.compare(Self.fixture.store, try Self.trendScopes("MARAC", "2024Q3", asOf: "2024-10-01"))
        let q = Dictionary(uniqueKeysWithValues: grouped.map { ($0.scope.period.label, $0) })
        // Nothing at all in 2023Q2 but the action open since 2021.
        #expect(q["2023Q2"]?.volumes.referralsReceived == 0 && q["2023Q2"]?.volumes.casesDiscussed == 0)
        #expect(q["2023Q2"]?.volumes.meetingsHeld == 0 && q["2023Q2"]?.volumes.casesPer10kAdultFemalesAnnualised == 0)
        #expect(q["2023Q2"]?.repeats.casesDiscussed == 0 && q["2023Q2"]?.actions.agreed == 0)
        #expect(q["2023Q2"]?.actions.due == 0 && q["2023Q2"]?.actions.onTimeRate == nil && q["2023Q2"]?.actions.overdueAsOf == 1)
        // A01 agreed in 2023Q4, due (and on time) in 2024Q1; A03 due on the quarter's last day, late.
        #expect(q["2023Q4"]?.actions.agreed == 1 && q["2023Q4"]?.actions.due == 0)
        #expect(q["2024Q1"]?.actions.due == 2 && q["2024Q1"]?.actions.completedOnTime == 1)
        // R05 received in 2023Q4, heard in 2024Q1; V01 back in South within the year.
        #expect(q["2023Q4"]?.volumes.referralsReceived == 1 && q["2023Q4"]?.volumes.casesDiscussed == 0)
        #expect(q["2023Q3"]?.repeats.repeatCases == 1)
        // Overdue as of each quarter's next day: A09 from 2023Q3 on, A02 always.
        #expect(q["2023Q3"]?.actions.overdueAsOf == 2 && q["2024Q3"]?.actions.overdueAsOf == 2)
        // A10 due and completed on 30 September; A07 cancelled (agreed, never due),
        // A06 with no due date.
        #expect(q["2024Q3"]?.actions.due == 1 && q["2024Q3"]?.actions.completedOnTime == 1 && q["2024Q3"]?.actions.agreed == 4)
        #expect(q["2024Q3"]?.volumes.casesPer10kAdultFemalesAnnualised != nil)
        // The cohort's flow across quarter boundaries.
        let dapp = Dictionary(uniqueKeysWithValues: try Self.compare(Self.fixture.store, try Self.trendScopes("DAPP", "2024Q3", asOf: "2024-10-01"))
            .grouped.map { ($0.scope.period.label, $0.cohort) })
        #expect(dapp["2023Q2"] == TrendFigures.Flow(atStart: 1, adopted: 1, exited: 1, atEnd: 1))
        #expect(dapp["2023Q4"] == TrendFigures.Flow(atStart: 1, adopted: 1, exited: 0, atEnd: 2))
        #expect(dapp["2024Q1"] == TrendFigures.Flow(atStart: 2, adopted: 0, exited: 1, atEnd: 1))
        #expect(dapp["2024Q3"] == TrendFigures.Flow(atStart: 1, adopted: 1, exited: 0, atEnd: 2))
        // The DRAMM's meetings are its distinct days of cases heard.
        let dramm = try Self.compare(Self.fixture.store, try Self.trendScopes("DRAMM", "2024Q3", asOf: "2024-10-01")).grouped
        #expect(dramm.last?.volumes.meetingsHeld == 2 && dramm.last?.volumes.casesDiscussed == 2)
    }

    @Test func eachPeriodIsItsOwnScopeOnTheDemoStore() throws {
        let store = DemoStoreDisclosureTests.demo.store
        for panel in ["MARAC", "DRAMM", "DAPP"] {
            var all: [TrendFigures] = []
            for (period, asOf) in [("FY2024Q4", "2025-03-31"), ("FY2023Q2", "2025-03-31"), ("FY2024", "2025-03-31")] {
                let scopes = try Self.trendScopes(panel, period, asOf: asOf)
                let (grouped, own) = try Self.compare(store, scopes)
                Self.expectSame(grouped, own, "\(panel) \(period)")
                all += own
            }
            // Not vacuous: cases and meetings, and on the panels that agree
            // actions (a DRAMM triages), actions due, on time and overdue.
            #expect(all.contains { $0.volumes.casesDiscussed > 0 && $0.volumes.meetingsHeld > 0 }, "\(panel)")
            if panel != "DRAMM" {
                #expect(all.contains { $0.actions.completedOnTime > 0 } && all.contains { $0.actions.overdueAsOf > 0 }, "\(panel)")
            }
            if panel == "DAPP" {
                #expect(all.contains { $0.cohort.atStart > 0 && $0.cohort.adopted > 0 && $0.cohort.exited > 0 }, "\(panel)")
            }
        }
    }

    /// The board's trend is the one made from each period's own scope.
    @Test func theBoardsTrendIsEachPeriodsOwnScope() throws {
        for (harness, panel, period, asOf) in [(Self.fixture, "MARAC", "2024Q3", "2024-10-01"),
                                               (DemoStoreDisclosureTests.demo, "DAPP", "FY2024Q4", "2025-03-31"),
                                               (DemoStoreDisclosureTests.demo, "DRAMM", "FY2024Q4", "2025-03-31")] {
            let scope = MetricScope(panel: panel, period: try Period(parsing: period), asOf: day(asOf))
            let figures = try Dashboard(store: harness.store, scope: scope, reports: URL(fileURLWithPath: "/nonexistent")).figures()
            let own = try harness.store.queue.read { db in
                try Self.trendScopes(panel, period, asOf: asOf).map { try TrendFigures.compute(db, scope: $0) }
            }
            Self.expectSame(figures.trend, own, "\(panel) \(period)")
        }
    }

    /// Each grouped query reads each agency's (or area's) range of each period
    /// once, on the index that holds every column it reads: no scan, no sort of
    /// the rows, and overdue on the open actions' own index.
    @Test func eachGroupedQueryReadsItsRangesOnce() throws {
        let scopes = try Self.trendScopes("MARAC", "2024Q3", asOf: "2024-10-01")
        try Self.fixture.store.queue.read { db in
            var span = scopes[0]
            span.period = try Period(from: scopes[0].period.from, to: scopes.last!.period.to)
            func plan(_ sql: String) throws -> [String] {
                try TrendSQL.rows(db, sql: "EXPLAIN QUERY PLAN " + sql, span: span, periods: "[]", timedAs: "plan").map { $0["detail"] }
            }
            let actions = try plan(TrendSQL.actions)
            func reads(_ index: String) -> Int { actions.filter { $0.contains("INDEX \(index) ") }.count }
            #expect(actions.contains { $0.contains("COVERING INDEX actions_panel_agreed (panel=? AND agency=? AND agreed_date>? AND agreed_date<?)") })
            #expect(actions.contains { $0.contains("COVERING INDEX actions_panel_due (panel=? AND agency=? AND due_date>? AND due_date<?)") })
            #expect(actions.contains { $0.contains("COVERING INDEX actions_panel_open (panel=? AND agency=? AND due_date>? AND due_date<?)") })
            #expect(reads("actions_panel_agreed") == 2 && reads("actions_panel_open") == 1, "\(actions)")
            #expect(!actions.contains { $0.contains("FOR GROUP BY") || ($0.hasPrefix("SCAN") && $0.contains("actions")) }, "\(actions)")
            let volumes = try plan(TrendSQL.volumes)
            #expect(volumes.contains { $0.contains("COVERING INDEX referrals_panel_area_date (panel=? AND area=? AND referral_date>? AND referral_date<?)") })
            #expect(volumes.contains { $0.contains("referrals_panel_meeting_date (panel=? AND meeting_date>? AND meeting_date<?)") })
            #expect(!volumes.contains { $0.contains("FOR GROUP BY") || ($0.hasPrefix("SCAN") && $0.contains("referrals")) }, "\(volumes)")
            // The span's cases are not copied whole (every case's row read from
            // the table) before each period counts its own.
            #expect(!volumes.contains { $0.contains("MATERIALIZE discussed") }, "\(volumes)")
            // The panel's cohort is copied once, not once per period.
            let cohort = try plan(TrendSQL.cohort)
            #expect(cohort.filter { $0.contains("MATERIALIZE scoped_cohort") }.count == 1, "\(cohort)")
        }
    }
}
