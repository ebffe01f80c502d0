import Testing
@testable import PanelboardCore

/// The perpetrator-panel families over random bundles and many random scopes: the
/// SQL against a plain Swift reading of docs/metrics.md ("Perpetrator panels"), and
/// the sums it promises. Each property also counts the scopes where it had
/// something to check, so that it cannot pass on zeros alone.
@Suite struct PerpetratorPropertyTests {
    typealias Bundle = RandomMetricsBundle
    typealias P = MetricPropertyTests

    static func label(_ seed: UInt64, _ scope: MetricScope) -> String {
        "seed \(seed), \(scope.panel) \(scope.area ?? "all") \(scope.period) as of \(scope.asOf)"
    }

    static func members(_ bundle: Bundle, _ scope: MetricScope) -> [Bundle.Membership] {
        bundle.memberships.filter { $0.panel == scope.panel && P.inArea($0.area, scope) }
    }

    /// An incident, or a referral to any panel, of `person` dated after `after`
    /// and on or before `upTo`.
    static func harm(_ bundle: Bundle, _ person: String, after: Day, upTo: Day) -> Bool {
        bundle.incidents.contains { $0.perpetrator == person && $0.date > after && $0.date <= upTo }
            || bundle.referrals.contains { $0.perpetrator == person && $0.referralDate > after && $0.referralDate <= upTo }
    }

    static func median(_ values: [Int]) -> Double? {
        let v = values.sorted()
        return v.isEmpty ? nil : Double(v[(v.count - 1) / 2] + v[v.count / 2]) / 2
    }

    @Test(arguments: P.seeds)
    func adoptionsBySourceMatchAndAddUp(seed: UInt64) throws {
        let bundle = Bundle(seed: seed)
        let harness = try P.harness(bundle)
        var busy = 0
        for scope in P.scopes(seed: seed) {
            let adopted = Self.members(bundle, scope).filter { P.inPeriod($0.adopted, scope) }
            let result = try harness.compute(AdoptedBySource.self, scope)
            for source in AdoptedBySource.sources {
                let expected = adopted.filter { ($0.source.isEmpty ? "not_recorded" : $0.source) == source }.count
                #expect(result[source] == expected, "\(Self.label(seed, scope)) \(source)")
            }
            #expect(result.values.reduce(0, +) == (try harness.compute(Cohort.self, scope)).adopted, "\(Self.label(seed, scope))")
            if !adopted.isEmpty { busy += 1 }
        }
        #expect(busy > 10)
    }

    @Test(arguments: P.seeds)
    func exitReviewDueMatchesTheDefinition(seed: UInt64) throws {
        let bundle = Bundle(seed: seed)
        let harness = try P.harness(bundle)
        var busy = 0
        for scope in P.scopes(seed: seed) {
            let asOf = scope.asOf
            let on = Self.members(bundle, scope).filter { $0.adopted <= asOf && ($0.exit.map { $0 > asOf } ?? true) }
            let due = on.filter { m in
                let incidents = bundle.incidents.filter { $0.perpetrator == m.perpetrator && $0.date >= m.adopted && $0.date <= asOf }
                    .map(\.date)
                let referrals = bundle.referrals
                    .filter { $0.perpetrator == m.perpetrator && $0.referralDate > m.adopted && $0.referralDate <= asOf }
                    .map(\.referralDate)
                let last = (incidents + referrals).max() ?? m.adopted
                return last <= asOf.addingMonths(-scope.settings.exitReviewMonths)
            }
            #expect(try harness.compute(ExitReviewDue.self, scope) == due.count, "\(Self.label(seed, scope))")
            if due.count > 0 && due.count < on.count { busy += 1 }
        }
        #expect(busy > 10)
    }

    @Test(arguments: P.seeds)
    func harmAfterExitMatchesTheDefinitionAndAddsUp(seed: UInt64) throws {
        let bundle = Bundle(seed: seed)
        let harness = try P.harness(bundle)
        var seen = (harm: 0, pending: 0, noHarm: 0)
        for scope in P.scopes(seed: seed) {
            let exits = Self.members(bundle, scope).filter { P.inPeriod($0.exit, scope) }
            let result = try harness.compute(HarmAfterExit.self, scope)
            let cohort = try harness.compute(Cohort.self, scope)
            for months in HarmAfterExit.horizons {
                var expected: [String: HarmAfterExit.Outcome] = [:]
                for exit in exits {
                    let end = exit.exit!.addingMonths(months)
                    var o = expected[exit.exitReason!] ?? .init()
                    o.exits += 1
                    if Self.harm(bundle, exit.perpetrator, after: exit.exit!, upTo: min(end, scope.asOf)) { o.harm += 1 }
                    else if end > scope.asOf { o.pending += 1 } else { o.noHarm += 1 }
                    expected[exit.exitReason!] = o
                }
                for reason in Vocabulary.exitReason.values {
                    #expect(result[months]?[reason] == (expected[reason] ?? .init()), "\(Self.label(seed, scope)) \(months) \(reason)")
                }
                let all = result[months]!["all"]!
                #expect(all.exits == cohort.exited && all.exits == all.harm + all.pending + all.noHarm, "\(Self.label(seed, scope))")
                seen.harm += all.harm; seen.pending += all.pending; seen.noHarm += all.noHarm
            }
        }
        #expect(seen.harm > 10 && seen.pending > 10 && seen.noHarm > 10)
    }

