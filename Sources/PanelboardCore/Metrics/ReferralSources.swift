import GRDB

/// Who referred the cases discussed, and why.
///
/// For every agency code, the cases discussed it referred (`count`) and their share
/// of cases discussed (`share`). Every canonical code appears, with 0 where none; a
/// local name no mapping knew appears as written. Referral reasons the same way,
/// with `not_recorded` for cases with no reason, so the counts add up to cases
/// discussed.
public enum ReferralSources: MetricFamily {
    public static let name = "referral_sources"
    public static let summary = "Cases discussed by referring agency: count and share of cases discussed, every agency code listed."

    public typealias Result = [(code: String, value: CountShare)]

    static let codes = Agency.codes.map { "('\($0)', \(Agency.codes.firstIndex(of: $0)!))" }.joined(separator: ", ")

    public static let sql = """
        WITH \(MetricSQL.discussed(columns: "r.referring_agency")),
        codes (code, position) AS (VALUES \(codes)),
        counted AS (SELECT referring_agency AS code, count(*) AS n FROM discussed GROUP BY referring_agency),
        total AS (SELECT count(*) AS n FROM discussed)
        SELECT c.code, coalesce(k.n, 0) AS count, total.n AS cases_discussed, c.position
        FROM codes c LEFT JOIN counted k ON k.code = c.code, total
        UNION ALL
        SELECT k.code, k.n, total.n, 1000
        FROM counted k, total
        WHERE k.code NOT IN (SELECT code FROM codes)
        ORDER BY position, code
        """

    public static func result(from rows: [Row], scope: MetricScope) throws -> Result {
        rows.map { row in (row["code"], CountShare(count: row["count"], of: row["cases_discussed"])) }
    }
}

public enum ReferralReasons: MetricFamily {
    public static let name = "referral_reasons"
    public static let summary = "Cases discussed by referral reason: count and share, every reason listed, not_recorded for none."

    public typealias Result = [(code: String, value: CountShare)]

    static let codes = (Vocabulary.referralReason.values + ["not_recorded"]).enumerated()
        .map { "('\($1)', \($0))" }.joined(separator: ", ")

    public static let sql = """
        WITH \(MetricSQL.discussed(columns: "r.referral_reason")),
        codes (code, position) AS (VALUES \(codes)),
        counted AS (
            SELECT coalesce(referral_reason, 'not_recorded') AS code, count(*) AS n
            FROM discussed GROUP BY 1
        ),
        total AS (SELECT count(*) AS n FROM discussed)
        SELECT c.code, coalesce(k.n, 0) AS count, total.n AS cases_discussed
        FROM codes c LEFT JOIN counted k ON k.code = c.code, total
        ORDER BY c.position
        """

    public static func result(from rows: [Row], scope: MetricScope) throws -> Result {
        rows.map { row in (row["code"], CountShare(count: row["count"], of: row["cases_discussed"])) }
    }
}

/// Who the victims of cases discussed are, as counts and shares of cases discussed.
///
/// `female`, `male`, `gender_other`, `gender_unknown`, `age_16_17`, `ethnic_minority`,
/// `disabled`, `lgbt`, `perpetrator_under_18`. Unknowns stay in the denominator, so
/// the shares are lower bounds.
public enum Demographics: MetricFamily {
    public static let name = "demographics"
    public static let summary = "Victims of cases discussed by gender, 16-17, ethnic minority, disabled, LGBT+, and perpetrators under 18."

    public typealias Result = [(code: String, value: CountShare)]

    public static let sql = """
        WITH \(MetricSQL.discussed)
        SELECT count(*) AS cases_discussed,
               coalesce(sum(victim_gender = 'female'), 0) AS female,
               coalesce(sum(victim_gender = 'male'), 0) AS male,
               coalesce(sum(victim_gender = 'other'), 0) AS gender_other,
               coalesce(sum(victim_gender IS NULL), 0) AS gender_unknown,
               coalesce(sum(victim_age_band = '16-17'), 0) AS age_16_17,
               coalesce(sum(victim_ethnic_minority = 1), 0) AS ethnic_minority,
               coalesce(sum(victim_disabled = 1), 0) AS disabled,
               coalesce(sum(victim_lgbt = 1), 0) AS lgbt,
               coalesce(sum(perpetrator_under_18 = 1), 0) AS perpetrator_under_18
        FROM discussed
        """

