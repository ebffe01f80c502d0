import Foundation

/// Everything the dashboard template shows, worked out in Swift: figures as text
/// (each as `BoardFigures` says: shown, `<5`, `[c]` or "not recorded"), chart
/// geometry as numbers, the
/// change on the previous period, statuses against targets. The template only lays
/// it out, and escapes every value.
public struct DashboardModel {
    public struct Tile {
        public let title: String
        public let value: String
        public let detail: String
        public let change: String
        public let status: String      // "ok", "warn", "none"
        public let statusText: String
        /// A MARAC's change on the same period a year before, and its value over
        /// the rolling 12 months (`DashboardMaracComparisons.swift`).
        public var yearAgo: String = ""
        public var rolling: String = ""
    }

    /// A period of the trend: its figures as shown, and the number its column is
    /// drawn to (0 when the count is hidden: a hidden count is drawn as a mark of
    /// fixed size, `ChartMark.hiddenSize`, whatever it is).
    public struct Column {
        public let label: String
        public let value: String
        public let rate: String
        public let height: Int
    }

    /// A table row: its first cell, when it names the row, is the row's header.
    public struct Row {
        public let cells: [Cell]

        public init(cells: [Cell]) {
            self.cells = cells.enumerated().map { i, c in
                Cell(text: c.text, numeric: c.numeric, header: i == 0 && !c.numeric)
            }
        }
    }

    public struct Cell {
        public let text: String
        public let numeric: Bool
        public let header: Bool

        public init(text: String, numeric: Bool, header: Bool = false) {
            self.text = text
            self.numeric = numeric
            self.header = header
        }
    }

    public struct Definition {
        public let term: String
        public let meaning: String
    }

    public struct ImportLine {
        public let file: String
        public let sha: String
        public let importedAt: String
    }

    // Header
    public var title: String
    public var panel: String
    public var area: String
    public var periodLabel: String
    public var periodDates: String
    public var asOf: String
    public var generatedAt: String
    public var toolVersion: String
    public var imports: [ImportLine]
    public var suppressed: Bool
    /// The protective marking (setting `protective_marking`), on the page and in
    /// the running header of every printed page.
    public var protectiveMarking: String
    /// The printed pages' running header and footer (`@page` margin boxes): the
    /// panel, area, period, suppression status and marking, and page numbers. CSS
    /// text, every character but letters, digits and spaces escaped.
    public var printHeaderCSS: String
    public var suppressionNote: String
    /// The symbols' meanings, on every dashboard.
    public var key: [Definition]
    /// The suppression rule in one line, or the unsuppressed notice.
    public var footerNote: String
    public var isPerpetratorPanel: Bool
    /// The period holds no referrals, cases, meetings, actions or cohort movement:
    /// said in large type, above figures that are all zero or unknown.
    public var noData: Bool
    public var noDataText: String

    public var tiles: [Tile]
    // Trends
    public var trendHeading: String
    public var trendColumns: [Column]
    public var trendCasesChart: Chart
    public var trendRateChart: Chart
    public var trendRows: [Row]
    // Sources and reasons
    public var sourcesChart: Chart
    public var sourceRows: [Row]
    public var reasonRows: [Row]
    // Actions
    public var actionsChart: Chart
    public var actionRows: [Row]
    public var actionTotals: [Row]
    // Cohort
    public var cohortRows: [Row]
    public var exitRows: [Row]
    // Perpetrator panels (`DashboardPerpetrator.swift`)
    public var cohortFlowChart: Chart
    public var adoptedRows: [Row]
    public var harmRows: [Row]
    public var outcomeRows: [Row]
    public var actionTypeRows: [Row]
    public var cohortTrendChart: Chart
    public var cohortTrendRows: [Row]
    // Triage panels (`DashboardTriage.swift`)
    public var isTriagePanel: Bool
    public var triageDayChart: Chart
    public var triageWeekdayChart: Chart
    public var triageDayRows: [Row]
    public var triageUnit: String
    public var triageDayCaption: String
    public var triageDayColumns: [String]
    public var triageWeekdayRows: [Row]
    public var reasonRiskColumns: [String]
    public var reasonRiskRows: [Row]
    public var escalationRows: [Row]
    public var quoracyRows: [Row]
    public var coreAttendanceRows: [Row]
    /// A triage panel's case profile (`DashboardCaseProfile.swift`): a list, for
    /// the template's section partial; empty on other panels.
    public var triageCaseProfile: [Section] = []
    // Meetings
    public var meetingRows: [Row]
    public var attendanceRows: [Row]
    // Demographics and the national return
    public var demographicRows: [Row]
    public var nationalRows: [Row]
    public var nationalReference: String
    // Data quality
    public var qualityRows: [Row]
    // Glossary
    public var glossary: [Definition]
    public var settingsRows: [Row]
    /// Figures read from the archive a purge left (`FiguresArchive.notice`):
    /// said under the provenance, as in about.csv and the Notes sheet.
    public var archived = false
    public var archiveNotice = ""
    // A MARAC's own sections (`DashboardMarac.swift`)
    public var isMaracPanel = false
    public var maracSections: [Section] = []
    /// The national return's column of published national figures.
    public var nationalColumn = "National (\(NationalReturn.publishedPeriod))"
}

