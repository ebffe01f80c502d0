import Testing
@testable import PanelboardCore

/// Fixtures/metrics/adopted_by_source/README.md.
@Suite struct AdoptedBySourceTests {
    let harness: MetricsHarness

    init() throws {
        harness = try MetricsHarness(fixture: "adopted_by_source", importAsOf: day("2024-12-31"))
    }

    func sources(_ panel: String, _ period: String, area: String? = nil) throws -> [String: Int] {
        try harness.compute(AdoptedBySource.self, scope(panel, period, asOf: "2024-12-31", area: area))
    }

    /// Every source, 0 unless given.
    func all(_ counts: [String: Int]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: AdoptedBySource.sources.map { ($0, counts[$0] ?? 0) })
    }

    @Test func bySourceWithTheUnrecordedCounted() throws {
        #expect(try sources("DAPP", "2024Q2") == all(["marac": 3, "probation": 1, "professional_judgement": 1, "not_recorded": 1]))
        let adopted = try harness.compute(Cohort.self, scope("DAPP", "2024Q2", asOf: "2024-12-31")).adopted
        #expect(try sources("DAPP", "2024Q2").values.reduce(0, +) == adopted)
    }

    @Test func areasPeriodsAndPanels() throws {
        #expect(try sources("DAPP", "2024Q2", area: "South") == all(["marac": 1, "probation": 1]))
        #expect(try sources("DAPP", "2024Q3") == all(["other": 1]))
        #expect(try sources("IDAP", "2024Q2") == all(["probation": 1]))
        #expect(try sources("MARAC", "2024Q2") == all([:]))
    }
}
