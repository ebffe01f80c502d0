import GRDB
import Testing
@testable import PanelboardCore

/// Properties over random, contract-valid bundles and many random periods: the
/// identities metrics.md promises, and the SQL against a plain Swift reading of the
/// definitions. A failure names the seed and the scope that reproduce it.
@Suite struct MetricPropertyTests {
    static let seeds: [UInt64] = [1, 20_240_401, 0xDA5A]
    typealias Bundle = RandomMetricsBundle

    static func harness(_ bundle: Bundle) throws -> MetricsHarness {
        try MetricsHarness(files: bundle.files, importAsOf: Bundle.importAsOf)
    }

    /// Random scopes: any panel, every area or one area or an area group, any
    /// period, an as-of date anywhere from before the data to after it.
    static func scopes(seed: UInt64, count: Int = 120) -> [MetricScope] {
        var random = SeededGenerator(seed: seed ^ 0x5C09E)
        return (0..<count).map { _ in
            let asOf = day("2021-12-01").adding(days: Int.random(in: 0...1250, using: &random))
            return MetricScope(panel: Bundle.panels.randomElement(using: &random)!,
                               area: [nil, "Stockton", "North Tees", "North"].randomElement(using: &random)!,
                               period: Bundle.randomPeriod(using: &random), asOf: asOf)
        }
    }

    static func inArea(_ area: String, _ scope: MetricScope) -> Bool {
        switch scope.area {
        case nil: true
        case "North Tees": area == "Stockton" || area == "Hartlepool"
        case let named?: area == named
        }
    }

    static func inPeriod(_ day: Day?, _ scope: MetricScope) -> Bool {
        guard let day else { return false }
        return scope.period.from <= day && day <= scope.period.to
    }

    @Test(arguments: seeds)
    func theBundleImportsWhole(seed: UInt64) throws {
        let bundle = Bundle(seed: seed)
        let harness = try Self.harness(bundle)
        let stored = try harness.store.queue.read { db in
            try ["referrals", "actions", "cohort"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)")! }
        }
        #expect(stored == [bundle.referrals.count, bundle.actions.count, bundle.memberships.count])
        #expect(bundle.actions.count > 200 && bundle.memberships.count > 30)
    }

    // MARK: Identities

    @Test(arguments: seeds)
    func cohortFlowAddsUp(seed: UInt64) throws {
        let harness = try Self.harness(Bundle(seed: seed))
        var busy = 0
        for scope in Self.scopes(seed: seed) {
            let c = try harness.compute(Cohort.self, scope)
            #expect(c.atStart + c.adopted - c.exited == c.atEnd, "seed \(seed), \(scope.panel) \(scope.area ?? "all") \(scope.period)")
            #expect(c.exitsByReason.values.reduce(0, +) == c.exited)
            if c.atStart > 0 && c.adopted > 0 && c.exited > 0 { busy += 1 }
        }
        #expect(busy >= 10, "seed \(seed): too few scopes with members starting, joining and leaving")
    }

