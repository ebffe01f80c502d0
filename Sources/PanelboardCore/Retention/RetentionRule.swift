import GRDB

/// A panel's retention rule and whose ref makes a case, as its profile says
/// (panels.csv: `retention_years`, `person`, `kind`), unless a `--settings` file
/// or `--retention-years` overrides the rule for one run (panels.md).
public struct RetentionRule: Sendable, Equatable {
    public let panel: String
    /// nil: keep (no rule).
    public let years: Int?
    /// `victim_ref` or `perpetrator_ref`.
    public let personColumn: String

    public static func of(_ panel: String, in db: Database, settings: MetricSettings) throws -> RetentionRule {
        let profile = try db.tableExists("panels")
            ? try Row.fetchOne(db, sql: "SELECT retention_years, person, kind FROM panels WHERE panel = ?", arguments: [panel])
            : nil
        let person: String
        if let stated: String = profile?["person"] {
            person = stated == "perpetrator" ? "perpetrator_ref" : "victim_ref"
        } else if let kind: String = profile?["kind"] {
            person = kind == "perpetrator" ? "perpetrator_ref" : "victim_ref"
        } else {
            person = settings.personColumn(panel: panel)
        }
        return RetentionRule(panel: panel, years: settings.retentionYears ?? profile?["retention_years"], personColumn: person)
    }

    public static func of(_ panel: String, in store: Store, settings: MetricSettings) throws -> RetentionRule {
        try store.queue.read { db in try of(panel, in: db, settings: settings) }
    }

    /// The day before which a case's latest activity makes it due, counted back
    /// from `today`.
    public func cutOff(today: Day) -> Day? {
        years.map { today.addingMonths(-12 * $0) }
    }
}
