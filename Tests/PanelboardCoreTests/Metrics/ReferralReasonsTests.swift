import Testing
@testable import PanelboardCore

/// Fixtures/metrics/referral_reasons/README.md: why the 12 cases discussed by MARAC
/// in 2024Q4 were referred.
@Suite struct ReferralReasonsTests {
    let harness: MetricsHarness

    init() throws {
        harness = try MetricsHarness(fixture: "referral_reasons", importAsOf: day("2025-01-31"))
    }

    func reasons(_ panel: String, area: String? = nil, _ period: String = "2024Q4") throws -> Breakdown {
        Breakdown(try harness.compute(ReferralReasons.self, scope(panel, period, asOf: "2025-01-31", area: area)))
    }

    @Test func everyReasonThenNotRecorded() throws {
        #expect(try reasons("MARAC") == Breakdown([
            "visible_high_risk": 2, "professional_judgement": 1, "potential_escalation": 1, "repeat": 0,
            "transfer_in": 1, "police_incident_high": 1, "police_incident_medium": 1, "third_party": 0,
            "dvds": 0, "dvpo": 1, "prison_release": 1, "other": 1, "not_recorded": 2,
        ], of: 12))
    }

    @Test func oneArea() throws {
        #expect(try reasons("MARAC", area: "Hartlepool") == Breakdown([
            "visible_high_risk": 0, "professional_judgement": 1, "potential_escalation": 0, "repeat": 0,
            "transfer_in": 1, "police_incident_high": 0, "police_incident_medium": 0, "third_party": 0,
            "dvds": 0, "dvpo": 0, "prison_release": 1, "other": 1, "not_recorded": 0,
        ], of: 4))
    }

    @Test func perpetratorPanel() throws {
        #expect(try reasons("DAPP") == Breakdown([
            "visible_high_risk": 0, "professional_judgement": 0, "potential_escalation": 0, "repeat": 0,
            "transfer_in": 0, "police_incident_high": 0, "police_incident_medium": 0, "third_party": 0,
            "dvds": 0, "dvpo": 0, "prison_release": 1, "other": 0, "not_recorded": 0,
        ], of: 1))
    }

    @Test func noCasesGivesZeroCountsAndNullShares() throws {
        let none = try harness.compute(ReferralReasons.self, scope("MARAC", "2024Q1", asOf: "2025-01-31"))
        #expect(none.map(\.code) == Vocabulary.referralReason.values + ["not_recorded"])
        #expect(none.allSatisfy { $0.value.count == 0 && $0.value.share == nil })
    }
}
