import GRDB

/// Whether agencies do what they agreed to, on time.
///
/// Scope: actions whose referral belongs to the panel (and area).
/// - `agreed`: agreed_date in the period.
/// - `due`: due_date in the period and not cancelled. Of those due, exactly one of:
///   `completed_on_time` (completed_date <= due_date), `completed_late`
///   (completed_date > due_date), `not_completed` (status not_completed),
///   `open_overdue` (open, due_date before the as-of date), `open_not_yet_due`
///   (open, due on or after the as-of date). The five add up to `due`.
/// - `on_time_rate`: completed_on_time / due (null when nothing was due).
/// - `overdue_as_of`: open actions of any period with due_date before the as-of date
///   (the chase list's length).
/// - `no_due_date`: open actions with no due date (a data-quality finding).
/// - `by_agency`: the same counts per agency, with `median_days_to_complete`, the
///   median of completed_date - agreed_date over the agency's actions completed in
///   the period.
public enum Actions: MetricFamily {
    public static let name = "actions"
    public static let summary = "Actions agreed and due, the five outcomes of those due, on-time rate, overdue and undated, per agency."

    public struct Counts: Sendable, Equatable {
        public var agreed = 0, due = 0, completedOnTime = 0, completedLate = 0, notCompleted = 0
        public var openOverdue = 0, openNotYetDue = 0, overdueAsOf = 0, noDueDate = 0
        public var onTimeRate: Double?
        public var medianDaysToComplete: Double?
    }

    public struct Result: Sendable, Equatable {
        public var total: Counts
        public var byAgency: [(agency: String, counts: Counts)]

        public static func == (a: Result, b: Result) -> Bool {
            a.total == b.total && a.byAgency.map(\.agency) == b.byAgency.map(\.agency)
                && a.byAgency.map(\.counts) == b.byAgency.map(\.counts)
        }
    }

