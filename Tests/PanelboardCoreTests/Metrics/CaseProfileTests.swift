import Testing
@testable import PanelboardCore

/// Fixtures/metrics/case_profile/README.md: the 8 cases MARAC discussed in 2024Q4
/// and the 10 referrals it received, worked by hand.
@Suite struct CaseProfileTests {
    let harness: MetricsHarness

    init() throws {
        harness = try MetricsHarness(fixture: "case_profile", importAsOf: day("2025-01-31"))
    }

    func profile(_ panel: String, area: String? = nil, _ period: String = "2024Q4") throws -> [String: [String: Int]] {
        let result = try harness.compute(CaseProfile.self, scope(panel, period, asOf: "2025-01-31", area: area))
        return Dictionary(uniqueKeysWithValues: result.breakdowns.map { b in
            (b.name, Dictionary(uniqueKeysWithValues: b.counts.map { ($0.code, $0.count) }))
        })
    }

    @Test func maracQuarter() throws {
        #expect(try profile("MARAC") == [
            "discussion_type": ["full": 4, "significant_update": 2, "information_only": 1, "not_recorded": 1],
            "risk_level": ["standard": 1, "medium": 1, "high": 4, "very_high": 1, "not_recorded": 1],
            "children_linked": ["with_children": 5, "without_children": 2, "unknown": 1],
            "children_services_status": ["none": 1, "early_help": 1, "child_in_need": 1, "child_protection_plan": 1,
                                         "looked_after": 1, "not_known": 1, "not_recorded": 2],
            "screening": ["accepted": 6, "declined": 1, "deferred": 1, "redirected": 1, "not_recorded": 1],
        ])
    }

    @Test func oneArea() throws {
        #expect(try profile("MARAC", area: "Hartlepool") == [
            "discussion_type": ["full": 1, "significant_update": 0, "information_only": 1, "not_recorded": 0],
            "risk_level": ["standard": 0, "medium": 1, "high": 0, "very_high": 0, "not_recorded": 1],
            "children_linked": ["with_children": 1, "without_children": 0, "unknown": 1],
            "children_services_status": ["none": 0, "early_help": 0, "child_in_need": 1, "child_protection_plan": 0,
                                         "looked_after": 0, "not_known": 0, "not_recorded": 1],
            "screening": ["accepted": 1, "declined": 0, "deferred": 0, "redirected": 1, "not_recorded": 1],
        ])
    }

    @Test func triagePanelHasItsOwnProfile() throws {
        let dramm = try profile("DRAMM")
        #expect(dramm["discussion_type"]?["full"] == 1)
        #expect(dramm["children_services_status"]?["none"] == 1)
        #expect(dramm["screening"]?["accepted"] == 1)
    }

    /// A period with no cases and no referrals: every code listed, every count 0,
    /// in the order of the contract.
    @Test func noCasesGivesZerosInOrder() throws {
        let none = try harness.compute(CaseProfile.self, scope("MARAC", "2024Q1", asOf: "2025-01-31"))
        #expect(none.breakdowns.map(\.name) == ["discussion_type", "risk_level", "children_linked",
                                                 "children_services_status", "screening"])
        #expect(none.discussionType.map(\.code) == ["full", "significant_update", "information_only", "not_recorded"])
        #expect(none.screening.map(\.code) == ["accepted", "declined", "deferred", "redirected", "not_recorded"])
        #expect(none.breakdowns.allSatisfy { $0.counts.allSatisfy { $0.count == 0 } })
    }

    @Test func isAMemberOfTheReport() throws {
        let report = try harness.report(scope("MARAC", "2024Q4", asOf: "2025-01-31"))
        #expect(report.json["case_profile"]?["children_linked"]?["with_children"] == .int(5))
        #expect(report[CaseProfile.self].screening.map(\.count).reduce(0, +) == report.volumes.referralsReceived)
    }
}
