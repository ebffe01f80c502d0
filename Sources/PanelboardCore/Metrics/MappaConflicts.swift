import GRDB

/// Cohort members the panel should not be hearing: a perpetrator panel does not
/// hear MAPPA cases.
///
/// As of a day: members on the cohort (adopted on or before it, not exited by it)
/// whose latest referral naming them as perpetrator (any panel, on or before the
/// as-of date, by referral_date then referral_id) among those with `mappa` recorded
/// says they are managed under MAPPA. The latest recorded answer is taken, not any
/// answer: a person once under MAPPA whose later referral says they are not is no
/// longer a conflict; a referral before adoption counts (they joined while under
/// MAPPA and nothing since says otherwise).
public enum MappaConflictList {
    static let conflicts = """
        members AS (
            SELECT c.perpetrator_ref, c.panel, c.area, c.adopted_date,
                   (SELECT r.referral_id FROM referrals r
                     WHERE r.perpetrator_ref = c.perpetrator_ref AND r.referral_date <= :as_of
                       AND r.mappa IS NOT NULL
                     ORDER BY r.referral_date DESC, r.referral_id DESC LIMIT 1) AS referral_id
            FROM cohort c
            WHERE c.panel = :panel AND c.adopted_date <= :as_of
              AND (c.exit_date IS NULL OR c.exit_date > :as_of)
              AND \(MetricSQL.inArea("c.area"))
        ),
        conflicts AS (
            SELECT m.perpetrator_ref, m.panel, m.area, m.adopted_date, r.referral_id,
                   r.panel AS referral_panel, r.referral_date
            FROM members m JOIN referrals r ON r.referral_id = m.referral_id
            WHERE r.mappa = 1
        )
        """

    public static let sql = """
        WITH \(conflicts)
        SELECT * FROM conflicts ORDER BY referral_date, perpetrator_ref
        """

    public static func fetch(_ store: Store, panel: String, asOf: Day, area: String?) throws -> ResultTable {
        try store.queue.read { db in
            try ResultTable.fetch(db, sql: sql, arguments: ["panel": panel.uppercased(), "as_of": asOf.iso, "area": area])
        }
    }
}

/// `mappa_conflicts`: the length of the MAPPA conflicts list (`MappaConflictList`)
/// as of the as-of date.
public enum MappaConflicts: MetricFamily {
    public static let name = "mappa_conflicts"
    public static let summary = "Cohort members as of :as_of whose latest referral with MAPPA recorded says they are managed under MAPPA."

    public typealias Result = Int

    public static let sql = """
        WITH \(MappaConflictList.conflicts)
        SELECT count(*) AS mappa_conflicts FROM conflicts
        """

    public static func result(from rows: [Row], scope: MetricScope) throws -> Int {
        rows[0]["mappa_conflicts"]
    }
}
