import Foundation
import GRDB
import Mustache

/// The board outputs: one self-contained HTML dashboard, and the same figures as a
/// pack of CSV files, both with small-number suppression unless asked otherwise.
public struct Dashboard {
    public let store: Store
    public let scope: MetricScope
    public var title: String?
    public var suppression: Suppression
    public var reports: URL

    public init(store: Store, scope: MetricScope, reports: URL, title: String? = nil, suppression: Suppression? = nil) {
        self.store = store
        self.scope = scope
        self.reports = reports
        self.title = title
        self.suppression = suppression ?? Suppression(threshold: scope.settings.suppressionThreshold)
    }

    /// The figures the dashboard shows: the period's and the previous period's in
    /// full, and the trend's for the periods before (`Period.trendPeriods`: of the
    /// report's own kind), and a MARAC's comparisons and areas
    /// (`DashboardFigures`), computed together (`ConcurrentScopes`).
    public func figures() throws -> DashboardFigures {
        // Earlier periods as the board saw them: "overdue" as of the day after each
        // ended (or the as-of date, if sooner), so their overdue counts compare.
        func asOfItsEnd(_ period: Period) -> MetricScope {
            var s = scope
            s.period = period
            s.asOf = min(scope.asOf, period.to.adding(days: 1))
            return s
        }
        let previous = asOfItsEnd(scope.period.previous)
        let trend = scope.period.trendPeriods.map { period in
            period.to >= scope.period.to ? scope : asOfItsEnd(period)
        }
        let compares = comparesAndSplitsByArea
        let yearAgo = compares ? asOfItsEnd(scope.period.sameLastYear) : nil
        let rolling = compares ? scope.period.rollingComparison.map { p -> MetricScope in
            var s = scope
            s.period = p
            return s
        } : nil
        let areas = compares && scope.area == nil
            ? try store.queue.read { db in try Self.areaNames(db, panel: scope.panel) }.map { area -> MetricScope in
                var s = scope
                s.area = area
                return s
            } : []
        // The previous period and the period itself are also two of the trend's
        // periods: each scope is computed once, in full when the
        // tiles need it, else only the families the trend shows.
        func key(_ s: MetricScope) -> String { "\(s.area ?? "") \(s.period.from.iso) \(s.period.to.iso) \(s.asOf.iso)" }
        var unique: [(scope: MetricScope, full: Bool)] = [(scope, true)]
        for s in [previous, yearAgo, rolling].compactMap({ $0 }) {
            if let i = unique.firstIndex(where: { key($0.scope) == key(s) }) { unique[i].full = true } else { unique.append((s, true)) }
        }
        for s in trend + areas where !unique.contains(where: { key($0.scope) == key(s) }) { unique.append((s, false)) }
        enum Figures: Sendable {
            case full(MetricsReport)
            case trend(TrendFigures)
        }
        let jobs = unique
        let results = try ConcurrentScopes.compute(store, count: jobs.count) { db, i in
            jobs[i].full ? Figures.full(try MetricsReport.compute(db, scope: jobs[i].scope))
                : Figures.trend(try TrendFigures.compute(db, scope: jobs[i].scope))
        }
        func computed(for s: MetricScope) -> Figures { results[jobs.firstIndex { key($0.scope) == key(s) }!] }
        func report(_ s: MetricScope) -> MetricsReport {
            guard case let .full(report) = computed(for: s) else { preconditionFailure("computed in full") }
            return report
        }
        let trendFigures = trend.map { s -> TrendFigures in
            switch computed(for: s) {
            case let .full(report): TrendFigures(report)
            case let .trend(figures): figures
            }
        }
        let areaFigures = areas.map { s -> TrendFigures in
            guard case let .trend(figures) = computed(for: s) else { preconditionFailure("an area is never a full report") }
            return figures
        }
        // A quarter a purge archived shows its archived figures, as before the purge.
        // A rolling year over an archived quarter cannot be counted again from what
        // the purge left: no comparison, and the tile says why.
        var rollingArchived: (label: String, archivedOn: String)?
        let rollingReport = try rolling.flatMap { s -> MetricsReport? in
            guard let on = try FiguresArchive.archivedOn(store, panel: s.panel, overlapping: s.period) else { return report(s) }
            rollingArchived = (s.period.label, on)
            return nil
        }
        return DashboardFigures(current: try FiguresArchive.report(store, report(scope)),
                                previous: try FiguresArchive.report(store, report(previous)),
                                trend: try FiguresArchive.trend(store, trendFigures),
                                yearAgo: try yearAgo.map { try FiguresArchive.report(store, report($0)) },
                                rolling: rollingReport, areas: try FiguresArchive.trend(store, areaFigures),
                                rollingArchived: rollingArchived)
    }

