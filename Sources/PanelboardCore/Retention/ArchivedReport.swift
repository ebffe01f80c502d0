import GRDB

extension MetricsReport {
    /// The report of an archived period, rebuilt from the archived document: every
    /// registered family read back (`ArchivedFamilies`), for the run's scope with
    /// the as-of date the figures were computed for ("overdue" was counted then,
    /// and cannot be counted again).
    init(scope: MetricScope, archived: FiguresArchive.Archived) throws {
        let document = ArchivedJSON(archived.figures, path: "")
        var scope = scope
        scope.asOf = try document["as_of"].day()
        self.init(scope: scope, members: try Self.registry.map { try ReportMember.archived($0, document) },
                  archivedOn: archived.archivedOn)
    }
}

extension ReportMember {
    static func archived<F: ReportedFamily>(_ type: F.Type, _ document: ArchivedJSON) throws -> ReportMember {
        let member = F.family.member
        guard var figures = try ArchivedFamilies.decode(member, document[member]) as? F.Figures else {
            throw RetentionError.archivedFigureUnreadable(field: member)
        }
        // The triage board's days are kept beside the figures, not in them.
        if var triage = figures as? Triage.Result, case .object? = document[FiguresArchive.triageWorkingDays].value {
            triage.receivedByWorkingDay = try document[FiguresArchive.triageWorkingDays].members().map { day, count in
                guard let d = Day(parsing: day) else { throw RetentionError.archivedFigureUnreadable(field: FiguresArchive.triageWorkingDays) }
                return (day: d, count: try count.int())
            }
            if let patched = triage as? F.Figures { figures = patched }
        }
        return ReportMember(family: F.family, figures: figures, json: F.json(figures))
    }
}

extension TrendFigures {
    /// A trend's quarter whose case-level data a purge disposed of: the trend's
    /// figures read back from the archived document, so that the board's trend
    /// reads the same after the purge as before it.
    init(scope: MetricScope, archived: FiguresArchive.Archived) throws {
        let json = ArchivedJSON(archived.figures, path: "")
        self.init(scope: scope, volumes: Cases(try ArchivedFamilies.volumes(json["volumes"])),
                  repeats: try ArchivedFamilies.repeats(json["repeats"]),
                  actions: ActionCounts(try ArchivedFamilies.actions(json["actions"]).total),
                  cohort: Flow(try ArchivedFamilies.cohort(json["cohort"])))
        archivedOn = archived.archivedOn
    }
}

extension FiguresArchive {
    /// Settings that say how figures are shown or judged (suppression, the
    /// expected ranges) or when cases go, not how they are counted: a board pack
    /// may show archived figures under this run's.
    static let presentationSettings: Set<String> = [
        "suppression_threshold", "repeat_rate_target_low", "repeat_rate_target_high", "cases_per_10k_target", "retention_years",
    ]

    /// The report as the board sees it: from the archive when its period is an
    /// archived quarter, else as computed.
    public static func report(_ store: Store, _ computed: MetricsReport) throws -> MetricsReport {
        guard let archived = try lookup(store, scope: computed.scope) else { return computed }
        return try rebuilt(store, scope: computed.scope, archived: archived)
    }

    /// The archived quarter's report for the scope, under this run's settings: the
    /// same as the archive's wherever a setting changes how figures are counted
    /// (they cannot be counted again), else refused.
    public static func rebuilt(_ store: Store, scope: MetricScope, archived: Archived) throws -> MetricsReport {
        let resolved = try store.queue.read { db in try scope.resolvingProfile(db) }
        if case let .object(now) = resolved.settingsJSON, case let .object(then)? = archived.figures["settings"] {
            func shown(_ value: JSONValue) -> String { JSONValue.plain(value).isEmpty ? "none" : JSONValue.plain(value) }
            for (name, value) in now where !presentationSettings.contains(name) {
                let was = then.first { $0.0 == name }?.1 ?? .null
                if was != value {
                    throw RetentionError.archivedSettingsDiffer(
                        panel: resolved.panel, period: resolved.period.label, archivedOn: archived.archivedOn,
                        setting: name, archived: shown(was), now: shown(value))
                }
            }
        }
        return try MetricsReport(scope: resolved, archived: archived)
    }

    /// The trend with each archived quarter's figures read from the archive.
    static func trend(_ store: Store, _ trend: [TrendFigures]) throws -> [TrendFigures] {
        try trend.map { t in
            guard let archived = try lookup(store, scope: t.scope) else { return t }
            return try TrendFigures(scope: t.scope, archived: archived)
        }
    }

    /// The table by area with each area's archived figures where the scope's
    /// period is an archived quarter (the archive keeps every area's); an area
    /// lookup is made only when some archived quarter overlaps the period.
    static func areas(_ store: Store, _ areas: [AreaFigures], of scope: MetricScope) throws -> [AreaFigures] {
        guard try archivedOn(store, panel: scope.panel, overlapping: scope.period) != nil else { return areas }
        return try areas.map { a in
            var s = scope
            s.area = a.area
            guard let archived = try lookup(store, scope: s) else { return a }
            return AreaFigures(area: a.area, try TrendFigures(scope: s, archived: archived))
        }
    }

    /// What the board outputs say of archived figures they show, with the periods
    /// that are archived; nil when none is.
    public static func notice(current: MetricsReport, previous: ComparedFigures, trend: [TrendFigures]) -> String? {
        let archived = [(current.scope.period, current.archivedOn), (previous.period, previous.archivedOn)]
            + trend.map { ($0.scope.period, $0.archivedOn) }
        var periods: [Period] = []
        var days: [String] = []
        for case let (period, on?) in archived {
            if !periods.contains(where: { $0.from == period.from && $0.to == period.to }) { periods.append(period) }
            if !days.contains(on) { days.append(on) }
        }
        guard !days.isEmpty else { return nil }
        return "figures archived on \(days.sorted().joined(separator: " and ")); case-level data disposed of. "
            + "\(periods.sorted { $0.from < $1.from }.map(\.label).joined(separator: ", ")): the figures computed before the purge, read from the archive"
            + (current.archivedOn != nil ? " (overdue actions as of \(current.scope.asOf.iso))" : "")
    }
}
