/// Builds `BoardFigures`: which figures are protected counts, which derive from
/// them, which are shown exactly (metrics.md: meetings, attendance, actions,
/// populations, days), and the relations the outputs show between them.
extension BoardFigures {
    /// Whether a figure is a protected count (and which cell it is), derives from
    /// protected counts, or is always shown exactly.
    enum Kind {
        case count(String)
        case derived([String])
        case exact
    }

    /// The figures of the period's report, of the previous period (the tiles'
    /// changes) and of the trend's quarters, suppressed together: a figure in two
    /// tables is one cell, and a relation across tables (quarters adding up to a
    /// year, the cohort's end last quarter being its start this quarter) is known.
    public static func build(report: MetricsReport, previous: ComparedFigures? = nil, trend: [TrendFigures] = [],
                             yearAgo: ComparedFigures? = nil, rolling: ComparedFigures? = nil, areas: [AreaFigures] = [],
                             suppression: Suppression) throws -> BoardFigures {
        var builder = Builder()
        builder.addReport(report)
        if let previous { builder.addPrevious(previous, current: report) }
        builder.addTrend(trend)
        if report.scope.settings.panelKind(panel: report.scope.panel) == .perpetrator { builder.addCohortTrend(trend) }
        if report.scope.settings.panelKind(panel: report.scope.panel) == .triage { builder.addTriageDays(report) }
        if let yearAgo { builder.addCompared(yearAgo, family: "year_ago") }
        if let rolling { builder.addCompared(rolling, family: "rolling") }
        builder.addAreas(areas, total: report)
        builder.addPeriodSums(report.scope.period, trend)
        if let previous { builder.addPeriodSums(previous.period, trend) }
        for compared in [yearAgo, rolling].compactMap({ $0 }) { builder.addPeriodSums(compared.period, trend) }

        let suppression = try suppression.validated()
        let cellStatus = suppression.enabled
            ? try CellSuppression(threshold: suppression.threshold).statuses(builder.table)
            : builder.table.cells.map { _ in CellStatus.shown }
        func status(_ id: String) -> CellStatus { cellStatus[builder.table.position(of: id)!] }
        let figures = builder.pending.map { p -> BoardFigure in
            let s: CellStatus
            switch p.kind {
            case let .count(id): s = status(id)
            case let .derived(inputs): s = p.value == nil ? .unknown : inputs.allSatisfy { status($0) == .shown } ? .shown : .secondary
            case .exact: s = p.value == nil ? .unknown : .shown
            }
            var isCount = false
            if case .count = p.kind { isCount = true }
            return BoardFigure(family: p.family, field: p.field, breakdown: p.breakdown, value: p.value,
                               isCount: isCount, status: s, inReport: p.inReport)
        }
        var index: [String: Int] = [:]
        for (i, f) in figures.enumerated() { index[key(f.family, f.field, f.breakdown)] = i }
        return BoardFigures(suppression: suppression, figures: figures, index: index)
    }

    /// The cell names of a period's counts: one per figure, whatever table shows it.
    static func cell(_ period: Period, _ name: String) -> String { "\(period.from.iso)..\(period.to.iso) \(name)" }

    /// What a figure of `metrics --format json` is: as its family describes it,
    /// its cells named for the period.
    static func kind(_ family: FamilyDescription, breakdown: String?, field: String, period: Period, isInteger: Bool) -> Kind {
        let described = family.disclosure(breakdown, field)
            ?? FigureDisclosure.unclassified(family.member, breakdown, field, isInteger: isInteger)
        switch described {
        case let .people(name): return .count(cell(period, name))
        case let .derived(names): return .derived(names.map { cell(period, $0) })
        case .exact: return .exact
        }
    }

    struct Pending {
        let family: String, field: String, breakdown: String?
        let value: Double?
        let kind: Kind
        let inReport: Bool
    }

    struct Builder {
        var table = DisclosureTable()
        var pending: [Pending] = []

