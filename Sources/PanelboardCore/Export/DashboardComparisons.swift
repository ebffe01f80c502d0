import GRDB

/// Everything a board output is built from: the period's report, the previous
/// period's figures the tiles compare with, the trend's periods, and for a MARAC the comparisons boards make as
/// the national dataset is published (the same period a year before, the rolling
/// 12 months to the period's end) and the period's figures area by area.
public struct DashboardFigures: Sendable {
    public let current: MetricsReport
    /// What the tiles compare with in the previous period (`ComparedFigures`).
    public let previous: ComparedFigures
    public let trend: [TrendFigures]
    /// The same quarter (or year, or dates) a year before; nil where the layout
    /// makes no comparison with it.
    public let yearAgo: ComparedFigures?
    /// The 12 months to the period's end; nil for a period of 12 months or more
    /// (it would be the period itself) or where the layout makes no comparison.
    public let rolling: ComparedFigures?
    /// One per area of the panel, in name order; empty for a report of one area.
    public let areas: [AreaFigures]
    /// The rolling 12 months' label and the day a quarter in them was archived,
    /// when that left them uncounted (`rolling` is nil then).
    public let rollingArchived: (label: String, archivedOn: String)?

    public init(current: MetricsReport, previous: ComparedFigures, trend: [TrendFigures], yearAgo: ComparedFigures? = nil,
                rolling: ComparedFigures? = nil, areas: [AreaFigures] = [],
                rollingArchived: (label: String, archivedOn: String)? = nil) {
        self.rollingArchived = rollingArchived
        self.current = current
        self.previous = previous
        self.trend = trend
        self.yearAgo = yearAgo
        self.rolling = rolling
        self.areas = areas
    }
}

extension Period {
    /// The period a year before: the same quarter last year, the year before a
    /// year, otherwise the same dates 12 months earlier.
    public var sameLastYear: Period {
        if let quarter = quarterIndex {
            let start = from.addingMonths(-12)
            return try! Period(from: start, to: start.addingMonths(3).adding(days: -1),
                               label: Self.quarterLabel(start, financial: label.hasPrefix("FY"), index: quarter))
        }
        if from == to.addingMonths(-12).adding(days: 1) { return previous }
        return try! Period(from: min(from.addingMonths(-12), to.addingMonths(-12)), to: to.addingMonths(-12))
    }

    /// The 12 months to the period's end (`Period.rolling12Months`), when the
    /// period is shorter than that: else it would be the period itself, or less.
    var rollingComparison: Period? {
        let rolling = Period.rolling12Months(to: to)
        return rolling.from < from ? rolling : nil
    }
}

extension Dashboard {
    /// The areas whose rows make up the panel's figures: those its referrals,
    /// meetings or cohort memberships name, not the groups of areas.csv (a group
    /// holds areas: its row would count their cases twice).
    static func areaNames(_ db: Database, panel: String) throws -> [String] {
        // The referrals' areas one index step each (as `KnownScopes.areasSQL`): a
        // national store has millions of referrals and a few hundred areas.
        try String.fetchAll(db, sql: """
            WITH RECURSIVE names(area) AS (
                SELECT min(area) FROM referrals WHERE panel = :panel
                UNION ALL
                SELECT (SELECT min(r.area) FROM referrals r WHERE r.panel = :panel AND r.area > n.area)
                FROM names n WHERE n.area IS NOT NULL
            )
            SELECT area FROM names WHERE area IS NOT NULL
            UNION SELECT area FROM meetings WHERE panel = :panel AND area IS NOT NULL
            UNION SELECT area FROM cohort WHERE panel = :panel AND area IS NOT NULL
            EXCEPT SELECT area_group FROM areas WHERE area_group IS NOT NULL
            ORDER BY 1
            """, arguments: ["panel": panel])
    }

    /// The comparisons and areas a layout shows: a MARAC's (panels.md, issue 16).
    var comparesAndSplitsByArea: Bool { scope.settings.panelKind(panel: scope.panel) == .marac }
}