    public func model() throws -> DashboardModel {
        try model(figures())
    }

    /// The suppressed figures of the period, the previous period and the trend:
    /// what the dashboard and the CSV pack both show.
    public func boardFigures(_ figures: DashboardFigures) throws -> BoardFigures {
        try BoardFigures.build(figures, suppression: suppression)
    }

    /// The import log behind the figures: the latest imported file of each table,
    /// with its whole checksum.
    func sources() throws -> [BoardPack.Source] {
        try store.queue.read { db in
            try GRDB.Row.fetchAll(db, sql: """
                SELECT f.file, f.sha256, i.finished_at
                FROM import_files f JOIN imports i ON i.import_id = f.import_id
                WHERE i.status = 'imported'
                  AND f.import_id = (SELECT max(g.import_id) FROM import_files g
                                     JOIN imports j ON j.import_id = g.import_id
                                     WHERE g.table_name = f.table_name AND j.status = 'imported')
                ORDER BY f.import_id, f.table_name
                """).map { BoardPack.Source(file: $0["file"], sha256: $0["sha256"], importedAt: $0["finished_at"]) }
        }
    }

    func model(_ figures: DashboardFigures,
               board: BoardFigures? = nil, sources: [BoardPack.Source]? = nil) throws -> DashboardModel {
        let imports = try (sources ?? self.sources()).map {
            DashboardModel.ImportLine(file: $0.file, sha: String($0.sha256.prefix(12)), importedAt: $0.importedAt)
        }
        var model = DashboardModel.build(report: figures.current, previous: figures.previous, trend: figures.trend,
                                         figures: try board ?? boardFigures(figures), imports: imports, title: title,
                                         comparisons: figures)
        if let notice = FiguresArchive.notice(current: figures.current, previous: figures.previous, trend: figures.trend) {
            (model.archived, model.archiveNotice) = (true, notice)
        }
        return model
    }

    /// The dashboard as one HTML document, from `Reports/dashboard.mustache` (its
    /// charts drawn by `Reports/chart.mustache`) with `Reports/dashboard.css` inlined, and the figures it shows (for the CSV pack,
    /// so that both show the same cells, computed once).
    public func render() throws -> (html: String, pack: BoardPack) {
        let templateURL = reports.appendingPathComponent("dashboard.mustache")
        let cssURL = reports.appendingPathComponent("dashboard.css")
        let chartURL = reports.appendingPathComponent("chart.mustache")
        let triageURL = reports.appendingPathComponent("triage.mustache")
        let sectionURL = reports.appendingPathComponent("section.mustache")
        guard let template = try? String(contentsOf: templateURL, encoding: .utf8),
              let chart = try? String(contentsOf: chartURL, encoding: .utf8),
              let triage = try? String(contentsOf: triageURL, encoding: .utf8),
              let section = try? String(contentsOf: sectionURL, encoding: .utf8),
              let css = try? String(contentsOf: cssURL, encoding: .utf8) else {
            throw DashboardError.missingTemplates(reports.path)
        }
        var library = MustacheLibrary()
        try library.register(template, named: "dashboard")
        try library.register(chart, named: "chart")
        try library.register(triage, named: "triage")
        try library.register(section, named: "section")
        let figures = try QueryTimes.measure("dashboard: every period's figures") { try self.figures() }
        let board = try boardFigures(figures)
        let sources = try sources()
        let model = try model(figures, board: board, sources: sources)
        // The stylesheet is ours, not data: it goes in as written.
        let context: [String: Any] = ["model": model, "css": css]
        let rendered = QueryTimes.measure("dashboard: the template") { library.render(context, withTemplate: "dashboard") }
        guard let html = rendered else {
            throw DashboardError.missingTemplates(reports.path)
        }
        return (html, BoardPack(report: figures.current, figures: board, model: model, sources: sources))
    }

    public func html() throws -> String { try render().html }
}

public enum DashboardError: Error, CustomStringConvertible {
    case missingTemplates(String)

    public var description: String {
        switch self {
        case let .missingTemplates(path):
            "no dashboard templates in \(path) (dashboard.mustache, chart.mustache, triage.mustache, section.mustache and dashboard.css); set PANELBOARD_REPORTS to the Reports folder"
        }
    }
}