    @Test(arguments: seeds)
    func theFiveActionOutcomesAddUpToDue(seed: UInt64) throws {
        let harness = try Self.harness(Bundle(seed: seed))
        var seen = Actions.Counts()
        for scope in Self.scopes(seed: seed) {
            let a = try harness.compute(Actions.self, scope)
            seen.completedOnTime += a.total.completedOnTime; seen.completedLate += a.total.completedLate
            seen.notCompleted += a.total.notCompleted; seen.openOverdue += a.total.openOverdue
            seen.openNotYetDue += a.total.openNotYetDue
            for (name, c) in [("total", a.total)] + a.byAgency.map({ ($0.agency, $0.counts) }) {
                #expect(c.completedOnTime + c.completedLate + c.notCompleted + c.openOverdue + c.openNotYetDue == c.due,
                        "seed \(seed), \(scope.panel) \(scope.area ?? "all") \(scope.period) as of \(scope.asOf), \(name)")
                #expect(c.onTimeRate == (c.due == 0 ? nil : Double(c.completedOnTime) / Double(c.due)))
            }
            for keyPath in [\Actions.Counts.agreed, \.due, \.completedOnTime, \.completedLate, \.notCompleted,
                            \.openOverdue, \.openNotYetDue, \.overdueAsOf, \.noDueDate] {
                #expect(a.byAgency.map { $0.counts[keyPath: keyPath] }.reduce(0, +) == a.total[keyPath: keyPath])
            }
        }
        #expect([seen.completedOnTime, seen.completedLate, seen.notCompleted, seen.openOverdue, seen.openNotYetDue]
            .allSatisfy { $0 > 0 }, "seed \(seed): some outcome never occurred")
    }

    @Test(arguments: seeds)
    func breakdownsAddUpToCasesDiscussed(seed: UInt64) throws {
        let harness = try Self.harness(Bundle(seed: seed))
        for scope in Self.scopes(seed: seed, count: 40) {
            let report = try harness.report(scope)
            let cases = report.volumes.casesDiscussed
            #expect(report.repeats.casesDiscussed == cases)
            #expect(report.referralSources.map(\.value.count).reduce(0, +) == cases)
            #expect(report.referralReasons.map(\.value.count).reduce(0, +) == cases)
            let gender = ["female", "male", "gender_other", "gender_unknown"].map { report.demographics[$0]!.count }
            #expect(gender.reduce(0, +) == cases)
            let m = report.meetings
            #expect(m.held == report.volumes.meetingsHeld)
            #expect(m.agendaOnTime + m.agendaUnknown <= m.held && m.minutesOnTime + m.minutesUnknown <= m.held)
        }
    }

    // MARK: The SQL against the definitions, read in Swift

    @Test(arguments: seeds)
    func repeatsMatchTheDefinition(seed: UInt64) throws {
        let bundle = Bundle(seed: seed)
        let harness = try Self.harness(bundle)
        for panel in Bundle.panels {
            let person: (Bundle.Referral) -> String? = ["DAPP", "IDAP"].contains(panel) ? { $0.perpetrator } : { $0.victim }
            func isRepeat(_ r: Bundle.Referral) -> Bool {
                guard let who = person(r) else { return false }
                let start = r.referralDate.addingMonths(-12)
                return bundle.referrals.contains { p in
                    p.panel == r.panel && person(p) == who && p.meetingDate != nil
                        && (p.referralDate, p.id) < (r.referralDate, r.id) && p.referralDate >= start
                }
            }
            let everything = MetricScope(panel: panel, period: try Period(from: Bundle.firstDay, to: Bundle.importAsOf),
                                         asOf: Bundle.importAsOf)
            let rows = try harness.rows(Repeats.casesSQL, everything)
            let computed = Dictionary(uniqueKeysWithValues: rows.map { ($0["referral_id"] as String, ($0["is_repeat"] as Int) == 1) })
            let heard = bundle.referrals.filter { $0.panel == panel && $0.meetingDate != nil }
            #expect(computed == Dictionary(uniqueKeysWithValues: heard.map { ($0.id, isRepeat($0)) }), "seed \(seed), \(panel)")
            #expect(heard.contains(where: isRepeat), "seed \(seed): the bundle should hold \(panel) repeats")
        }
        for scope in Self.scopes(seed: seed, count: 60) {
            let cases = bundle.referrals.filter {
                $0.panel == scope.panel && Self.inArea($0.area, scope) && Self.inPeriod($0.meetingDate, scope)
            }
            let person: (Bundle.Referral) -> String? = ["DAPP", "IDAP"].contains(scope.panel) ? { $0.perpetrator } : { $0.victim }
            let repeats = cases.filter { r in
                guard let who = person(r) else { return false }
                return bundle.referrals.contains { p in
                    p.panel == r.panel && person(p) == who && p.meetingDate != nil
                        && (p.referralDate, p.id) < (r.referralDate, r.id) && p.referralDate >= r.referralDate.addingMonths(-12)
                }
            }
            let result = try harness.compute(Repeats.self, scope)
            #expect(result.casesDiscussed == cases.count)
            #expect(result.repeatCases == repeats.count, "seed \(seed), \(scope.panel) \(scope.area ?? "all") \(scope.period)")
        }
    }

    @Test(arguments: seeds)
    func volumesMatchTheDefinition(seed: UInt64) throws {
        let bundle = Bundle(seed: seed)
        let harness = try Self.harness(bundle)
        for scope in Self.scopes(seed: seed) {
            let scoped = bundle.referrals.filter { $0.panel == scope.panel && Self.inArea($0.area, scope) }
            let discussed = scoped.filter { Self.inPeriod($0.meetingDate, scope) }
            let v = try harness.compute(Volumes.self, scope)
            #expect(v.referralsReceived == scoped.filter { Self.inPeriod($0.referralDate, scope) }.count)
            #expect(v.casesDiscussed == discussed.count)
            #expect(v.partnerAgencyShare == (discussed.isEmpty ? nil
                : Double(discussed.filter { $0.agency != "police" }.count) / Double(discussed.count)))
            // The areas in scope: those of the scoped referrals, and the --area or
            // its group's members; null unless every one has a population.
            let population = ["Stockton": 80_000, "Hartlepool": 40_000, "Middlesbrough": 60_000]
            let named: [String] = scope.area == "North Tees" ? ["Stockton", "Hartlepool"] : scope.area.map { [$0] } ?? []
            let areas = Set(scoped.map(\.area)).union(named)
            let women: Int? = areas.isEmpty || areas.contains { population[$0] == nil }
                ? nil : areas.map { population[$0]! }.reduce(0, +)
            #expect(v.casesPer10kAdultFemalesAnnualised
                    == women.map { Double(discussed.count) * 10_000.0 / Double($0) * 365.0 / Double(scope.period.days) },
                    "seed \(seed), \(scope.panel) \(scope.area ?? "all") \(scope.period)")
            if scope.panel == "DRAMM" {
                let pairs = Set(discussed.map { "\($0.area)|\($0.meetingDate!.iso)" })
                #expect(v.meetingsHeld == pairs.count, "seed \(seed), DRAMM \(scope.area ?? "all") \(scope.period)")
            }
        }
    }

    @Test(arguments: seeds)
    func cohortMatchesTheDefinition(seed: UInt64) throws {
        let bundle = Bundle(seed: seed)
        let harness = try Self.harness(bundle)
        for scope in Self.scopes(seed: seed) {
            let (from, to) = (scope.period.from, scope.period.to)
            let members = bundle.memberships.filter { $0.panel == scope.panel && Self.inArea($0.area, scope) }
            let exits = members.filter { Self.inPeriod($0.exit, scope) }
            let days = exits.map { $0.exit!.ordinal - $0.adopted.ordinal }.sorted()
            let median: Double? = days.isEmpty ? nil : Double(days[(days.count - 1) / 2] + days[days.count / 2]) / 2
            let c = try harness.compute(Cohort.self, scope)
            let label = "seed \(seed), \(scope.panel) \(scope.area ?? "all") \(scope.period)"
            #expect(c.atStart == members.filter { $0.adopted < from && ($0.exit.map { $0 >= from } ?? true) }.count, "\(label)")
            #expect(c.adopted == members.filter { Self.inPeriod($0.adopted, scope) }.count, "\(label)")
            #expect(c.exited == exits.count, "\(label)")
            #expect(c.atEnd == members.filter { $0.adopted <= to && ($0.exit.map { $0 > to } ?? true) }.count, "\(label)")
            #expect(c.medianDaysOnCohortAtExit == median, "\(label)")
            let reReferred = exits.filter { exit in
                bundle.referrals.contains { r in
                    r.perpetrator == exit.perpetrator && r.referralDate > exit.exit!
                        && r.referralDate <= exit.exit!.addingMonths(12) && r.referralDate <= scope.asOf
                }
            }
            #expect(c.reReferredWithin12MonthsOfExit == reReferred.count, "\(label)")
        }
    }

    @Test(arguments: seeds)
    func actionsMatchTheDefinition(seed: UInt64) throws {
        let bundle = Bundle(seed: seed)
        let harness = try Self.harness(bundle)
        let panelOf = Dictionary(uniqueKeysWithValues: bundle.referrals.map { ($0.id, ($0.panel, $0.area)) })
        for scope in Self.scopes(seed: seed) {
            let scoped = bundle.actions.filter {
                let (panel, area) = panelOf[$0.referralID]!
                return panel == scope.panel && Self.inArea(area, scope)
            }
            let due = scoped.filter { Self.inPeriod($0.due, scope) && $0.status != "cancelled" }
            let open = scoped.filter { $0.status == "open" }
            let t = try harness.compute(Actions.self, scope).total
            let label = "seed \(seed), \(scope.panel) \(scope.area ?? "all") \(scope.period) as of \(scope.asOf)"
            #expect(t.agreed == scoped.filter { Self.inPeriod($0.agreed, scope) }.count, "\(label)")
            #expect(t.due == due.count, "\(label)")
            #expect(t.completedOnTime == due.filter { $0.completed != nil && $0.completed! <= $0.due! }.count, "\(label)")
            #expect(t.completedLate == due.filter { $0.completed != nil && $0.completed! > $0.due! }.count, "\(label)")
            #expect(t.notCompleted == due.filter { $0.status == "not_completed" }.count, "\(label)")
            #expect(t.openOverdue == due.filter { $0.status == "open" && $0.due! < scope.asOf }.count, "\(label)")
            #expect(t.openNotYetDue == due.filter { $0.status == "open" && $0.due! >= scope.asOf }.count, "\(label)")
            #expect(t.overdueAsOf == open.filter { $0.due.map { $0 < scope.asOf } ?? false }.count, "\(label)")
            #expect(t.noDueDate == open.filter { $0.due == nil }.count, "\(label)")
        }
    }

    /// The SQL month arithmetic every family shares, against `Day.addingMonths`,
    /// for every day of three years (two month-end leap cases among them).
    @Test func sqlMonthArithmeticIsClampedLikeDay() throws {
        let sql = "SELECT \(MetricSQL.addingMonths(":day", ":months")) AS shifted"
        try DatabaseQueue().read { db in
            let statement = try db.makeStatement(sql: sql)
            for ordinal in day("2023-01-01").ordinal...day("2025-12-31").ordinal {
                let d = Day(ordinal: ordinal)
                for months in [-13, -12, -3, -1, 1, 3, 12] {
                    let shifted = try String.fetchOne(statement, arguments: ["day": d.iso, "months": months])
                    if shifted != d.addingMonths(months).iso {
                        Issue.record("\(d.iso) \(months) months: SQL \(shifted ?? "nil"), Day \(d.addingMonths(months).iso)")
                        return
                    }
                }
            }
        }
    }
}

