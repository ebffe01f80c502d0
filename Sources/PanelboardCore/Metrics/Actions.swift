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

    /// The actions each figure counts (the panel's agencies, and its actions
    /// agreed, due and open in scope), for `WITH RECURSIVE`: the family's own
    /// rows, which the board's table by area groups by area (`AreaFigures`).
    static let scopedActions = """
        agencies(agency) AS (
            -- The panel's agencies, one index seek each.
            SELECT min(agency) FROM actions WHERE panel = :panel
            UNION ALL
            SELECT (SELECT min(a.agency) FROM actions a WHERE a.panel = :panel AND a.agency > g.agency)
            FROM agencies g WHERE g.agency IS NOT NULL
        ),
        agreed AS NOT MATERIALIZED (
            SELECT agency, agreed_date FROM actions
            WHERE panel = :panel AND agreed_date BETWEEN :from AND :to
              AND \(MetricSQL.inArea("area"))
        ),
        due AS NOT MATERIALIZED (
            SELECT agency, area, status, due_date, completed_date FROM actions
            WHERE panel = :panel AND due_date BETWEEN :from AND :to AND status <> 'cancelled'
              AND \(MetricSQL.inArea("area"))
        ),
        -- Overdue and no-due-date are as of a day, whatever the period: every open
        -- action counts.
        open AS NOT MATERIALIZED (
            SELECT agency, area, due_date FROM actions
            WHERE panel = :panel AND status = 'open'
              AND \(MetricSQL.inArea("area"))
        )
        """

    public static let sql = """
        -- Each action carries its referral's panel and area, and every index on
        -- actions leads with (panel, agency): each figure below is counted agency
        -- by agency, as one range of one index that holds every column it reads.
        -- (Counting a quarter's actions and grouping them by agency afterwards
        -- costs a sort of every row; counting each agency's own range does not.)
        WITH RECURSIVE \(scopedActions),
        -- Actions completed in the period, as how many took each number of days
        -- (days_to_complete, a column the store computes): medians are read off
        -- these counts. Each agency's numbers of days are found one index seek
        -- each, and each count is one range of the same index, so no quarter's
        -- completions are sorted.
        day_values(agency, days) AS (
            SELECT g.agency,
                   (SELECT min(a.days_to_complete) FROM actions a
                    WHERE a.panel = :panel AND a.status = 'completed' AND a.agency = g.agency)
            FROM agencies g WHERE g.agency IS NOT NULL
            UNION ALL
            SELECT d.agency,
                   (SELECT min(a.days_to_complete) FROM actions a
                    WHERE a.panel = :panel AND a.status = 'completed' AND a.agency = d.agency
                      AND a.days_to_complete > d.days)
            FROM day_values d WHERE d.days IS NOT NULL
        ),
        completed AS MATERIALIZED (
            SELECT agency, days, k FROM (
                SELECT d.agency, d.days,
                       (SELECT count(*) FROM actions a
                        WHERE a.panel = :panel AND a.status = 'completed' AND a.agency = d.agency
                          AND a.days_to_complete = d.days AND a.completed_date BETWEEN :from AND :to
                          AND \(MetricSQL.inArea("a.area"))) AS k
                FROM day_values d WHERE d.days IS NOT NULL
            )
            WHERE k > 0
        ),
        -- Each agency's due actions are read once, every outcome counted in the
        -- same pass (as a JSON array: a subquery gives one value), where a count
        -- per outcome read the range six times. MATERIALIZED, so that the array
        -- is built once per agency, not once per figure taken from it.
        per_agency AS MATERIALIZED (
            SELECT g.agency,
                   (SELECT count(*) FROM agreed x WHERE x.agency = g.agency) AS agreed,
                   (SELECT json_array(
                               count(*),
                               count(*) FILTER (WHERE x.completed_date <= x.due_date),
                               count(*) FILTER (WHERE x.completed_date > x.due_date),
                               count(*) FILTER (WHERE x.status = 'not_completed'),
                               count(*) FILTER (WHERE x.status = 'open' AND x.due_date < :as_of),
                               count(*) FILTER (WHERE x.status = 'open' AND x.due_date >= :as_of))
                    FROM due x WHERE x.agency = g.agency) AS due_outcomes,
                   (SELECT count(*) FROM open x WHERE x.agency = g.agency AND x.due_date < :as_of) AS overdue_as_of,
                   (SELECT count(*) FROM open x WHERE x.agency = g.agency AND x.due_date IS NULL) AS no_due_date,
                   EXISTS (SELECT 1 FROM open x WHERE x.agency = g.agency) AS any_open,
                   EXISTS (SELECT 1 FROM completed x WHERE x.agency = g.agency) AS any_completed
            FROM agencies g WHERE g.agency IS NOT NULL
        ),
        counted AS (
            -- json_extract rather than ->>, which needs SQLite 3.38 (Ubuntu 22.04 has 3.37).
            SELECT agency, agreed, json_extract(due_outcomes, '$[0]') AS due,
                   json_extract(due_outcomes, '$[1]') AS completed_on_time,
                   json_extract(due_outcomes, '$[2]') AS completed_late,
                   json_extract(due_outcomes, '$[3]') AS not_completed,
                   json_extract(due_outcomes, '$[4]') AS open_overdue,
                   json_extract(due_outcomes, '$[5]') AS open_not_yet_due,
                   overdue_as_of, no_due_date, any_open, any_completed
            FROM per_agency
        ),
        -- An agency gets a row when one of its actions counts: agreed, due or
        -- completed in the period, or open.
        shown AS (
            SELECT * FROM counted WHERE agreed > 0 OR due > 0 OR any_completed OR any_open
        ),
        -- Medians by position: the middle value, or the mean of the middle two.
        -- The value at position p is the smallest number of days whose running
        -- count reaches p.
        running AS (
            SELECT agency, days,
                   sum(k) OVER (PARTITION BY agency ORDER BY days) AS upto,
                   sum(k) OVER (PARTITION BY agency) AS n
            FROM completed
        ),
        medians AS (
            SELECT agency, (min(days) FILTER (WHERE upto >= (n + 1) / 2)
                            + min(days) FILTER (WHERE upto >= (n + 2) / 2)) / 2.0 AS median
            FROM running GROUP BY agency
        ),
        running_all AS (
            SELECT days, sum(k) OVER (ORDER BY days) AS upto, sum(k) OVER () AS n
            FROM (SELECT days, sum(k) AS k FROM completed GROUP BY days)
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
               (SELECT (min(days) FILTER (WHERE upto >= (n + 1) / 2)
                        + min(days) FILTER (WHERE upto >= (n + 2) / 2)) / 2.0
                FROM running_all) AS median_days_to_complete
        FROM shown
        UNION ALL
        SELECT 1, p.agency, p.agreed, p.due, p.completed_on_time, p.completed_late, p.not_completed,
               p.open_overdue, p.open_not_yet_due, p.overdue_as_of, p.no_due_date, m.median
        FROM shown p LEFT JOIN medians m ON m.agency = p.agency
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

extension Actions: ReportedFamily {
    public static let family = FamilyDescription(
        member: name, title: { _ in "Actions" }, queries: [FamilyDescription.query(Actions.self)],
        // The agencies' work, not people: shown in full.
        disclosure: { _, _ in .exact },
        glossary: { _ in [
            ("Actions due", "Actions (not cancelled) with a due date in the period. Each is completed on time, completed late, not completed, open and overdue, or open and not yet due."),
            ("On-time rate", "Actions completed on or before their due date, as a share of actions due."),
            ("Overdue actions", "Open actions of any period whose due date has passed on the as-of date."),
        ] },
        onBoard: true)

    public static func figures(_ db: Database, scope: MetricScope) throws -> Result { try compute(db, scope: scope) }
    public static func json(_ figures: Result) -> JSONValue { figures.json }
}
