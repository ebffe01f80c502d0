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
/// by then. Their latest sign of harm is the latest, on or before the as-of date, of
/// their incidents (by perpetrator_ref) on or after adoption and their referrals to
/// any panel naming them as perpetrator after adoption: the terms of reference end
/// membership after three months "with no sign of further harm or offending", and a
/// new referral is such a sign as much as an incident is. (An incident before
/// adoption is history the panel already knew; a referral on or before the adoption
/// day is the one that brought them to the panel.) On a day with both, the referral
/// is shown, since it names where the case went. Their last event is that sign, or
/// the adoption itself if none. A member is due an exit review when the last event
/// is 3 months (a setting) or more before the as-of date, that is on or before the
/// as-of date minus 3 calendar months (clamped to the month's end, as for repeats).
/// `review_due_on` is the first day on which the review falls due.
public enum CohortList {
    /// The members with their latest sign of harm and review date (`reviewed`),
    /// shared with the `exit_review_due` count.
    static let reviewed = """
        -- Materialised: the expressions below name each latest date several times,
        -- and SQLite would otherwise run its correlated lookup again for each.
        members AS MATERIALIZED (
            SELECT c.perpetrator_ref, c.panel, c.area, c.adopted_date, c.adoption_source,
                   (SELECT max(i.incident_date) FROM incidents i
                     WHERE i.perpetrator_ref = c.perpetrator_ref
                       AND i.incident_date >= c.adopted_date AND i.incident_date <= :as_of) AS last_incident_date,
                   (SELECT max(r.referral_date) FROM referrals r
                     WHERE r.perpetrator_ref = c.perpetrator_ref
                       AND r.referral_date > c.adopted_date AND r.referral_date <= :as_of) AS last_referral_date
            FROM cohort c
            WHERE c.panel = :panel AND c.adopted_date <= :as_of
              AND (c.exit_date IS NULL OR c.exit_date > :as_of)
              AND \(MetricSQL.inArea("c.area"))
        ),
        signs AS (
            SELECT *,
                   CASE WHEN last_referral_date >= coalesce(last_incident_date, '') THEN 'referral'
                        WHEN last_incident_date IS NOT NULL THEN 'incident' END AS last_harm_kind
            FROM members
        ),
        dated AS (
            SELECT *, \(MetricSQL.addingMonths("last_event", ":exit_review_months")) AS candidate
            FROM (SELECT *, CASE last_harm_kind WHEN 'referral' THEN last_referral_date ELSE last_incident_date END AS last_harm_date,
                         CASE last_harm_kind WHEN 'referral' THEN last_referral_date
                                             WHEN 'incident' THEN last_incident_date
                                             ELSE adopted_date END AS last_event
                  FROM signs)
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
        """

    public static let sql = """
        WITH \(reviewed)
        SELECT perpetrator_ref, panel, area, adopted_date, adoption_source,
               CAST(julianday(:as_of) - julianday(adopted_date) AS INTEGER) AS days_on_cohort,
               last_harm_date, last_harm_kind,
               -- Which panel the latest referral went to (the latest by date, then id).
               CASE last_harm_kind WHEN 'referral' THEN
                   (SELECT r.panel FROM referrals r
                     WHERE r.perpetrator_ref = reviewed.perpetrator_ref AND r.referral_date = reviewed.last_harm_date
                     ORDER BY r.referral_id DESC LIMIT 1) END AS last_harm_panel,
               review_due_on,
               CASE WHEN review_due_on <= :as_of THEN 1 ELSE 0 END AS exit_review_due
        FROM reviewed
        WHERE :exit_review_only = 0 OR review_due_on <= :as_of
        ORDER BY review_due_on, perpetrator_ref
        """

    public static func fetch(_ store: Store, panel: String, asOf: Day, area: String?, exitReviewOnly: Bool,
                             settings: MetricSettings = MetricSettings()) throws -> ResultTable {
        try store.queue.read { db in
            // The panel's own exit_review_months (panels.csv) unless the run set one.
            let profile = try Row.fetchOne(db, sql: "SELECT * FROM panels WHERE panel = ?", arguments: [panel.uppercased()])
            let settings = settings.resolved(panel: panel, profile: profile)
            return try ResultTable.fetch(db, sql: sql, arguments: [
                "panel": panel.uppercased(), "as_of": asOf.iso, "area": area,
                "exit_review_months": settings.exitReviewMonths, "exit_review_only": exitReviewOnly ? 1 : 0,
            ])
        }
    }
}
