import GRDB

/// People who should be back at MARAC: the terms of reference say that any further
/// incident after exit "would necessitate a return to MARAC on repeat".
///
/// As of a day, over every exit of the panel (and area) on or before it, not only
/// the period's: one row per exit with an incident (by perpetrator_ref) dated after
/// the exit date and on or before the as-of date that has no referral naming the
/// person as perpetrator to a `marac` panel dated on or after it (and on or before
/// the as-of date), showing the first such incident. An incident that was followed
/// by a MARAC referral has been acted on; a later one that was not still counts.
/// A person taken on again after an exit keeps the earlier exit's row: the incident
/// still went unreferred.
public enum PostExitHarmList {
    static let flagged = """
        exits AS (
            SELECT c.perpetrator_ref, c.panel, c.area, c.adopted_date, c.exit_date, c.exit_reason
            FROM cohort c
            WHERE c.panel = :panel AND c.exit_date <= :as_of
              AND \(MetricSQL.inArea("c.area"))
        ),
        unreferred AS (
            SELECT e.*, i.incident_id, i.incident_date, i.incident_type,
                   row_number() OVER (PARTITION BY e.perpetrator_ref, e.adopted_date
                                      ORDER BY i.incident_date, i.incident_id) AS nth
            FROM exits e
            JOIN incidents i ON i.perpetrator_ref = e.perpetrator_ref
                            AND i.incident_date > e.exit_date AND i.incident_date <= :as_of
            WHERE NOT EXISTS (
                SELECT 1 FROM referrals r
                WHERE r.perpetrator_ref = e.perpetrator_ref
                  AND r.referral_date >= i.incident_date AND r.referral_date <= :as_of
                  AND \(MetricSQL.isMaracPanel("r.panel")))
        ),
        flagged AS (SELECT * FROM unreferred WHERE nth = 1)
        """

    public static let sql = """
        WITH \(flagged)
        SELECT perpetrator_ref, panel, area, adopted_date, exit_date, exit_reason,
               incident_id, incident_date, incident_type,
               CAST(julianday(:as_of) - julianday(incident_date) AS INTEGER) AS days_since_incident
        FROM flagged
        ORDER BY incident_date, perpetrator_ref, adopted_date
        """

    public static func fetch(_ store: Store, panel: String, asOf: Day, area: String?) throws -> ResultTable {
        try store.queue.read { db in
            try ResultTable.fetch(db, sql: sql, arguments: ["panel": panel.uppercased(), "as_of": asOf.iso, "area": area])
        }
    }
}

/// `post_exit_incidents_without_marac`: the length of `panelboard cohort
/// --post-exit-harm` as of the as-of date (`PostExitHarmList`).
public enum PostExitIncidentsWithoutMarac: MetricFamily {
    public static let name = "post_exit_incidents_without_marac"
    public static let summary = "Exits (any period) with an incident after exit and no MARAC referral since it, as of :as_of."

    public typealias Result = Int

    public static let sql = """
        WITH \(PostExitHarmList.flagged)
        SELECT count(*) AS post_exit_incidents_without_marac FROM flagged
        """

    public static func result(from rows: [Row], scope: MetricScope) throws -> Int {
        rows[0]["post_exit_incidents_without_marac"]
    }
}
