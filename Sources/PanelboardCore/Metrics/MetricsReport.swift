import Foundation
import GRDB
import Synchronization

/// Every family for one scope: what `panelboard metrics` prints and what board
/// outputs are built from.
public struct MetricsReport: Sendable {
    public let scope: MetricScope
    public let volumes: Volumes.Result
    public let repeats: Repeats.Result
    public let referralSources: ReferralSources.Result
    public let referralReasons: ReferralReasons.Result
    public let actions: Actions.Result
    public let cohort: Cohort.Result
    public let meetings: Meetings.Result
    public let demographics: Demographics.Result
    /// The perpetrator-panel families (panels.md), one member of the JSON.
    public let perpetrator: Perpetrator

    /// The families, in the order of the metric definitions (for `schema` and docs).
    public static let families: [(name: String, summary: String, sql: String)] = [
        (Volumes.name, Volumes.summary, Volumes.sql),
        (Repeats.name, Repeats.summary, Repeats.sql),
        (ReferralSources.name, ReferralSources.summary, ReferralSources.sql),
        (ReferralReasons.name, ReferralReasons.summary, ReferralReasons.sql),
        (Actions.name, Actions.summary, Actions.sql),
        (Cohort.name, Cohort.summary, Cohort.sql),
        (Meetings.name, Meetings.summary, Meetings.sql),
        (Demographics.name, Demographics.summary, Demographics.sql),
    ] + Perpetrator.families

    public static func compute(_ store: Store, scope: MetricScope) throws -> MetricsReport {
        // One read transaction: every family sees the same store.
        try store.queue.read { db in try compute(db, scope: scope) }
    }

    static func compute(_ db: Database, scope: MetricScope) throws -> MetricsReport {
        MetricsReport(
            scope: scope,
            volumes: try Volumes.compute(db, scope: scope),
            repeats: try Repeats.compute(db, scope: scope),
            referralSources: try ReferralSources.compute(db, scope: scope),
            referralReasons: try ReferralReasons.compute(db, scope: scope),
            actions: try Actions.compute(db, scope: scope),
            cohort: try Cohort.compute(db, scope: scope),
            meetings: try Meetings.computeWithV2(db, scope: scope),
            demographics: try Demographics.compute(db, scope: scope),
            perpetrator: try Perpetrator.compute(db, scope: scope))
    }

    /// Several scopes (a trend, a breakdown by quarter or area), in order, all from
    /// the same state of the store (`ConcurrentScopes.compute`).
    public static func compute(_ store: Store, scopes: [MetricScope], workers: Int? = nil) throws -> [MetricsReport] {
        try ConcurrentScopes.compute(store, count: scopes.count, workers: workers) { db, i in
            try compute(db, scope: scopes[i])
        }
    }

    public var settingsJSON: JSONValue {
        let s = scope.settings
        return .object([
            ("repeat_window_months", .int(s.repeatWindowMonths)),
            ("agenda_days_before", .int(s.agendaDaysBefore)),
            ("minutes_days_after", .int(s.minutesDaysAfter)),
            ("late_referral_days", .int(s.lateReferralDays)),
            ("exit_review_months", .int(s.exitReviewMonths)),
            ("suppression_threshold", .int(s.suppressionThreshold)),
            ("repeat_rate_target_low", .double(s.repeatRateTargetLow)),
            ("repeat_rate_target_high", .double(s.repeatRateTargetHigh)),
            ("cases_per_10k_target", .double(s.casesPer10kTarget)),
            ("person", .string(s.personColumn(panel: scope.panel))),
        ])
    }

    /// The document metrics.md describes: the scope, the settings, one member per family.
    public var json: JSONValue {
        .object([
            ("panel", .string(scope.panel)), ("area", .string(scope.area)),
            ("period", .string(scope.period.label)),
            ("from", .string(scope.period.from.iso)), ("to", .string(scope.period.to.iso)),
            ("as_of", .string(scope.asOf.iso)), ("settings", settingsJSON),
            ("volumes", volumes.json), ("repeats", repeats.json),
            ("referral_sources", referralSources.json), ("referral_reasons", referralReasons.json),
            ("actions", actions.json), ("cohort", cohort.json), ("meetings", meetings.json),
            ("demographics", demographics.json), ("perpetrator", perpetrator.json),
        ])
    }
}

/// The figures of a period that a trend shows (the dashboard's trailing quarters:
/// cases, repeats, actions on time), computed by the same families, without the
/// families a trend does not show.
public struct TrendFigures: Sendable {
    public let scope: MetricScope
    public let volumes: Volumes.Result
    public let repeats: Repeats.Result
    public let actions: Actions.Result

    static func compute(_ db: Database, scope: MetricScope) throws -> TrendFigures {
        TrendFigures(scope: scope, volumes: try Volumes.compute(db, scope: scope),
                     repeats: try Repeats.compute(db, scope: scope), actions: try Actions.compute(db, scope: scope))
    }

    init(scope: MetricScope, volumes: Volumes.Result, repeats: Repeats.Result, actions: Actions.Result) {
        self.scope = scope
        self.volumes = volumes
        self.repeats = repeats
        self.actions = actions
    }

    public init(_ report: MetricsReport) {
        self.init(scope: report.scope, volumes: report.volumes, repeats: report.repeats, actions: report.actions)
    }
}

/// Figures for several scopes, shared out over connections.
///
/// Each scope's figures are independent reads, so they are shared out over one
/// read-only connection per processor, each connection computing its share in one
/// read transaction. Should an import commit between those transactions begin
/// (the import log's newest entry differs), the figures are computed again, one
/// after the other in a single transaction, so that no output mixes two states of
/// the store.
enum ConcurrentScopes {
    static func compute<T: Sendable>(
        _ store: Store, count: Int, workers: Int? = nil, _ body: @Sendable (Database, Int) throws -> T
    ) throws -> [T] {
        let workers = min(workers ?? ProcessInfo.processInfo.activeProcessorCount, count)
        func inOneTransaction() throws -> [T] {
            try store.queue.read { db in try (0..<count).map { try body(db, $0) } }
        }
        guard workers > 1 else { return try inOneTransaction() }

        let shares = Mutex([Share<T>](repeating: Share(), count: workers))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var share = Share<T>()
            do {
                let connection = worker == 0 ? store : try Store.openReadOnly(at: store.path)
                try connection.queue.read { db in
                    share.storeState = try Int64.fetchOne(db, sql: "SELECT coalesce(max(import_id), 0) FROM imports")
                    for index in stride(from: worker, to: count, by: workers) {
                        share.results.append((index, try body(db, index)))
                    }
                }
            } catch {
                share.failed = true
            }
            shares.withLock { $0[worker] = share }
        }
        let done = shares.withLock { $0 }
        // A failure on any connection (a store that cannot be reopened, say) is
        // not reported from here: the one-transaction path reports its own.
        guard !done.contains(where: { $0.failed }), Set(done.map { $0.storeState }).count == 1 else {
            return try inOneTransaction()
        }
        var results = [T?](repeating: nil, count: count)
        for share in done { for (index, value) in share.results { results[index] = value } }
        return results.map { $0! }
    }
}

/// What one connection computed, and the store's state it saw.
private struct Share<T: Sendable>: Sendable {
    var results: [(index: Int, value: T)] = []
    var storeState: Int64?
    var failed = false
}
