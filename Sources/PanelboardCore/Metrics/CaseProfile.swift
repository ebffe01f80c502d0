import GRDB

/// What kind of cases a panel hears (panels.md, "Case profile"), of cases discussed:
///
/// - `discussion_type`: `full`, `significant_update`, `information_only`, and
///   `not_recorded` for a case with none;
/// - `risk_level`: `standard`, `medium`, `high`, `very_high`, `not_recorded`;
/// - `children_linked`: `with_children` (children_count ≥ 1), `without_children`
///   (= 0), `unknown` (not recorded): cases, not children;
/// - `children_services_status`: `none`, `early_help`, `child_in_need`,
///   `child_protection_plan`, `looked_after`, `not_known` (recorded as not known),
///   `not_recorded` (blank);
/// - `screening`: referrals received in the period (not cases discussed: a declined
///   referral is never heard) by screening_decision, `accepted`, `declined`,
///   `deferred`, `redirected`, `not_recorded`.
///
/// The first four breakdowns add up to the cases discussed, `screening` to the
/// referrals received. Every panel has it (zeros where there are no cases).
public enum CaseProfile: MetricFamily {
    public static let name = "case_profile"
    public static let summary = "Cases discussed by discussion type, risk level, children and children's services status; referrals received by screening decision."

    /// One breakdown: every code of the vocabulary in order, then the unrecorded.
    public typealias Counts = [(code: String, count: Int)]

    public struct Result: Sendable {
        public var discussionType: Counts
        public var riskLevel: Counts
        public var childrenLinked: Counts
        public var childrenServicesStatus: Counts
        public var screening: Counts
    }

    static let discussionTypes = Vocabulary.discussionType.values + ["not_recorded"]
    static let riskLevels = Vocabulary.riskLevel.values + ["not_recorded"]
    static let childrenLinked = ["with_children", "without_children", "unknown"]
    static let childrenServicesStatuses = Vocabulary.childrenServicesStatus.values + ["not_recorded"]
    static let screeningDecisions = Vocabulary.screeningDecision.values + ["not_recorded"]

    /// `sum(<condition>) AS <prefix>_<code>` for every code of a breakdown.
    private static func counts(_ column: String, _ codes: [String], prefix: String) -> String {
        codes.map { code in
            let condition = code == "not_recorded" ? "\(column) IS NULL" : "\(column) = '\(code)'"
            return "coalesce(sum(\(condition)), 0) AS \(prefix)_\(code)"
        }.joined(separator: ",\n       ")
    }

    public static let sql = """
        WITH RECURSIVE \(MetricSQL.discussed),
        \(MetricSQL.received),
        received AS (
            SELECT rr.screening_decision FROM received_referrals rr
        ),
        screening AS (
            SELECT \(counts("screening_decision", screeningDecisions, prefix: "screening")) FROM received
        )
        SELECT count(*) AS cases_discussed,
               \(counts("discussion_type", discussionTypes, prefix: "discussion_type")),
               \(counts("risk_level", riskLevels, prefix: "risk_level")),
               coalesce(sum(children_count >= 1), 0) AS children_linked_with_children,
               coalesce(sum(children_count = 0), 0) AS children_linked_without_children,
               coalesce(sum(children_count IS NULL), 0) AS children_linked_unknown,
               \(counts("children_services_status", childrenServicesStatuses, prefix: "children_services_status")),
               \(screeningDecisions.map { "(SELECT screening_\($0) FROM screening) AS screening_\($0)" }.joined(separator: ", "))
        FROM discussed
        """

    public static func result(from rows: [Row], scope: MetricScope) throws -> Result {
        let row = rows[0]
        func breakdown(_ prefix: String, _ codes: [String]) -> Counts {
            codes.map { ($0, row["\(prefix)_\($0)"] as Int) }
        }
        return Result(discussionType: breakdown("discussion_type", discussionTypes),
                      riskLevel: breakdown("risk_level", riskLevels),
                      childrenLinked: breakdown("children_linked", childrenLinked),
                      childrenServicesStatus: breakdown("children_services_status", childrenServicesStatuses),
                      screening: breakdown("screening", screeningDecisions))
    }
}

extension CaseProfile.Result {
    /// The breakdowns by their JSON names, in the order of panels.md.
    var breakdowns: [(name: String, counts: CaseProfile.Counts)] {
        [("discussion_type", discussionType), ("risk_level", riskLevel), ("children_linked", childrenLinked),
         ("children_services_status", childrenServicesStatus), ("screening", screening)]
    }

    public var json: JSONValue {
        .object(breakdowns.map { ($0.name, .object($0.counts.map { ($0.code, .int($0.count)) })) })
    }
}

extension CaseProfile: ReportedFamily {
    public static let family = FamilyDescription(
        member: name, title: { _ in "Case profile" }, queries: [FamilyDescription.query(CaseProfile.self)],
        // Every figure is a count of cases: protected, one cell per code.
        disclosure: { breakdown, field in .people(cell: cell(breakdown, field)) },
        relations: { json in
            guard case let .object(breakdowns) = json else { return [] }
            return breakdowns.compactMap { breakdown, counts in
                guard case let .object(codes) = counts else { return nil }
                return .sum(parts: codes.map { cell(breakdown, $0.0) },
                            whole: breakdown == "screening" ? "referrals_received" : "cases_discussed",
                            remainder: "\(name).\(breakdown) unlisted")
            }
        },
        glossary: { _ in [
            ("Case profile", "Cases discussed by how fully they were discussed, by risk level, with or without children in the household (cases, not children) and by children's services status; referrals received by the panel's screening decision."),
        ] },
        // panels.md: "board: marac and triage".
        boardKinds: [.marac, .triage])

    /// A figure's cell. The cases with no children count are the count volumes
    /// shows as `children_unknown`: one figure, one cell, hidden or shown alike.
    static func cell(_ breakdown: String?, _ field: String) -> String {
        breakdown == "children_linked" && field == "unknown" ? "children_unknown" : FigureDisclosure.cell(name, breakdown, field)
    }

    public static func figures(_ db: Database, scope: MetricScope) throws -> Result { try compute(db, scope: scope) }
    public static func json(_ figures: Result) -> JSONValue { figures.json }
}
