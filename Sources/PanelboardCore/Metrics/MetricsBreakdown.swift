import GRDB

/// The headline figures broken down by area, quarter, month or day (a full report
/// for each), by weekday (the days' figures added up per day of the week), or by
/// agency (what each agency referred, and how it did with its actions and at
/// meetings).
public struct MetricsBreakdown: Sendable {
    public let by: String
    public let keys: [String]
    public let reports: [MetricsReport]
    /// One report, and `keys` its agencies, rather than one report per key.
    let byAgency: Bool
    /// By weekday: `keys` and `reports` are the period's days, summed per weekday.
    public var weekdays: [WeekdayFigures]? = nil

    public static func compute(_ store: Store, scope: MetricScope, by: String) throws -> MetricsBreakdown {
        switch by {
        case "quarter", "month":
            var periods: [Period] = []
            var start = scope.period.from
            while start <= scope.period.to {
                let next: Day
                if by == "month" {
                    next = Day(year: start.year, month: start.month, day: 1)!.addingMonths(1)
                } else {
                    let q = Day(year: start.year, month: (start.month - 1) / 3 * 3 + 1, day: 1)!
                    next = q.addingMonths(3)
                }
                let end = min(next.adding(days: -1), scope.period.to)
                let financial = scope.period.label.hasPrefix("FY")
                let label = by == "month" ? String(start.iso.prefix(7))
                    : Period.quarterLabel(start, financial: financial,
                                          index: financial ? (start.month + 8) % 12 / 3 + 1 : (start.month - 1) / 3 + 1)
                periods.append(try Period(from: start, to: end, label: label))
                start = next
            }
            let reports = try MetricsReport.compute(store, scopes: periods.map { period in
                var s = scope
                s.period = period
                return s
            })
            return MetricsBreakdown(by: by, keys: periods.map(\.label), reports: reports, byAgency: false)
        case "day", "weekday":
            // A report per day, as for a month or quarter: a daily triage meeting's
            // figures are its days'. By weekday they are then added up, so a
            // weekday's figures are exactly the sum of its days'.
            let days = (scope.period.from.ordinal...scope.period.to.ordinal).map { Day(ordinal: $0) }
            let scopes = try days.map { day in
                var s = scope
                s.period = try Period(from: day, to: day, label: day.iso)
                return s
            }
            if by == "weekday" {
                // Only the families a weekday adds up: a day's full report costs
                // about as much as a quarter's.
                let figures = try ConcurrentScopes.compute(store, count: scopes.count) { db, i in
                    try WeekdayFigures.Day(db, scope: scopes[i])
                }
                var breakdown = MetricsBreakdown(by: by, keys: days.map(\.iso), reports: [], byAgency: false)
                breakdown.weekdays = WeekdayFigures.summing(figures)
                return breakdown
            }
            let reports = try MetricsReport.compute(store, scopes: scopes)
            return MetricsBreakdown(by: by, keys: days.map(\.iso), reports: reports, byAgency: false)
        case "area":
            let areas = try store.queue.read { db in
                try String.fetchAll(db, sql: """
                    SELECT DISTINCT area FROM referrals
                    WHERE panel = :panel AND \(MetricSQL.inArea("area"))
                    ORDER BY area
                    """, arguments: ["panel": scope.panel, "area": scope.area])
            }
            let reports = try MetricsReport.compute(store, scopes: areas.map { area in
                var s = scope
                s.area = area
                return s
            })
            return MetricsBreakdown(by: by, keys: areas, reports: reports, byAgency: false)
        default:
            let report = try MetricsReport.compute(store, scope: scope)
            var agencies = report.referralSources.filter { $0.value.count > 0 }.map(\.code)
            for (agency, _) in report.actions.byAgency where !agencies.contains(agency) { agencies.append(agency) }
            for agency in report.meetings.attendance.keys.sorted() where !agencies.contains(agency) { agencies.append(agency) }
            return MetricsBreakdown(by: by, keys: agencies, reports: [report], byAgency: true)
        }
    }
}