        mutating func add(_ family: String, _ field: String, _ breakdown: String?, _ value: Double?, _ kind: Kind, inReport: Bool) {
            if case let .count(id) = kind {
                table.cell(id, Int(value ?? 0))
            }
            pending.append(Pending(family: family, field: field, breakdown: breakdown, value: value, kind: kind, inReport: inReport))
        }

        mutating func addReport(_ report: MetricsReport) {
            let period = report.scope.period
            // The count the national return and the partner share show.
            let police = report.referralSources["police"]?.count ?? 0
            table.cell(cell(period, "partner_agency_referrals"), report.volumes.casesDiscussed - police)
            let panelKind = report.scope.settings.panelKind(panel: report.scope.panel)
            for member in report.members where member.family.isOnBoard(panelKind) {
                let family = member.family
                func walk(_ v: JSONValue, _ path: [String]) {
                    if case let .object(children) = v {
                        for (k, child) in children { walk(child, path + [k]) }
                        return
                    }
                    let field = path.last ?? ""
                    let breakdown = path.count > 1 ? path.dropLast().joined(separator: ".") : nil
                    if family.boardLeavesOut(path) { return }
                    let (number, isInteger): (Double?, Bool) = switch v {
                    case let .int(n): (Double(n), true)
                    case let .double(d): (d, false)
                    default: (nil, false)
                    }
                    add(family.member, field, breakdown, number,
                        kind(family, breakdown: breakdown, field: field, period: period, isInteger: isInteger),
                        inReport: true)
                }
                walk(member.json, [])
            }
            add("volumes", "partner_agency_referrals", nil, Double(report.volumes.casesDiscussed - police),
                .count(cell(period, "partner_agency_referrals")), inReport: false)
            addRelations(report)
        }

        /// The additive relations a reader of the outputs knows, as each family on
        /// the board describes them.
        mutating func addRelations(_ report: MetricsReport) {
            let period = report.scope.period
            func c(_ name: String) -> Int {
                guard let position = table.position(of: cell(period, name)) else {
                    preconditionFailure("a relation names \(name), which no figure on the board counts")
                }
                return position
            }
            let panelKind = report.scope.settings.panelKind(panel: report.scope.panel)
            for member in report.members where member.family.isOnBoard(panelKind) {
                for relation in member.family.relations(member.json) {
                    switch relation {
                    case let .sum(parts, whole, remainder):
                        table.sum(parts.map(c), equals: c(whole), remainder: cell(period, remainder))
                    case let .balance(terms):
                        table.relate(terms.map { .init(cell: c($0.cell), coefficient: $0.coefficient) })
                    }
                }
            }
        }

        /// What the tiles compare with: shown only as a change, but a change and
        /// the figure now give the figure then.
        mutating func addPrevious(_ previous: ComparedFigures, current: MetricsReport) {
            let p = previous.period
            let label = p.label
            let police = previous.policeReferrals
            let cases = cell(p, "cases_discussed")
            add("previous", "cases_discussed", label, Double(previous.casesDiscussed), .count(cases), inReport: false)
            add("previous", "repeat_cases", label, Double(previous.repeatCases), .count(cell(p, "repeat_cases")), inReport: false)
            add("previous", "repeat_rate", label, previous.repeatRate, .derived([cases, cell(p, "repeat_cases")]), inReport: false)
            add("previous", "police_referrals", label, Double(police), .count(cell(p, "referral_sources.police")), inReport: false)
            add("previous", "police_share", label, previous.policeShare,
                .derived([cases, cell(p, "referral_sources.police")]), inReport: false)
            add("previous", "cases_per_10k_adult_females_annualised", label,
                previous.casesPer10kAdultFemalesAnnualised, .derived([cases]), inReport: false)
            add("previous", "cohort_at_end", label, Double(previous.cohortAtEnd), .count(cell(p, "cohort.at_end")), inReport: false)
            add("previous", "on_time_rate", label, previous.onTimeRate, .exact, inReport: false)
            add("previous", "overdue_as_of", label, Double(previous.overdueAsOf), .exact, inReport: false)
            // Who was on the cohort at the end of one period is who was on it at the
            // start of the next.
            if p.to.adding(days: 1) == current.scope.period.from {
                table.relate([.init(cell: table.position(of: cell(p, "cohort.at_end"))!, coefficient: 1),
                              .init(cell: table.position(of: cell(current.scope.period, "cohort.at_start"))!, coefficient: -1)])
            }
        }