extension DashboardModel {
    /// Builds the model from the current period's report, the previous period's,
    /// the trailing quarters' figures (oldest first, the current one last), the
    /// suppressed figures of all three (`BoardFigures`), and the import log; for a
    /// MARAC, `comparisons` carries the year before, the rolling 12 months and the
    /// areas its tiles and sections show (`DashboardMarac.swift`).
    public static func build(
        report: MetricsReport, previous: ComparedFigures, trend: [TrendFigures], figures: BoardFigures,
        imports: [ImportLine], title: String?, generatedAt: Date = Date(), comparisons: DashboardFigures? = nil
    ) -> DashboardModel {
        let scope = report.scope
        let settings = scope.settings
        let suppression = figures.suppression
        func pct(_ d: Double) -> String { String(format: "%.0f%%", d * 100) }
        func pct1(_ d: Double) -> String { String(format: "%.1f%%", d * 100) }
        func num(_ d: Double) -> String { String(format: "%.1f", d) }
        func whole(_ d: Double) -> String { grouped(Int(d)) }
        /// A figure as the page shows it: the number, `<5`, `[c]`, or "not recorded".
        func show(_ f: BoardFigure, _ format: (Double) -> String = whole) -> String { figures.shown(f, format) }
        func fig(_ family: String, _ field: String, _ breakdown: String? = nil) -> BoardFigure {
            figures.figure(family, field, breakdown)
        }
        /// Figures shown exactly (meetings, attendance, actions, days).
        func exact(_ n: Int) -> String { grouped(n) }
        func exact(_ d: Double?, _ format: (Double) -> String) -> String { d.map(format) ?? "not recorded" }
        func cell(_ t: String, _ numeric: Bool = true) -> Cell { Cell(text: t, numeric: numeric) }
        func label(_ code: String) -> String { displayName(code) }
        let previousLabel = previous.period.label
        let hasData = Self.hasData(report), previousHasData = previous.hasData
        let noComparison = hasData && !previousHasData ? "no comparison: no data in \(previousLabel)" : "no comparison"
        func before(_ field: String) -> BoardFigure { fig("previous", field, previousLabel) }

        /// A change is shown only when both figures are: with one of them, it
        /// would give the other away. Against a period with no data it is no
        /// comparison at all ("+1151 on FY2021Q4" would read as growth).
        func change(_ now: BoardFigure, _ then: BoardFigure, points: Bool = false, suffix: String = "") -> String {
            guard hasData, previousHasData else { return noComparison }
            guard now.status == .shown, then.status == .shown else {
                return now.status == .unknown || then.status == .unknown ? "no comparison" : "change hidden (small numbers)"
            }
            guard let a = now.value, let b = then.value else { return "no comparison" }
            if points {
                let d = (a - b) * 100
                return String(format: "%@%.1f points on %@", d > 0 ? "+" : "", d, previousLabel)
            }
            if now.isCount {
                let d = Int(a) - Int(b)
                return "\(d > 0 ? "+" : "")\(grouped(d)) on \(previousLabel)\(suffix)"
            }
            return String(format: "%@%.1f on %@", a - b > 0 ? "+" : "", a - b, previousLabel)
        }

        // Tiles
        let a = report.actions.total
        let kind = settings.panelKind(panel: scope.panel)
        // The MARAC benchmarks (repeat range, population rate) are for risk
        // conferences on victims: not a triage meeting's, not a perpetrator panel's.
        let victimPanel = settings.personColumn(panel: scope.panel) == "victim_ref" && kind != .triage
        let repeatRate = fig("repeats", "repeat_rate")
        // The expected ranges are SafeLives guidance for victim panels (MARACs).
        let repeatStatus: (String, String) = {
            guard victimPanel else { return ("none", "") }
            guard hasData else { return ("none", "no data") }
            guard repeatRate.status == .shown, let rate = repeatRate.value else { return ("none", "no status") }
            if rate < settings.repeatRateTargetLow { return ("warn", "below the expected range") }
            if rate > settings.repeatRateTargetHigh { return ("warn", "above the expected range") }
            return ("ok", "within the expected range")
        }()
        let per10k = fig("volumes", "cases_per_10k_adult_females_annualised")
        let per10kStatus: (String, String) = {
            guard victimPanel else { return ("none", "") }
            guard hasData else { return ("none", "no data") }
            guard per10k.status == .shown, let value = per10k.value else {
                return ("none", per10k.status == .unknown ? "no population figures" : "no status")
            }
            return value < settings.casesPer10kTarget
                ? ("warn", "below the recommended \(Int(settings.casesPer10kTarget))")
                : ("ok", "at or above the recommended \(Int(settings.casesPer10kTarget))")
        }()
        let policeShare = fig("referral_sources", "share", "police")
        // "None overdue" is good news only where the panel has actions to be late:
        // byAgency lists every agency with an action agreed, due, completed or open.
        let overdueStatus: (String, String) = a.overdueAsOf > 0 ? ("warn", "to chase")
            : report.actions.byAgency.isEmpty ? ("none", "no actions recorded") : ("ok", "none overdue")
        var tiles = [
            Tile(title: "Cases discussed", value: show(fig("volumes", "cases_discussed")),
                 detail: "\(show(fig("volumes", "referrals_received"))) referrals received; \(exact(report.volumes.meetingsHeld)) meetings",
                 change: change(fig("volumes", "cases_discussed"), before("cases_discussed")), status: "none", statusText: ""),
            Tile(title: "Repeat rate",
                 value: show(repeatRate) { Self.agreeing($0, bounds: [settings.repeatRateTargetLow, settings.repeatRateTargetHigh], scale: 100) + "%" },
                 detail: "\(show(fig("repeats", "repeat_cases"))) repeat cases" + (victimPanel ? "; expected \(Int(settings.repeatRateTargetLow * 100))–\(Int(settings.repeatRateTargetHigh * 100))%" : ""),
                 change: change(repeatRate, before("repeat_rate"), points: true),
                 status: repeatStatus.0, statusText: repeatStatus.1),
            Tile(title: "Police share of referrals", value: show(policeShare, pct),
                 detail: "partner agencies \(show(fig("volumes", "partner_agency_share"), pct))",
                 change: change(policeShare, before("police_share"), points: true),
                 status: "none", statusText: ""),
            Tile(title: "Cases per 10,000 adult women",
                 value: show(per10k) { Self.agreeing($0, bounds: [settings.casesPer10kTarget], decimals: 1) },
                 detail: "a year, at this period's rate",
                 change: change(per10k, before("cases_per_10k_adult_females_annualised")),
                 status: per10kStatus.0, statusText: per10kStatus.1),
            Tile(title: "Actions completed on time", value: exact(a.onTimeRate, pct),
                 detail: "\(exact(a.completedOnTime)) of \(exact(a.due)) due",
                 change: change(fig("actions", "on_time_rate"), before("on_time_rate"), points: true),
                 status: "none", statusText: ""),
            Tile(title: "Overdue actions", value: exact(a.overdueAsOf), detail: "open and past due on \(scope.asOf.iso)",
                 change: {
                     let now = fig("actions", "overdue_as_of"), then = before("overdue_as_of")
                     guard hasData, previousHasData else { return noComparison }
                     guard let x = now.value, let y = then.value else { return "no comparison" }
                     let d = Int(x) - Int(y)
                     return "\(d > 0 ? "+" : "")\(grouped(d)) on \(previousLabel), as of its end"
                 }(), status: overdueStatus.0, statusText: overdueStatus.1),
        ]
        // A MARAC's children (issue 16: what boards compare against), as the national
        // return counts them, and the cases they are in; the share is hidden with
        // either count. No change on the period before: its children are not a
        // figure of the one model, so the tile says so as the others do.
        if kind == .marac {
            let children = fig("volumes", "children_in_households"), cases = fig("volumes", "cases_discussed")
            let withChildren = fig("case_profile", "with_children", "children_linked")
            let share: String = {
                guard withChildren.status == .shown, cases.status == .shown, let n = withChildren.value, let total = cases.value else {
                    return withChildren.status == .unknown || cases.status == .unknown ? "" : " ([c])"
                }
                return total == 0 ? "" : " (\(pct(n / total)))"
            }()
            let at = tiles.firstIndex { $0.title == "Actions completed on time" } ?? tiles.count
            tiles.insert(Tile(title: "Children in households", value: show(children),
                              detail: "in \(show(withChildren)) of the cases discussed\(share)",
                              change: hasData && previousHasData ? "no comparison" : noComparison, status: "none", statusText: ""),
                         at: at)
        }
        // A perpetrator panel has no population rate (a MARAC benchmark).
        if settings.personColumn(panel: scope.panel) == "perpetrator_ref" || kind == .triage {
            tiles.removeAll { $0.title == "Cases per 10,000 adult women" }
        }
        let c = report.cohort
        if settings.personColumn(panel: scope.panel) == "perpetrator_ref" || c.atStart + c.adopted + c.atEnd > 0 {
            let atEnd = fig("cohort", "at_end")
            tiles.append(Tile(title: "Cohort in and out",
                              value: "\(show(fig("cohort", "adopted"))) in, \(show(fig("cohort", "exited"))) out",
                              detail: "\(show(atEnd)) on the cohort at the end",
                              change: change(atEnd, before("cohort_at_end")), status: "none", statusText: ""))
        }

        // Trend: cases discussed as columns, the repeat rate in its own panel
        // against its band (SafeLives guidance: victim panels only).
        let trendCases = trend.map { t in
            let f = fig("trend", "cases_discussed", t.scope.period.label)
            return (period: t.scope.period, figure: f, text: show(f))
        }
        let trendRates = trend.map { t in
            let f = fig("trend", "repeat_rate", t.scope.period.label)
            // "not recorded" would not fit under a column: the table below says it.
            return (period: t.scope.period, figure: f, text: f.status == .unknown ? "–" : show(f, pct))
        }
        let columns = zip(trendCases, trendRates).map { c, r in
            Column(label: c.period.label, value: c.text, rate: r.text,
                   height: c.figure.status == .shown ? Int(c.figure.value ?? 0) : 0)
        }
        let trendCasesChart = Self.trendCasesChart(trendCases, suppression: suppression)
        let trendRateChart = Self.trendRateChart(trendRates,
                                                 band: victimPanel ? settings.repeatRateTargetLow...settings.repeatRateTargetHigh : nil)
        let trendRows = trend.map { t -> Row in
            let label = t.scope.period.label
            return Row(cells: [cell(label, false), cell(show(fig("trend", "referrals_received", label))),
                               cell(show(fig("trend", "cases_discussed", label))), cell(show(fig("trend", "repeat_cases", label))),
                               cell(show(fig("trend", "repeat_rate", label), pct)), cell(exact(t.actions.onTimeRate, pct))])
        }

        // Referral sources: bars and a table.
        let sources = report.referralSources.filter { $0.value.count > 0 || Agency.codes.contains($0.code) }
        let sourcesChart = Self.barChart(sources.filter { $0.value.count > 0 }.map { source in
            let count = fig("referral_sources", "count", source.code), share = fig("referral_sources", "share", source.code)
            return (label: label(source.code), figure: count,
                    text: show(count) + (share.status == .shown ? " (\(show(share, pct)))" : ""))
        }, label: "Cases discussed by referring agency", axisTitle: "Cases discussed", suppression: figures.suppression)
        func countShareRows(_ family: String, _ codes: [String], _ format: @escaping (Double) -> String = pct) -> [Row] {
            codes.map { code in
                Row(cells: [cell(label(code), false), cell(show(fig(family, "count", code))),
                            cell(show(fig(family, "share", code), format))])
            }
        }
        let sourceRows = countShareRows("referral_sources", sources.map(\.code))
        let reasonRows = countShareRows("referral_reasons", report.referralReasons.map(\.code))

        // Actions by agency: shown exactly (metrics.md: the agencies' work, not people).
        var actionRows: [Row] = []
        var charted: [(label: String, counts: Actions.Counts)] = []
        func actionCells(_ counts: Actions.Counts) -> [Cell] {
            [counts.due, counts.completedOnTime, counts.completedLate, counts.notCompleted, counts.openOverdue, counts.openNotYetDue]
                .map { cell(exact($0)) }
                + [cell(exact(counts.onTimeRate, pct)), cell(exact(counts.medianDaysToComplete, num))]
        }
        for (agency, counts) in report.actions.byAgency where counts.due + counts.overdueAsOf + counts.agreed > 0 {
            if counts.due > 0 { charted.append((label(agency), counts)) }
            actionRows.append(Row(cells: [cell(label(agency), false)] + actionCells(counts)))
        }
        let actionTotals = [Row(cells: [cell("All agencies", false)] + actionCells(a))]

        // Cohort
        let cohortRows = [
            Row(cells: [cell("On the cohort at the start", false), cell(show(fig("cohort", "at_start")))]),
            Row(cells: [cell("Adopted", false), cell(show(fig("cohort", "adopted")))]),
            Row(cells: [cell("Exited", false), cell(show(fig("cohort", "exited")))]),
            Row(cells: [cell("On the cohort at the end", false), cell(show(fig("cohort", "at_end")))]),
            Row(cells: [cell("Median days on the cohort at exit", false), cell(exact(c.medianDaysOnCohortAtExit, num))]),
            Row(cells: [cell("Re-referred within 12 months of exit", false), cell(show(fig("cohort", "re_referred_within_12_months_of_exit")))]),
        ]
        let exitRows = Vocabulary.exitReason.values.map { reason in
            Row(cells: [cell(label(reason), false), cell(show(fig("cohort", reason, "exits_by_reason")))])
        }

        // Meetings and attendance: shown exactly; late referrals are cases.
        let m = report.meetings
        let meetingRows = [
            Row(cells: [cell("Meetings held", false), cell(exact(m.held)), cell("", false)]),
            Row(cells: [cell("Agenda sent \(settings.agendaDaysBefore)+ \(settings.dayUnit) before", false), cell(exact(m.agendaOnTime)), cell("\(grouped(m.agendaUnknown)) not recorded", false)]),
            Row(cells: [cell("Minutes sent within \(settings.minutesDaysAfter) \(settings.dayUnit)", false), cell(exact(m.minutesOnTime)), cell("\(grouped(m.minutesUnknown)) not recorded", false)]),
            Row(cells: [cell("Late referrals (under \(settings.lateReferralDays) \(settings.dayUnit) before the meeting)", false), cell(show(fig("meetings", "late_referrals"))), cell("", false)]),
        ]
        let attendanceRows = m.attendance.keys.sorted().map { agency -> Row in
            let t = m.attendance[agency]!
            return Row(cells: [cell(label(agency), false)] + [t.rows, t.attended, t.deputy, t.writtenUpdate, t.apologies, t.absent].map { cell(exact($0)) }
                + [cell(exact(t.attendanceRate, pct))])
        }

        let demographicRows = countShareRows("demographics", report.demographics.map(\.code), pct1)

        // The national return: the same figures, under the return's own names.
        let nationalRows = NationalReturn.from(report).lines.map { line -> Row in
            let (count, share) = nationalFigures(line.key, fig)
            // The published figures are a MARAC's: beside a DRAMM's rows they would mislead.
            let national = nationalFigure(line.key)
            return Row(cells: [cell(line.label, false), cell(show(count, line.key == "cases_per_10k_adult_females" ? num : whole)),
                               cell(share.map { show($0, pct1) } ?? "")]
                + (settings.panelKind(panel: scope.panel) == .marac ? [cell(national)] : []))
        }

        // Data quality
        let qualityRows = [
            Row(cells: [cell("Recorded repeat flags that disagree with the computed answer", false), cell(show(fig("repeats", "recorded_flag_disagrees")))]),
            Row(cells: [cell("Open actions with no due date", false), cell(exact(a.noDueDate))]),
            Row(cells: [cell("Cases discussed with no children count", false), cell(show(fig("volumes", "children_unknown")))]),
            Row(cells: [cell("Meetings with no agenda date recorded", false), cell(exact(m.agendaUnknown))]),
            Row(cells: [cell("Meetings with no minutes date recorded", false), cell(exact(m.minutesUnknown))]),
        ]

        let perpetratorPanel = settings.panelKind(panel: scope.panel) == .perpetrator
        // A perpetrator panel is not measured against the MARAC benchmarks.
        // The repeat rate's national figures and range are a MARAC's benchmark.
        let glossary = Glossary.terms(settings: settings, kind: kind).map { term, meaning in
            Definition(term: term, meaning: kind != .marac && term == "Repeat rate" ? "Repeat cases as a share of cases discussed." : meaning)
        }
            .filter { kind == .marac || $0.term != "Cases per 10,000 adult women" }
        let settingsRows = Self.settingsRows(scope, suppression: suppression)
            .filter { kind == .marac || $0.0 != "Expected repeat rate" }
            .map { Row(cells: [cell($0.0, false), cell($0.1, false)]) }

        let perpetrator = Self.perpetratorSections(report, trend, figures)
        let triage = Self.triageSections(report, figures)
        if kind == .triage { tiles.insert(contentsOf: triage.tiles, at: min(1, tiles.count)) }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var model = DashboardModel(
            title: title ?? "\(scope.panel) \(scope.period.quarterIndex != nil ? "quarterly " : scope.period.from == scope.period.to.addingMonths(-12).adding(days: 1) ? "annual " : "")figures",
            panel: scope.panel, area: scope.area ?? "All areas", periodLabel: scope.period.label,
            periodDates: "\(scope.period.from.iso) to \(scope.period.to.iso)", asOf: scope.asOf.iso,
            generatedAt: formatter.string(from: generatedAt) + " UTC", toolVersion: PanelboardVersion.current,
            imports: imports, suppressed: suppression.enabled,
            protectiveMarking: settings.protectiveMarking,
            printHeaderCSS: Self.printHeaderCSS(
                scope: "\(scope.panel) · \(scope.area ?? "All areas") · \(scope.period.label) (\(scope.period.from.iso) to \(scope.period.to.iso))",
                marking: settings.protectiveMarking,
                status: suppression.enabled ? "small numbers suppressed" : Suppression.unsuppressedNotice.uppercased()),
            suppressionNote: suppression.enabled
                ? "Small numbers are suppressed: \(suppression.primaryMark) is a count from 1 to \(suppression.threshold - 1); [c] is hidden so that a small count cannot be worked out from the other figures. Meetings, attendance and actions are shown in full."
                : Suppression.unsuppressedNotice,
            key: suppression.key.map { Definition(term: $0.symbol, meaning: $0.meaning) },
            footerNote: suppression.summary,
            isPerpetratorPanel: perpetratorPanel,
            noData: !hasData,
            noDataText: "No data for \(scope.period.label): no referrals, cases, meetings, actions or cohort movement in \(scope.period.from.iso) to \(scope.period.to.iso)\(scope.area.map { " in " + $0 } ?? "").",
            tiles: tiles,
            trendHeading: Self.trendHeading(trend.map(\.scope.period)),
            trendColumns: columns, trendCasesChart: trendCasesChart, trendRateChart: trendRateChart, trendRows: trendRows,
            sourcesChart: sourcesChart, sourceRows: sourceRows, reasonRows: reasonRows,
            actionsChart: Self.actionsChart(charted), actionRows: actionRows, actionTotals: actionTotals,
            cohortRows: cohortRows, exitRows: exitRows,
            cohortFlowChart: perpetrator.cohortFlowChart, adoptedRows: perpetrator.adoptedRows, harmRows: perpetrator.harmRows,
            outcomeRows: perpetrator.outcomeRows, actionTypeRows: perpetrator.actionTypeRows,
            cohortTrendChart: perpetrator.cohortTrendChart, cohortTrendRows: perpetrator.cohortTrendRows,
            isTriagePanel: kind == .triage, triageDayChart: triage.dayChart, triageWeekdayChart: triage.weekdayChart,
            triageDayRows: triage.dayRows, triageUnit: triage.unit,
            triageDayCaption: triage.dayCaption, triageDayColumns: triage.dayColumns, triageWeekdayRows: triage.weekdayRows, reasonRiskColumns: triage.reasonRiskColumns,
            reasonRiskRows: triage.reasonRiskRows, escalationRows: triage.escalationRows, quoracyRows: triage.quoracyRows,
            coreAttendanceRows: triage.coreAttendanceRows,
            meetingRows: meetingRows, attendanceRows: attendanceRows,
            demographicRows: demographicRows, nationalRows: nationalRows, nationalReference: NationalReturn.nationalReference,
            qualityRows: qualityRows, glossary: glossary, settingsRows: settingsRows)
        if kind == .triage { model.triageCaseProfile = [triageCaseProfile(figures)] }
        if settings.panelKind(panel: scope.panel) == .marac {
            model.isMaracPanel = true
            model.maracSections = maracSections(report, figures, areas: comparisons?.areas ?? [])
            model.glossary += maracGlossary(settings).map { Definition(term: $0.0, meaning: $0.1) }
            if let comparisons { model.tiles = comparedTiles(tiles, report: report, comparisons: comparisons, figures: figures) }
        }
        return model
    }

