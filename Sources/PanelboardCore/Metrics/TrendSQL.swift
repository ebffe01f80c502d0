import GRDB

/// The trend's volumes, actions and cohort flow for several periods of one panel
/// and area, one query each, grouped by period (`TrendFigures.compute(_:scopes:)`).
///
/// Each figure is its family's own definition with the period as a row of
/// `periods` rather than the scope's :from and :to: the family's rows over the
/// periods' whole span, counted period by period. Actions and referrals are
/// counted as one index range per agency (or area) and period, cases discussed as
/// one range per period: no row is read twice and none is sorted, as the families
/// themselves count. The cohort (a panel's whole cohort is in every period's
/// flow) is copied once and counted per period. A period's "overdue" is as of its
/// own day (`p_as_of`).
enum TrendSQL {
    /// The periods, from the :periods parameter (a JSON array of
    /// `[from, to, as_of, days]`), numbered from 0 in order.
    static let periods = """
        periods(i, p_from, p_to, p_as_of, p_days) AS MATERIALIZED (
            SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
                   json_extract(value, '$[3]')
            FROM json_each(:periods)
        )
        """

    /// `Actions`' totals by period: agreed, due and completed on time of the
    /// family's `scopedActions` (read over the periods' span), and overdue as of
    /// each period's day.
    static let actions = """
        WITH RECURSIVE \(Actions.scopedActions),
        \(periods),
        -- Each agency's range of each period, read once: agreed counted, and the
        -- due actions' two outcomes in the same pass (as a JSON array, as the
        -- family counts its six).
        per_period AS MATERIALIZED (
            SELECT p.i,
                   (SELECT sum((SELECT count(*) FROM agreed x
                                WHERE x.agency = g.agency AND x.agreed_date BETWEEN p.p_from AND p.p_to))
                    FROM agencies g WHERE g.agency IS NOT NULL) AS agreed,
                   (SELECT json_group_array((
                               SELECT json_array(count(*), count(*) FILTER (WHERE x.completed_date <= x.due_date))
                               FROM due x WHERE x.agency = g.agency AND x.due_date BETWEEN p.p_from AND p.p_to))
                    FROM agencies g WHERE g.agency IS NOT NULL) AS due_outcomes
            FROM periods p
        ),
        -- Overdue is every open action due before the day. The periods' days cut
        -- the open actions into spans, each agency's span counted once on the
        -- open actions' own index; a day's count is the spans before it added up
        -- (a count per day read the older open actions once per period).
        days AS (
            SELECT p_as_of AS as_of, lag(p_as_of) OVER (ORDER BY p_as_of) AS after
            FROM (SELECT DISTINCT p_as_of FROM periods)
        ),
        overdue AS (
            SELECT as_of, sum(n) OVER (ORDER BY as_of) AS overdue_as_of FROM (
                SELECT d.as_of,
                       (SELECT coalesce(sum((SELECT count(*) FROM open x
                                             WHERE x.agency = g.agency AND x.due_date < d.as_of
                                               AND x.due_date >= coalesce(d.after, ''))), 0)
                        FROM agencies g WHERE g.agency IS NOT NULL) AS n
                FROM days d
            )
        )
        SELECT p.i, coalesce(c.agreed, 0) AS agreed,
               (SELECT coalesce(sum(json_extract(value, '$[0]')), 0) FROM json_each(c.due_outcomes)) AS due,
               (SELECT coalesce(sum(json_extract(value, '$[1]')), 0) FROM json_each(c.due_outcomes)) AS completed_on_time,
               o.overdue_as_of
        FROM periods p JOIN per_period c ON c.i = p.i JOIN overdue o ON o.as_of = p.p_as_of
        ORDER BY p.i
        """

    /// `Volumes`' referrals received, cases discussed, meetings held and cases
    /// per 10,000 adult women, by period: the family's cases discussed read over
    /// the periods' span, its areas in scope and population once.
    static let volumes = """
        WITH RECURSIVE \(MetricSQL.discussed(columns: "r.area, r.meeting_date", notMaterialized: true)),
        \(Volumes.areasInScope),
        \(periods),
        counts AS (
            SELECT p.i, p.p_days,
                   \(Volumes.received(from: "p.p_from", to: "p.p_to")) AS referrals_received,
                   (SELECT count(*) FROM discussed d WHERE d.meeting_date BETWEEN p.p_from AND p.p_to) AS cases_discussed,
                   (SELECT meetings_held FROM (\(Volumes.meetingsHeld(
                       from: "p.p_from", to: "p.p_to",
                       discussed: "(SELECT * FROM discussed d WHERE d.meeting_date BETWEEN p.p_from AND p.p_to)")))) AS meetings_held,
                   \(Volumes.population) AS population
            FROM periods p
        )
        SELECT i, referrals_received, cases_discussed, meetings_held,
               \(Volumes.per10k(days: "p_days")) AS cases_per_10k_adult_females_annualised
        FROM counts
        ORDER BY i
        """