        mutating func addTrend(_ trend: [TrendFigures]) {
            for t in trend {
                let p = t.scope.period
                let label = p.label
                let cases = cell(p, "cases_discussed")
                add("trend", "referrals_received", label, Double(t.volumes.referralsReceived), .count(cell(p, "referrals_received")), inReport: false)
                add("trend", "cases_discussed", label, Double(t.volumes.casesDiscussed), .count(cases), inReport: false)
                add("trend", "repeat_cases", label, Double(t.repeats.repeatCases), .count(cell(p, "repeat_cases")), inReport: false)
                add("trend", "repeat_rate", label, t.repeats.repeatRate, .derived([cases, cell(p, "repeat_cases")]), inReport: false)
                add("trend", "on_time_rate", label, t.actions.onTimeRate, .exact, inReport: false)
            }
        }

        /// A perpetrator panel's cohort flow over the trend: each period's start,
        /// adopted, exited and end are the cells its own cohort figures are (the
        /// period and the previous one are trend periods too), bound by the
        /// cohort's balance, and one period's end is the next one's start.
        mutating func addCohortTrend(_ trend: [TrendFigures]) {
            for t in trend {
                let p = t.scope.period
                for (field, value) in [("at_start", t.cohort.atStart), ("adopted", t.cohort.adopted), ("exited", t.cohort.exited),
                                       ("at_end", t.cohort.atEnd)] {
                    add("trend", "cohort_\(field)", p.label, Double(value), .count(cell(p, "cohort.\(field)")), inReport: false)
                }
                func c(_ name: String) -> Int { table.position(of: cell(p, name))! }
                table.relate([.init(cell: c("cohort.at_start"), coefficient: 1), .init(cell: c("cohort.adopted"), coefficient: 1),
                              .init(cell: c("cohort.exited"), coefficient: -1), .init(cell: c("cohort.at_end"), coefficient: -1)])
            }
            for (a, b) in zip(trend, trend.dropFirst()) where a.scope.period.to.adding(days: 1) == b.scope.period.from {
                table.relate([.init(cell: table.position(of: cell(a.scope.period, "cohort.at_end"))!, coefficient: 1),
                              .init(cell: table.position(of: cell(b.scope.period, "cohort.at_start"))!, coefficient: -1)])
            }
        }

        /// Where the trend's periods exactly make up a longer period shown too (a
        /// year and its four quarters), its counts are their sums. The dashboard's
        /// trend is of the report's own kind, so this holds only for callers that
        /// pass a finer trend; a period is never the sum of itself alone.
        mutating func addPeriodSums(_ period: Period, _ trend: [TrendFigures]) {
            let inside = trend.map(\.scope.period).filter { $0.from >= period.from && $0.to <= period.to }
                .sorted { $0.from < $1.from }
            guard inside.count > 1, let first = inside.first, let last = inside.last, first.from == period.from, last.to == period.to,
                  zip(inside, inside.dropFirst()).allSatisfy({ $0.to.adding(days: 1) == $1.from }) else { return }
            for name in ["referrals_received", "cases_discussed", "repeat_cases"] {
                guard let total = table.position(of: cell(period, name)) else { continue }
                table.sum(inside.map { table.position(of: cell($0, name))! }, equals: total, remainder: cell(period, "\(name) unlisted"))
            }
        }
    }
}
