import Testing
@testable import PanelboardCore

/// Fixtures/metrics/exit_review/README.md: who on the DAPP cohort is due the
/// three-month exit review, a referral to any panel counting as a sign of harm as
/// an incident does.
@Suite struct ExitReviewTests {
    let harness: MetricsHarness

    init() throws {
        harness = try MetricsHarness(fixture: "exit_review", importAsOf: day("2025-02-28"))
    }

    func list(asOf: String = "2025-02-28", area: String? = nil, dueOnly: Bool = false,
              settings: MetricSettings = MetricSettings()) throws -> ResultTable {
        try CohortList.fetch(harness.store, panel: "DAPP", asOf: day(asOf), area: area, exitReviewOnly: dueOnly,
                             settings: settings)
    }

    func due(asOf: String = "2025-02-28", area: String? = nil) throws -> Int {
        try harness.compute(ExitReviewDue.self, scope("DAPP", "2024Q4", asOf: asOf, area: area))
    }

    @Test func everyMemberWithTheirLatestSignOfHarmAndReviewDate() throws {
        let all = try list()
        #expect(all.column("perpetrator_ref") == ["P0101", "P0112", "P0102", "P0103", "P0104", "P0105", "P0107", "P0110", "P0106"])
        #expect(all.column("last_harm_date") == [nil, nil, "2024-11-28", "2024-11-29", "2024-11-30", nil, nil, "2024-12-20", "2025-01-15"])
        #expect(all.column("last_harm_kind") == [nil, nil, "referral", "incident", "incident", nil, nil, "referral", "incident"])
        #expect(all.column("last_harm_panel") == [nil, nil, "DRAMM", nil, nil, nil, nil, "MARAC", nil])
        #expect(all.column("review_due_on") == ["2025-01-01", "2025-01-01", "2025-02-28", "2025-03-01", "2025-03-01",
                                                "2025-03-01", "2025-03-10", "2025-03-20", "2025-04-15"])
        #expect(all.column("exit_review_due") == ["1", "1", "1", "0", "0", "0", "0", "0", "0"])
        #expect(all.column("days_on_cohort") == ["150", "150", "179", "179", "179", "89", "80", "150", "270"])
        #expect(all.column("area") == ["North", "South", "North", "North", "North", "North", "North", "North", "North"])
    }

    /// P0110 has no incident but was referred to MARAC after adoption: not due.
    @Test func aReferralAfterAdoptionIsASignOfHarm() throws {
        #expect(try list().column("perpetrator_ref").contains("P0110"))
        #expect(try !list(dueOnly: true).column("perpetrator_ref").contains("P0110"))
    }

    @Test func dueOnly() throws {
        #expect(try list(dueOnly: true).column("perpetrator_ref") == ["P0101", "P0112", "P0102"])
        #expect(try list(area: "South", dueOnly: true).column("perpetrator_ref") == ["P0112"])
        #expect(try due() == 3)
        #expect(try due(area: "South") == 1)
    }

    @Test func anEarlierAsOfDate() throws {
        let due = try list(asOf: "2025-01-10", dueOnly: true)
        #expect(due.column("perpetrator_ref") == ["P0106", "P0108", "P0109", "P0101", "P0112"])
        #expect(due.column("last_harm_date") == ["2024-07-10", nil, nil, nil, nil])
        #expect(due.column("review_due_on") == ["2024-10-10", "2024-11-01", "2024-11-01", "2025-01-01", "2025-01-01"])
        #expect(try self.due(asOf: "2025-01-10") == 5)
    }

    @Test func theMonthsAreASetting() throws {
        var settings = MetricSettings()
        settings.exitReviewMonths = 1
        let due = try list(dueOnly: true, settings: settings)
        #expect(Set(due.column("perpetrator_ref").compactMap { $0 }) ==
                ["P0101", "P0102", "P0103", "P0104", "P0105", "P0106", "P0107", "P0110", "P0112"])
        #expect(due.column("review_due_on").last == "2025-02-15")
    }
}
