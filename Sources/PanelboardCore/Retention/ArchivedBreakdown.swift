import GRDB

/// `metrics --by` and `--safelives` for an archived quarter, from what the archive
/// holds: each quarter's figures for the panel and for each of its areas. The
/// national return and the breakdowns by quarter and by agency are read from the
/// quarter's figures, by area from each area's; by month, day or weekday would
/// need case-level data, and are refused.
extension FiguresArchive {
    public static func nationalReturn(_ store: Store, scope: MetricScope, archived: Archived) throws -> NationalReturn {
        NationalReturn.from(try rebuilt(store, scope: scope, archived: archived))
    }

    public static func breakdown(_ store: Store, scope: MetricScope, by: String, archived: Archived) throws -> MetricsBreakdown {
        switch by {
        case "quarter":
            // One archived quarter is one row, labelled as the live breakdown labels it.
            let start = scope.period.from
            let financial = scope.period.label.hasPrefix("FY")
            let label = Period.quarterLabel(start, financial: financial,
                                            index: financial ? (start.month + 8) % 12 / 3 + 1 : (start.month - 1) / 3 + 1)
            return MetricsBreakdown(by: by, keys: [label], reports: [try rebuilt(store, scope: scope, archived: archived)],
                                    byAgency: false)
        case "agency":
            let report = try rebuilt(store, scope: scope, archived: archived)
            var agencies = report.referralSources.filter { $0.value.count > 0 }.map(\.code)
            for (agency, _) in report.actions.byAgency where !agencies.contains(agency) { agencies.append(agency) }
            for agency in report.meetings.attendance.keys.sorted() where !agencies.contains(agency) { agencies.append(agency) }
            return MetricsBreakdown(by: by, keys: agencies, reports: [report], byAgency: true)
        case "area":
            let rows = try store.queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT area, archived_on, figures FROM archived_figures
                    WHERE panel = :panel AND period_from = :from AND period_to = :to AND area <> ''
                      AND \(MetricSQL.inArea("area"))
                    ORDER BY area
                    """, arguments: ["panel": scope.panel, "from": scope.period.from.iso, "to": scope.period.to.iso,
                                     "area": scope.area])
            }
            let reports = try rows.map { row in
                var s = scope
                s.area = row["area"]
                return try rebuilt(store, scope: s, archived: Archived(archivedOn: row["archived_on"],
                                                                       figures: try JSONText.parse(row["figures"])))
            }
            return MetricsBreakdown(by: by, keys: rows.map { $0["area"] }, reports: reports, byAgency: false)
        default:
            throw RetentionError.needsCaseData(panel: scope.panel, period: scope.period.label, archivedOn: archived.archivedOn)
        }
    }
}