    /// The value with as few decimals (from `decimals`, at most 3) as it takes
    /// for the number shown to sit on the same side of every bound as the value:
    /// a rate of 27.9% against a range from 28% reads "27.9%", not "28%".
    static func agreeing(_ value: Double, bounds: [Double], decimals: Int = 0, scale: Double = 1) -> String {
        var text = ""
        for d in decimals...max(decimals, 3) {
            text = String(format: "%.\(d)f", value * scale)
            let shown = (Double(text) ?? value * scale) / scale
            if bounds.allSatisfy({ (shown < $0) == (value < $0) && (shown > $0) == (value > $0) }) { break }
        }
        return text
    }

    /// The running header and footer of every printed page, in `@page` margin
    /// boxes: they take no room from the content, so nothing is covered.
    static func printHeaderCSS(scope: String, marking: String, status: String) -> String {
        """
        @page {
          @top-left { content: \(cssString(scope)); }
          @top-right { content: \(cssString(marking + " · " + status)); }
          @bottom-left { content: \(cssString(marking)); }
          @bottom-right { content: "Page " counter(page) " of " counter(pages); }
        }
        """
    }

    /// Text as a CSS string: letters, digits and spaces as they are, every other
    /// character as a hex escape, so that no value can end the string, the rule or
    /// the style element.
    static func cssString(_ text: String) -> String {
        var out = "\""
        for u in text.unicodeScalars {
            if u.isASCII, u.properties.isAlphabetic || ("0"..."9").contains(u) || u == " " {
                out.unicodeScalars.append(u)
            } else {
                out += "\\" + String(u.value, radix: 16) + " "
            }
        }
        return out + "\""
    }