    static let fields = ["female", "male", "gender_other", "gender_unknown", "age_16_17", "ethnic_minority",
                         "disabled", "lgbt", "perpetrator_under_18"]

    public static func result(from rows: [Row], scope: MetricScope) throws -> Result {
        let row = rows[0]
        let whole: Int = row["cases_discussed"]
        return fields.map { ($0, CountShare(count: row[$0], of: whole)) }
    }
}

extension Array where Element == (code: String, value: CountShare) {
    var json: JSONValue { .object(map { ($0.code, $0.value.json) }) }

    public subscript(code: String) -> CountShare? { first { $0.code == code }?.value }
}

extension FamilyDescription {
    /// A family of counts and shares of cases discussed, one per code: each count
    /// is a count of cases, each share hides with it, and the counts add up to the
    /// cases discussed.
    static func countsOfCases(
        member: String, title: String, queries: [(name: String, summary: String, sql: String)],
        extraRelations: [FigureRelation] = [],
        glossary: @escaping @Sendable (MetricSettings) -> [(term: String, meaning: String)] = { _ in [] }
    ) -> FamilyDescription {
        FamilyDescription(
            member: member, title: { _ in title }, queries: queries,
            disclosure: { code, field in
                let cell = "\(member).\(code ?? "")"
                return field == "share" ? .derived(from: ["cases_discussed", cell]) : .people(cell: cell)
            },
            relations: { json in
                guard case let .object(codes) = json else { return [] }
                return [.sum(parts: codes.map { "\(member).\($0.0)" }, whole: "cases_discussed", remainder: "\(member) unlisted")]
                    + extraRelations
            },
            glossary: glossary, onBoard: true)
    }
}

extension ReferralSources: ReportedFamily {
    public static let family = FamilyDescription.countsOfCases(
        member: name, title: "Referral sources", queries: [FamilyDescription.query(ReferralSources.self)],
        // The partner agencies' referrals are the rest: the national return shows them.
        extraRelations: [.sum(parts: ["referral_sources.police", "partner_agency_referrals"], whole: "cases_discussed",
                              remainder: "partner unlisted")],
        glossary: { _ in [("Partner agency share", "Cases discussed that were not referred by the police, as a share of cases discussed.")] })

    public static func figures(_ db: Database, scope: MetricScope) throws -> Result { try compute(db, scope: scope) }
    public static func json(_ figures: Result) -> JSONValue { figures.json }
}

extension ReferralReasons: ReportedFamily {
    public static let family = FamilyDescription.countsOfCases(
        member: name, title: "Referral reasons", queries: [FamilyDescription.query(ReferralReasons.self)])

    public static func figures(_ db: Database, scope: MetricScope) throws -> Result { try compute(db, scope: scope) }
    public static func json(_ figures: Result) -> JSONValue { figures.json }
}

extension Demographics: ReportedFamily {
    public static let family: FamilyDescription = {
        let d = FamilyDescription.countsOfCases(member: name, title: "Demographics", queries: [FamilyDescription.query(Demographics.self)])
        // Not every code is a part of the whole: only the genders add up to the
        // cases discussed.
        return FamilyDescription(
            member: d.member, title: d.title, queries: d.queries, disclosure: d.disclosure,
            relations: { _ in [.sum(parts: ["female", "male", "gender_other", "gender_unknown"].map { "demographics.\($0)" },
                                    whole: "cases_discussed", remainder: "demographics.gender unlisted")] },
            onBoard: true)
    }()

    public static func figures(_ db: Database, scope: MetricScope) throws -> Result { try compute(db, scope: scope) }
    public static func json(_ figures: Result) -> JSONValue { figures.json }
}
