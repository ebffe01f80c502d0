import GRDB

/// `harm_after_exit`: whether people the panel let go stayed free of harm.
///
/// Over memberships of the panel (and area) that exited in the period, for each
/// horizon of 3, 6 and 12 calendar months after the exit date (clamped to the
/// month's end) and each exit_reason (every reason listed, and `all`):
/// - `exits`: the exits;
/// - `harm`: those whose person has a sign of harm dated after the exit date,
///   within the horizon (on or before exit date + months) and on or before the
///   as-of date: an incident, or a referral to any panel naming them as
///   perpetrator;
/// - `pending`: no harm so far, and the horizon ends after the as-of date: it is
///   too soon to say;
/// - `no_harm`: the rest (the whole horizon has passed without harm).
/// Always exits = harm + pending + no_harm, and the reasons add up to `all`.
public enum HarmAfterExit: MetricFamily {
    public static let name = "harm_after_exit"
    public static let summary = "Exits in the period by reason, and at 3, 6 and 12 months after exit: harm, pending (too soon) and no harm."

    public static let horizons = [3, 6, 12]

    public struct Outcome: Sendable, Equatable {
        public var exits = 0, harm = 0, pending = 0, noHarm = 0

        public init(exits: Int = 0, harm: Int = 0, pending: Int = 0, noHarm: Int = 0) {
            self.exits = exits; self.harm = harm; self.pending = pending; self.noHarm = noHarm
        }
    }

    /// Per horizon (months), per exit reason and `all`.
    public typealias Result = [Int: [String: Outcome]]

    public static let sql = """
        WITH exits AS (
            SELECT c.perpetrator_ref, c.exit_date, c.exit_reason FROM cohort c
            WHERE c.panel = :panel AND c.exit_date BETWEEN :from AND :to
              AND \(MetricSQL.inArea("c.area"))
        ),
        horizons(months) AS (VALUES (3), (6), (12)),
        ends AS (
            SELECT h.months, e.perpetrator_ref, e.exit_date, e.exit_reason,
                   \(MetricSQL.addingMonths("e.exit_date", "h.months")) AS horizon_end
            FROM exits e CROSS JOIN horizons h
        ),
        -- Materialised: each exit's answer is read three times below, and would
        -- otherwise be looked up three times.
        judged AS MATERIALIZED (
            SELECT months, exit_reason, horizon_end,
                   \(MetricSQL.harmBetween("ends.perpetrator_ref", after: "ends.exit_date", upTo: "min(ends.horizon_end, :as_of)")) AS harm
            FROM ends
        )
        SELECT months, exit_reason, count(*) AS exits, sum(harm) AS harm,
               sum(NOT harm AND horizon_end > :as_of) AS pending,
               sum(NOT harm AND horizon_end <= :as_of) AS no_harm
        FROM judged GROUP BY months, exit_reason ORDER BY months, exit_reason
        """

    public static func result(from rows: [Row], scope: MetricScope) throws -> Result {
        var result: Result = [:]
        for months in horizons {
            result[months] = Dictionary(uniqueKeysWithValues: (["all"] + Vocabulary.exitReason.values).map { ($0, Outcome()) })
        }
        for row in rows {
            let months: Int = row["months"]
            let outcome = Outcome(exits: row["exits"], harm: row["harm"], pending: row["pending"], noHarm: row["no_harm"])
            let reason: String = row["exit_reason"]
            result[months]![reason] = outcome
            var all = result[months]!["all"]!
            all.exits += outcome.exits; all.harm += outcome.harm; all.pending += outcome.pending; all.noHarm += outcome.noHarm
            result[months]!["all"] = all
        }
        return result
    }

    static func label(_ months: Int) -> String { "\(months)_months" }
}

extension HarmAfterExit.Outcome {
    var json: JSONValue {
        .object([("exits", .int(exits)), ("harm", .int(harm)), ("pending", .int(pending)), ("no_harm", .int(noHarm))])
    }
}

extension HarmAfterExit.Result {
    var json: JSONValue {
        .object(HarmAfterExit.horizons.map { months in
            (HarmAfterExit.label(months), .object((["all"] + Vocabulary.exitReason.values).map { ($0, (self[months]?[$0] ?? .init()).json) }))
        })
    }
}