    public static let sql = """
        WITH period_actions AS MATERIALIZED (
            -- The actions that count for the period: agreed, due or completed in
            -- it. Each OR term has an index, so ten years of actions are not
            -- scanned for one quarter; CROSS JOIN keeps actions as the outer loop
            -- (driven from the panel's referrals, the plan would read them all).
            SELECT a.agency, a.agreed_date, a.due_date, a.status, a.completed_date
            FROM actions a CROSS JOIN referrals r ON r.referral_id = a.referral_id
            WHERE (a.agreed_date BETWEEN :from AND :to
                   OR a.due_date BETWEEN :from AND :to
                   OR a.completed_date BETWEEN :from AND :to)
              AND r.panel = :panel
              AND \(MetricSQL.inArea("r.area"))
        ),
        classified AS MATERIALIZED (
            SELECT agency,
                   agreed_date BETWEEN :from AND :to AS agreed,
                   (due_date BETWEEN :from AND :to AND status <> 'cancelled') AS due,
                   status, due_date, completed_date,
                   CASE WHEN status = 'completed' AND completed_date BETWEEN :from AND :to
                        THEN CAST(julianday(completed_date) - julianday(agreed_date) AS INTEGER) END AS days_to_complete
            FROM period_actions
        ),
        -- Overdue and no-due-date are as of a day, whatever the period: every open
        -- action counts, read from two covering indexes.
        open_by_agency AS (
            SELECT a.agency,
                   coalesce(sum(a.due_date < :as_of), 0) AS overdue_as_of,
                   coalesce(sum(a.due_date IS NULL), 0) AS no_due_date
            FROM actions a CROSS JOIN referrals r ON r.referral_id = a.referral_id
            WHERE a.status = 'open'
              AND r.panel = :panel
              AND \(MetricSQL.inArea("r.area"))
            GROUP BY a.agency
        ),
        period_by_agency AS (
            SELECT agency,
                   coalesce(sum(agreed), 0) AS agreed,
                   coalesce(sum(due), 0) AS due,
                   coalesce(sum(due AND completed_date <= due_date), 0) AS completed_on_time,
                   coalesce(sum(due AND completed_date > due_date), 0) AS completed_late,
                   coalesce(sum(due AND status = 'not_completed'), 0) AS not_completed,
                   coalesce(sum(due AND status = 'open' AND due_date < :as_of), 0) AS open_overdue,
                   coalesce(sum(due AND status = 'open' AND due_date >= :as_of), 0) AS open_not_yet_due
            FROM classified GROUP BY agency
        ),
        per_agency AS (
            SELECT agency, sum(agreed) AS agreed, sum(due) AS due,
                   sum(completed_on_time) AS completed_on_time, sum(completed_late) AS completed_late,
                   sum(not_completed) AS not_completed, sum(open_overdue) AS open_overdue,
                   sum(open_not_yet_due) AS open_not_yet_due,
                   sum(overdue_as_of) AS overdue_as_of, sum(no_due_date) AS no_due_date
            FROM (
                SELECT agency, agreed, due, completed_on_time, completed_late, not_completed,
                       open_overdue, open_not_yet_due, 0 AS overdue_as_of, 0 AS no_due_date
                FROM period_by_agency
                UNION ALL
                SELECT agency, 0, 0, 0, 0, 0, 0, 0, overdue_as_of, no_due_date FROM open_by_agency
            )
            GROUP BY agency
        ),
        -- Medians by position: the middle value, or the mean of the middle two.
        ranked AS (
            SELECT agency, days_to_complete AS days,
                   row_number() OVER (PARTITION BY agency ORDER BY days_to_complete) AS position,
                   count(*) OVER (PARTITION BY agency) AS n
            FROM classified WHERE days_to_complete IS NOT NULL
        ),
        ranked_all AS (
            SELECT days_to_complete AS days,
                   row_number() OVER (ORDER BY days_to_complete) AS position,
                   count(*) OVER () AS n
            FROM classified WHERE days_to_complete IS NOT NULL
        ),
        medians AS (
            SELECT agency, avg(days) AS median FROM ranked
            WHERE position IN ((n + 1) / 2, (n + 2) / 2) GROUP BY agency
        )
        SELECT 0 AS is_agency, NULL AS agency,
               coalesce(sum(agreed), 0) AS agreed, coalesce(sum(due), 0) AS due,
               coalesce(sum(completed_on_time), 0) AS completed_on_time,
               coalesce(sum(completed_late), 0) AS completed_late,
               coalesce(sum(not_completed), 0) AS not_completed,
               coalesce(sum(open_overdue), 0) AS open_overdue,
               coalesce(sum(open_not_yet_due), 0) AS open_not_yet_due,
               coalesce(sum(overdue_as_of), 0) AS overdue_as_of,
               coalesce(sum(no_due_date), 0) AS no_due_date,
               (SELECT avg(days) FROM ranked_all WHERE position IN ((n + 1) / 2, (n + 2) / 2)) AS median_days_to_complete
        FROM per_agency
        UNION ALL
        SELECT 1, p.agency, p.agreed, p.due, p.completed_on_time, p.completed_late, p.not_completed,
               p.open_overdue, p.open_not_yet_due, p.overdue_as_of, p.no_due_date, m.median
        FROM per_agency p LEFT JOIN medians m ON m.agency = p.agency
        ORDER BY is_agency, agency
        """

    public static func result(from rows: [Row], scope: MetricScope) throws -> Result {
        func counts(_ row: Row) -> Counts {
            var c = Counts()
            c.agreed = row["agreed"]; c.due = row["due"]
            c.completedOnTime = row["completed_on_time"]; c.completedLate = row["completed_late"]
            c.notCompleted = row["not_completed"]; c.openOverdue = row["open_overdue"]
            c.openNotYetDue = row["open_not_yet_due"]; c.overdueAsOf = row["overdue_as_of"]
            c.noDueDate = row["no_due_date"]
            c.onTimeRate = c.due == 0 ? nil : Double(c.completedOnTime) / Double(c.due)
            c.medianDaysToComplete = row["median_days_to_complete"]
            return c
        }
        return Result(
            total: counts(rows[0]),
            byAgency: rows.dropFirst().map { (agency: $0["agency"], counts: counts($0)) })
    }
}

extension Actions.Counts {
    func json(includeMedian: Bool) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [
            ("agreed", .int(agreed)), ("due", .int(due)), ("completed_on_time", .int(completedOnTime)),
            ("completed_late", .int(completedLate)), ("not_completed", .int(notCompleted)),
            ("open_overdue", .int(openOverdue)), ("open_not_yet_due", .int(openNotYetDue)),
            ("on_time_rate", .number(onTimeRate)), ("overdue_as_of", .int(overdueAsOf)),
            ("no_due_date", .int(noDueDate)),
        ]
        if includeMedian { members.append(("median_days_to_complete", .number(medianDaysToComplete))) }
        return members
    }
}

extension Actions.Result {
    public var json: JSONValue {
        .object(total.json(includeMedian: true) + [
            ("by_agency", .object(byAgency.map { ($0.agency, .object($0.counts.json(includeMedian: true))) })),
        ])
    }
}
