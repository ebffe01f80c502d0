import Testing
@testable import PanelboardCore

/// Fixtures/metrics/chase_list/README.md: open actions past their due date.
@Suite struct ChaseListTests {
    let harness: MetricsHarness

    init() throws {
        harness = try MetricsHarness(fixture: "chase_list", importAsOf: day("2024-06-30"))
    }

    func list(asOf: String = "2024-06-20", panel: String? = nil, agency: String? = nil, area: String? = nil) throws -> ResultTable {
        try ChaseList.fetch(harness.store, asOf: day(asOf), panel: panel, agency: agency, area: area)
    }

    @Test func everyOpenOverdueActionByAgencyOldestFirst() throws {
        let all = try list()
        for column in ["action_id", "referral_id", "panel", "area", "agency", "agreed_date", "due_date", "days_overdue"] {
            #expect(all.columns.contains(column), "cli.md requires \(column)")
        }
        #expect(all.column("action_id") == ["B02", "B01", "B10", "B09", "B03"])
        #expect(all.column("referral_id") == ["C01", "C01", "C01", "C03", "C02"])
        #expect(all.column("panel") == ["MARAC", "MARAC", "MARAC", "DAPP", "MARAC"])
        #expect(all.column("area") == ["Stockton", "Stockton", "Stockton", "North", "Hartlepool"])
        #expect(all.column("agency") == ["housing", "police", "police", "police", "police"])
        #expect(all.column("agreed_date") == ["2024-03-06", "2024-03-06", "2024-03-06", "2024-04-10", "2024-04-03"])
        #expect(all.column("due_date") == ["2024-04-03", "2024-03-20", "2024-03-20", "2024-04-24", "2024-06-19"])
        #expect(all.column("days_overdue") == ["78", "92", "92", "57", "1"])
    }

    @Test func narrowed() throws {
        #expect(try list(panel: "marac").column("action_id") == ["B02", "B01", "B10", "B03"])
        #expect(try list(panel: "DAPP").column("action_id") == ["B09"])
        #expect(try list(agency: "Police").column("action_id") == ["B01", "B10", "B09", "B03"])
        #expect(try list(area: "Hartlepool").column("action_id") == ["B03"])
    }

    @Test func itsLengthIsOverdueAsOf() throws {
        let overdue = try harness.compute(Actions.self, scope("MARAC", "2024Q2", asOf: "2024-06-20")).total.overdueAsOf
        #expect(overdue == 4)
        #expect(try list(panel: "MARAC").rows.count == overdue)
    }

    @Test func aDayLater() throws {
        let later = try list(asOf: "2024-06-21", panel: "MARAC")
        #expect(later.column("action_id") == ["B02", "B01", "B10", "B03", "B04"])
        #expect(later.column("days_overdue") == ["79", "93", "93", "2", "1"])
    }
}
