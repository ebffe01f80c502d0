import Testing
@testable import PanelboardCore

/// Fixtures/metrics/mappa_conflicts/README.md.
@Suite struct MappaConflictsTests {
    let harness: MetricsHarness

    init() throws {
        harness = try MetricsHarness(fixture: "mappa_conflicts", importAsOf: day("2025-03-31"))
    }

    func list(asOf: String = "2025-03-31", area: String? = nil) throws -> ResultTable {
        try MappaConflictList.fetch(harness.store, panel: "DAPP", asOf: day(asOf), area: area)
    }

    func count(asOf: String = "2025-03-31", area: String? = nil) throws -> Int {
        try harness.compute(MappaConflicts.self, scope("DAPP", "2025Q1", asOf: asOf, area: area))
    }

    @Test func theLatestRecordedAnswerDecides() throws {
        let rows = try list()
        #expect(rows.column("perpetrator_ref") == ["P0501", "P0506", "P0504", "P0503"])
        #expect(rows.column("referral_id") == ["M01", "M09", "M06", "M05"])
        #expect(rows.column("referral_panel") == ["MARAC", "MARAC", "MARAC", "MARAC"])
        #expect(try count() == 4)
        #expect(try list(area: "South").column("perpetrator_ref") == ["P0506"])
        #expect(try count(area: "South") == 1)
    }

    @Test func anEarlierAsOfDate() throws {
        #expect(try list(asOf: "2024-12-15").column("perpetrator_ref") == ["P0501", "P0506", "P0504", "P0505"])
        #expect(try count(asOf: "2024-12-15") == 4)
    }
}
