/// A triage panel's own sections (panels.md, "Triage"): referrals per working day
/// (a chart by day across the period and one by weekday), referral reason by risk
/// level, escalation to MARAC, and meetings held with their quoracy and core
/// attendance. Counts of people come from `BoardFigures`, suppressed as everywhere
/// else; meetings and attendance are the agencies' work, shown exactly.
extension DashboardModel {
    struct TriageSections {
        var dayChart: Chart
        var weekdayChart: Chart
        var dayRows: [Row]
        /// "day" for a quarter or less, "week" beyond.
        var unit: String
        var dayCaption: String
        var dayColumns: [String]
        var weekdayRows: [Row]
        var reasonRiskColumns: [String]
        var reasonRiskRows: [Row]
        var escalationRows: [Row]
        var quoracyRows: [Row]
        var coreAttendanceRows: [Row]
        var tiles: [Tile]
    }

    /// The column headings of the reason-by-risk table: the risk levels, then
    /// not recorded.
    static let triageRisks = Vocabulary.riskLevel.values + ["not_recorded"]

    static func triageSections(_ report: MetricsReport, _ figures: BoardFigures) -> TriageSections {
        let settings = report.scope.settings
        func show(_ f: BoardFigure, _ format: (Double) -> String = { grouped(Int($0)) }) -> String { figures.shown(f, format) }
        func fig(_ field: String, _ breakdown: String? = nil) -> BoardFigure { figures.figure("triage", field, breakdown) }
        func cell(_ text: String, _ numeric: Bool = true) -> Cell { Cell(text: text, numeric: numeric) }
        func pct(_ d: Double) -> String { String(format: "%.0f%%", d * 100) }
        func oneDecimal(_ d: Double) -> String { String(format: "%.1f", d) }
        let triage = report[Triage.self]

        let workingDays = triage.receivedByWorkingDay.count
        let byDay = BoardFigures.Builder.triageByDay(report.scope.period)
        // Each day of a quarter, or each week (by its Monday) of a longer period.
        var starts: [Day] = []
        for d in triage.receivedByWorkingDay {
            let start = byDay ? d.day : BoardFigures.Builder.weekStart(d.day)
            if starts.last != start { starts.append(start) }
        }
        let unit = byDay ? "day" : "week"
        let days = starts.map { start -> (day: Day, figure: BoardFigure, text: String) in
            let f = fig("received", "by_\(unit).\(start.iso)")
            return (start, f, show(f))
        }
        let dayRows = days.map { d in
            Row(cells: [cell(d.day.iso, false),
                        byDay ? cell(WeekdayFigures.names[WorkingCalendar.weekday(d.day)], false) : cell(show(fig("days", "by_week.\(d.day.iso)"))),
                        cell(d.text)])
        }
        let weekdays = WeekdayFigures.names.filter { fig("days", "by_weekday.\($0)").value != nil }
        let weekdayRows = weekdays.map { name in
            Row(cells: [cell(name, false), cell(show(fig("days", "by_weekday.\(name)"))),
                        cell(show(fig("received", "by_weekday.\(name)"))),
                        cell(show(fig("mean_per_day", "by_weekday.\(name)"), oneDecimal))])
        }
        let weekdayChart = barChart(weekdays.map { name in
            let total = fig("received", "by_weekday.\(name)"), mean = fig("mean_per_day", "by_weekday.\(name)")
            return (label: name, figure: total,
                    text: show(total) + (mean.status == .shown ? " (\(show(mean, oneDecimal)) a day)" : ""))
        }, label: "Referrals received by weekday, over the period's working days", axisTitle: "Referrals received",
           suppression: figures.suppression)

        let reasonRiskRows = Triage.reasons.map { reason in
            Row(cells: [cell(displayName(reason), false)]
                + triageRisks.map { cell(show(fig($0, "received_by_reason_and_risk.\(reason)"))) })
        }

        let escalated = fig("escalated_to_marac"), share = fig("escalated_to_marac_share")
        let within = "\(settings.escalationDays) \(settings.dayUnit)"
        let escalationRows = [
            Row(cells: [cell("Referrals received", false), cell(show(figures.figure("volumes", "referrals_received")))]),
            Row(cells: [cell("Escalated to MARAC within \(within)", false), cell(show(escalated))]),
            Row(cells: [cell("Share escalated", false), cell(show(share, pct))]),
            Row(cells: [cell("Back at triage within 12 months of a MARAC referral", false),
                        cell(show(fig("marac_within_12_months_returned")))]),
        ]

        // Meetings, quoracy and attendance: the agencies' work, exact, as the
        // board figures carry them.
        func meetings(_ field: String, _ breakdown: String? = nil) -> BoardFigure { figures.figure("meetings", field, breakdown) }
        let q = report.meetings.quoracy
        func exact(_ n: Int) -> String { grouped(n) }
        let quoracyRows = [
            Row(cells: [cell("Meetings held", false), cell(exact(report.meetings.held))]),
            Row(cells: [cell("Emergency meetings", false), cell(show(meetings("emergency_meetings")))]),
            Row(cells: [cell("Quorate", false), cell(show(meetings("quorate")))]),
            Row(cells: [cell("Not quorate", false), cell(show(meetings("not_quorate")))]),
            Row(cells: [cell("Quoracy not known (no attendance or no core members recorded)", false), cell(show(meetings("quorum_unknown")))]),
            Row(cells: [cell("Quoracy rate", false), cell(show(meetings("quoracy_rate"), pct))]),
        ]
        let coreAttendanceRows = q.coreAttendance.keys.sorted().map { agency -> Row in
            let breakdown = "core_attendance.\(agency)"
            return Row(cells: [cell(displayName(agency), false)]
                + ["expected", "attended_or_deputy", "written_update", "apologies", "absent", "missing"].map {
                    cell(show(meetings($0, breakdown)))
                }
                + [cell(show(meetings("attendance_rate", breakdown), pct))])
        }

        let tiles = [
            Tile(title: "Referrals per working day", value: show(fig("mean", "per_working_day"), oneDecimal),
                 detail: "on average over \(exact(workingDays)) working days; median \(show(fig("median", "per_working_day"), oneDecimal)), fewest \(show(fig("min", "per_working_day"))), most \(show(fig("max", "per_working_day")))",
                 change: "", status: "none", statusText: ""),
            Tile(title: "Escalated to MARAC", value: show(escalated),
                 // No share without referrals: "not recorded of referrals received" would read as a gap in the data.
                 detail: share.status == .unknown ? "no referrals received to escalate" : "\(show(share, pct)) of referrals received, within \(within)",
                 change: "", status: "none", statusText: ""),
            Tile(title: "Quorate meetings", value: show(meetings("quoracy_rate"), pct),
                 detail: "\(show(meetings("quorate"))) of \(exact(q.quorate + q.notQuorate)) with attendance recorded; \(exact(report.meetings.held)) held",
                 change: "", status: "none", statusText: ""),
        ]
        return TriageSections(
            dayChart: dayChart(days, unit: unit, suppression: figures.suppression), weekdayChart: weekdayChart, dayRows: dayRows, unit: unit,
            dayCaption: byDay ? "Referrals received by working day" : "Referrals received by week",
            dayColumns: byDay ? ["Day", "Weekday", "Referrals received"] : ["Week beginning", "Working days", "Referrals received"],
            weekdayRows: weekdayRows,
            reasonRiskColumns: ["Reason"] + triageRisks.map(displayName), reasonRiskRows: reasonRiskRows,
            escalationRows: escalationRows, quoracyRows: quoracyRows, coreAttendanceRows: coreAttendanceRows, tiles: tiles)
    }