    /// `Cohort`'s flow by period: at the start, adopted, exited and at the end,
    /// over the family's `scoped_cohort` (copied once, where a scope per period
    /// copied the panel's whole cohort once per period).
    static let cohort = """
        WITH \(Cohort.scopedCohort),
        \(periods)
        SELECT p.i,
               \(Cohort.flow(from: "p.p_from", to: "p.p_to",
                             exits: "scoped_cohort WHERE exit_date BETWEEN p.p_from AND p.p_to"))
        FROM periods p
        ORDER BY p.i
        """

    /// Each scope's volumes, in order. The scopes are periods of one panel and
    /// area under one set of settings.
    static func volumes(_ db: Database, scopes: [MetricScope]) throws -> [TrendFigures.Cases] {
        try grouped(db, scopes, sql: volumes, timedAs: "trend volumes", empty: TrendFigures.Cases()) { out, row in
            out.referralsReceived = row["referrals_received"]
            out.casesDiscussed = row["cases_discussed"]
            out.meetingsHeld = row["meetings_held"]
            out.casesPer10kAdultFemalesAnnualised = row["cases_per_10k_adult_females_annualised"]
        }
    }

    /// Each scope's actions, in order, overdue as of the scope's own day.
    static func actions(_ db: Database, scopes: [MetricScope]) throws -> [TrendFigures.ActionCounts] {
        try grouped(db, scopes, sql: actions, timedAs: "trend actions", empty: TrendFigures.ActionCounts()) { out, row in
            out.agreed = row["agreed"]
            out.due = row["due"]
            out.completedOnTime = row["completed_on_time"]
            out.overdueAsOf = row["overdue_as_of"]
        }
    }

    /// Each scope's cohort flow, in order.
    static func cohort(_ db: Database, scopes: [MetricScope]) throws -> [TrendFigures.Flow] {
        try grouped(db, scopes, sql: cohort, timedAs: "trend cohort", empty: TrendFigures.Flow()) { out, row in
            out.atStart = row["at_start"]
            out.adopted = row["adopted"]
            out.exited = row["exited"]
            out.atEnd = row["at_end"]
        }
    }

    /// One value per scope, in order: `empty` for a period the query returns no
    /// row for, else filled from the period's row (numbered by `i`).
    private static func grouped<T>(_ db: Database, _ scopes: [MetricScope], sql: String, timedAs label: String,
                                   empty: T, _ fill: (inout T, Row) -> Void) throws -> [T] {
        let (span, periods) = try spanAndPeriods(db, scopes)
        var out = Array(repeating: empty, count: scopes.count)
        for row in try rows(db, sql: sql, span: span, periods: periods, timedAs: label) {
            let i: Int = row["i"]
            fill(&out[i], row)
        }
        return out
    }

    /// The scope whose :from and :to span every period, and the periods as the
    /// :periods parameter.
    static func spanAndPeriods(_ db: Database, _ scopes: [MetricScope]) throws -> (span: MetricScope, periods: String) {
        let scopes = try scopes.map { try $0.resolvingProfile(db) }
        guard let first = scopes.first else { preconditionFailure("at least one period") }
        precondition(scopes.allSatisfy { $0.panel == first.panel && $0.area == first.area && $0.settings == first.settings },
                     "the periods of one panel, area and settings")
        var span = first
        span.period = try Period(from: scopes.map(\.period.from).min()!, to: scopes.map(\.period.to).max()!)
        let periods = "[" + scopes.map { s in
            "[\"\(s.period.from.iso)\",\"\(s.period.to.iso)\",\"\(s.asOf.iso)\",\(s.period.days)]"
        }.joined(separator: ",") + "]"
        return (span, periods)
    }

    /// The rows of `sql` with the span's parameters it names (:panel, :area, and
    /// :from and :to the periods' span), and the periods.
    static func rows(_ db: Database, sql: String, span: MetricScope, periods: String, timedAs label: String) throws -> [Row] {
        let statement = try db.cachedStatement(sql: sql)
        let wanted = Set(statement.sqliteArgumentNames)
        var arguments = span.parameters.filter { wanted.contains($0.key) }
        arguments["periods"] = periods
        return try QueryTimes.measure(label) { try Row.fetchAll(statement, arguments: StatementArguments(arguments)) }
    }
}
