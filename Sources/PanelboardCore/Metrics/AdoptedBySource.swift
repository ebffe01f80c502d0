import GRDB

/// Where a perpetrator panel's cohort comes from.
///
/// `adopted_by_source`: memberships of the panel (and area) adopted in the period,
/// by adoption_source, every source listed, and `not_recorded` for an adoption with
/// no source, so that the sources always add up to the cohort family's `adopted`.
public enum AdoptedBySource: MetricFamily {
    public static let name = "adopted_by_source"
    public static let summary = "Adoptions onto the cohort in the period by adoption source (adding up to the cohort's adopted)."

    /// Every adoption source, then `not_recorded`.
    public static let sources = Vocabulary.adoptionSource.values + ["not_recorded"]

    public typealias Result = [String: Int]

    public static let sql = """
        SELECT coalesce(c.adoption_source, 'not_recorded') AS source, count(*) AS adopted
        FROM cohort c
        WHERE c.panel = :panel AND c.adopted_date BETWEEN :from AND :to
          AND \(MetricSQL.inArea("c.area"))
        GROUP BY 1 ORDER BY 1
        """

    public static func result(from rows: [Row], scope: MetricScope) throws -> Result {
        var counts = Dictionary(uniqueKeysWithValues: sources.map { ($0, 0) })
        for row in rows { counts[row["source"], default: 0] += row["adopted"] as Int }
        return counts
    }
}

extension AdoptedBySource.Result {
    var json: JSONValue { .object(AdoptedBySource.sources.map { ($0, .int(self[$0] ?? 0)) }) }
}
