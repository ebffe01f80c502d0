import Foundation
import GRDB

/// The flow of a perpetrator cohort: who was on it, who joined, who left and why.
///
/// Over cohort memberships of the panel (and area). Every panel has the family; one
/// with no cohort rows has counts of 0 and a null median.
/// - `at_start`: adopted before the period and not exited before it.
/// - `adopted`: adopted in the period.
/// - `exited`: exited in the period; `exits_by_reason` counts their reasons (every
///   reason listed).
/// - `at_end`: adopted by the period's end and not exited by then.
///   Always at_start + adopted - exited = at_end.
/// - `median_days_on_cohort_at_exit`: median of exit_date - adopted_date over exits.
/// - `re_referred_within_12_months_of_exit`: exits in the period whose
///   perpetrator_ref has a referral (any panel) after the exit date and at most 12
///   calendar months after it (clamped to the month's end; always 12, whatever the
///   repeat window), on or before the as-of date.
public enum Cohort: MetricFamily {
    public static let name = "cohort"
    public static let summary = "Cohort at start, adopted, exited by reason, at end, median days at exit, re-referred within 12 months of exit."

    public struct Result: Sendable, Equatable {
        public var atStart: Int
        public var adopted: Int
        public var exited: Int
        public var atEnd: Int
        public var exitsByReason: [String: Int]
        public var medianDaysOnCohortAtExit: Double?
        public var reReferredWithin12MonthsOfExit: Int
    }

    static let scopedCohort = """
        scoped_cohort AS (
            SELECT c.* FROM cohort c
            WHERE c.panel = :panel
              AND \(MetricSQL.inArea("c.area"))
        )
        """

    public static let sql = """
        WITH \(scopedCohort),
        exits AS (
            SELECT *, CAST(julianday(exit_date) - julianday(adopted_date) AS INTEGER) AS days
            FROM scoped_cohort WHERE exit_date BETWEEN :from AND :to
        ),
        ranked AS (
            SELECT days, row_number() OVER (ORDER BY days) AS position, count(*) OVER () AS n FROM exits
        )
        SELECT
            \(flow(from: ":from", to: ":to", exits: "exits")),
            (SELECT avg(days) FROM ranked WHERE position IN ((n + 1) / 2, (n + 2) / 2)) AS median_days,
            (SELECT count(*) FROM exits e WHERE EXISTS (
                SELECT 1 FROM referrals r
                WHERE r.perpetrator_ref = e.perpetrator_ref
                  AND r.referral_date > e.exit_date
                  AND r.referral_date <= :as_of
                  -- The 12 is fixed: the field is named for it, and it is not the
                  -- repeat window setting.
                  AND r.referral_date <= \(MetricSQL.addingMonths("e.exit_date", "12"))
            )) AS re_referred,
            (SELECT json_group_object(reason, n) FROM
                (SELECT exit_reason AS reason, count(*) AS n FROM exits GROUP BY exit_reason)) AS by_reason
        """

    /// The flow's four counts from `from` to `to` (SQL expressions: the scope's,
    /// or each trend period's, `TrendSQL.cohort`), as `at_start`, `adopted`,
    /// `exited` and `at_end`, over `scoped_cohort`; `exits` is the cohort's exits
    /// in the period (a table, or a subquery).
    static func flow(from: String, to: String, exits: String) -> String {
        """
        (SELECT count(*) FROM scoped_cohort
                      WHERE adopted_date < \(from) AND (exit_date IS NULL OR exit_date >= \(from))) AS at_start,
                    (SELECT count(*) FROM scoped_cohort WHERE adopted_date BETWEEN \(from) AND \(to)) AS adopted,
                    (SELECT count(*) FROM \(exits)) AS exited,
                    (SELECT count(*) FROM scoped_cohort
                      WHERE adopted_date <= \(to) AND (exit_date IS NULL OR exit_date > \(to))) AS at_end
        """
    }

    public static func result(from rows: [Row], scope: MetricScope) throws -> Result {
        let row = rows[0]
        var byReason = Dictionary(uniqueKeysWithValues: Vocabulary.exitReason.values.map { ($0, 0) })
        if let text: String = row["by_reason"],
           let counts = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Int] {
            for (reason, n) in counts { byReason[reason, default: 0] += n }
        }
        return Result(
            atStart: row["at_start"], adopted: row["adopted"], exited: row["exited"], atEnd: row["at_end"],
            exitsByReason: byReason, medianDaysOnCohortAtExit: row["median_days"],
            reReferredWithin12MonthsOfExit: row["re_referred"])
    }
}

extension Cohort.Result {
    public var json: JSONValue {
        .object([
            ("at_start", .int(atStart)), ("adopted", .int(adopted)), ("exited", .int(exited)), ("at_end", .int(atEnd)),
            ("exits_by_reason", .object(Vocabulary.exitReason.values.map { ($0, .int(exitsByReason[$0] ?? 0)) })),
            ("median_days_on_cohort_at_exit", .number(medianDaysOnCohortAtExit)),
            ("re_referred_within_12_months_of_exit", .int(reReferredWithin12MonthsOfExit)),
        ])
    }
}

extension Cohort: ReportedFamily {
    public static let family = FamilyDescription(
        member: name, title: { _ in "Cohort" }, queries: [FamilyDescription.query(Cohort.self)],
        disclosure: { breakdown, field in
            field == "median_days_on_cohort_at_exit" ? .exact : .people(cell: FigureDisclosure.cell(name, breakdown, field))
        },
        relations: { _ in [
            .balance([("cohort.at_start", 1), ("cohort.adopted", 1), ("cohort.exited", -1), ("cohort.at_end", -1)]),
            .sum(parts: Vocabulary.exitReason.values.map { "cohort.exits_by_reason.\($0)" }, whole: "cohort.exited",
                 remainder: "cohort.exits_by_reason unlisted"),
        ] },
        glossary: { s in [
            ("Cohort", "Perpetrators taken onto a perpetrator panel's cohort: at the start, adopted, exited (by reason) and at the end of the period. Members are due an exit review after \(s.exitReviewMonths) months with no further incident or referral."),
        ] },
        onBoard: true)

    public static func figures(_ db: Database, scope: MetricScope) throws -> Result { try compute(db, scope: scope) }
    public static func json(_ figures: Result) -> JSONValue { figures.json }
}
