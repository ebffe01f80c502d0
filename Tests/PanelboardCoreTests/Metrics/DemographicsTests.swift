import Testing
@testable import PanelboardCore

/// Fixtures/metrics/demographics/README.md: the 7 cases MARAC discussed in 2024Q1.
@Suite struct DemographicsTests {
    let harness: MetricsHarness

    init() throws {
        harness = try MetricsHarness(fixture: "demographics", importAsOf: day("2024-04-30"))
    }

    @Test func countsAndSharesOfCasesDiscussed() throws {
        let result = try harness.compute(Demographics.self, scope("MARAC", "2024Q1", asOf: "2024-04-30"))
        #expect(Breakdown(result) == Breakdown([
            "female": 3, "male": 2, "gender_other": 1, "gender_unknown": 1, "age_16_17": 2,
            "ethnic_minority": 3, "disabled": 2, "lgbt": 2, "perpetrator_under_18": 2,
        ], of: 7))
    }

    @Test func anotherPeriod() throws {
        let result = try harness.compute(Demographics.self, scope("MARAC", "2024Q2", asOf: "2024-04-30"))
        #expect(Breakdown(result) == Breakdown([
            "female": 1, "male": 0, "gender_other": 0, "gender_unknown": 0, "age_16_17": 1,
            "ethnic_minority": 1, "disabled": 1, "lgbt": 1, "perpetrator_under_18": 1,
        ], of: 1))
    }

    @Test func noCasesGivesNullShares() throws {
        let result = try harness.compute(Demographics.self, scope("MARAC", "2023Q4", asOf: "2024-04-30"))
        #expect(Breakdown(result) == Breakdown([
            "female": 0, "male": 0, "gender_other": 0, "gender_unknown": 0, "age_16_17": 0,
            "ethnic_minority": 0, "disabled": 0, "lgbt": 0, "perpetrator_under_18": 0,
        ], of: 0))
    }
}
