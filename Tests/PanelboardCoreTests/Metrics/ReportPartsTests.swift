import Foundation
import Testing
@testable import PanelboardCore

/// The board computes the period's report in two parts on two connections
/// (`MetricsReport.part`, `assembled`): put together, it is the report computed
/// whole, member for member.
@Suite struct ReportPartsTests {
    @Test func theReportInTwoPartsIsTheReport() throws {
        let store = DemoStoreDisclosureTests.demo.store
        for panel in ["MARAC", "DRAMM", "DAPP"] {
            let scope = MetricScope(panel: panel, period: try Period(parsing: "FY2024Q4"), asOf: day("2025-03-31"))
            let whole = try MetricsReport.compute(store, scope: scope)
            let assembled = try store.queue.read { db in
                let n = MetricsReport.registry.count
                // Repeats (1) and referral quality (11), which reads it, in one part.
                return MetricsReport.assembled([
                    try MetricsReport.part(db, scope: scope, families: Array(stride(from: 1, to: n, by: 2))),
                    try MetricsReport.part(db, scope: scope, families: Array(stride(from: 0, to: n, by: 2))),
                ])
            }
            #expect(assembled.members.map(\.family.member) == whole.members.map(\.family.member))
            #expect(assembled.json == whole.json, "\(panel)")
            #expect(whole.volumes.casesDiscussed > 0, "\(panel)")
        }
    }
}