    /// Whether a period has anything to report: referrals, cases, meetings,
    /// actions agreed or due, or people joining or leaving a cohort. (Overdue
    /// actions are counted as of a date, not in a period, so they do not count.)
    static func hasData(_ r: MetricsReport) -> Bool {
        r.volumes.referralsReceived + r.volumes.casesDiscussed + r.volumes.meetingsHeld
            + r.actions.total.agreed + r.actions.total.due + r.cohort.adopted + r.cohort.exited > 0
    }

    /// "Trends over the last 8 quarters", "... 5 years", or "... 8 periods of 31 days".
    static func trendHeading(_ periods: [Period]) -> String {
        guard let last = periods.last else { return "Trends" }
        let kind = last.quarterIndex != nil ? "quarters"
            : last.from == last.to.addingMonths(-12).adding(days: 1) ? "years" : "periods of \(last.days) days"
        return "Trends over the last \(periods.count) \(kind)"
    }

    /// The board figures behind a row of the national return: its number, and its
    /// percentage where it has one.
    static func nationalFigures(
        _ key: String, _ fig: (String, String, String?) -> BoardFigure
    ) -> (BoardFigure, BoardFigure?) {
        let demographic = ["bame_victims": "ethnic_minority", "lgbt_victims": "lgbt", "disabled_victims": "disabled",
                           "male_victims": "male", "victims_aged_16_17": "age_16_17", "perpetrators_under_18": "perpetrator_under_18"]
        switch key {
        case "cases_discussed", "children_in_households": return (fig("volumes", key, nil), nil)
        case "cases_per_10k_adult_females": return (fig("volumes", "cases_per_10k_adult_females_annualised", nil), nil)
        case "repeat_cases": return (fig("repeats", "repeat_cases", nil), fig("repeats", "repeat_rate", nil))
        case "partner_agency_referrals": return (fig("volumes", "partner_agency_referrals", nil), fig("volumes", "partner_agency_share", nil))
        case "perpetrators_under_18": return (fig("demographics", "count", "perpetrator_under_18"), nil)
        default:
            if key.hasPrefix("route_") {
                let code = String(key.dropFirst("route_".count))
                return (fig("referral_sources", "count", code), fig("referral_sources", "share", code))
            }
            let code = demographic[key] ?? key
            return (fig("demographics", "count", code), fig("demographics", "share", code))
        }
    }
}
