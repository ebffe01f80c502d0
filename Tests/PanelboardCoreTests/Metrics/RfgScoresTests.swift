import Testing
@testable import PanelboardCore

/// Fixtures/metrics/rfg/README.md.
@Suite struct RfgScoresTests {
    let harness: MetricsHarness

    init() throws {
        harness = try MetricsHarness(fixture: "rfg", importAsOf: day("2025-03-31"))
    }

    func rfg(_ period: String, area: String? = nil) throws -> RfgScores.Result {
        try harness.compute(RfgScores.self, scope("DAPP", period, asOf: "2025-03-31", area: area))
    }

    @Test func exitsWithBothScores() throws {
        #expect(try rfg("2024Q4") == RfgScores.Result(exitsScored: 4, atAdoptionMedian: 52.5, changeMedian: -20))
    }

    @Test func oneExitAndNone() throws {
        #expect(try rfg("2024Q4", area: "South") == RfgScores.Result(exitsScored: 1, atAdoptionMedian: 45, changeMedian: 5))
        #expect(try rfg("2025Q1") == RfgScores.Result(exitsScored: 1, atAdoptionMedian: 90, changeMedian: -90))
        #expect(try rfg("2024Q3") == RfgScores.Result(exitsScored: 0, atAdoptionMedian: nil, changeMedian: nil))
    }
}
