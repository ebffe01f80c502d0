import Testing
@testable import PanelboardCore

/// Fixtures/metrics/harm_after_exit/README.md.
@Suite struct HarmAfterExitTests {
    typealias O = HarmAfterExit.Outcome
    let harness: MetricsHarness

    init() throws {
        harness = try MetricsHarness(fixture: "harm_after_exit", importAsOf: day("2025-03-31"))
    }

    func harm(asOf: String = "2025-03-31", area: String? = nil) throws -> HarmAfterExit.Result {
        try harness.compute(HarmAfterExit.self, scope("DAPP", "2024Q3", asOf: asOf, area: area))
    }

    /// One horizon: the given reasons, every other reason 0.
    func horizon(_ given: [String: O]) -> [String: O] {
        Dictionary(uniqueKeysWithValues: (["all"] + Vocabulary.exitReason.values).map { ($0, given[$0] ?? O()) })
    }

    @Test func byHorizonAndReason() throws {
        let result = try harm()
        #expect(result[3] == horizon([
            "all": O(exits: 7, harm: 2, pending: 0, noHarm: 5),
            "no_further_harm": O(exits: 4, harm: 1, pending: 0, noHarm: 3),
            "custody": O(exits: 1, noHarm: 1), "stepped_down": O(exits: 1, harm: 1), "other": O(exits: 1, noHarm: 1),
        ]))
        #expect(result[6] == horizon([
            "all": O(exits: 7, harm: 3, pending: 0, noHarm: 4),
            "no_further_harm": O(exits: 4, harm: 2, pending: 0, noHarm: 2),
            "custody": O(exits: 1, noHarm: 1), "stepped_down": O(exits: 1, harm: 1), "other": O(exits: 1, noHarm: 1),
        ]))
        #expect(result[12] == horizon([
            "all": O(exits: 7, harm: 4, pending: 3, noHarm: 0),
            "no_further_harm": O(exits: 4, harm: 2, pending: 2),
            "custody": O(exits: 1, pending: 1), "stepped_down": O(exits: 1, harm: 1), "other": O(exits: 1, harm: 1),
        ]))
    }

    @Test func pendingUntilTheHorizonHasPassed() throws {
        let result = try harm(asOf: "2024-12-31")
        #expect(result[3]?["all"] == O(exits: 7, harm: 2, pending: 0, noHarm: 5))
        #expect(result[6]?["all"] == O(exits: 7, harm: 3, pending: 4, noHarm: 0))
        #expect(result[6]?["no_further_harm"] == O(exits: 4, harm: 2, pending: 2, noHarm: 0))
    }

    @Test func oneArea() throws {
        let result = try harm(area: "South")
        #expect(result[3]?["all"] == O(exits: 1, noHarm: 1))
        #expect(result[6]?["no_further_harm"] == O(exits: 1, noHarm: 1))
        #expect(result[12]?["all"] == O(exits: 1, pending: 1))
    }
}
