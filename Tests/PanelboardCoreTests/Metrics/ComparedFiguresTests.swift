import Foundation
import GRDB
import Testing
@testable import PanelboardCore

/// What a board's tiles compare with, the previous period, and for a MARAC the
/// same period a year before and the rolling 12 months, is computed without full
/// reports (`ComparedFigures`): taken
/// from the trend, or added up over its quarters. Each is checked here, field by
/// field, against the full report of the same scope, as the board made it before.
@Suite(.serialized) struct ComparedFiguresTests {
    static func dashboard(_ store: Store, _ period: Period, asOf: String) -> Dashboard {
        Dashboard(store: store, scope: MetricScope(panel: "MARAC", period: period, asOf: day(asOf)),
                  reports: URL(fileURLWithPath: "/nonexistent"))
    }

    /// The full report's figures, as the tiles read them.
    static func full(_ store: Store, _ period: Period, asOf: Day) throws -> ComparedFigures {
        ComparedFigures(try MetricsReport.compute(store, scope: MetricScope(panel: "MARAC", period: period, asOf: asOf)))
    }

    nonisolated(unsafe) static let cases: [(MetricsHarness, Period, String)] = [
        (DemoStoreDisclosureTests.demo, try! Period(parsing: "FY2024Q4"), "2025-03-31"),
        (DemoStoreDisclosureTests.demo, try! Period(parsing: "FY2024Q2"), "2025-03-31"),
        (DemoStoreDisclosureTests.demo, try! Period(parsing: "FY2023Q1"), "2025-03-31"),
        (AreaFiguresTests.fixture, try! Period(parsing: "2024Q3"), "2024-10-01"),
        (AreaFiguresTests.fixture, try! Period(parsing: "2024Q1"), "2024-10-01"),
    ]

    @Test func theYearBeforeAndTheRolling12MonthsAreTheFullReports() throws {
        for (harness, period, asOf) in Self.cases {
            let figures = try Self.dashboard(harness.store, period, asOf: asOf).figures()
            let previous = period.previous
            #expect(figures.previous == (try Self.full(harness.store, previous, asOf: min(day(asOf), previous.to.adding(days: 1)))),
                    "\(period.label)")
            let yearAgo = period.sameLastYear
            #expect(figures.yearAgo == (try Self.full(harness.store, yearAgo, asOf: min(day(asOf), yearAgo.to.adding(days: 1)))),
                    "\(period.label)")
            let rolling = try #require(period.rollingComparison)
            let want = try Self.full(harness.store, rolling, asOf: day(asOf))
            #expect(figures.rolling == want, "\(period.label)")
            // Not vacuous: the year has cases, repeats and actions due.
            if period.label != "FY2023Q1" && period.label != "2024Q1" { #expect(want.casesDiscussed > 0 && want.repeatCases > 0 && want.actionsDue > 0, "\(period.label) \(want)") }
        }
    }

    /// Dates that are no quarter: the trend's periods do not make up the rolling
    /// year, which is then counted for itself.
    @Test func aRollingYearTheTrendDoesNotMakeUpIsCountedForItself() throws {
        let harness = DemoStoreDisclosureTests.demo
        let period = try Period(from: day("2024-11-01"), to: day("2025-01-31"))
        let trend = period.trendPeriods.filter { $0.from >= period.rollingComparison!.from }
        #expect(!ComparedFigures.tiles(period.rollingComparison!, trend))
        let figures = try Self.dashboard(harness.store, period, asOf: "2025-03-31").figures()
        #expect(figures.rolling == (try Self.full(harness.store, period.rollingComparison!, asOf: day("2025-03-31"))))
        #expect(figures.yearAgo == (try Self.full(harness.store, period.sameLastYear, asOf: period.sameLastYear.to.adding(days: 1))))
    }

    /// Added up over the quarters, as `adding` does, against the year counted
    /// whole: every field, the rates to the last bit.
    @Test func addingTheQuartersIsCountingTheYear() throws {
        for (harness, period, asOf) in Self.cases {
            let rolling = try #require(period.rollingComparison)
            let asOf = day(asOf)
            let quarters = period.trendPeriods.suffix(4)
            #expect(ComparedFigures.tiles(rolling, Array(quarters)))
            let whole = try Self.full(harness.store, rolling, asOf: asOf)
            try harness.store.queue.read { db in
                let trend = try quarters.map { p in
                    try TrendFigures.compute(db, scope: MetricScope(panel: "MARAC", period: p, asOf: min(asOf, p.to.adding(days: 1))))
                }
                let now = try Actions.compute(db, scope: MetricScope(panel: "MARAC", period: period, asOf: asOf))
                let added = try ComparedFigures.yearly(db, scope: MetricScope(panel: "MARAC", period: rolling, asOf: asOf))
                    .adding(trend, overdueAsOf: now.total.overdueAsOf)
                #expect(added == whole, "\(period.label)")
            }
        }
    }
}