    /// Referrals received on each working day (or week) of the period as columns,
    /// on a scale of the numbers shown, months marked under the axis. A hidden
    /// count is drawn, never dropped: a `<5` as an outlined column up to the
    /// threshold (it is somewhere below that line), a `[c]` as a dashed mark of
    /// fixed size (it may be any number). Each carries its symbol above it where
    /// the column is wide enough; the key inside the chart says what the marks are
    /// at any width, so a quarter's thin columns read on paper and on a phone.
    static func dayChart(_ days: [(day: Day, figure: BoardFigure, text: String)], unit: String = "day",
                         suppression: Suppression = Suppression()) -> Chart {
        let each = unit == "day" ? "working day" : "week"
        let primary = days.filter { $0.figure.status == .primary }, secondary = days.filter { $0.figure.status == .secondary }
        let keys = (primary.isEmpty ? 0 : 1) + (secondary.isEmpty ? 0 : 1)
        // Room for the key's lines, and for a symbol over the tallest mark.
        let left = 48, right = Chart.width - 6, top = 34 + 20 * keys + (keys > 0 ? 14 : 0), bottom = top + 134
        var chart = Chart(height: bottom + 44, label: "Referrals received on each \(each) of the period, as columns"
            + (primary.isEmpty ? "" : "; outlined columns up to \(suppression.threshold) are counts of 1 to \(suppression.threshold - 1), shown as \(suppression.primaryMark)")
            + (secondary.isEmpty ? "" : "; dashed marks are hidden counts, \(Suppression.secondaryMark)"))
        let shown = days.compactMap { $0.figure.status == .shown ? $0.figure.value : nil }
        let ticks = Chart.ticks(max(shown.max() ?? 1, primary.isEmpty ? 0 : Double(suppression.threshold)))
        let scale = Double(bottom - top) / (ticks.last ?? 1)
        chart.text(0, 16, "Referrals received per \(each)", "axis-title")
        var keyY = 38
        if !primary.isEmpty {
            chart.key("\(suppression.primaryMark) outlined to \(suppression.threshold): \(grouped(primary.count)) \(unit)\(primary.count == 1 ? "" : "s") with 1 to \(suppression.threshold - 1) referrals", mark: "hidden-small", at: keyY)
            keyY += 20
        }
        if !secondary.isEmpty {
            chart.key("\(Suppression.secondaryMark) dashed: \(grouped(secondary.count)) \(unit)\(secondary.count == 1 ? "" : "s") hidden to protect a small count", mark: "hidden", at: keyY)
        }
        for t in ticks {
            let y = bottom - Int((t * scale).rounded())
            chart.lines.append(.init(x1: left, y1: y, x2: right, y2: y, cls: t == 0 ? "axis-line" : "grid"))
            chart.text(left - 6, y + 5, grouped(Int(t)), "tick", anchor: "end")
        }
        let slot = Double(right - left) / Double(max(days.count, 1))
        let width = max(1, Int(slot * 0.7))
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var lastMonth = -1, lastLabelEnd = -100
        for (i, d) in days.enumerated() {
            let x = left + Int(slot * Double(i) + (slot - Double(width)) / 2)
            let month = Int(d.day.iso.dropFirst(5).prefix(2)) ?? 1
            if month != lastMonth {
                lastMonth = month
                chart.lines.append(.init(x1: x, y1: bottom, x2: x, y2: bottom + 6, cls: "axis-line"))
                // A month whose label would run into the last one (weeks of a year
                // after "Apr 2024", a period of a few days) or out of the chart
                // stays unlabelled: its tick marks it. About 8 units a character.
                let label = months[month - 1] + (i == 0 || month == 1 ? " " + String(d.day.iso.prefix(4)) : "")
                if x >= lastLabelEnd + 8, x + 8 * label.count <= Chart.width {
                    chart.text(x, bottom + 22, label, "tick")
                    lastLabelEnd = x + 8 * label.count
                }
            }
            let height: Int
            switch d.figure.status {
            case .shown:
                height = Int(((d.figure.value ?? 0) * scale).rounded())
                if height > 0 { chart.rects.append(.init(x: x, y: bottom - height, width: width, height: height, cls: "column")) }
            case .primary:
                height = Int((Double(suppression.threshold) * scale).rounded())
                chart.rects.append(.init(x: x, y: bottom - height, width: width, height: height, cls: "hidden-small"))
            case .secondary:
                height = ChartMark.hiddenSize
                chart.rects.append(.init(x: x, y: bottom - height, width: width, height: height, cls: "hidden"))
            case .unknown:
                continue
            }
            // A symbol where it fits over its own column (about 8 units a character).
            if d.figure.status != .shown, Double(8 * d.text.count) <= slot {
                chart.text(x + width / 2, bottom - height - 5, d.text, "value", anchor: "middle")
            }
        }
        return chart
    }
}

