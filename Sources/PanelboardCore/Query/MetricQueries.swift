import GRDB

/// The metric families' own SQL as saved queries (`metric-volumes`, ...), so an
/// analyst runs exactly what the board sees:
///
///     panelboard query --saved metric-repeats --param panel=MARAC --param from=2024-01-01 --param to=2024-03-31
///
/// Parameters not given take the defaults of `panelboard metrics`: every area, as
/// of today, the default settings, and the person column the panel is keyed by.
public enum MetricQueries {
    public static let prefix = "metric-"

    /// Every named query: the families, then the row-level definition of repeats
    /// and the coordinators' lists.
    public static var all: [(name: String, summary: String, sql: String)] {
        MetricsReport.families.map { (prefix + $0.name.replacingOccurrences(of: "_", with: "-"), $0.summary, $0.sql) } + [
            (prefix + "repeat-cases", "Each case discussed with its computed repeat answer (is_repeat) and recorded flag.", Repeats.casesSQL),
            (prefix + "chase-list", "Open actions past their due date as of :as_of, by agency, oldest first.", ChaseList.sql),
            (prefix + "cohort-members", "Cohort members as of :as_of with their latest sign of harm and exit-review date.", CohortList.sql),
            (prefix + "post-exit-harm", "Exits with an incident after exit and no MARAC referral since, as of :as_of.", PostExitHarmList.sql),
            (prefix + "mappa-conflict-list", "Cohort members as of :as_of whose latest referral says they are managed under MAPPA.", MappaConflictList.sql),
            (prefix + "meeting-gap-list", "Per area, consecutive meetings further apart than :meeting_every_days (in :day_count), the later in the period; status open: no meeting since, to the period end or :as_of; late_start: none before the period, the first late in it.", MeetingLists.gapsSQL),
            (prefix + "meeting-clash-list", "Meeting days in the period on the same day and area as a meeting of :not_same_day_as.", MeetingLists.clashesSQL),
        ]
    }

    public static func named(_ name: String) -> (name: String, summary: String, sql: String)? {
        all.first { $0.name == name }
    }

    /// The scope's parameter names: given to a metric query that does not use
    /// them, they are ignored rather than refused.
    public static let scopeParameters: Set<String> = [
        "panel", "area", "from", "to", "as_of", "days", "agency", "person", "repeat_window_months",
        "agenda_days_before", "minutes_days_after", "late_referral_days", "exit_review_months", "exit_review_only",
        "kind", "day_count", "holidays", "repeat_panels", "meeting_every_days", "not_same_day_as", "quorum",
        "escalation_days", "retention_years",
    ]

    /// Values for the parameters the analyst did not give: the panel's own
    /// (panels.csv) when `store` has a row for it, else the defaults.
    public static func defaults(given: [String: String], store: Store? = nil) throws -> [String: DatabaseValue] {
        var settings = MetricSettings()
        let asOf = given["as_of"].flatMap(Day.init(parsing:)) ?? .today()
        var out: [String: DatabaseValueConvertible?] = [
            "area": nil, "as_of": asOf.iso, "agency": nil, "exit_review_only": 0,
        ]
        if let panel = given["panel"] {
            let profile = try store?.queue.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM panels WHERE panel = ?", arguments: [panel.uppercased()])
            }
            settings = settings.resolved(panel: panel, profile: profile)
            let scope = MetricScope(panel: panel, period: try Period(from: asOf, to: asOf), asOf: asOf, settings: settings)
            for (key, value) in scope.parameters where !["panel", "from", "to", "days", "as_of", "area"].contains(key) {
                out[key] = value
            }
        } else {
            out["repeat_window_months"] = settings.repeatWindowMonths
            out["agenda_days_before"] = settings.agendaDaysBefore
            out["minutes_days_after"] = settings.minutesDaysAfter
            out["late_referral_days"] = settings.lateReferralDays
            out["exit_review_months"] = settings.exitReviewMonths
            out["day_count"] = settings.dayCount.rawValue
            out["holidays"] = settings.holidays.rawValue
            out["escalation_days"] = settings.escalationDays
        }
        if let from = given["from"].flatMap(Day.init(parsing:)), let to = given["to"].flatMap(Day.init(parsing:)) {
            out["days"] = to.ordinal - from.ordinal + 1
        }
        return out.mapValues { $0?.databaseValue ?? .null }
    }
}
