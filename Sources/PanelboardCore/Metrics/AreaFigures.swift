import GRDB

/// The figures of a MARAC board's table by area (issue 16): each area's referrals
/// received, cases discussed, repeat cases and rate, and its actions' on-time rate
/// and overdue count.
///
/// Counted for every area at once, one query per family grouped by area, not one
/// scope per area: a national store's 153 areas each read the whole panel's
/// actions agency by agency (the actions indexes lead with panel and agency, not
/// area), so a scope per area read the quarter's actions 153 times. Each figure is
/// the family's own definition grouped: cases and repeats are `Repeats.figuresSQL(byArea:)`,
/// actions are `Actions.scopedActions`, referrals are `MetricSQL.received` (as
/// volumes counts them). An area with nothing in the period has zeros and no
/// rates, as its own scope would.
public struct AreaFigures: Sendable, Equatable {
    public let area: String
    public var referralsReceived = 0
    public var casesDiscussed = 0
    public var repeatCases = 0
    public var repeatRate: Double?
    public var actionsDue = 0
    public var actionsCompletedOnTime = 0
    public var overdueAsOf = 0
    /// The day a purge archived the area's figures, when read from the archive.
    public internal(set) var archivedOn: String?

    /// As `Actions.Counts.onTimeRate`: completed on time over due.
    public var onTimeRate: Double? { actionsDue == 0 ? nil : Double(actionsCompletedOnTime) / Double(actionsDue) }

    public init(area: String) { self.area = area }

    /// The same figures from the area's own scope (an archived quarter's, or a
    /// test's check of the grouped queries).
    public init(area: String, _ t: TrendFigures) {
        self.area = area
        referralsReceived = t.volumes.referralsReceived
        casesDiscussed = t.volumes.casesDiscussed
        repeatCases = t.repeats.repeatCases
        repeatRate = t.repeats.repeatRate
        actionsDue = t.actions.due
        actionsCompletedOnTime = t.actions.completedOnTime
        overdueAsOf = t.actions.overdueAsOf
        archivedOn = t.archivedOn
    }

    static let receivedSQL = """
        WITH RECURSIVE \(MetricSQL.received)
        SELECT area, count(*) AS referrals_received FROM received_referrals GROUP BY area
        """

    /// Each agency's range of due and open actions, as the family reads them, the
    /// rows then grouped by area (a sort of the quarter's due actions, not a read
    /// of them per area).
    static let actionsSQL = """
        WITH RECURSIVE \(Actions.scopedActions),
        due_by_area AS (
            SELECT x.area, count(*) AS due, count(*) FILTER (WHERE x.completed_date <= x.due_date) AS completed_on_time
            FROM agencies g JOIN due x ON x.agency = g.agency
            WHERE g.agency IS NOT NULL
            GROUP BY x.area
        ),
        -- Each agency's open actions overdue, counted by area as one correlated
        -- subquery on the open actions' own index (joined, SQLite reads the due
        -- index instead: every action of the panel's history due before the day),
        -- then added up over agencies.
        overdue_by_area AS (
            SELECT j.key AS area, sum(j.value) AS overdue_as_of
            FROM agencies g, json_each((
                SELECT json_group_object(area, n) FROM (
                    SELECT x.area, count(*) AS n FROM open x
                    WHERE x.agency = g.agency AND x.due_date < :as_of
                    GROUP BY x.area
                )
            )) j
            WHERE g.agency IS NOT NULL
            GROUP BY j.key
        )
        SELECT area, due, completed_on_time, 0 AS overdue_as_of FROM due_by_area
        UNION ALL
        SELECT area, 0, 0, overdue_as_of FROM overdue_by_area
        """

    /// The figures of each of `areas` in the scope's panel and period (the scope's
    /// own area is nil: the panel as a whole), in the order given.
    static func compute(_ db: Database, scope: MetricScope, areas: [String]) throws -> [AreaFigures] {
        precondition(scope.area == nil, "areas are counted within the whole panel")
        let scope = try scope.resolvingProfile(db)
        var byArea = Dictionary(uniqueKeysWithValues: areas.map { ($0, AreaFigures(area: $0)) })
        for row in try Volumes.rows(db, sql: receivedSQL, scope: scope, timedAs: "by_area volumes") {
            byArea[row["area"]]?.referralsReceived = row["referrals_received"]
        }
        for row in try Repeats.rows(db, sql: Repeats.figuresSQL(byArea: true), scope: scope, timedAs: "by_area repeats") {
            let area: String = row["area"]
            byArea[area]?.casesDiscussed = row["cases_discussed"]
            byArea[area]?.repeatCases = row["repeat_cases"]
            byArea[area]?.repeatRate = row["repeat_rate"]
        }
        for row in try Actions.rows(db, sql: actionsSQL, scope: scope, timedAs: "by_area actions") {
            let area: String = row["area"]
            byArea[area]?.actionsDue += row["due"]
            byArea[area]?.actionsCompletedOnTime += row["completed_on_time"]
            byArea[area]?.overdueAsOf += row["overdue_as_of"]
        }
        return areas.map { byArea[$0]! }
    }
}
