import GRDB

/// Whether the recency-frequency-gravity score falls while people are on the cohort.
///
/// Over memberships of the panel (and area) that exited in the period with both
/// rfg_at_adoption and rfg_at_exit recorded (a membership missing either is left
/// out of all three, so the medians describe the same people):
/// - `rfg_exits_scored`: how many;
/// - `rfg_at_adoption_median`: the median score at adoption;
/// - `rfg_change_median`: the median of rfg_at_exit - rfg_at_adoption (negative:
///   the score fell). Both medians are null when no exit is scored.
public enum RfgScores: MetricFamily {
    public static let name = "rfg"
    public static let summary = "Exits in the period with both RFG scores: how many, median RFG at adoption, median change at exit."

    public struct Result: Sendable, Equatable {
        public var exitsScored: Int
        public var atAdoptionMedian: Double?
        public var changeMedian: Double?
    }

    public static let sql = """
        WITH scored AS (
            SELECT c.rfg_at_adoption AS at_adoption, c.rfg_at_exit - c.rfg_at_adoption AS change
            FROM cohort c
            WHERE c.panel = :panel AND c.exit_date BETWEEN :from AND :to
              AND c.rfg_at_adoption IS NOT NULL AND c.rfg_at_exit IS NOT NULL
              AND \(MetricSQL.inArea("c.area"))
        )
        SELECT (SELECT count(*) FROM scored) AS rfg_exits_scored,
               \(MetricSQL.median("at_adoption", from: "scored")) AS rfg_at_adoption_median,
               \(MetricSQL.median("change", from: "scored")) AS rfg_change_median
        """

    public static func result(from rows: [Row], scope: MetricScope) throws -> Result {
        Result(exitsScored: rows[0]["rfg_exits_scored"], atAdoptionMedian: rows[0]["rfg_at_adoption_median"],
               changeMedian: rows[0]["rfg_change_median"])
    }
}
