import Foundation

/// Everything the dashboard template shows, worked out in Swift: figures as text
/// (suppressed where board outputs must be), chart geometry as numbers, the
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
    }

    public struct Bar {
        public let label: String
        public let value: String
        public let share: String
        public let y: Int
        public let width: Int
        public let textY: Int
    }

    public struct Column {
        public let label: String
        public let x: Int
        public let y: Int
        public let height: Int
        public let labelX: Int
        public let value: String
        public let rate: String
    }

    public struct Row {
        public let cells: [Cell]
    }

    public struct Cell {
        public let text: String
        public let numeric: Bool
    }

    public struct Segment {
        public let x: Int
        public let width: Int
        public let kind: String
    }

    public struct StackedBar {
        public let label: String
        public let y: Int
        public let textY: Int
        public let segments: [Segment]
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
    public var suppressionNote: String
    public var isPerpetratorPanel: Bool

    public var tiles: [Tile]
    // Trends
    public var trendColumns: [Column]
    public var trendLine: String
    public var trendTargetY: Int
    public var trendTargetHeight: Int
    public var trendRows: [Row]
    // Sources and reasons
    public var sourceBars: [Bar]
    public var sourcesHeight: Int
    public var sourceRows: [Row]
    public var reasonRows: [Row]
    // Actions
    public var actionBars: [StackedBar]
    public var actionsHeight: Int
    public var actionRows: [Row]
    public var actionTotals: [Row]
    // Cohort
    public var cohortRows: [Row]
    public var exitRows: [Row]
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
}

