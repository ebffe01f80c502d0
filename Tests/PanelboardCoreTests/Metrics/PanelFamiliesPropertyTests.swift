import Testing
@testable import PanelboardCore

/// The triage, case profile and referral quality families over random bundles and
/// many random scopes: the identities docs/metrics.md promises, and triage's
/// escalation and return against a plain Swift reading of panels.md.
@Suite struct PanelFamiliesPropertyTests {
    typealias Bundle = RandomMetricsBundle

    @Test(arguments: MetricPropertyTests.seeds)
    func breakdownsAddUp(seed: UInt64) throws {
        let harness = try MetricPropertyTests.harness(Bundle(seed: seed))
        var escalations = 0
        for scope in MetricPropertyTests.scopes(seed: seed, count: 40) {
            let report = try harness.report(scope)
            let v = report.volumes
            let where_ = "seed \(seed), \(scope.panel) \(scope.area ?? "all") \(scope.period)"
            let profile = report[CaseProfile.self]
            for (name, counts) in profile.breakdowns {
                let whole = name == "screening" ? v.referralsReceived : v.casesDiscussed
                #expect(counts.map(\.count).reduce(0, +) == whole, "\(where_): \(name)")
            }
            #expect(profile.childrenLinked.first { $0.code == "unknown" }?.count == v.childrenUnknown, "\(where_)")

            let t = report[Triage.self]
            #expect(t.received == v.referralsReceived, "\(where_)")
            #expect(t.receivedByReasonAndRisk.flatMap(\.byRisk).map(\.count).reduce(0, +) == t.received, "\(where_)")
            #expect(t.escalatedToMarac.count <= t.received && t.maracWithin12MonthsReturned <= t.received, "\(where_)")
            if let low = t.perWorkingDayMin, let mid = t.perWorkingDayMedian, let high = t.perWorkingDayMax {
                #expect(Double(low) <= mid && mid <= Double(high), "\(where_)")
                #expect(t.busiestDays.isEmpty == (high == 0), "\(where_)")
                #expect(high <= t.received, "\(where_)")
            }
            escalations += t.escalatedToMarac.count

            let q = report[ReferralQuality.self]
            #expect(q.recordedFlagDisagrees == report.repeats.recordedFlagDisagrees, "\(where_)")
            #expect(q.reasonDashMismatch + q.escalationUnsupported <= v.casesDiscussed, "\(where_)")
        }
        #expect(escalations > 0, "seed \(seed): no scope saw an escalation")
    }

    /// Escalation and return, referral by referral, as panels.md reads: a DRAMM with
    /// no profile row counts 14 calendar days; MARAC is the only `marac` panel.
    @Test(arguments: MetricPropertyTests.seeds)
    func escalationMatchesTheDefinition(seed: UInt64) throws {
        let bundle = Bundle(seed: seed)
        let harness = try MetricPropertyTests.harness(bundle)
        let everything = try Period(from: Bundle.firstDay, to: Bundle.importAsOf)
        for panel in ["DRAMM", "MARAC"] {
            let received = bundle.referrals.filter { $0.panel == panel && everything.from <= $0.referralDate && $0.referralDate <= everything.to }
            let marac = bundle.referrals.filter { $0.panel == "MARAC" }
            let escalated = received.filter { r in
                marac.contains { m in
                    m.id != r.id && m.victim != nil && m.victim == r.victim
                        && m.referralDate >= r.referralDate && m.referralDate <= r.referralDate.adding(days: 14)
                }
            }
            let returned = received.filter { r in
                marac.contains { m in
                    m.id != r.id && m.victim != nil && m.victim == r.victim
                        && (m.referralDate, m.id) < (r.referralDate, r.id) && m.referralDate >= r.referralDate.addingMonths(-12)
                }
            }
            let t = try harness.compute(Triage.self, MetricScope(panel: panel, period: everything, asOf: Bundle.importAsOf))
            #expect(t.received == received.count, "seed \(seed), \(panel)")
            #expect(t.escalatedToMarac.count == escalated.count, "seed \(seed), \(panel)")
            #expect(t.maracWithin12MonthsReturned == returned.count, "seed \(seed), \(panel)")
            if panel == "DRAMM" { #expect(!escalated.isEmpty && !returned.isEmpty, "seed \(seed): the bundle should escalate") }
        }
    }
}
