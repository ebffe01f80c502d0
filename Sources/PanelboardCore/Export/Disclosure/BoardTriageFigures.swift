/// A triage panel's figures by working day (panels.md, "Triage"), as its board
/// shows them: the referrals received on each working day of a quarter (on each
/// week of a longer period), their sums by weekday, and the average, fewest,
/// median and most a working day. A day's or a week's referrals are people, so each
/// is a protected count; a reader knows that the days of a weekday add up to it,
/// that the weeks and the weekdays add up to the same working days' referrals, and
/// that those are at most the referrals received (the rest fall on weekends and
/// holidays): each is a relation of the model.
extension BoardFigures.Builder {
    /// Days for a period of a quarter or less; weeks (Monday to Friday, named by
    /// their Monday) beyond it: a year's 250 days are too many columns to read and,
    /// mostly small, too many hidden cells for the disclosure check to weigh at once.
    static func triageByDay(_ period: Period) -> Bool { period.days <= 92 }

    static func weekStart(_ day: Day) -> Day { day.adding(days: -WorkingCalendar.weekday(day)) }

    mutating func addTriageDays(_ report: MetricsReport) {
        let period = report.scope.period
        let triage = report[Triage.self]
        let days = triage.receivedByWorkingDay
        let byDay = Self.triageByDay(period)
        func id(_ name: String) -> String { BoardFigures.cell(period, "triage.\(name)") }
        func position(_ name: String) -> Int { table.position(of: id(name))! }

        var weekdays: [Int: [(day: Day, count: Int)]] = [:]
        for d in days { weekdays[WorkingCalendar.weekday(d.day), default: []].append(d) }
        if byDay {
            for (day, count) in days {
                add("triage", "received", "by_day.\(day.iso)", Double(count), .count(id("by_day.\(day.iso)")), inReport: false)
            }
        } else {
            var weeks: [(start: Day, days: [(day: Day, count: Int)])] = []
            for d in days {
                if weeks.last?.start == Self.weekStart(d.day) { weeks[weeks.count - 1].days.append(d) }
                else { weeks.append((Self.weekStart(d.day), [d])) }
            }
            for week in weeks {
                let name = "by_week.\(week.start.iso)"
                add("triage", "received", name, Double(week.days.reduce(0) { $0 + $1.count }), .count(id(name)), inReport: false)
                add("triage", "days", name, Double(week.days.count), .exact, inReport: false)
            }
        }
        var weekdayCells: [Int] = []
        for weekday in weekdays.keys.sorted() {
            let mine = weekdays[weekday]!
            let name = "by_weekday.\(WeekdayFigures.names[weekday])"
            let total = mine.reduce(0) { $0 + $1.count }
            add("triage", "received", name, Double(total), .count(id(name)), inReport: false)
            // How many such days the period has is the calendar's, not anyone's.
            add("triage", "days", name, Double(mine.count), .exact, inReport: false)
            add("triage", "mean_per_day", name, Double(total) / Double(mine.count), .derived([id(name)]), inReport: false)
            if byDay {
                table.sum(mine.map { position("by_day.\($0.day.iso)") }, equals: position(name), remainder: id(name) + " unlisted")
            }
            weekdayCells.append(position(name))
        }
        if !byDay {
            let weekCells = table.cells.indices.filter { table.cells[$0].id.hasPrefix(id("by_week.")) }
            table.relate(weekCells.map { .init(cell: $0, coefficient: 1) } + weekdayCells.map { .init(cell: $0, coefficient: -1) })
        }
        // The working days' average: their referrals over their number, hidden
        // with any weekday's count it is taken from.
        let onWorkingDays = days.reduce(0) { $0 + $1.count }
        add("triage", "mean", "per_working_day", days.isEmpty ? nil : Double(onWorkingDays) / Double(days.count),
            .derived(weekdayCells.map { table.cells[$0].id }), inReport: false)
        if let received = table.position(of: BoardFigures.cell(period, "referrals_received")), !weekdayCells.isEmpty {
            table.sum(weekdayCells, equals: received, remainder: id("received on no working day"))
        }
        addPerDaySummary(triage, period: period, byDay: byDay)
        addQuoracy(report)
    }

    /// Quoracy and core attendance (meetings v2), which the triage layout shows:
    /// the agencies' work, exact, under the `meetings` member's own paths. Added
    /// only where the meetings family has not put them on the board itself.
    private mutating func addQuoracy(_ report: MetricsReport) {
        guard !pending.contains(where: { $0.family == "meetings" && $0.field == "quorate" && $0.breakdown == nil }) else { return }
        let q = report.meetings.quoracy
        for (field, value) in [("quorate", Double(q.quorate)), ("not_quorate", Double(q.notQuorate)),
                               ("quorum_unknown", Double(q.quorumUnknown)), ("quoracy_rate", q.quoracyRate),
                               ("emergency_meetings", Double(q.emergencyMeetings))] {
            add("meetings", field, nil, value, .exact, inReport: true)
        }
        for agency in q.coreAttendance.keys.sorted() {
            let a = q.coreAttendance[agency]!
            for (field, value) in [("expected", Double(a.expected)), ("attended_or_deputy", Double(a.attendedOrDeputy)),
                                   ("written_update", Double(a.writtenUpdate)), ("apologies", Double(a.apologies)),
                                   ("absent", Double(a.absent)), ("missing", Double(a.missing)), ("attendance_rate", a.attendanceRate)] {
                add("meetings", field, "core_attendance.\(agency)", value, .exact, inReport: true)
            }
        }
    }

    /// The fewest, median and most a working day are the counts of particular
    /// days. Where the days are shown, each is shown only where every day it is
    /// taken from is; where they are not (weeks), each is a count of its own, hidden
    /// from 1 to threshold-1 (a median between two days, rounded up).
    private mutating func addPerDaySummary(_ triage: Triage.Result, period: Period, byDay: Bool) {
        let days = triage.receivedByWorkingDay
        let sorted = days.map(\.count).sorted()
        func from(_ values: Set<Int>) -> [String] {
            days.filter { values.contains($0.count) }.map { BoardFigures.cell(period, "triage.by_day.\($0.day.iso)") }
        }
        let middle: Set<Int> = sorted.isEmpty ? [] : [sorted[(sorted.count - 1) / 2], sorted[sorted.count / 2]]
        for (field, value, inputs) in [
            ("min", triage.perWorkingDayMin.map(Double.init), from(Set(sorted.prefix(1)))),
            ("median", triage.perWorkingDayMedian, from(middle)),
            ("max", triage.perWorkingDayMax.map(Double.init), from(Set(sorted.suffix(1)))),
        ] {
            guard let value, !inputs.isEmpty else {
                add("triage", field, "per_working_day", nil, .exact, inReport: true)
                continue
            }
            if byDay {
                add("triage", field, "per_working_day", value, .derived(inputs), inReport: true)
            } else {
                let own = BoardFigures.cell(period, "triage.per_working_day.\(field)")
                table.cell(own, Int(value.rounded(.up)))
                add("triage", field, "per_working_day", value, .derived([own]), inReport: true)
            }
        }
    }
}
