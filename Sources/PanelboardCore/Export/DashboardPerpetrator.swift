/// A perpetrator panel's own sections (panels.md, "Perpetrator panels"): the cohort
/// flow as a chart (at the start, adopted by source, exited by reason, at the end),
/// harm after exit at 3, 6 and 12 months, exit reviews due and RFG scores, and
/// actions by type. Figures come from `BoardFigures`, suppressed as everywhere else.
extension DashboardModel {
    struct PerpetratorSections {
        var cohortFlowChart: Chart
        var adoptedRows: [Row]
        var harmRows: [Row]
        var outcomeRows: [Row]
        var actionTypeRows: [Row]
        var cohortTrendChart: Chart
        var cohortTrendRows: [Row]
    }

    static func perpetratorSections(_ report: MetricsReport, _ trend: [TrendFigures], _ figures: BoardFigures) -> PerpetratorSections {
        func show(_ f: BoardFigure, _ format: (Double) -> String = { grouped(Int($0)) }) -> String { figures.shown(f, format) }
        func fig(_ field: String, _ breakdown: String? = nil, family: String = "perpetrator") -> BoardFigure {
            figures.figure(family, field, breakdown)
        }
        func cell(_ text: String, _ numeric: Bool = true) -> Cell { Cell(text: text, numeric: numeric) }
        func pct(_ d: Double) -> String { String(format: "%.0f%%", d * 100) }
        let p = report.perpetrator

        // The flow, top to bottom as a person moves through it. Sources and reasons
        // with nobody are left out of the chart (their zeros are in the tables).
        var flow: [(label: String, figure: BoardFigure, text: String)] = []
        func bar(_ label: String, _ f: BoardFigure) { flow.append((label, f, show(f))) }
        bar("On the cohort at the start", fig("at_start", family: "cohort"))
        for source in AdoptedBySource.sources where (p.adoptedBySource[source] ?? 0) > 0 {
            bar("Adopted: \(displayName(source).lowercasedFirstUnlessAcronym)", fig(source, "adopted_by_source"))
        }
        for reason in Vocabulary.exitReason.values where (report.cohort.exitsByReason[reason] ?? 0) > 0 {
            bar("Exited: \(displayName(reason).lowercasedFirstUnlessAcronym)", fig(reason, "exits_by_reason", family: "cohort"))
        }
        bar("On the cohort at the end", fig("at_end", family: "cohort"))
        let chart = barChart(flow, label: "Cohort flow: people on the cohort at the start, adopted by source, exited by reason, and on it at the end",
                             axisTitle: "People", suppression: figures.suppression)

        let adoptedRows = AdoptedBySource.sources.map { source in
            Row(cells: [cell(displayName(source), false), cell(show(fig(source, "adopted_by_source")))])
        }
        let harmRows = HarmAfterExit.horizons.map { months -> Row in
            let breakdown = "harm_after_exit.\(HarmAfterExit.label(months)).all"
            return Row(cells: [cell("\(months) months", false)]
                + ["exits", "harm", "pending", "no_harm"].map { cell(show(fig($0, breakdown))) })
        }
        let outcomeRows = [
            Row(cells: [cell("Due the exit review on \(report.scope.asOf.iso) (no harm for \(report.scope.settings.exitReviewMonths) months)", false),
                        cell(show(fig("exit_review_due")))]),
            Row(cells: [cell("Incidents after exit with no MARAC referral", false), cell(show(fig("post_exit_incidents_without_marac")))]),
            Row(cells: [cell("Exits with both RFG scores", false), cell(show(fig("rfg_exits_scored")))]),
            Row(cells: [cell("Median RFG at adoption", false), cell(show(fig("rfg_at_adoption_median")) { String(format: "%.1f", $0) })]),
            Row(cells: [cell("Median change in RFG at exit", false), cell(show(fig("rfg_change_median")) { String(format: "%.1f", $0) })]),
        ]
        // Actions are the agencies' work: shown exactly.
        let actionTypeRows = ActionsByType.types.compactMap { type -> Row? in
            guard let c = p.actionsByType[type], c.agreed + c.due > 0 else { return nil }
            return Row(cells: [cell(displayName(type), false), cell(grouped(c.agreed)), cell(grouped(c.due)),
                               cell(grouped(c.completedOnTime)), cell(c.onTimeRate.map(pct) ?? "not recorded")])
        }
        // The flow over the trend's periods: the cohort at each end as columns,
        // every part in the table.
        let trendFields = ["at_start", "adopted", "exited", "at_end"]
        let cohortTrendRows = trend.map { t in
            Row(cells: [cell(t.scope.period.label, false)]
                + trendFields.map { cell(show(fig("cohort_\($0)", t.scope.period.label, family: "trend"))) })
        }
        let cohortTrendChart = trendCasesChart(trend.map { t in
            let f = fig("cohort_at_end", t.scope.period.label, family: "trend")
            return (t.scope.period, f, show(f))
        }, title: "On the cohort at the end", suppression: figures.suppression)
        return PerpetratorSections(cohortFlowChart: chart, adoptedRows: adoptedRows, harmRows: harmRows,
                                   outcomeRows: outcomeRows, actionTypeRows: actionTypeRows,
                                   cohortTrendChart: cohortTrendChart, cohortTrendRows: cohortTrendRows)
    }
}
