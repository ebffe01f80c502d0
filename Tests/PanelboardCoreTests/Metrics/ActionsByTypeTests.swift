import Testing
@testable import PanelboardCore

/// Fixtures/metrics/actions_by_type/README.md.
@Suite struct ActionsByTypeTests {
    typealias C = ActionsByType.Counts
    let harness: MetricsHarness

    init() throws {
        harness = try MetricsHarness(fixture: "actions_by_type", importAsOf: day("2024-06-30"))
    }

    func byType(area: String? = nil) throws -> ActionsByType.Result {
        try harness.compute(ActionsByType.self, scope("DAPP", "2024Q1", asOf: "2024-06-30", area: area))
    }

    func all(_ given: [String: C]) -> [String: C] {
        Dictionary(uniqueKeysWithValues: ActionsByType.types.map { ($0, given[$0] ?? C()) })
    }

    @Test func perTypeWithTheOnTimeRate() throws {
        let result = try byType()
        #expect(result == all([
            "enforcement": C(agreed: 2, due: 2, completedOnTime: 1), "disruption": C(agreed: 2, due: 1, completedOnTime: 1),
            "engagement": C(agreed: 2, due: 1, completedOnTime: 0), "housing": C(agreed: 1),
            "not_recorded": C(agreed: 1, due: 1, completedOnTime: 1),
        ]))
        #expect(result["enforcement"]?.onTimeRate == 0.5)
        #expect(result["engagement"]?.onTimeRate == 0)
        #expect(result["housing"]?.onTimeRate == nil)
        // The types add up to the actions family's totals.
        let actions = try harness.compute(Actions.self, scope("DAPP", "2024Q1", asOf: "2024-06-30")).total
        #expect(result.values.map(\.agreed).reduce(0, +) == actions.agreed)
        #expect(result.values.map(\.due).reduce(0, +) == actions.due)
        #expect(result.values.map(\.completedOnTime).reduce(0, +) == actions.completedOnTime)
    }

    @Test func oneArea() throws {
        #expect(try byType(area: "South") == all([
            "engagement": C(agreed: 2, due: 1, completedOnTime: 0), "not_recorded": C(agreed: 1, due: 1, completedOnTime: 1),
        ]))
    }
}
