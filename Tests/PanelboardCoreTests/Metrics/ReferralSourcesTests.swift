import Testing
@testable import PanelboardCore

/// Fixtures/metrics/referral_sources/README.md: who referred the 8 cases discussed
/// by MARAC in 2024Q3.
@Suite struct ReferralSourcesTests {
    let harness: MetricsHarness
    let q3 = scope("MARAC", "2024Q3", asOf: "2024-10-31")

    init() throws {
        harness = try MetricsHarness(fixture: "referral_sources", importAsOf: day("2024-10-31"))
    }

    @Test func everyCanonicalCodeThenUnmappedNamesAsWritten() throws {
        let sources = Breakdown(try harness.compute(ReferralSources.self, q3))
        #expect(sources == Breakdown([
            "police": 2, "idva": 2, "children_social_care": 0, "adult_social_care": 0, "primary_care": 1,
            "secondary_care": 0, "mental_health": 0, "substance_misuse": 0, "probation": 0,
            "voluntary_sector": 0, "mash": 1, "education": 0, "housing": 0, "other": 0,
            "Children's Services": 1, "Womens Aid": 1,
        ], of: 8))
    }

    @Test func partnerAgencyShareFollowsTheMapping() throws {
        // S01 is 'Cleveland Police', mapped to police: 6 of 8 not police.
        #expect(try harness.compute(Volumes.self, q3).partnerAgencyShare == 6.0 / 8.0)
    }

    @Test func noCasesGivesZeroCountsAndNullShares() throws {
        let q1 = scope("MARAC", "2024Q1", asOf: "2024-10-31")
        let sources = try harness.compute(ReferralSources.self, q1)
        #expect(sources.map(\.code) == Agency.codes)
        #expect(sources.allSatisfy { $0.value.count == 0 && $0.value.share == nil })
    }
}
