import GRDB

/// How many cases a panel received and heard, how many meetings it held, and how
/// that compares with the population it serves.
///
/// - `referrals_received`: referrals with referral_date in the period.
/// - `cases_discussed`: referrals with meeting_date in the period (a case heard).
/// - `meetings_held`: meetings of the panel held in the period; when meetings.csv has
///   no rows for the panel at all, the distinct (area, meeting_date) pairs among
///   cases discussed.
/// - `cases_per_meeting`: cases_discussed / meetings_held, null for no meetings.
/// - `children_in_households`: children_count summed over cases discussed;
///   `children_unknown`: cases discussed with no children_count.
/// - `cases_per_10k_adult_females_annualised`: cases_discussed x 10,000 / adult
///   female population of the areas in scope x 365 / days in the period. The areas in
///   scope are the --area itself, or every member of the area group it names in
///   areas.csv; without --area, every area the panel has referrals in. Null when
///   any of them has no population in areas.csv.
/// - `partner_agency_share`: cases discussed not referred by police / cases_discussed.
public enum Volumes: MetricFamily {
    public static let name = "volumes"
    public static let summary = "Referrals received, cases discussed, meetings, children, cases per 10,000 adult women, partner agency share."

    public struct Result: Sendable, Equatable {
        public var referralsReceived: Int
        public var casesDiscussed: Int
        public var meetingsHeld: Int
        public var casesPerMeeting: Double?
        public var childrenInHouseholds: Int
        public var childrenUnknown: Int
        public var casesPer10kAdultFemalesAnnualised: Double?
        public var partnerAgencyShare: Double?
    }

    public static let sql = """
        WITH RECURSIVE \(MetricSQL.discussed(columns: "r.area, r.meeting_date, r.children_count, r.referring_agency")),
        \(areasInScope),
        counts AS (
            SELECT
                \(received(from: ":from", to: ":to")) AS referrals_received,
                (SELECT count(*) FROM discussed) AS cases_discussed,
                (SELECT meetings_held FROM (\(meetingsHeldSQL))) AS meetings_held,
                (SELECT coalesce(sum(children_count), 0) FROM discussed) AS children_in_households,
                (SELECT count(*) FROM discussed WHERE children_count IS NULL) AS children_unknown,
                (SELECT count(*) FROM discussed WHERE referring_agency <> 'police') AS not_police,
                \(population) AS population
        )
        SELECT referrals_received, cases_discussed, meetings_held,
               CASE WHEN meetings_held > 0 THEN 1.0 * cases_discussed / meetings_held END AS cases_per_meeting,
               children_in_households, children_unknown,
               \(per10k(days: ":days")) AS cases_per_10k_adult_females_annualised,
               CASE WHEN cases_discussed > 0 THEN 1.0 * not_police / cases_discussed END AS partner_agency_share
        FROM counts
        """

    /// The areas in scope and their adult female populations, as
    /// `areas_in_scope` (for `WITH RECURSIVE`): whatever the period, so the
    /// trend's periods share it (`TrendSQL.volumes`).
    static let areasInScope = """
        -- Every area the panel has referrals in, one index seek per area (the
        -- next area after the last one found) rather than a read of the panel's
        -- every referral.
        panel_areas(area) AS (
            SELECT min(area) FROM referrals WHERE panel = :panel
            UNION ALL
            SELECT (SELECT min(r.area) FROM referrals r WHERE r.panel = :panel AND r.area > p.area)
            FROM panel_areas p WHERE p.area IS NOT NULL
        ),
        -- The areas in scope: every area the panel's referrals are in (without
        -- --area, that is all the panel has: areas.csv has no panel column), and
        -- with --area, the area itself or every member of the group as areas.csv
        -- lists it, whether or not it has referrals (it still serves its women).
        area_names AS MATERIALIZED (
            SELECT area FROM panel_areas WHERE area IS NOT NULL AND \(MetricSQL.inArea("area"))
            UNION SELECT area FROM areas WHERE area_group = :area
            UNION SELECT :area WHERE :area IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM areas WHERE area_group = :area)
        ),
        areas_in_scope AS (
            SELECT n.area, a.adult_female_population AS population
            FROM area_names n LEFT JOIN areas a ON a.area = n.area
        )
        """

