import GRDB

/// Referrals whose recorded reason the rest of the record does not bear out
/// (panels.md, "Referral quality"): data-quality findings, of cases discussed.
///
/// - `reason_dash_mismatch`: reason `visible_high_risk` with a dash_score below 14
///   (a blank dash_score is never a mismatch: nothing contradicts the reason);
/// - `escalation_unsupported`: reason `potential_escalation` whose victim has fewer
///   than 3 incidents dated from 12 months before referral_date (clamped to the
///   month's end, as every "12 months") up to the day before it, counted only where
///   incidents.csv has any row for that victim (with none, the store cannot tell);
/// - `recorded_flag_disagrees`: as in the repeats family, shown here as well.
public enum ReferralQuality: MetricFamily {
    public static let name = "referral_quality"
    public static let summary = "Cases discussed whose reason the record does not support (DASH under 14, escalation without 3 incidents), and repeat flags that disagree."

    public struct Result: Sendable, Equatable {
        public var reasonDashMismatch: Int
        public var escalationUnsupported: Int
        public var recordedFlagDisagrees: Int
    }

    /// The DASH score from which a case is visibly high risk (SafeLives guidance).
    static let visibleHighRiskDash = 14
    /// The incidents in the 12 months before a referral that potential escalation needs.
    static let escalationIncidents = 3

    public static let sql = """
        WITH \(MetricSQL.discussed),
        repeat_cases AS (\(Repeats.casesSQL))
        SELECT \(findings),
            (SELECT count(*) FROM repeat_cases
             WHERE recorded_repeat IS NOT NULL AND recorded_repeat <> is_repeat) AS recorded_flag_disagrees
        """

    /// The two findings of the record itself; the third, recorded flags that
    /// disagree, is the repeats family's own figure.
    static let findings = """
            (SELECT count(*) FROM discussed
             WHERE referral_reason = 'visible_high_risk' AND dash_score < \(visibleHighRiskDash)) AS reason_dash_mismatch,
            (SELECT count(*) FROM discussed d
             WHERE d.referral_reason = 'potential_escalation'
               AND EXISTS (SELECT 1 FROM incidents i WHERE i.victim_ref = d.victim_ref)
               AND (SELECT count(*) FROM incidents i
                    WHERE i.victim_ref = d.victim_ref
                      AND i.incident_date >= \(MetricSQL.addingMonths("d.referral_date", "-12"))
                      AND i.incident_date < d.referral_date) < \(escalationIncidents)) AS escalation_unsupported
        """

    /// In a report, after the repeats family: the repeat rule over the cases
    /// discussed (a seek per case, most of this family's time) is not run again.
    static let findingsSQL = """
        WITH \(MetricSQL.discussed(columns: "r.referral_reason, r.dash_score, r.victim_ref, r.referral_date"))
        SELECT \(findings), NULL AS recorded_flag_disagrees
        """

    public static func figures(_ db: Database, scope: MetricScope, computed: [ReportMember]) throws -> Result {
        guard let repeats = computed.lazy.compactMap({ $0.figures as? Repeats.Result }).first else {
            return try figures(db, scope: scope)
        }
        let scope = try scope.resolvingProfile(db)
        let row = try rows(db, sql: findingsSQL, scope: scope, timedAs: name)[0]
        return Result(reasonDashMismatch: row["reason_dash_mismatch"], escalationUnsupported: row["escalation_unsupported"],
                      recordedFlagDisagrees: repeats.recordedFlagDisagrees)
    }

    public static func result(from rows: [Row], scope: MetricScope) throws -> Result {
        let row = rows[0]
        return Result(reasonDashMismatch: row["reason_dash_mismatch"], escalationUnsupported: row["escalation_unsupported"],
                      recordedFlagDisagrees: row["recorded_flag_disagrees"])
    }
}

extension ReferralQuality.Result {
    public var json: JSONValue {
        .object([
            ("reason_dash_mismatch", .int(reasonDashMismatch)), ("escalation_unsupported", .int(escalationUnsupported)),
            ("recorded_flag_disagrees", .int(recordedFlagDisagrees)),
        ])
    }
}

extension ReferralQuality: ReportedFamily {
    public static let family = FamilyDescription(
        member: name, title: { _ in "Referral quality" }, queries: [FamilyDescription.query(ReferralQuality.self)],
        disclosure: { breakdown, field in
            // The repeats family shows the same count: one cell.
            field == "recorded_flag_disagrees" ? .people(cell: field) : .people(cell: FigureDisclosure.cell(name, breakdown, field))
        },
        glossary: { _ in [
            ("Reason and DASH disagree", "Cases discussed as visible high risk whose DASH score is below \(visibleHighRiskDash)."),
            ("Escalation unsupported", "Cases discussed as potential escalation whose victim has fewer than \(escalationIncidents) incidents in the 12 months before the referral (only where incidents are recorded for the victim)."),
        ] })

    public static func figures(_ db: Database, scope: MetricScope) throws -> Result { try compute(db, scope: scope) }
    public static func json(_ figures: Result) -> JSONValue { figures.json }
}