extension DashboardModel {
    /// Builds the model from the current period's report, the trailing quarters'
    /// reports (oldest first, the current one last), and the import log.
    public static func build(
        report: MetricsReport, previous: MetricsReport, trend: [TrendFigures],
        imports: [ImportLine], title: String?, suppression: Suppression, generatedAt: Date = Date()
    ) -> DashboardModel {
        let scope = report.scope
        let s = suppression
        let settings = scope.settings
        func text(_ n: Int) -> String { s.text(s.count(n)) }
        func pct(_ d: Double?) -> String { d.map { String(format: "%.0f%%", $0 * 100) } ?? "–" }
        func pct1(_ d: Double?) -> String { d.map { String(format: "%.1f%%", $0 * 100) } ?? "–" }
        func num(_ d: Double?) -> String { d.map { String(format: "%.1f", $0) } ?? "–" }
        func cell(_ t: String, _ numeric: Bool = true) -> Cell { Cell(text: t, numeric: numeric) }
        func label(_ code: String) -> String { displayName(code) }
        let previousLabel = previous.scope.period.label

        func change(_ now: Int, _ before: Int) -> String {
            if s.count(now).isHidden || s.count(before).isHidden { return "change hidden (small numbers)" }
            let d = now - before
            return "\(d > 0 ? "+" : "")\(d) on \(previousLabel)"
        }
        func changeRate(_ now: Double?, _ before: Double?, hidden: Bool) -> String {
            guard !hidden, let now, let before else { return hidden ? "change hidden (small numbers)" : "no comparison" }
            let points = (now - before) * 100
            return String(format: "%@%.1f points on %@", points > 0 ? "+" : "", points, previousLabel)
        }

        // Tiles
        let v = report.volumes, r = report.repeats, a = report.actions.total, c = report.cohort
        let repeatHidden = s.count(r.repeatCases).isHidden || s.count(v.casesDiscussed).isHidden
        // The expected ranges are SafeLives guidance for victim panels (MARACs).
        let victimPanel = settings.personColumn(panel: scope.panel) == "victim_ref"
        let repeatStatus: (String, String) = {
            guard victimPanel else { return ("none", "") }
            guard let rate = r.repeatRate, !repeatHidden else { return ("none", "no status") }
            if rate < settings.repeatRateTargetLow { return ("warn", "below the expected range") }
            if rate > settings.repeatRateTargetHigh { return ("warn", "above the expected range") }
            return ("ok", "within the expected range")
        }()
        let police = report.referralSources["police"] ?? CountShare(count: 0, of: 0)
        let policeHidden = s.count(police.count).isHidden
        let per10kStatus: (String, String) = {
            guard victimPanel else { return ("none", "") }
            guard let value = v.casesPer10kAdultFemalesAnnualised else { return ("none", "no population figures") }
            return value < settings.casesPer10kTarget
                ? ("warn", "below the recommended \(Int(settings.casesPer10kTarget))")
                : ("ok", "at or above the recommended \(Int(settings.casesPer10kTarget))")
        }()
        let onTimeHidden = s.count(a.completedOnTime).isHidden
        var tiles = [
            Tile(title: "Cases discussed", value: text(v.casesDiscussed),
                 detail: "\(text(v.referralsReceived)) referrals received; \(text(v.meetingsHeld)) meetings",
                 change: change(v.casesDiscussed, previous.volumes.casesDiscussed), status: "none", statusText: ""),
            Tile(title: "Repeat rate", value: repeatHidden ? "hidden" : pct(r.repeatRate),
                 detail: "\(text(r.repeatCases)) repeat cases" + (victimPanel ? "; expected \(Int(settings.repeatRateTargetLow * 100))–\(Int(settings.repeatRateTargetHigh * 100))%" : ""),
                 change: changeRate(r.repeatRate, previous.repeats.repeatRate, hidden: repeatHidden),
                 status: repeatStatus.0, statusText: repeatStatus.1),
            Tile(title: "Police share of referrals", value: policeHidden ? "hidden" : pct(police.share),
                 detail: "partner agencies \(policeHidden ? "hidden" : pct(v.partnerAgencyShare))",
                 change: changeRate(police.share, previous.referralSources["police"]?.share, hidden: policeHidden),
                 status: "none", statusText: ""),
            Tile(title: "Cases per 10,000 adult women", value: num(v.casesPer10kAdultFemalesAnnualised),
                 detail: "a year, at this period's rate",
                 change: {
                     guard let now = v.casesPer10kAdultFemalesAnnualised, let before = previous.volumes.casesPer10kAdultFemalesAnnualised else { return "" }
                     return String(format: "%@%.1f on %@", now - before > 0 ? "+" : "", now - before, previousLabel)
                 }(), status: per10kStatus.0, statusText: per10kStatus.1),
            Tile(title: "Actions completed on time", value: onTimeHidden ? "hidden" : pct(a.onTimeRate),
                 detail: "\(text(a.completedOnTime)) of \(text(a.due)) due",
                 change: changeRate(a.onTimeRate, previous.actions.total.onTimeRate, hidden: onTimeHidden),
                 status: "none", statusText: ""),
            Tile(title: "Overdue actions", value: text(a.overdueAsOf), detail: "open and past due on \(scope.asOf.iso)",
                 change: {
                     let text = change(a.overdueAsOf, previous.actions.total.overdueAsOf)
                     return text.hasPrefix("change hidden") ? text : text + ", as of its end"
                 }(), status: a.overdueAsOf > 0 ? "warn" : "ok", statusText: a.overdueAsOf > 0 ? "to chase" : "none overdue"),
        ]
        if settings.personColumn(panel: scope.panel) == "perpetrator_ref" || c.atStart + c.adopted + c.atEnd > 0 {
            tiles.append(Tile(title: "Cohort in and out", value: "\(text(c.adopted)) in, \(text(c.exited)) out",
                              detail: "\(text(c.atEnd)) on the cohort at the end", change: change(c.atEnd, previous.cohort.atEnd),
                              status: "none", statusText: ""))
        }

        // Trend: cases discussed as columns, repeat rate as a line, the target band.
        let chartHeight = 160, chartTop = 10, columnWidth = 80, gap = 24
        let maxCases = max(1, trend.map(\.volumes.casesDiscussed).max() ?? 1)
        var columns: [Column] = []
        var points: [String] = []
        for (i, t) in trend.enumerated() {
            let n = t.volumes.casesDiscussed
            let hidden = s.count(n).isHidden
            let height = hidden ? 0 : Int((Double(n) / Double(maxCases) * Double(chartHeight)).rounded())
            let x = 60 + i * (columnWidth + gap)
            let rateHidden = hidden || s.count(t.repeats.repeatCases).isHidden
            columns.append(Column(label: t.scope.period.label, x: x, y: chartTop + chartHeight - height, height: height,
                                  labelX: x + columnWidth / 2, value: text(n), rate: rateHidden ? "hidden" : pct(t.repeats.repeatRate)))
            if !rateHidden, let rate = t.repeats.repeatRate {
                points.append("\(x + columnWidth / 2),\(chartTop + chartHeight - Int((rate * Double(chartHeight)).rounded()))")
            }
        }
        let targetTop = chartTop + chartHeight - Int(settings.repeatRateTargetHigh * Double(chartHeight))
        let targetHeight = Int((settings.repeatRateTargetHigh - settings.repeatRateTargetLow) * Double(chartHeight))
        let trendRows = trend.map { t -> Row in
            let n = t.volumes.casesDiscussed
            let rateHidden = s.count(n).isHidden || s.count(t.repeats.repeatCases).isHidden
            return Row(cells: [cell(t.scope.period.label, false), cell(text(t.volumes.referralsReceived)), cell(text(n)),
                               cell(text(t.repeats.repeatCases)), cell(rateHidden ? "hidden" : pct(t.repeats.repeatRate)),
                               cell(s.count(t.actions.total.completedOnTime).isHidden ? "hidden" : pct(t.actions.total.onTimeRate))])
        }

        // Referral sources: bars and a table, suppressed as a breakdown with its total.
        let sources = report.referralSources.filter { $0.value.count > 0 || Agency.codes.contains($0.code) }
        let sourceCells = s.breakdown(sources.map(\.value.count), totalShown: true)
        let maxSource = max(1, sources.map(\.value.count).max() ?? 1)
        var bars: [Bar] = []
        var y = 0
        for (i, source) in sources.enumerated() where source.value.count > 0 {
            let hidden = sourceCells[i].isHidden
            bars.append(Bar(label: label(source.code), value: s.text(sourceCells[i]),
                            share: hidden ? "" : pct(source.value.share), y: y,
                            width: hidden ? 0 : max(1, Int(Double(source.value.count) / Double(maxSource) * 540)), textY: y + 14))
            y += 24
        }
        let sourceRows = sources.enumerated().map { i, source in
            Row(cells: [cell(label(source.code), false), cell(s.text(sourceCells[i])),
                        cell(sourceCells[i].isHidden ? "hidden" : pct(source.value.share))])
        }
        let reasonCells = s.breakdown(report.referralReasons.map(\.value.count), totalShown: true)
        let reasonRows = report.referralReasons.enumerated().map { i, reason in
            Row(cells: [cell(label(reason.code), false), cell(s.text(reasonCells[i])),
                        cell(reasonCells[i].isHidden ? "hidden" : pct(reason.value.share))])
        }

        // Actions by agency: on time, late, overdue as stacked bars.
        var actionBars: [StackedBar] = []
        var actionRows: [Row] = []
        let maxDue = max(1, report.actions.byAgency.map(\.counts.due).max() ?? 1)
        var ay = 0
        for (agency, counts) in report.actions.byAgency where counts.due + counts.overdueAsOf + counts.agreed > 0 {
            let parts = s.breakdown([counts.completedOnTime, counts.completedLate, counts.notCompleted,
                                     counts.openOverdue, counts.openNotYetDue], totalShown: true)
            var x = 0
            var segments: [Segment] = []
            for (k, kind) in ["on-time", "late", "not-done", "overdue", "not-due"].enumerated() {
                let n = [counts.completedOnTime, counts.completedLate, counts.notCompleted, counts.openOverdue, counts.openNotYetDue][k]
                guard !parts[k].isHidden, n > 0 else { continue }
                let width = max(1, Int(Double(n) / Double(maxDue) * 600))
                segments.append(Segment(x: x, width: width, kind: kind))
                x += width
            }
            actionBars.append(StackedBar(label: label(agency), y: ay, textY: ay + 14, segments: segments))
            ay += 24
            actionRows.append(Row(cells: [cell(label(agency), false), cell(text(counts.due))] + parts.map { cell(s.text($0)) }
                + [cell(parts[0].isHidden ? "hidden" : pct(counts.onTimeRate)), cell(num(counts.medianDaysToComplete))]))
        }
        let totalParts = s.breakdown([a.completedOnTime, a.completedLate, a.notCompleted, a.openOverdue, a.openNotYetDue], totalShown: true)
        let actionTotals = [Row(cells: [cell("All agencies", false), cell(text(a.due))] + totalParts.map { cell(s.text($0)) }
            + [cell(totalParts[0].isHidden ? "hidden" : pct(a.onTimeRate)), cell(num(a.medianDaysToComplete))])]

        // Cohort
        let cohortRows = [
            Row(cells: [cell("On the cohort at the start", false), cell(text(c.atStart))]),
            Row(cells: [cell("Adopted", false), cell(text(c.adopted))]),
            Row(cells: [cell("Exited", false), cell(text(c.exited))]),
            Row(cells: [cell("On the cohort at the end", false), cell(text(c.atEnd))]),
            Row(cells: [cell("Median days on the cohort at exit", false), cell(s.count(c.exited).isHidden ? "hidden" : num(c.medianDaysOnCohortAtExit))]),
            Row(cells: [cell("Re-referred within 12 months of exit", false), cell(text(c.reReferredWithin12MonthsOfExit))]),
        ]
        let reasons = Vocabulary.exitReason.values
        let exitCells = s.breakdown(reasons.map { c.exitsByReason[$0] ?? 0 }, totalShown: true)
        let exitRows = reasons.enumerated().map { i, reason in Row(cells: [cell(label(reason), false), cell(s.text(exitCells[i]))]) }

        // Meetings
        let m = report.meetings
        let meetingRows = [
            Row(cells: [cell("Meetings held", false), cell(text(m.held)), cell("", false)]),
            Row(cells: [cell("Agenda sent \(settings.agendaDaysBefore)+ days before", false), cell(text(m.agendaOnTime)), cell("\(text(m.agendaUnknown)) not recorded", false)]),
            Row(cells: [cell("Minutes sent within \(settings.minutesDaysAfter) days", false), cell(text(m.minutesOnTime)), cell("\(text(m.minutesUnknown)) not recorded", false)]),
            Row(cells: [cell("Late referrals (under \(settings.lateReferralDays) days before the meeting)", false), cell(text(m.lateReferrals)), cell("", false)]),
        ]
        let attendanceRows = m.attendance.keys.sorted().map { agency -> Row in
            let t = m.attendance[agency]!
            let parts = s.breakdown([t.attended, t.deputy, t.writtenUpdate, t.apologies, t.absent], totalShown: true)
            return Row(cells: [cell(label(agency), false), cell(text(t.rows))] + parts.map { cell(s.text($0)) }
                + [cell(s.count(t.rows).isHidden || parts[0].isHidden || parts[1].isHidden ? "hidden" : pct(t.attendanceRate))])
        }

        // Demographics (each row its own count of a whole: primary suppression).
        let demographicRows = report.demographics.map { code, value -> Row in
            let shown = s.count(value.count)
            return Row(cells: [cell(label(code), false), cell(s.text(shown)), cell(shown.isHidden ? "hidden" : pct1(value.share))])
        }

        // The national return.
        let national = NationalReturn.from(report)
        let nationalRows = national.lines.map { line -> Row in
            let isCount = line.key != "cases_per_10k_adult_females"
            let count = line.count.map { isCount ? s.text(s.count(Int($0))) : String(format: "%.1f", $0) } ?? "–"
            let hidden = isCount && line.count.map { s.count(Int($0)).isHidden } == true
            return Row(cells: [cell(line.label, false), cell(count), cell(line.share == nil ? "" : (hidden ? "hidden" : pct1(line.share)))])
        }

        // Data quality
        let qualityRows = [
            Row(cells: [cell("Recorded repeat flags that disagree with the computed answer", false), cell(text(r.recordedFlagDisagrees))]),
            Row(cells: [cell("Open actions with no due date", false), cell(text(a.noDueDate))]),
            Row(cells: [cell("Cases discussed with no children count", false), cell(text(v.childrenUnknown))]),
            Row(cells: [cell("Meetings with no agenda date recorded", false), cell(text(m.agendaUnknown))]),
            Row(cells: [cell("Meetings with no minutes date recorded", false), cell(text(m.minutesUnknown))]),
        ]

        let glossary = Glossary.terms(settings: settings).map { Definition(term: $0.0, meaning: $0.1) }
        let settingsRows = [
            ("Repeat window", "\(settings.repeatWindowMonths) months"),
            ("Expected repeat rate", "\(Int(settings.repeatRateTargetLow * 100))–\(Int(settings.repeatRateTargetHigh * 100))%"),
            ("Agenda on time", "\(settings.agendaDaysBefore) days before the meeting"),
            ("Minutes on time", "within \(settings.minutesDaysAfter) days"),
            ("Late referral", "under \(settings.lateReferralDays) days before the meeting"),
            ("Exit review", "after \(settings.exitReviewMonths) months without harm"),
            ("Small numbers", suppression.enabled ? "counts of 1 to \(suppression.threshold - 1) shown as <\(suppression.threshold)" : "not suppressed"),
            ("Repeats counted by", settings.personColumn(panel: scope.panel) == "victim_ref" ? "victim" : "perpetrator"),
        ].map { Row(cells: [cell($0.0, false), cell($0.1, false)]) }

        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return DashboardModel(
            title: title ?? "\(scope.panel) quarterly figures",
            panel: scope.panel, area: scope.area ?? "All areas", periodLabel: scope.period.label,
            periodDates: "\(scope.period.from.iso) to \(scope.period.to.iso)", asOf: scope.asOf.iso,
            generatedAt: formatter.string(from: generatedAt) + " UTC", toolVersion: PanelboardVersion.current,
            imports: imports, suppressed: suppression.enabled,
            suppressionNote: suppression.enabled
                ? "Counts of 1 to \(suppression.threshold - 1) are shown as <\(suppression.threshold), and one more count is hidden where a total would reveal them."
                : "Unsuppressed — not for circulation",
            isPerpetratorPanel: settings.personColumn(panel: scope.panel) == "perpetrator_ref",
            tiles: tiles,
            trendColumns: columns, trendLine: points.joined(separator: " "),
            trendTargetY: targetTop, trendTargetHeight: targetHeight, trendRows: trendRows,
            sourceBars: bars, sourcesHeight: max(24, y), sourceRows: sourceRows, reasonRows: reasonRows,
            actionBars: actionBars, actionsHeight: max(24, ay), actionRows: actionRows, actionTotals: actionTotals,
            cohortRows: cohortRows, exitRows: exitRows, meetingRows: meetingRows, attendanceRows: attendanceRows,
            demographicRows: demographicRows, nationalRows: nationalRows, nationalReference: NationalReturn.nationalReference,
            qualityRows: qualityRows, glossary: glossary, settingsRows: settingsRows)
    }
}

