import GRDB

/// The panels and areas a store holds, so that a typo (`--area Nowhere`, a panel the
/// store has never seen) is an error that lists the right names, not a board pack of
/// zeros with a green "none overdue".
public struct KnownScopes: Sendable {
    /// Panel codes with referrals, meetings or cohort memberships.
    public let panels: [String]

    /// Each panel is found with one index seek per panel (the next code after the
    /// last one found), not a read of every referral.
    static let panelsSQL = """
        WITH RECURSIVE codes(panel) AS (
            SELECT min(panel) FROM referrals
            UNION ALL
            SELECT (SELECT min(r.panel) FROM referrals r WHERE r.panel > c.panel) FROM codes c WHERE c.panel IS NOT NULL
        )
        SELECT panel FROM codes WHERE panel IS NOT NULL
        UNION SELECT panel FROM meetings
        UNION SELECT panel FROM cohort
        ORDER BY 1
        """

    /// The areas a panel has referrals, meetings or cohort memberships in, the area
    /// groups of areas.csv they belong to, and the areas areas.csv lists.
    static let areasSQL = """
        WITH RECURSIVE names(area) AS (
            SELECT min(area) FROM referrals WHERE panel = :panel
            UNION ALL
            SELECT (SELECT min(r.area) FROM referrals r WHERE r.panel = :panel AND r.area > n.area) FROM names n WHERE n.area IS NOT NULL
        ),
        used(area) AS (
            SELECT area FROM names WHERE area IS NOT NULL
            UNION SELECT area FROM meetings WHERE panel = :panel
            UNION SELECT area FROM cohort WHERE panel = :panel
        )
        SELECT area FROM used
        UNION SELECT area FROM areas
        UNION SELECT area_group FROM areas WHERE area_group IS NOT NULL
        ORDER BY 1
        """

    public static func read(_ store: Store) throws -> KnownScopes {
        try store.queue.read { db in KnownScopes(panels: try String.fetchAll(db, sql: panelsSQL)) }
    }

    public static func areas(of panel: String, in store: Store) throws -> [String] {
        try store.queue.read { db in try String.fetchAll(db, sql: areasSQL, arguments: ["panel": panel.uppercased()]) }
    }

    /// Throws when the scope names a panel or area the store does not hold.
    public static func check(panel: String, area: String?, in store: Store) throws {
        let panels = try read(store).panels
        let code = panel.uppercased()
        guard panels.contains(code) else { throw ScopeError.unknownPanel(code, known: panels) }
        if let area {
            let areas = try Self.areas(of: code, in: store)
            guard areas.contains(area) else { throw ScopeError.unknownArea(area, panel: code, known: areas) }
        }
    }

    public static func check(_ scope: MetricScope, in store: Store) throws {
        try check(panel: scope.panel, area: scope.area, in: store)
    }
}

public enum ScopeError: Error, Sendable, CustomStringConvertible {
    case unknownPanel(String, known: [String])
    case unknownArea(String, panel: String, known: [String])

    public var description: String {
        switch self {
        case let .unknownPanel(panel, known):
            known.isEmpty
                ? "the store holds no panel yet (no referrals, meetings or cohort): import a bundle first"
                : "the store holds no panel \(panel); it holds \(known.joined(separator: ", "))"
        case let .unknownArea(area, panel, known):
            "\(panel) has no area or area group '\(area)'; it has \(Self.list(known))"
        }
    }

    /// Up to 30 names, then how many more.
    private static func list(_ names: [String]) -> String {
        names.count <= 30 ? names.joined(separator: ", ")
            : names.prefix(30).joined(separator: ", ") + " and \(names.count - 30) more (panelboard query \"SELECT DISTINCT area FROM referrals\")"
    }
}
