import GRDB

/// One member of `metrics --format json` as every output needs to know it: its
/// member name, its section title, its saved queries, which of its figures count
/// people, and the words a board reads about it. Every output (text, JSON, CSV,
/// the board's figures, glossary and saved queries) loops over the registered
/// descriptions, so a family is described once, in its own file.
///
/// The words are definitions, not presentation: how a number is written (a
/// percentage, a `<5`) stays in Export.
public struct FamilyDescription: Sendable {
    /// The member of `metrics --format json` (`volumes`, `case_profile`, ...).
    public let member: String
    /// The heading of its section in `metrics` text, with the settings in force.
    public let title: @Sendable (MetricSettings) -> String
    /// Its saved queries (`metric-<name>`), in the order of the metric definitions.
    public let queries: [(name: String, summary: String, sql: String)]
    /// What each figure is to disclosure control, by its path in the member's JSON
    /// (the breakdown, joined by `.`, and the field); nil for the rule of a figure
    /// nobody has thought about (`FigureDisclosure.unclassified`).
    public let disclosure: @Sendable (_ breakdown: String?, _ field: String) -> FigureDisclosure?
    /// The additive relations a reader of the member's figures knows (parts and
    /// their total), given the member's JSON: without them a hidden count could be
    /// worked out by subtraction.
    public let relations: @Sendable (JSONValue) -> [FigureRelation]
    /// Glossary entries (term, meaning), with the settings in force.
    public let glossary: @Sendable (MetricSettings) -> [(term: String, meaning: String)]
    /// Whether the board outputs (dashboard, board pack) carry the family: a new
    /// family is in `metrics` first, and on the board once its page is designed.
    public let onBoard: Bool
    /// The kinds of panel whose board carries the family though `onBoard` is
    /// false: a family designed into one kind's layout (triage on a DRAMM's).
    public let boardKinds: Set<PanelKind>
    /// Figures of the member that `metrics` shows but the board leaves out, by path.
    public let boardLeavesOut: @Sendable ([String]) -> Bool

    public init(
        member: String,
        title: @escaping @Sendable (MetricSettings) -> String,
        queries: [(name: String, summary: String, sql: String)],
        disclosure: @escaping @Sendable (_ breakdown: String?, _ field: String) -> FigureDisclosure? = { _, _ in nil },
        relations: @escaping @Sendable (JSONValue) -> [FigureRelation] = { _ in [] },
        glossary: @escaping @Sendable (MetricSettings) -> [(term: String, meaning: String)] = { _ in [] },
        onBoard: Bool = false,
        boardKinds: Set<PanelKind> = [],
        boardLeavesOut: @escaping @Sendable ([String]) -> Bool = { _ in false }
    ) {
        self.member = member
        self.title = title
        self.queries = queries
        self.disclosure = disclosure
        self.relations = relations
        self.glossary = glossary
        self.onBoard = onBoard
        self.boardKinds = boardKinds
        self.boardLeavesOut = boardLeavesOut
    }

    /// Whether the board of a panel of this kind carries the family.
    public func isOnBoard(_ kind: PanelKind) -> Bool { onBoard || boardKinds.contains(kind) }

    /// The saved query of a family of one query.
    public static func query<F: MetricFamily>(_ family: F.Type) -> (name: String, summary: String, sql: String) {
        (F.name, F.summary, F.sql)
    }
}

/// What one figure is to disclosure control (metrics.md, "Small numbers"). Cells are
/// named without the period: the board names a cell once per period, so one count
/// shown in two tables is one cell.
public enum FigureDisclosure: Sendable {
    /// A count of people or cases: protected. Figures of any family naming the
    /// same cell are one count.
    case people(cell: String)
    /// A share, rate or median taken over these counts: hidden when any is.
    case derived(from: [String])
    /// The agencies' work (meetings, attendance, actions) or days: shown in full.
    case exact

    /// The cell a figure is named by when it has no other name: the member, its
    /// breakdown and its field.
    public static func cell(_ member: String, _ breakdown: String?, _ field: String) -> String {
        [member, breakdown, field].compactMap { $0 }.joined(separator: ".")
    }

    /// The rule for a figure its family says nothing of: a whole number is a count
    /// of people, a fraction derives from the cases discussed. A figure nobody has
    /// thought about is protected.
    public static func unclassified(_ member: String, _ breakdown: String?, _ field: String, isInteger: Bool) -> FigureDisclosure {
        isInteger ? .people(cell: cell(member, breakdown, field)) : .derived(from: ["cases_discussed"])
    }
}

/// An additive relation between counts, by cell name.
public enum FigureRelation: Sendable {
    /// `parts` add up to `whole`; `remainder` names what the parts leave out.
    case sum(parts: [String], whole: String, remainder: String)
    /// `sum(coefficient × count) = 0` (the cohort balance).
    case balance([(cell: String, coefficient: Int)])
}

/// A family as the report computes and registers it: its description, how its
/// figures are computed for a scope, and its member of the JSON.
public protocol ReportedFamily: SendableMetatype {
    associatedtype Figures: Sendable
    static var family: FamilyDescription { get }
    static func figures(_ db: Database, scope: MetricScope) throws -> Figures
    /// The figures in a report, where the families before it in `registry` are
    /// already computed: a family that shows another's figure takes it from
    /// there rather than working it out again. The same figures as
    /// `figures(_:scope:)`.
    static func figures(_ db: Database, scope: MetricScope, computed: [ReportMember]) throws -> Figures
    static func json(_ figures: Figures) -> JSONValue
}

extension ReportedFamily {
    public static func figures(_ db: Database, scope: MetricScope, computed: [ReportMember]) throws -> Figures {
        try figures(db, scope: scope)
    }
}

/// One member of a report: a registered family's figures and their JSON.
public struct ReportMember: Sendable {
    public let family: FamilyDescription
    public let figures: any Sendable
    public let json: JSONValue

    static func compute<F: ReportedFamily>(_ type: F.Type, _ db: Database, scope: MetricScope,
                                           computed: [ReportMember] = []) throws -> ReportMember {
        let figures = try F.figures(db, scope: scope, computed: computed)
        return ReportMember(family: F.family, figures: figures, json: F.json(figures))
    }
}
