import GRDB
import Testing
@testable import PanelboardCore

/// The tabular forms of the metric results, now in Export: the breakdown by agency
/// reads its rows from the report's own figures.
@Suite struct MetricsTablesTests {
    @Test func theAgencyBreakdownReadsTheReport() throws {
        let h = try MetricsHarness(fixture: "national_return", importAsOf: day("2024-04-30"))
        let s = scope("MARAC", "2024Q1", asOf: "2024-04-30")
        let breakdown = try MetricsBreakdown.compute(h.store, scope: s, by: "agency")
        let report = try h.report(s)
        let table = breakdown.table
        #expect(table.columns.first == "agency")
        #expect(table.rows.count == breakdown.keys.count)
        let police = try #require(table.rows.first { $0[0] == "police".databaseValue })
        #expect(police[1] == report.referralSources["police"]!.count.databaseValue)
        #expect(police[2] == report.referralSources["police"]!.share!.databaseValue)
        // The JSON form has the same rows.
        guard case let .object(members) = breakdown.json, case let .array(rows)? = members.first(where: { $0.0 == "rows" })?.1 else {
            Issue.record("no rows")
            return
        }
        #expect(rows.count == table.rows.count)
        // By quarter, one row per quarter, from that quarter's report.
        let quarters = try MetricsBreakdown.compute(h.store, scope: s, by: "quarter").table
        #expect(quarters.rows.map { $0[2] } == [report.volumes.casesDiscussed.databaseValue])
    }
}