    @Test(arguments: P.seeds)
    func postExitIncidentsWithoutMaracMatchTheDefinition(seed: UInt64) throws {
        let bundle = Bundle(seed: seed)
        let harness = try P.harness(bundle)
        let marac = { (panel: String) in !["DRAMM", "DAPP", "IDAP"].contains(panel) }
        var busy = 0
        for scope in P.scopes(seed: seed) {
            let asOf = scope.asOf
            let listed = Self.members(bundle, scope).filter { m in
                guard let exit = m.exit, exit <= asOf else { return false }
                return bundle.incidents.contains { i in
                    i.perpetrator == m.perpetrator && i.date > exit && i.date <= asOf
                        && !bundle.referrals.contains { r in
                            r.perpetrator == m.perpetrator && marac(r.panel) && r.referralDate >= i.date && r.referralDate <= asOf
                        }
                }
            }
            #expect(try harness.compute(PostExitIncidentsWithoutMarac.self, scope) == listed.count, "\(Self.label(seed, scope))")
            let list = try PostExitHarmList.fetch(harness.store, panel: scope.panel, asOf: asOf, area: scope.area)
            #expect(list.rows.count == listed.count, "\(Self.label(seed, scope))")
            if !listed.isEmpty { busy += 1 }
        }
        #expect(busy > 10)
    }

    @Test(arguments: P.seeds)
    func rfgMediansMatchTheDefinition(seed: UInt64) throws {
        let bundle = Bundle(seed: seed)
        let harness = try P.harness(bundle)
        var busy = 0
        for scope in P.scopes(seed: seed) {
            let scored = Self.members(bundle, scope)
                .filter { P.inPeriod($0.exit, scope) && $0.rfgAtAdoption != nil && $0.rfgAtExit != nil }
            let result = try harness.compute(RfgScores.self, scope)
            #expect(result == RfgScores.Result(
                exitsScored: scored.count, atAdoptionMedian: Self.median(scored.map { $0.rfgAtAdoption! }),
                changeMedian: Self.median(scored.map { $0.rfgAtExit! - $0.rfgAtAdoption! })), "\(Self.label(seed, scope))")
            if scored.count > 1 { busy += 1 }
        }
        #expect(busy > 10)
    }

    @Test(arguments: P.seeds)
    func actionsByTypeMatchTheDefinitionAndAddUpToActions(seed: UInt64) throws {
        let bundle = Bundle(seed: seed)
        let harness = try P.harness(bundle)
        let panelOf = Dictionary(uniqueKeysWithValues: bundle.referrals.map { ($0.id, ($0.panel, $0.area)) })
        var busy = 0
        for scope in P.scopes(seed: seed) {
            let scoped = bundle.actions.filter {
                let (panel, area) = panelOf[$0.referralID]!
                return panel == scope.panel && P.inArea(area, scope)
            }
            let result = try harness.compute(ActionsByType.self, scope)
            for type in ActionsByType.types {
                let ofType = scoped.filter { ($0.type ?? "not_recorded") == type }
                let due = ofType.filter { P.inPeriod($0.due, scope) && $0.status != "cancelled" }
                #expect(result[type] == ActionsByType.Counts(
                    agreed: ofType.filter { P.inPeriod($0.agreed, scope) }.count, due: due.count,
                    completedOnTime: due.filter { $0.completed != nil && $0.completed! <= $0.due! }.count),
                        "\(Self.label(seed, scope)) \(type)")
            }
            let total = try harness.compute(Actions.self, scope).total
            #expect(result.values.map(\.due).reduce(0, +) == total.due, "\(Self.label(seed, scope))")
            #expect(result.values.map(\.completedOnTime).reduce(0, +) == total.completedOnTime, "\(Self.label(seed, scope))")
            if result.values.filter({ $0.due > 0 }).count > 1 { busy += 1 }
        }
        #expect(busy > 10)
    }

    @Test(arguments: P.seeds)
    func mappaConflictsMatchTheDefinition(seed: UInt64) throws {
        let bundle = Bundle(seed: seed)
        let harness = try P.harness(bundle)
        var busy = 0
        for scope in P.scopes(seed: seed) {
            let asOf = scope.asOf
            let on = Self.members(bundle, scope).filter { $0.adopted <= asOf && ($0.exit.map { $0 > asOf } ?? true) }
            let conflicts = on.filter { m in
                let latest = bundle.referrals
                    .filter { $0.perpetrator == m.perpetrator && $0.referralDate <= asOf && $0.mappa != nil }
                    .max { ($0.referralDate, $0.id) < ($1.referralDate, $1.id) }
                return latest?.mappa == true
            }
            #expect(try harness.compute(MappaConflicts.self, scope) == conflicts.count, "\(Self.label(seed, scope))")
            if !conflicts.isEmpty { busy += 1 }
        }
        #expect(busy > 10)
    }
}
