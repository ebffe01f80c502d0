import GRDB

/// Repeat cases: how often the same person comes back to the panel within a year.
///
/// A referral R is a repeat when the same person was referred to a panel of
/// `repeat_panels` (the panel itself unless its profile names others: a DRAMM
/// with `MARAC DRAMM` counts a case back at triage within 12 months of a MARAC)
/// before it (in the order referral_date, referral_id), that earlier referral was
/// heard (has a meeting_date), and its referral_date is on or after R's referral_date
/// minus 12 calendar months (a setting), clamped to the month's end (29 Feb 2024
/// minus 12 months is 28 Feb 2023). The person is victim_ref on victim panels
/// (MARAC, DRAMM) and perpetrator_ref on perpetrator panels (DAPP, IDAP); a
/// referral without that ref is never a repeat and never anyone's earlier referral.
/// Areas do not matter.
///
/// - `repeat_cases`: cases discussed in the period that are repeats.
/// - `repeat_rate`: repeat_cases / cases_discussed (null when none were discussed).
/// - `recorded_flag_disagrees`: cases discussed whose recorded_repeat is set and
///   differs from the computed answer.
public enum Repeats: MetricFamily {
    public static let name = "repeats"
    public static let summary = "Cases discussed that are repeats within the repeat window, the repeat rate, and recorded flags that disagree."

    public struct Result: Sendable, Equatable {
        public var casesDiscussed: Int
        public var repeatCases: Int
        public var repeatRate: Double?
        public var recordedFlagDisagrees: Int
    }

    /// Whether the case `d` had an earlier referral of the same person (by
    /// `column`, victim_ref or perpetrator_ref) to a panel of :repeat_panels
    /// (space-separated codes, resolved from the panel's profile: the panel itself,
    /// version 1's rule, unless it names others), heard, within the repeat window:
    /// the repeat rule.
    private static func earlierReferral(by column: String) -> String {
        """
        EXISTS (
                   SELECT 1 FROM referrals p
                   WHERE p.\(column) = d.\(column)
                     AND instr(' ' || coalesce(:repeat_panels, d.panel) || ' ', ' ' || p.panel || ' ') > 0
                     AND p.meeting_date IS NOT NULL
                     AND (p.referral_date, p.referral_id) < (d.referral_date, d.referral_id)
                     AND p.referral_date >= \(MetricSQL.addingMonths("d.referral_date", "-:repeat_window_months"))
               )
        """
    }

    /// Each case discussed with the computed answer: the definition, row by row.
    /// `is_repeat` is 1 or 0; `recorded_repeat` as exported.
    public static let casesSQL = """
        WITH \(MetricSQL.discussed)
        SELECT d.referral_id, d.area, d.referral_date, d.meeting_date, d.recorded_repeat,
               -- One subquery per keying, each an equality the person's index
               -- can seek on; CASE runs only the one the panel uses. (A single
               -- subquery with an OR over :person made SQLite scan the panel.)
               -- The panel test is an expression SQLite cannot seek on, which
               -- keeps it seeking the person's few referrals rather than the
               -- panel's year of them.
               CASE WHEN :person = 'victim_ref' THEN \(earlierReferral(by: "victim_ref"))
                    ELSE \(earlierReferral(by: "perpetrator_ref")) END AS is_repeat
        FROM discussed d
        ORDER BY d.meeting_date, d.referral_id
        """

    public static let sql = figuresSQL(byArea: false)

    /// The figures, of the scope or (`byArea`) of each area with cases discussed
    /// in one pass, a row each led by its `area`: one text for both, so the board's
    /// table by area counts as the family does (`AreaFigures`).
    static func figuresSQL(byArea: Bool) -> String {
        """
        WITH cases AS (\(casesSQL))
        SELECT \(byArea ? "area, " : "")count(*) AS cases_discussed,
               coalesce(sum(is_repeat), 0) AS repeat_cases,
               CASE WHEN count(*) > 0 THEN 1.0 * sum(is_repeat) / count(*) END AS repeat_rate,
               coalesce(sum(recorded_repeat IS NOT NULL AND recorded_repeat <> is_repeat), 0) AS recorded_flag_disagrees
        FROM cases\(byArea ? "\nGROUP BY area" : "")
        """
    }

    public static func result(from rows: [Row], scope: MetricScope) throws -> Result {
        let row = rows[0]
        return Result(casesDiscussed: row["cases_discussed"], repeatCases: row["repeat_cases"],
                      repeatRate: row["repeat_rate"], recordedFlagDisagrees: row["recorded_flag_disagrees"])
    }
}

extension Repeats.Result {
    public var json: JSONValue {
        .object([
            ("cases_discussed", .int(casesDiscussed)), ("repeat_cases", .int(repeatCases)),
            ("repeat_rate", .number(repeatRate)), ("recorded_flag_disagrees", .int(recordedFlagDisagrees)),
        ])
    }
}

extension Repeats: ReportedFamily {
    public static let family = FamilyDescription(
        member: name,
        title: { s in "Repeats (target \(Int(s.repeatRateTargetLow * 100))-\(Int(s.repeatRateTargetHigh * 100))%)" },
        queries: [FamilyDescription.query(Repeats.self)],
        disclosure: { _, field in
            field == "repeat_rate" ? .derived(from: ["cases_discussed", "repeat_cases"]) : .people(cell: field)
        },
        glossary: { s in [
            ("Repeat case", "A case heard in the period whose person (the victim on a MARAC or DRAMM, the perpetrator on a perpetrator panel) was referred to the same panel, and heard, in the \(s.repeatWindowMonths) months before this referral. Areas do not matter."),
            ("Repeat rate", "Repeat cases as a share of cases discussed. Nationally 29–33% in recent years; the expected range here is \(Int(s.repeatRateTargetLow * 100))–\(Int(s.repeatRateTargetHigh * 100))%. A rate well below it usually means repeats are not being identified."),
        ] },
        onBoard: true)

    public static func figures(_ db: Database, scope: MetricScope) throws -> Result { try compute(db, scope: scope) }
    public static func json(_ figures: Result) -> JSONValue { figures.json }
}
