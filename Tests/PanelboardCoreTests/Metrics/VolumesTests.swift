import Testing
@testable import PanelboardCore

/// Fixtures/metrics/volumes/README.md, figure by figure.
@Suite struct VolumesTests {
    let harness: MetricsHarness

    init() throws {
        harness = try MetricsHarness(fixture: "volumes", importAsOf: day("2024-07-31"))
    }

    func volumes(_ panel: String, _ period: String = "2024Q2", area: String? = nil) throws -> Volumes.Result {
        try harness.compute(Volumes.self, scope(panel, period, asOf: "2024-07-31", area: area))
    }

    @Test func everyAreaNullPer10kBecauseRedcarHasNoPopulation() throws {
        #expect(try volumes("MARAC") == Volumes.Result(
            referralsReceived: 7, casesDiscussed: 6, meetingsHeld: 7, casesPerMeeting: 6.0 / 7.0,
            childrenInHouseholds: 10, childrenUnknown: 1,
            casesPer10kAdultFemalesAnnualised: nil, partnerAgencyShare: 4.0 / 6.0))
    }

    @Test func areaGroupCountsEveryMemberPopulation() throws {
        // Billingham has no referrals but is in North Tees: 80,000 + 40,000 + 20,000.
        #expect(try volumes("MARAC", area: "North Tees") == Volumes.Result(
            referralsReceived: 5, casesDiscussed: 4, meetingsHeld: 4, casesPerMeeting: 1,
            childrenInHouseholds: 5, childrenUnknown: 1,
            casesPer10kAdultFemalesAnnualised: 4 * 10_000.0 / 140_000 * 365 / 91, partnerAgencyShare: 2.0 / 4.0))
    }

    @Test func areaGroupWithAnAreaLackingPopulation() throws {
        #expect(try volumes("MARAC", area: "South Tees") == Volumes.Result(
            referralsReceived: 2, casesDiscussed: 2, meetingsHeld: 3, casesPerMeeting: 2.0 / 3.0,
            childrenInHouseholds: 5, childrenUnknown: 0,
            casesPer10kAdultFemalesAnnualised: nil, partnerAgencyShare: 1))
    }

    @Test func oneArea() throws {
        #expect(try volumes("MARAC", area: "Stockton") == Volumes.Result(
            referralsReceived: 3, casesDiscussed: 2, meetingsHeld: 2, casesPerMeeting: 1,
            childrenInHouseholds: 2, childrenUnknown: 0,
            casesPer10kAdultFemalesAnnualised: 2 * 10_000.0 / 80_000 * 365 / 91, partnerAgencyShare: 1.0 / 2.0))
    }

    @Test func anAreaWithNoCasesHasZeroPer10kAndNullRatios() throws {
        #expect(try volumes("MARAC", area: "Billingham") == Volumes.Result(
            referralsReceived: 0, casesDiscussed: 0, meetingsHeld: 0, casesPerMeeting: nil,
            childrenInHouseholds: 0, childrenUnknown: 0,
            casesPer10kAdultFemalesAnnualised: 0, partnerAgencyShare: nil))
    }

    @Test func periodBoundaries() throws {
        #expect(try volumes("MARAC", "2024Q1") == Volumes.Result(
            referralsReceived: 2, casesDiscussed: 1, meetingsHeld: 1, casesPerMeeting: 1,
            childrenInHouseholds: 2, childrenUnknown: 0,
            casesPer10kAdultFemalesAnnualised: nil, partnerAgencyShare: 0))
    }

    @Test func meetingsFallBackToDistinctAreaAndDateWithoutMeetingsRows() throws {
        #expect(try volumes("DRAMM") == Volumes.Result(
            referralsReceived: 5, casesDiscussed: 4, meetingsHeld: 3, casesPerMeeting: 4.0 / 3.0,
            childrenInHouseholds: 3, childrenUnknown: 1,
            casesPer10kAdultFemalesAnnualised: 4 * 10_000.0 / 120_000 * 365 / 91, partnerAgencyShare: 1.0 / 4.0))
    }
}