/// The triage sections as the board pack's tables, under the page's headings.
extension DashboardModel {
    static let triageSectionNames: Set<String> = [
        "referrals_by_day", "referrals_by_week", "referrals_by_weekday", "reason_by_risk", "escalation", "quoracy", "core_attendance",
        // The case profile (`DashboardCaseProfile.swift`).
        "discussion_types", "risk_levels", "children_linked", "children_services", "screening",
    ]

    var triagePackTables: [PackTable] {
        [
            PackTable(name: "referrals_by_\(triageUnit)", title: triageDayCaption, columns: triageDayColumns, rows: triageDayRows),
            PackTable(name: "referrals_by_weekday", title: "Referrals received by weekday",
                      columns: ["Weekday", "Working days", "Referrals received", "A day on average"], rows: triageWeekdayRows),
            PackTable(name: "reason_by_risk", title: "Referrals received by reason and risk level",
                      columns: reasonRiskColumns, rows: reasonRiskRows),
        ] + triageCaseProfile.flatMap { section in
            section.tables.map { PackTable(name: $0.name, title: $0.caption, columns: $0.columns, rows: $0.rows) }
        } + [
            PackTable(name: "escalation", title: "Escalation to MARAC", columns: ["Measure", "Referrals"], rows: escalationRows),
            PackTable(name: "quoracy", title: "Meetings and quoracy", columns: ["Measure", "Meetings"], rows: quoracyRows),
            PackTable(name: "core_attendance", title: "Core agencies' attendance",
                      columns: ["Agency", "Expected", "Attended or deputy", "Written update", "Apologies", "Absent", "No record",
                                "Attendance rate"],
                      rows: coreAttendanceRows),
        ]
    }
}
