import GRDB

/// What a case is, for retention: one person on one panel (the panel's `person`,
/// victim_ref for a MARAC or triage panel, perpetrator_ref for a perpetrator
/// panel), with every referral of theirs to the panel, the actions agreed on those
/// referrals, their cohort memberships of the panel, and the incidents naming them.
/// A referral with no ref of that kind is a case of its own.
///
/// A person, not a referral: disposing of one referral while the same person's
/// later one stays would turn that later one from a repeat into a first referral,
/// and the board's repeat figures would change for periods nobody purged.
/// Retention is per panel: the same person's cases on other panels are kept until
/// their own panel's rule makes them due.
///
/// A case's latest activity is the latest of its referrals' referral and meeting
/// dates, its actions' agreed and completed dates, its cohort adoptions and
/// exits, and its incidents' dates.
public enum RetentionCases {
    /// Each case of `:panel`: `case_key` ('p' + person ref, or 'r' + referral id),
    /// its first and latest activity, and the calendar quarter of the latest.
    static func sql(person: String) -> String {
        precondition(["victim_ref", "perpetrator_ref"].contains(person))
        let cohort = person == "perpetrator_ref"
        return """
            WITH case_referrals AS (
                SELECT r.referral_id,
                       CASE WHEN r.\(person) IS NOT NULL THEN 'p' || r.\(person) ELSE 'r' || r.referral_id END AS case_key
                FROM referrals r WHERE r.panel = :panel
            ),
            case_people AS (
                SELECT DISTINCT case_key FROM case_referrals WHERE case_key LIKE 'p%'
                \(cohort ? "UNION SELECT 'p' || perpetrator_ref FROM cohort WHERE panel = :panel" : "")
            ),
            activity(case_key, day) AS (
                SELECT c.case_key, r.referral_date FROM case_referrals c JOIN referrals r USING (referral_id)
                UNION ALL
                SELECT c.case_key, r.meeting_date FROM case_referrals c JOIN referrals r USING (referral_id)
                WHERE r.meeting_date IS NOT NULL
                UNION ALL
                SELECT c.case_key, a.agreed_date FROM case_referrals c JOIN actions a USING (referral_id)
                UNION ALL
                SELECT c.case_key, a.completed_date FROM case_referrals c JOIN actions a USING (referral_id)
                WHERE a.completed_date IS NOT NULL
                \(cohort ? """
                UNION ALL
                SELECT 'p' || perpetrator_ref, adopted_date FROM cohort WHERE panel = :panel
                UNION ALL
                SELECT 'p' || perpetrator_ref, exit_date FROM cohort WHERE panel = :panel AND exit_date IS NOT NULL
                """ : "")
                UNION ALL
                SELECT p.case_key, i.incident_date FROM case_people p JOIN incidents i ON i.\(person) = substr(p.case_key, 2)
            )
            SELECT case_key, min(day) AS first_day, max(day) AS latest_day,
                   substr(max(day), 1, 4) || 'Q' || ((CAST(substr(max(day), 6, 2) AS INTEGER) + 2) / 3) AS quarter
            FROM activity GROUP BY case_key
            """
    }

    /// `purge --due`: for each panel with a rule, its cases whose latest activity
    /// is before its cut-off, counted by the quarter of their latest activity.
    /// Counts only, never an id.
    public static func due(_ store: Store, rules: [RetentionRule], today: Day) throws -> ResultTable {
        try store.queue.read { db in
            var rows: [[DatabaseValue]] = []
            for rule in rules {
                guard let years = rule.years, let cutOff = rule.cutOff(today: today) else { continue }
                rows += try ResultTable.fetch(db, sql: """
                    WITH cases AS (\(sql(person: rule.personColumn)))
                    SELECT :panel AS panel, :years AS retention_years, :cut_off AS cut_off,
                           quarter AS latest_activity_quarter, count(*) AS cases_due
                    FROM cases WHERE latest_day < :cut_off
                    GROUP BY quarter ORDER BY quarter
                    """, arguments: ["panel": rule.panel, "years": years, "cut_off": cutOff.iso]).rows
            }
            return ResultTable(columns: ["panel", "retention_years", "cut_off", "latest_activity_quarter", "cases_due"], rows: rows)
        }
    }

    /// The panels the store holds data for, for `purge --due` with no `--panel`.
    public static func panels(_ store: Store) throws -> [String] {
        try store.queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT panel FROM referrals UNION SELECT panel FROM cohort UNION SELECT panel FROM meetings ORDER BY 1
                """)
        }
    }
}
