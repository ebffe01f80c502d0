import Testing
@testable import PanelboardCore

/// Fixtures/metrics/repeats/README.md: one person per rule, then the figures.
@Suite struct RepeatsTests {
    let harness: MetricsHarness

    init() throws {
        harness = try MetricsHarness(fixture: "repeats", importAsOf: day("2025-03-31"))
    }

    func repeats(_ panel: String, _ period: String, area: String? = nil,
                 settings: MetricSettings = MetricSettings()) throws -> Repeats.Result {
        try harness.compute(Repeats.self, scope(panel, period, asOf: "2025-03-31", area: area, settings: settings))
    }

    /// Every case discussed with the computed answer, by the family's own row SQL.
    func answers(_ panel: String) throws -> [String: Bool] {
        let rows = try harness.rows(Repeats.casesSQL, scope(panel, period("2023-01-01", "2025-03-31"), asOf: "2025-03-31"))
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["referral_id"] as String, ($0["is_repeat"] as Int) == 1) })
    }

    @Test func eachReferralByTheDefinition() throws {
        #expect(try answers("MARAC") == [
            "R101": false, "R102": true,    // exactly 12 months before: inside
            "R103": false, "R104": false,   // 12 months and a day: outside
            "R105": false, "R106": true,    // 29 Feb 2024 - 12 months = 28 Feb 2023 (clamped)
            "R107": false, "R108": false,   // 27 Feb 2023: a day before the clamped start
            "R111": false, "R112": true,    // 1 Mar 2023 is inside too
            "R109": false, "R110": true,    // 28 Feb 2025 - 12 months = 28 Feb 2024; 29 Feb 2024 inside
            "R113": false, "R114": false,   // 27 Feb 2024 outside
            "R115": false, "R116": true,    // same day: the second by referral_id
            "R118": false,                  // same day, but the first was never heard
            "R120": false,                  // the earlier referral was never heard
            "R121": false, "R122": true,    // across areas
            "R124": false,                  // the earlier referral was to DRAMM
            "R125": false, "R126": false,   // no victim_ref on a victim panel
            "R127": false, "R128": true,    // the earlier one was heard later, but was heard
        ])
    }

    @Test func perpetratorPanelIsKeyedByPerpetrator() throws {
        #expect(try answers("DAPP") == [
            "D201": false, "D202": true, "D203": false, "D204": false, "D205": false, "D206": false,
        ])
        #expect(try repeats("DAPP", "2024Q2") == Repeats.Result(
            casesDiscussed: 3, repeatCases: 1, repeatRate: 1.0 / 3.0, recordedFlagDisagrees: 0))
    }

    @Test func figuresByQuarter() throws {
        #expect(try repeats("MARAC", "2023Q1") == Repeats.Result(
            casesDiscussed: 5, repeatCases: 0, repeatRate: 0, recordedFlagDisagrees: 0))
        #expect(try repeats("MARAC", "2024Q1") == Repeats.Result(
            casesDiscussed: 8, repeatCases: 3, repeatRate: 3.0 / 8.0, recordedFlagDisagrees: 2))
        #expect(try repeats("MARAC", "2024Q2") == Repeats.Result(
            casesDiscussed: 10, repeatCases: 3, repeatRate: 3.0 / 10.0, recordedFlagDisagrees: 2))
        #expect(try repeats("MARAC", "2025Q1") == Repeats.Result(
            casesDiscussed: 2, repeatCases: 1, repeatRate: 1.0 / 2.0, recordedFlagDisagrees: 0))
    }

    @Test func areaScopeStillLooksBackAcrossAreas() throws {
        #expect(try repeats("MARAC", "2024Q2", area: "Hartlepool") == Repeats.Result(
            casesDiscussed: 1, repeatCases: 1, repeatRate: 1, recordedFlagDisagrees: 1))
    }

    @Test func noCasesNoRate() throws {
        #expect(try repeats("MARAC", "2023Q2") == Repeats.Result(
            casesDiscussed: 0, repeatCases: 0, repeatRate: nil, recordedFlagDisagrees: 0))
    }

    @Test func repeatWindowIsASetting() throws {
        var settings = MetricSettings()
        settings.repeatWindowMonths = 3
        #expect(try repeats("MARAC", "2024Q2", settings: settings) == Repeats.Result(
            casesDiscussed: 10, repeatCases: 3, repeatRate: 3.0 / 10.0, recordedFlagDisagrees: 2))
        #expect(try repeats("MARAC", "2024Q1", settings: settings) == Repeats.Result(
            casesDiscussed: 8, repeatCases: 0, repeatRate: 0, recordedFlagDisagrees: 2))
    }
}