/// `--by day` and `--by weekday` over random short periods: the days' figures, and
/// the weekdays' sums, add up to the whole period's.
@Suite struct ByDayPropertyTests {
    @Test(arguments: MetricPropertyTests.seeds)
    func daysAndWeekdaysAddUpToThePeriod(seed: UInt64) throws {
        let harness = try MetricPropertyTests.harness(RandomMetricsBundle(seed: seed))
        var random = SeededGenerator(seed: seed ^ 0xDA7)
        var busy = 0
        for _ in 0..<12 {
            let from = day("2022-01-01").adding(days: Int.random(in: 0...1000, using: &random))
            let s = MetricScope(panel: RandomMetricsBundle.panels.randomElement(using: &random)!,
                                area: [nil, "Stockton", "North Tees"].randomElement(using: &random)!,
                                period: try Period(from: from, to: from.adding(days: Int.random(in: 0...40, using: &random))),
                                asOf: day("2024-12-31"))
            let whole = try harness.report(s)
            let days = try MetricsBreakdown.compute(harness.store, scope: s, by: "day")
            let weekdays = try #require(try MetricsBreakdown.compute(harness.store, scope: s, by: "weekday").weekdays)
            let context = "seed \(seed), \(s.panel) \(s.area ?? "all") \(s.period)"
            #expect(days.reports.count == s.period.days, "\(context)")
            #expect(days.reports.map(\.volumes.referralsReceived).reduce(0, +) == whole.volumes.referralsReceived, "\(context)")
            #expect(days.reports.map(\.volumes.casesDiscussed).reduce(0, +) == whole.volumes.casesDiscussed, "\(context)")
            #expect(weekdays.map(\.days).reduce(0, +) == s.period.days, "\(context)")
            #expect(weekdays.map(\.referralsReceived).reduce(0, +) == whole.volumes.referralsReceived, "\(context)")
            #expect(weekdays.map(\.casesDiscussed).reduce(0, +) == whole.volumes.casesDiscussed, "\(context)")
            #expect(weekdays.map(\.meetingsHeld).reduce(0, +) == whole.volumes.meetingsHeld, "\(context)")
            #expect(weekdays.map(\.repeatCases).reduce(0, +) == whole.repeats.repeatCases, "\(context)")
            #expect(weekdays.map(\.lateReferrals).reduce(0, +) == whole.meetings.lateReferrals, "\(context)")
            // The days in order, each its own one-day report.
            #expect(days.reports.map(\.scope.period.from) == (0..<s.period.days).map { s.period.from.adding(days: $0) }, "\(context)")
            busy += whole.volumes.casesDiscussed > 0 ? 1 : 0
        }
        #expect(busy >= 3, "seed \(seed): too few scopes with cases to test anything")
    }
}

