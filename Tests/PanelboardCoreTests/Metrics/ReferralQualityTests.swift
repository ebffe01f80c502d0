import GRDB
import Synchronization
import Testing
@testable import PanelboardCore

/// Fixtures/metrics/referral_quality/README.md: reasons the record does not bear
/// out, worked by hand.
@Suite struct ReferralQualityTests {
    let harness: MetricsHarness

    init() throws {
        harness = try MetricsHarness(fixture: "referral_quality", importAsOf: day("2025-01-31"))
    }

    func quality(_ panel: String, area: String? = nil, _ period: String = "2024Q4") throws -> ReferralQuality.Result {
        try harness.compute(ReferralQuality.self, scope(panel, period, asOf: "2025-01-31", area: area))
    }

    @Test func maracQuarter() throws {
        #expect(try quality("MARAC") == .init(reasonDashMismatch: 2, escalationUnsupported: 2, recordedFlagDisagrees: 2))
    }

    @Test func oneArea() throws {
        #expect(try quality("MARAC", area: "Hartlepool") == .init(reasonDashMismatch: 1, escalationUnsupported: 1,
                                                                  recordedFlagDisagrees: 0))
    }

    /// 29 Feb 2024 less 12 months is 28 Feb 2023: the incident that day counts, so
    /// the escalation has its three incidents.
    @Test func leapDayWindowIsClamped() throws {
        #expect(try quality("MARAC", "2024Q1") == .init(reasonDashMismatch: 0, escalationUnsupported: 0, recordedFlagDisagrees: 0))
    }

    @Test func otherPanelsAreTheirOwn() throws {
        #expect(try quality("DAPP") == .init(reasonDashMismatch: 1, escalationUnsupported: 0, recordedFlagDisagrees: 0))
    }

    /// The repeat rule (a seek per case discussed) runs once per report: the
    /// repeats family's query, and not again for referral quality.
    @Test func aReportRunsTheRepeatRuleOnce() throws {
        let statements = Mutex([String]())
        try harness.store.queue.read { db in
            db.trace(options: .statement) { event in statements.withLock { $0.append(event.description) } }
            _ = try MetricsReport.compute(db, scope: scope("MARAC", "2024Q4", asOf: "2025-01-31"))
            db.trace(options: [])
        }
        let rule = statements.withLock { $0 }.filter { $0.contains("AS is_repeat") }
        #expect(rule.count == 1, "\(rule.count) statements run the repeat rule")
    }

    @Test func recordedFlagsAgreeWithRepeats() throws {
        let report = try harness.report(scope("MARAC", "2024Q4", asOf: "2025-01-31"))
        #expect(report[ReferralQuality.self].recordedFlagDisagrees == report.repeats.recordedFlagDisagrees)
        // A report takes the count from its repeats family rather than running the
        // rule twice: the same figures as the family's own query, which runs it.
        for area in [nil, "Hartlepool"] {
            let inReport = try harness.report(scope("MARAC", "2024Q4", asOf: "2025-01-31", area: area))[ReferralQuality.self]
            #expect(inReport == (try quality("MARAC", area: area)))
        }
        #expect(report.json["referral_quality"]?["escalation_unsupported"] == .int(2))
    }
}
