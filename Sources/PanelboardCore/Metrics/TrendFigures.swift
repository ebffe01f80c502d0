import GRDB

/// The figures of a period that a trend shows (the dashboard's trailing quarters:
/// cases, repeats, actions on time), and that the tiles compare with (the
/// previous period, the year before, the rolling year's quarters): only what
/// those read, each as its family counts it.
public struct TrendFigures: Sendable {
    public let scope: MetricScope
    public let volumes: Cases
    public let repeats: Repeats.Result
    public let actions: ActionCounts
    /// A perpetrator panel's cohort flow over the trend.
    public let cohort: Flow
    /// The day a purge archived these figures, when read from the archive.
    public internal(set) var archivedOn: String? = nil

    /// The volumes a trend or a tile reads (`Volumes`).
    public struct Cases: Sendable, Equatable {
        public var referralsReceived = 0
        public var casesDiscussed = 0
        public var meetingsHeld = 0
        public var casesPer10kAdultFemalesAnnualised: Double?

        init() {}

        init(_ v: Volumes.Result) {
            referralsReceived = v.referralsReceived
            casesDiscussed = v.casesDiscussed
            meetingsHeld = v.meetingsHeld
            casesPer10kAdultFemalesAnnualised = v.casesPer10kAdultFemalesAnnualised
        }
    }

    /// The cohort's flow a trend or a tile reads (`Cohort.Result`).
    public struct Flow: Sendable, Equatable {
        public var atStart = 0
        public var adopted = 0
        public var exited = 0
        public var atEnd = 0

        init(atStart: Int = 0, adopted: Int = 0, exited: Int = 0, atEnd: Int = 0) {
            (self.atStart, self.adopted, self.exited, self.atEnd) = (atStart, adopted, exited, atEnd)
        }

        init(_ c: Cohort.Result) {
            atStart = c.atStart
            adopted = c.adopted
            exited = c.exited
            atEnd = c.atEnd
        }
    }

    /// The actions' totals a trend or a tile reads (`Actions.Counts`).
    public struct ActionCounts: Sendable, Equatable {
        public var agreed = 0
        public var due = 0
        public var completedOnTime = 0
        public var overdueAsOf = 0

        /// As `Actions.Counts.onTimeRate`: completed on time over due.
        public var onTimeRate: Double? { due == 0 ? nil : Double(completedOnTime) / Double(due) }

        init() {}

        init(_ c: Actions.Counts) {
            agreed = c.agreed
            due = c.due
            completedOnTime = c.completedOnTime
            overdueAsOf = c.overdueAsOf
        }
    }

    /// One period's figures from its families run in full: a scope of its own
    /// (a table-by-area check, or a test's reference for `compute(_:scopes:)`).
    static func compute(_ db: Database, scope: MetricScope) throws -> TrendFigures {
        let scope = try scope.resolvingProfile(db)
        return TrendFigures(scope: scope, volumes: Cases(try Volumes.compute(db, scope: scope)),
                            repeats: try Repeats.compute(db, scope: scope), actions: ActionCounts(try Actions.compute(db, scope: scope).total),
                            cohort: Flow(try Cohort.compute(db, scope: scope)))
    }

    /// Several periods of one panel and area at once: volumes, actions and the
    /// cohort's flow in one query each grouped by period (`TrendSQL`), where a
    /// scope per period ran the families in full (their medians, agencies,
    /// outcomes and exits by reason, which the trend does not show) once per
    /// period; repeats period by period.
    static func compute(_ db: Database, scopes: [MetricScope]) throws -> [TrendFigures] {
        let scopes = try scopes.map { try $0.resolvingProfile(db) }
        guard !scopes.isEmpty else { return [] }
        let volumes = try TrendSQL.volumes(db, scopes: scopes), actions = try TrendSQL.actions(db, scopes: scopes)
        let cohort = try TrendSQL.cohort(db, scopes: scopes)
        return try scopes.indices.map { i in
            TrendFigures(scope: scopes[i], volumes: volumes[i], repeats: try Repeats.compute(db, scope: scopes[i]),
                         actions: actions[i], cohort: cohort[i])
        }
    }

    init(scope: MetricScope, volumes: Cases, repeats: Repeats.Result, actions: ActionCounts, cohort: Flow) {
        self.scope = scope
        self.volumes = volumes
        self.repeats = repeats
        self.actions = actions
        self.cohort = cohort
    }

    public init(_ report: MetricsReport) {
        self.init(scope: report.scope, volumes: Cases(report.volumes), repeats: report.repeats,
                  actions: ActionCounts(report.actions.total), cohort: Flow(report.cohort))
    }
}
