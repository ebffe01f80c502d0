import GRDB

/// `actions_by_type`: which kinds of action (enforcement, disruption, engagement,
/// ...) the panel's agencies agree, and whether they do them on time.
///
/// Over actions whose referral belongs to the panel (and area), per action_type
/// (every type listed, and `not_recorded` for actions with none), as in the
/// actions family: `agreed` (agreed_date in the period), `due` (due_date in the
/// period, not cancelled), `completed_on_time` (of those due, completed_date on or
/// before due_date) and `on_time_rate` = completed_on_time / due (null when none
/// was due). Actions are the agencies' work, not people: shown exactly.
public enum ActionsByType: MetricFamily {
    public static let name = "actions_by_type"
    public static let summary = "Actions agreed and due in the period per action type, completed on time and the on-time rate."

    public static let types = Vocabulary.actionType.values + ["not_recorded"]

    public struct Counts: Sendable, Equatable {
        public var agreed = 0, due = 0, completedOnTime = 0

        public init(agreed: Int = 0, due: Int = 0, completedOnTime: Int = 0) {
            self.agreed = agreed; self.due = due; self.completedOnTime = completedOnTime
        }

        public var onTimeRate: Double? { due == 0 ? nil : Double(completedOnTime) / Double(due) }
    }

    public typealias Result = [String: Counts]

    public static let sql = """
        -- Agency by agency, as the actions family counts: every index on actions
        -- leads with (panel, agency), so each agency's quarter is one range of the
        -- (panel, agency, date) index and only that quarter's rows are read for
        -- their type. (Over the panel's whole range instead, a national store's ten
        -- years of actions were read for one quarter: 4 s and 1.3 GB.)
        WITH RECURSIVE agencies(agency) AS (
            SELECT min(agency) FROM actions WHERE panel = :panel
            UNION ALL
            SELECT (SELECT min(a.agency) FROM actions a WHERE a.panel = :panel AND a.agency > g.agency)
            FROM agencies g WHERE g.agency IS NOT NULL
        ),
        -- Each range is grouped by type on its own, and only the few (type,
        -- count) rows are put together: grouping the two ranges' rows after a
        -- UNION ALL sorted every one of them again (a national MARAC quarter's
        -- 285,000, 0.3 s; grouped apart, half that).
        agreed AS MATERIALIZED (
            SELECT a.action_type, count(*) AS n
            FROM agencies g CROSS JOIN actions a
            WHERE g.agency IS NOT NULL AND a.panel = :panel AND a.agency = g.agency
              AND a.agreed_date BETWEEN :from AND :to
              AND \(MetricSQL.inArea("a.area"))
            GROUP BY a.action_type
        ),
        due AS MATERIALIZED (
            SELECT a.action_type, count(*) AS n, sum(coalesce(a.completed_date <= a.due_date, 0)) AS on_time
            FROM agencies g CROSS JOIN actions a
            WHERE g.agency IS NOT NULL AND a.panel = :panel AND a.agency = g.agency
              AND a.due_date BETWEEN :from AND :to AND a.status <> 'cancelled'
              AND \(MetricSQL.inArea("a.area"))
            GROUP BY a.action_type
        )
        SELECT coalesce(action_type, 'not_recorded') AS action_type,
               sum(agreed) AS agreed, sum(due) AS due, sum(on_time) AS completed_on_time
        FROM (SELECT action_type, n AS agreed, 0 AS due, 0 AS on_time FROM agreed
              UNION ALL
              SELECT action_type, 0, n, on_time FROM due)
        GROUP BY 1 ORDER BY 1
        """

    public static func result(from rows: [Row], scope: MetricScope) throws -> Result {
        var result = Dictionary(uniqueKeysWithValues: types.map { ($0, Counts()) })
        for row in rows {
            result[row["action_type"]] = Counts(agreed: row["agreed"], due: row["due"], completedOnTime: row["completed_on_time"])
        }
        return result
    }
}

extension ActionsByType.Result {
    var json: JSONValue {
        .object(ActionsByType.types.map { type in
            let c = self[type] ?? .init()
            return (type, .object([("agreed", .int(c.agreed)), ("due", .int(c.due)),
                                   ("completed_on_time", .int(c.completedOnTime)), ("on_time_rate", .number(c.onTimeRate))]))
        })
    }
}
