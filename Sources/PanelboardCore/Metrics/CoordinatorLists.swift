import GRDB

/// The chase list: every open action past its due date as of a day, by agency,
/// oldest first, with how many days overdue (as-of minus due date). Its length is
/// `overdue_as_of` in the actions family.
public enum ChaseList {
    public static let sql = """
        SELECT action_id, referral_id, panel, area, agency, agreed_date, due_date,
               CAST(julianday(:as_of) - julianday(due_date) AS INTEGER) AS days_overdue,
               action_type
        FROM actions
        WHERE status = 'open' AND due_date < :as_of
          AND (:panel IS NULL OR panel = :panel)
          AND (:agency IS NULL OR agency = :agency)
          AND \(MetricSQL.inArea("area"))
        ORDER BY agency, due_date, action_id
        """

    public static func fetch(_ store: Store, asOf: Day, panel: String?, agency: String?, area: String?) throws -> ResultTable {
        var table = ResultTable(columns: [], rows: [])
        try each(store, asOf: asOf, panel: panel, agency: agency, area: area,
                 RowVisitor(columns: { table.columns = $0 }, row: { table.rows.append($0) }))
        return table
    }

    /// The same rows, one at a time.
    public static func each(_ store: Store, asOf: Day, panel: String?, agency: String?, area: String?, _ visitor: RowVisitor) throws {
        try store.queue.read { db in
            try visitor.visit(db, sql: sql, arguments: [
                "as_of": asOf.iso, "panel": panel?.uppercased(), "agency": agency.map { Agency.canonical($0) ?? $0 },
                "area": area,
            ])
        }
    }
}

/// Who is on a perpetrator cohort as of a day, and who is due an exit review.
///
/// A member is on the cohort when adopted on or before the as-of date and not exited
/// by then. Their last event is their latest incident (by perpetrator_ref) on or
/// after adoption and on or before the as-of date, or the adoption itself if none:
/// an incident before adoption is history the panel already knew. A member is due
/// an exit review when that last event is 3 months (a setting) or more before the
/// as-of date, that is on or before the as-of date minus 3 calendar months (clamped
/// to the month's end, as for repeats): the panel's rule is that three months with
/// no further harm or offending ends membership. `review_due_on` is the first day
/// on which the review falls due.
public enum CohortList {
    public static let sql = """
        WITH members AS (
            SELECT c.perpetrator_ref, c.panel, c.area, c.adopted_date, c.adoption_source,
                   (SELECT max(i.incident_date) FROM incidents i
                     WHERE i.perpetrator_ref = c.perpetrator_ref
                       AND i.incident_date >= c.adopted_date AND i.incident_date <= :as_of) AS last_incident_date
            FROM cohort c
            WHERE c.panel = :panel AND c.adopted_date <= :as_of
              AND (c.exit_date IS NULL OR c.exit_date > :as_of)
              AND \(MetricSQL.inArea("c.area"))
        ),
        dated AS (
            SELECT *, \(MetricSQL.addingMonths("last_event", ":exit_review_months")) AS candidate
            FROM (SELECT *, coalesce(last_incident_date, adopted_date) AS last_event FROM members)
        ),
        -- Due when the last event is on or before the as-of date minus 3 months.
        -- review_due_on is the first as-of date for which that holds: the last event
        -- plus 3 months, or the day after when that was clamped to a month's end
        -- (last event 30 Nov: 28 Feb - 3 months is 28 Nov, still too soon; 1 Mar).
        reviewed AS (
            SELECT *, CASE WHEN \(MetricSQL.addingMonths("candidate", "-:exit_review_months")) < last_event
                           THEN date(candidate, '+1 day') ELSE candidate END AS review_due_on
            FROM dated
        )
        SELECT perpetrator_ref, panel, area, adopted_date, adoption_source,
               CAST(julianday(:as_of) - julianday(adopted_date) AS INTEGER) AS days_on_cohort,
               last_incident_date, review_due_on,
               CASE WHEN review_due_on <= :as_of THEN 1 ELSE 0 END AS exit_review_due
        FROM reviewed
        WHERE :exit_review_only = 0 OR review_due_on <= :as_of
        ORDER BY review_due_on, perpetrator_ref
        """

    public static func fetch(_ store: Store, panel: String, asOf: Day, area: String?, exitReviewOnly: Bool,
                             settings: MetricSettings = MetricSettings()) throws -> ResultTable {
        try store.queue.read { db in
            try ResultTable.fetch(db, sql: sql, arguments: [
                "panel": panel.uppercased(), "as_of": asOf.iso, "area": area,
                "exit_review_months": settings.exitReviewMonths, "exit_review_only": exitReviewOnly ? 1 : 0,
            ])
        }
    }
}