/// Repeats v2 over random bundles: an earlier heard referral to any panel of
/// `repeat_panels` counts, against a plain Swift reading; the panel itself as its
/// only repeat panel is version 1's answer, case by case.
@Suite struct RepeatsV2PropertyTests {
    typealias Bundle = RandomMetricsBundle

    static func answers(_ harness: MetricsHarness, _ scope: MetricScope, repeatPanels: String?) throws -> [String: Bool] {
        try harness.store.queue.read { db in
            var parameters = scope.parameters
            // updateValue: a nil assigned through the subscript would remove the key.
            parameters.updateValue(repeatPanels, forKey: "repeat_panels")
            let statement = try db.makeStatement(sql: Repeats.casesSQL)
            let wanted = Set(statement.sqliteArgumentNames)
            let rows = try Row.fetchAll(statement, arguments: StatementArguments(parameters.filter { wanted.contains($0.key) }))
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["referral_id"] as String, ($0["is_repeat"] as Int) == 1) })
        }
    }

    @Test(arguments: MetricPropertyTests.seeds)
    func repeatsOverSeveralPanelsMatchTheDefinition(seed: UInt64) throws {
        let bundle = Bundle(seed: seed)
        let harness = try MetricPropertyTests.harness(bundle)
        let cases: [(panel: String, repeatPanels: [String])] = [
            ("DRAMM", ["MARAC", "DRAMM"]), ("DRAMM", ["MARAC"]), ("MARAC", ["DRAMM"]), ("IDAP", ["DAPP", "IDAP"]),
        ]
        for (panel, repeatPanels) in cases {
            let person: (Bundle.Referral) -> String? = ["DAPP", "IDAP"].contains(panel) ? { $0.perpetrator } : { $0.victim }
            func isRepeat(_ r: Bundle.Referral, within panels: [String]) -> Bool {
                guard let who = person(r) else { return false }
                return bundle.referrals.contains { p in
                    panels.contains(p.panel) && person(p) == who && p.meetingDate != nil
                        && (p.referralDate, p.id) < (r.referralDate, r.id) && p.referralDate >= r.referralDate.addingMonths(-12)
                }
            }
            let everything = MetricScope(panel: panel, period: try Period(from: Bundle.firstDay, to: Bundle.importAsOf),
                                         asOf: Bundle.importAsOf)
            let heard = bundle.referrals.filter { $0.panel == panel && $0.meetingDate != nil }
            let v2 = try Self.answers(harness, everything, repeatPanels: repeatPanels.joined(separator: " "))
            #expect(v2 == Dictionary(uniqueKeysWithValues: heard.map { ($0.id, isRepeat($0, within: repeatPanels)) }),
                    "seed \(seed), \(panel) over \(repeatPanels)")
            // Other panels' referrals change some answers, or the test proves nothing.
            let v1 = try Self.answers(harness, everything, repeatPanels: nil)
            if repeatPanels.contains(panel) && repeatPanels.count > 1 {
                #expect(heard.contains { v2[$0.id]! && !v1[$0.id]! }, "seed \(seed): no \(panel) case is a repeat only over \(repeatPanels)")
            }
            // The panel itself, named, is version 1's rule, case by case.
            #expect(try Self.answers(harness, everything, repeatPanels: panel) == v1, "seed \(seed), \(panel)")
        }
    }
}
