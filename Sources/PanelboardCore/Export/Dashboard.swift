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
        let areas = compares && scope.area == nil ? try store.queue.read { db in try Self.areaNames(db, panel: scope.panel) } : []
        // The previous period and the period itself are also two of the trend's
        // periods, and a quarter's year before is another: each scope is computed
        // once, the period itself in full, a period a tile compares with as the
        // trend's families and the referral sources (`ComparedFigures`), else only
        // the families the trend shows.
        func key(_ s: MetricScope) -> String { "\(s.area ?? "") \(s.period.from.iso) \(s.period.to.iso) \(s.asOf.iso)" }
        var unique: [(scope: MetricScope, kind: Job)] = [(scope, .full)]
        func need(_ s: MetricScope, _ kind: Job) {
            if let i = unique.firstIndex(where: { key($0.scope) == key(s) }) {
                unique[i].kind = max(unique[i].kind, kind)
            } else {
                unique.append((s, kind))
            }
        }
        need(previous, .compared)
        if let yearAgo { need(yearAgo, .compared) }
        for s in trend { need(s, .trend) }
        // The rolling 12 months add up the trend's quarters where they make the
        // year exactly (a quarter's report: its last four); only the figures that
        // do not add up are counted for the year itself.
        let rollingQuarters = rolling.map { r in trend.filter { $0.period.from >= r.period.from && $0.period.to <= r.period.to } }
            .flatMap { ComparedFigures.tiles(rolling!.period, $0.map(\.period)) ? $0 : nil }
        if let rolling, rollingQuarters == nil { need(rolling, .compared) }
        enum Figures: Sendable {
            case part(scope: MetricScope, members: [(Int, ReportMember)])
            case volumes([TrendFigures.Cases])
            case actions([TrendFigures.ActionCounts])
            case cohort([TrendFigures.Flow])
            case repeats(MetricScope, Repeats.Result)
            case police(CountShare?)
            case areas([AreaFigures])
            case yearly(ComparedFigures)
        }
        // The period itself in full, in two parts: the agencies' actions and
        // the triage board (about half of a national quarter's time), and the
        // rest. Every other period's volumes, actions and cohort flow in one
        // query each, grouped by period (`TrendSQL`: a scope per period ran the
        // families in full, seven times); its repeats, and a compared period's
        // referral sources, on their own. Then the table by area, every area at
        // once (`AreaFigures`), and the rolling year's own figures. Each is a job
        // of its own, so the connections share them out.
        let whole = scope
        let periods = unique.dropFirst().map(\.scope)
        let comparedPeriods = unique.dropFirst().filter { $0.kind == .compared }.map(\.scope)
        let registry = MetricsReport.registry.map { $0.family.member }
        let actionsAndTriage = registry.indices.filter { [Actions.name, Perpetrator.family.member, Triage.name].contains(registry[$0]) }
        let rest = registry.indices.filter { !actionsAndTriage.contains($0) }
        var work: [@Sendable (Database) throws -> Figures] = [actionsAndTriage, rest].map { part in { db in
            let (s, members) = try MetricsReport.part(db, scope: whole, families: part)
            return .part(scope: s, members: members)
        } }
        if !periods.isEmpty {
            work.append { db in .actions(try TrendSQL.actions(db, scopes: periods)) }
            work.append { db in .volumes(try TrendSQL.volumes(db, scopes: periods)) }
            work.append { db in .cohort(try TrendSQL.cohort(db, scopes: periods)) }
        }
        work += periods.map { s in { db in
            let s = try s.resolvingProfile(db)
            return .repeats(s, try Repeats.compute(db, scope: s))
        } }
        work += comparedPeriods.map { s in { db in .police(try ReferralSources.compute(db, scope: s)["police"]) } }
        if !areas.isEmpty { work.append { db in .areas(try AreaFigures.compute(db, scope: whole, areas: areas)) } }
        if rollingQuarters != nil { work.append { db in .yearly(try ComparedFigures.yearly(db, scope: rolling!)) } }
        let jobs = work
        let results = try ConcurrentScopes.compute(store, count: jobs.count) { db, i in try jobs[i](db) }

        var parts: [(scope: MetricScope, members: [(Int, ReportMember)])] = []
        var volumes: [TrendFigures.Cases] = []
        var actions: [TrendFigures.ActionCounts] = []
        var cohort: [TrendFigures.Flow] = []
        var own: [(MetricScope, Repeats.Result)] = []
        var police: [CountShare?] = []
        var areaFigures: [AreaFigures] = []
        var yearly: ComparedFigures?
        for result in results {
            switch result {
            case let .part(s, members): parts.append((s, members))
            case let .volumes(v): volumes = v
            case let .actions(a): actions = a
            case let .cohort(c): cohort = c
            case let .repeats(s, repeats): own.append((s, repeats))
            case let .police(p): police.append(p)
            case let .areas(figures): areaFigures = figures
            case let .yearly(figures): yearly = figures
            }
        }
        let report = MetricsReport.assembled(parts)
        func trendFigures(_ s: MetricScope) -> TrendFigures {
            if key(s) == key(whole) { return TrendFigures(report) }
            let i = periods.firstIndex { key($0) == key(s) }!
            return TrendFigures(scope: own[i].0, volumes: volumes[i], repeats: own[i].1, actions: actions[i], cohort: cohort[i])
        }
        func compared(_ s: MetricScope) -> ComparedFigures {
            if key(s) == key(whole) { return ComparedFigures(report) }
            guard let i = comparedPeriods.firstIndex(where: { key($0) == key(s) }) else { preconditionFailure("computed for a comparison") }
            return ComparedFigures(trendFigures(s), police: police[i])
        }
        // A quarter a purge archived shows its archived figures, as before the purge.
        // A rolling year over an archived quarter cannot be counted again from what
        // the purge left: no comparison, and the tile says why.
        var rollingArchived: (label: String, archivedOn: String)?
        let rollingFigures = try rolling.flatMap { s -> ComparedFigures? in
            if let on = try FiguresArchive.archivedOn(store, panel: s.panel, overlapping: s.period) {
                rollingArchived = (s.period.label, on)
                return nil
            }
            guard let quarters = rollingQuarters, let yearly else { return compared(s) }
            return yearly.adding(quarters.map(trendFigures), overdueAsOf: report.actions.total.overdueAsOf)
        }
        // A period compared with as the archive holds it, when a purge archived it.
        func comparedAsShown(_ s: MetricScope) throws -> ComparedFigures {
            guard let archived = try FiguresArchive.lookup(store, scope: s) else { return compared(s) }
            return ComparedFigures(try FiguresArchive.rebuilt(store, scope: s, archived: archived))
        }
        let yearAgoFigures = try yearAgo.map(comparedAsShown)
        return DashboardFigures(current: try FiguresArchive.report(store, report),
                                previous: try comparedAsShown(previous),
                                trend: try FiguresArchive.trend(store, trend.map(trendFigures)),
                                yearAgo: yearAgoFigures, rolling: rollingFigures,
                                areas: try FiguresArchive.areas(store, areaFigures, of: scope),
                                rollingArchived: rollingArchived)
    }

    /// How much of a scope the dashboard computes: the trend's families, with
    /// the referral sources a comparison needs, or every family.
    private enum Job: Int, Comparable, Sendable {
        case trend, compared, full
        static func < (a: Job, b: Job) -> Bool { a.rawValue < b.rawValue }
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