    /// Referrals received from `from` to `to` (SQL expressions: the scope's, or
    /// each trend period's), needs `area_names`. Counted area by area: every
    /// referral in scope is in exactly one of area_names, and each area's period
    /// is one index range.
    static func received(from: String, to: String) -> String {
        """
        (SELECT count(*) FROM area_names n JOIN referrals r
                    ON r.panel = :panel AND r.area = n.area AND r.referral_date BETWEEN \(from) AND \(to))
        """
    }

    /// The adult female population of the areas in scope (`areas_in_scope`);
    /// null when any of them has none in areas.csv.
    static let population = """
        CASE WHEN (SELECT count(*) FROM areas_in_scope) > 0
                      AND NOT EXISTS (SELECT 1 FROM areas_in_scope WHERE population IS NULL)
                     THEN (SELECT sum(population) FROM areas_in_scope)
                END
        """

    /// Cases per 10,000 adult women a year, from `cases_discussed` and
    /// `population` in a period of `days` days.
    static func per10k(days: String) -> String {
        "CASE WHEN population > 0 THEN cases_discussed * 10000.0 / population * 365.0 / \(days) END"
    }

    /// Meetings held in the period: rows of meetings.csv for the panel (and area),
    /// or, when meetings.csv has no rows for the panel, the distinct (area,
    /// meeting_date) pairs among cases discussed. Needs `discussed` in scope.
    static let meetingsHeldSQL = meetingsHeld(from: ":from", to: ":to", discussed: "discussed")

    /// Meetings held from `from` to `to`, the cases discussed of those days
    /// being `discussed` (a table or subquery).
    static func meetingsHeld(from: String, to: String, discussed: String) -> String {
        """
        SELECT CASE WHEN EXISTS (SELECT 1 FROM meetings WHERE panel = :panel)
                    THEN (SELECT count(*) FROM meetings m
                          WHERE m.panel = :panel AND m.meeting_date BETWEEN \(from) AND \(to)
                            AND \(MetricSQL.inArea("m.area")))
                    ELSE (SELECT count(*) FROM (SELECT DISTINCT area, meeting_date FROM \(discussed)))
               END AS meetings_held
        """
    }

    public static func result(from rows: [Row], scope: MetricScope) throws -> Result {
        let row = rows[0]
        return Result(
            referralsReceived: row["referrals_received"], casesDiscussed: row["cases_discussed"],
            meetingsHeld: row["meetings_held"], casesPerMeeting: row["cases_per_meeting"],
            childrenInHouseholds: row["children_in_households"], childrenUnknown: row["children_unknown"],
            casesPer10kAdultFemalesAnnualised: row["cases_per_10k_adult_females_annualised"],
            partnerAgencyShare: row["partner_agency_share"])
    }
}

extension Volumes.Result {
    public var json: JSONValue {
        .object([
            ("referrals_received", .int(referralsReceived)), ("cases_discussed", .int(casesDiscussed)),
            ("meetings_held", .int(meetingsHeld)), ("cases_per_meeting", .number(casesPerMeeting)),
            ("children_in_households", .int(childrenInHouseholds)), ("children_unknown", .int(childrenUnknown)),
            ("cases_per_10k_adult_females_annualised", .number(casesPer10kAdultFemalesAnnualised)),
            ("partner_agency_share", .number(partnerAgencyShare)),
        ])
    }
}

extension Volumes: ReportedFamily {
    public static let family = FamilyDescription(
        member: name, title: { _ in "Volumes" }, queries: [FamilyDescription.query(Volumes.self)],
        disclosure: { _, field in
            switch field {
            case "meetings_held": .exact
            case "cases_per_meeting", "cases_per_10k_adult_females_annualised": .derived(from: ["cases_discussed"])
            case "partner_agency_share": .derived(from: ["cases_discussed", "partner_agency_referrals"])
            // The counts are one cell per name across families: repeats shows
            // cases_discussed too.
            default: .people(cell: field)
            }
        },
        glossary: { s in [
            ("Referrals received", "Referrals with a referral date in the period."),
            ("Cases discussed", "Referrals heard at a meeting in the period. Most figures are shares of these."),
            ("Meetings held", "Meetings in the period, from the meetings file (or the distinct meeting dates of cases heard when there is none)."),
            ("Cases per 10,000 adult women", "Cases discussed for every 10,000 women aged 16 and over in the areas covered, scaled to a year. SafeLives recommends about \(Int(s.casesPer10kTarget)) for a MARAC."),
        ] },
        onBoard: true)

    public static func figures(_ db: Database, scope: MetricScope) throws -> Result { try compute(db, scope: scope) }
    public static func json(_ figures: Result) -> JSONValue { figures.json }
}
