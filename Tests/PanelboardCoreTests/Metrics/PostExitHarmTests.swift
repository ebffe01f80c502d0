import Testing
@testable import PanelboardCore

/// Fixtures/metrics/post_exit_harm/README.md: exits with an incident after exit and
/// no MARAC referral since.
@Suite struct PostExitHarmTests {
    let harness: MetricsHarness

    init() throws {
        harness = try MetricsHarness(fixture: "post_exit_harm", importAsOf: day("2025-06-30"))
    }

    func list(asOf: String = "2025-06-30", area: String? = nil) throws -> ResultTable {
        try PostExitHarmList.fetch(harness.store, panel: "DAPP", asOf: day(asOf), area: area)
    }

    func count(asOf: String = "2025-06-30", area: String? = nil, period: String = "2024Q1") throws -> Int {
        try harness.compute(PostExitIncidentsWithoutMarac.self, scope("DAPP", period, asOf: asOf, area: area))
    }

    @Test func theFirstUnreferredIncidentOfEachExit() throws {
        let rows = try list()
        #expect(rows.column("perpetrator_ref") == ["P0201", "P0204", "P0209", "P0202"])
        #expect(rows.column("exit_date") == ["2024-06-03", "2024-08-01", "2024-10-01", "2024-05-01"])
        #expect(rows.column("exit_reason") == ["no_further_harm", "stepped_down", "no_further_harm", "no_further_harm"])
        #expect(rows.column("incident_id") == ["J01", "J05", "J10", "J03"])
        #expect(rows.column("incident_date") == ["2024-09-10", "2024-10-01", "2024-11-01", "2025-01-20"])
        #expect(rows.column("incident_type") == ["threats", "stalking_harassment", "threats", "breach_of_order"])
        #expect(rows.column("days_since_incident") == ["293", "272", "241", "161"])
    }

    @Test func theCountIsTheListsLengthWhateverThePeriod() throws {
        #expect(try count() == 4)
        #expect(try count(period: "2023") == 4)
        #expect(try count(area: "South") == 0)
        #expect(try list(area: "South").rows.isEmpty)
    }

    @Test func anEarlierAsOfDate() throws {
        let rows = try list(asOf: "2025-01-01")
        #expect(rows.column("perpetrator_ref") == ["P0201", "P0204", "P0209", "P0207"])
        #expect(rows.column("incident_id") == ["J01", "J05", "J10", "J08"])
        #expect(rows.column("days_since_incident") == ["113", "92", "61", "20"])
        #expect(try count(asOf: "2025-01-01") == 4)
        #expect(try list(asOf: "2025-01-01", area: "South").column("perpetrator_ref") == ["P0207"])
    }
}
