import Foundation
import GRDB
import Synchronization

/// Every family for one scope: what `panelboard metrics` prints and what board
/// outputs are built from.
public struct MetricsReport: Sendable {
    public let scope: MetricScope
    /// Each registered family's figures, in the order of `registry`.
    public let members: [ReportMember]
    /// The day a purge archived these figures, when they were read from the
    /// archive (`FiguresArchive`): a figure not in the archive cannot be shown.
    public internal(set) var archivedOn: String? = nil

    /// Every family of the report, in the order of the metric definitions: the
    /// order of the JSON members, the text sections, the CSV rows and the saved
    /// queries. A new family registers here, and every output shows it.
    static let registry: [any ReportedFamily.Type] = [
        Volumes.self, Repeats.self, ReferralSources.self, ReferralReasons.self, Actions.self, Cohort.self,
        Meetings.self, Demographics.self, Perpetrator.self, Triage.self, CaseProfile.self, ReferralQuality.self,
    ]

    /// The registered families' descriptions, in order.
    public static var descriptions: [FamilyDescription] { registry.map { $0.family } }

    /// The families' saved queries, in the order of the metric definitions (for
    /// `schema` and docs).
    public static var families: [(name: String, summary: String, sql: String)] {
        descriptions.flatMap(\.queries)
    }

    /// The figures of a registered family.
    public subscript<F: ReportedFamily>(_ family: F.Type) -> F.Figures {
        let member = F.family.member
        guard let found = members.first(where: { $0.family.member == member })?.figures as? F.Figures else {
            preconditionFailure("family \(member) is not registered in MetricsReport.registry")
        }
        return found
    }

    public var volumes: Volumes.Result { self[Volumes.self] }
    public var repeats: Repeats.Result { self[Repeats.self] }
    public var referralSources: ReferralSources.Result { self[ReferralSources.self] }
    public var referralReasons: ReferralReasons.Result { self[ReferralReasons.self] }
    public var actions: Actions.Result { self[Actions.self] }
    public var cohort: Cohort.Result { self[Cohort.self] }
    public var meetings: Meetings.Result { self[Meetings.self] }
    public var demographics: Demographics.Result { self[Demographics.self] }
    /// The perpetrator-panel families (panels.md), one member of the JSON.
    public var perpetrator: Perpetrator { self[Perpetrator.self] }

    public static func compute(_ store: Store, scope: MetricScope) throws -> MetricsReport {
        // One read transaction: every family sees the same store.
        try store.queue.read { db in try compute(db, scope: scope) }
    }

    static func compute(_ db: Database, scope: MetricScope) throws -> MetricsReport {
        let scope = try scope.resolvingProfile(db)
        var members: [ReportMember] = []
        for family in registry { members.append(try ReportMember.compute(family, db, scope: scope, computed: members)) }
        return MetricsReport(scope: scope, members: members)
    }

    /// The members of the families of `registry` at `indices`, in that order: part
    /// of a report computed on one connection while another computes the rest
    /// (`assembled`). A family that takes another's figures from the report
    /// (referral quality the repeats') finds them only in its own part.
    static func part(_ db: Database, scope: MetricScope, families indices: [Int]) throws -> (scope: MetricScope, members: [(Int, ReportMember)]) {
        let scope = try scope.resolvingProfile(db)
        var members: [ReportMember] = []
        for i in indices { members.append(try ReportMember.compute(registry[i], db, scope: scope, computed: members)) }
        return (scope, Array(zip(indices, members)))
    }

    /// The report put together from parts that hold every registered family once.
    static func assembled(_ parts: [(scope: MetricScope, members: [(Int, ReportMember)])]) -> MetricsReport {
        let members = parts.flatMap(\.members).sorted { $0.0 < $1.0 }
        precondition(members.map(\.0) == Array(registry.indices), "every family once")
        return MetricsReport(scope: parts[0].scope, members: members.map(\.1))
    }

    /// Several scopes (a trend, a breakdown by quarter or area), in order, all from
    /// the same state of the store (`ConcurrentScopes.compute`).
    public static func compute(_ store: Store, scopes: [MetricScope], workers: Int? = nil) throws -> [MetricsReport] {
        try ConcurrentScopes.compute(store, count: scopes.count, workers: workers) { db, i in
            try compute(db, scope: scopes[i])
        }
    }

    public var settingsJSON: JSONValue { scope.settingsJSON }

    /// The document metrics.md describes: the scope, the settings, one member per family.
    public var json: JSONValue {
        .object([
            ("panel", .string(scope.panel)), ("area", .string(scope.area)),
            ("period", .string(scope.period.label)),
            ("from", .string(scope.period.from.iso)), ("to", .string(scope.period.to.iso)),
            ("as_of", .string(scope.asOf.iso)), ("settings", settingsJSON),
            ("settings_sources", scope.settingsSourcesJSON),
        ] + members.map { ($0.family.member, $0.json) })
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
        // Each connection takes the next scope as it finishes one: scopes cost
        // very different times (a full report against one trend quarter's
        // repeats), and shared out in turn one connection sat idle while the
        // other worked through the dear ones.
        let next = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var share = Share<T>()
            do {
                let connection = worker == 0 ? store : try Store.openReadOnly(at: store.path)
                try connection.queue.read { db in
                    share.storeState = try Int64.fetchOne(db, sql: "SELECT coalesce(max(import_id), 0) FROM imports")
                    while true {
                        let index = next.withLock { n in
                            defer { n += 1 }
                            return n
                        }
                        guard index < count else { break }
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
