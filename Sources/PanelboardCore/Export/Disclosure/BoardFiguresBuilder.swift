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
    public static func build(report: MetricsReport, previous: MetricsReport? = nil, trend: [TrendFigures] = [],
                             suppression: Suppression) throws -> BoardFigures {
        var builder = Builder()
        builder.addReport(report)
        if let previous { builder.addPrevious(previous, current: report) }
        builder.addTrend(trend)
        builder.addPeriodSums(report.scope.period, trend)
        if let previous { builder.addPeriodSums(previous.scope.period, trend) }

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

    /// What a figure of `metrics --format json` is.
    static func kind(family: String, breakdown: String?, field: String, period: Period, isInteger: Bool) -> Kind {
        func c(_ name: String) -> String { cell(period, name) }
        let cases = c("cases_discussed")
        switch (family, field) {
        case ("volumes", "meetings_held"), ("actions", _), ("cohort", "median_days_on_cohort_at_exit"):
            return .exact
        case ("meetings", "late_referrals"):
            // Cases, not meetings: referrals heard under a week after they were made.
            return .count(c("meetings.late_referrals"))
        case ("meetings", _):
            return .exact
        case ("volumes", "cases_per_meeting"), ("volumes", "cases_per_10k_adult_females_annualised"):
            return .derived([cases])
        case ("volumes", "partner_agency_share"):
            return .derived([cases, c("partner_agency_referrals")])
        case ("volumes", _), ("repeats", "cases_discussed"):
            return .count(c(field))
        case ("repeats", "repeat_rate"):
            return .derived([cases, c("repeat_cases")])
        case ("repeats", _):
            return .count(c(field))
        case ("referral_sources", "share"), ("referral_reasons", "share"), ("demographics", "share"):
            return .derived([cases, c("\(family).\(breakdown ?? "")")])
        case ("referral_sources", "count"), ("referral_reasons", "count"), ("demographics", "count"):
            return .count(c("\(family).\(breakdown ?? "")"))
        case ("cohort", _):
            return .count(c([family, breakdown, field].compactMap { $0 }.joined(separator: ".")))
        case ("perpetrator", _) where breakdown?.hasPrefix("actions_by_type") == true:
            // The agencies' work, like the actions family: exact.
            return .exact
        case ("perpetrator", "rfg_at_adoption_median"), ("perpetrator", "rfg_change_median"):
            // A median of one or two people's scores is their score: hidden with
            // the count of people it is taken over.
            return .derived([c("perpetrator.rfg_exits_scored")])
        case ("perpetrator", _):
            // Everything else in the family counts people (adoptions, exits, members).
            return .count(c([family, breakdown, field].compactMap { $0 }.joined(separator: ".")))
        default:
            // A figure added to a family later is protected until someone says
            // otherwise.
            let name = [family, breakdown, field].compactMap { $0 }.joined(separator: ".")
            return isInteger ? .count(c(name)) : .derived([cases])
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
            guard case let .object(members) = report.json else { return }
            // The count the national return and the partner share show.
            let police = report.referralSources["police"]?.count ?? 0
            table.cell(cell(period, "partner_agency_referrals"), report.volumes.casesDiscussed - police)
            for (family, value) in members {
                guard case .object = value, family != "settings", family != "settings_sources" else { continue }
                func walk(_ v: JSONValue, _ path: [String]) {
                    if case let .object(children) = v {
                        for (k, child) in children { walk(child, path + [k]) }
                        return
                    }
                    let field = path.last ?? ""
                    let breakdown = path.count > 1 ? path.dropLast().joined(separator: ".") : nil
                    if family == "perpetrator" && Self.boardLeavesOut(path) { return }
                    let (number, isInteger): (Double?, Bool) = switch v {
                    case let .int(n): (Double(n), true)
                    case let .double(d): (d, false)
                    default: (nil, false)
                    }
                    add(family, field, breakdown, number,
                        kind(family: family, breakdown: breakdown, field: field, period: period, isInteger: isInteger),
                        inReport: true)
                }
                walk(value, [])
            }
            add("volumes", "partner_agency_referrals", nil, Double(report.volumes.casesDiscussed - police),
                .count(cell(period, "partner_agency_referrals")), inReport: false)
            addRelations(report)
        }

        /// The additive relations a reader of the outputs knows.
        mutating func addRelations(_ report: MetricsReport) {
            let period = report.scope.period
            func c(_ name: String) -> Int { table.position(of: cell(period, name))! }
            let cases = c("cases_discussed")
            for family in ["referral_sources", "referral_reasons"] {
                let codes = family == "referral_sources" ? report.referralSources.map(\.code) : report.referralReasons.map(\.code)
                table.sum(codes.map { c("\(family).\($0)") }, equals: cases, remainder: cell(period, "\(family) unlisted"))
            }
            table.sum(["female", "male", "gender_other", "gender_unknown"].map { c("demographics.\($0)") }, equals: cases,
                      remainder: cell(period, "demographics.gender unlisted"))
            table.sum([c("referral_sources.police"), c("partner_agency_referrals")], equals: cases,
                      remainder: cell(period, "partner unlisted"))
            table.relate([.init(cell: c("cohort.at_start"), coefficient: 1), .init(cell: c("cohort.adopted"), coefficient: 1),
                          .init(cell: c("cohort.exited"), coefficient: -1), .init(cell: c("cohort.at_end"), coefficient: -1)])
            table.sum(Vocabulary.exitReason.values.map { c("cohort.exits_by_reason.\($0)") }, equals: c("cohort.exited"),
                      remainder: cell(period, "cohort.exits_by_reason unlisted"))
            addPerpetratorRelations(period)
        }

        /// The perpetrator family's sums (docs/metrics.md): adoptions by source make
        /// up the cohort's adopted; at each horizon the exits of every reason are
        /// harm + pending + no_harm, the reasons make up `all`, and `all` exits are
        /// the cohort's exited.
        mutating func addPerpetratorRelations(_ period: Period) {
            func c(_ name: String) -> Int { table.position(of: cell(period, name))! }
            table.sum(AdoptedBySource.sources.map { c("perpetrator.adopted_by_source.\($0)") }, equals: c("cohort.adopted"),
                      remainder: cell(period, "perpetrator.adopted_by_source unlisted"))
            let outcomes = ["harm", "pending", "no_harm"]
            for months in HarmAfterExit.horizons {
                let horizon = "perpetrator.harm_after_exit.\(HarmAfterExit.label(months))"
                table.sum(outcomes.map { c("\(horizon).all.\($0)") }, equals: c("\(horizon).all.exits"),
                          remainder: cell(period, "\(horizon).all unlisted"))
                table.relate([.init(cell: c("\(horizon).all.exits"), coefficient: 1), .init(cell: c("cohort.exited"), coefficient: -1)])
            }
        }

        /// Harm after exit goes to the board for all exits together, not by exit
        /// reason: the grid of 3 horizons by 7 reasons is mostly small counts, and
        /// protecting them all forced the cohort flow itself (started, adopted,
        /// exited, ended) to be hidden at panel level. `metrics` has the grid for
        /// analysts; the perpetrator panel's own board page (the board-pack issue)
        /// decides how to show it.
        static func boardLeavesOut(_ path: [String]) -> Bool {
            path.count == 4 && path[0] == "harm_after_exit" && path[2] != "all"
        }

        /// What the tiles compare with: shown only as a change, but a change and
        /// the figure now give the figure then.
        mutating func addPrevious(_ previous: MetricsReport, current: MetricsReport) {
            let p = previous.scope.period
            let label = p.label
            let police = previous.referralSources["police"]?.count ?? 0
            let cases = cell(p, "cases_discussed")
            add("previous", "cases_discussed", label, Double(previous.volumes.casesDiscussed), .count(cases), inReport: false)
            add("previous", "repeat_cases", label, Double(previous.repeats.repeatCases), .count(cell(p, "repeat_cases")), inReport: false)
            add("previous", "repeat_rate", label, previous.repeats.repeatRate, .derived([cases, cell(p, "repeat_cases")]), inReport: false)
            add("previous", "police_referrals", label, Double(police), .count(cell(p, "referral_sources.police")), inReport: false)
            add("previous", "police_share", label, previous.referralSources["police"]?.share,
                .derived([cases, cell(p, "referral_sources.police")]), inReport: false)
            add("previous", "cases_per_10k_adult_females_annualised", label,
                previous.volumes.casesPer10kAdultFemalesAnnualised, .derived([cases]), inReport: false)
            add("previous", "cohort_at_end", label, Double(previous.cohort.atEnd), .count(cell(p, "cohort.at_end")), inReport: false)
            add("previous", "on_time_rate", label, previous.actions.total.onTimeRate, .exact, inReport: false)
            add("previous", "overdue_as_of", label, Double(previous.actions.total.overdueAsOf), .exact, inReport: false)
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
                add("trend", "on_time_rate", label, t.actions.total.onTimeRate, .exact, inReport: false)
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
