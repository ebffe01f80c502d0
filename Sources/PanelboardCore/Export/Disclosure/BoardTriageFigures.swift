/// A triage panel's figures by working day (panels.md, "Triage"), as its board
/// shows them: each day's referrals received, their sums by weekday, and the
/// fewest, median and most per day. A day's referrals are people, so each day is a
/// protected count; a reader knows that a weekday's days add up to it and that the
/// weekdays add up to at most the referrals received (some are dated on a weekend
/// or holiday), so both sums are relations of the model.
extension BoardFigures.Builder {
    mutating func addTriageDays(_ report: MetricsReport) {
        let period = report.scope.period
        let triage = report[Triage.self]
        var byWeekday: [Int: [(id: String, count: Int)]] = [:]
        for (day, count) in triage.receivedByWorkingDay {
            let id = BoardFigures.cell(period, "triage.by_day.\(day.iso)")
            add("triage", "received", "by_day.\(day.iso)", Double(count), .count(id), inReport: false)
            byWeekday[WorkingCalendar.weekday(day), default: []].append((id, count))
        }
        var weekdayCells: [Int] = []
        for weekday in byWeekday.keys.sorted() {
            let days = byWeekday[weekday]!
            let name = WeekdayFigures.names[weekday]
            let total = days.reduce(0) { $0 + $1.count }
            let id = BoardFigures.cell(period, "triage.by_weekday.\(name)")
            add("triage", "received", "by_weekday.\(name)", Double(total), .count(id), inReport: false)
            // How many such days the period has is the calendar's, not anyone's.
            add("triage", "days", "by_weekday.\(name)", Double(days.count), .exact, inReport: false)
            add("triage", "mean_per_day", "by_weekday.\(name)", Double(total) / Double(days.count), .derived([id]), inReport: false)
            let position = table.position(of: id)!
            table.sum(days.map { table.position(of: $0.id)! }, equals: position, remainder: id + " unlisted")
            weekdayCells.append(position)
        }
        // The working days' average: their referrals over their number, hidden
        // with any weekday's count it is taken from.
        let onWorkingDays = triage.receivedByWorkingDay.reduce(0) { $0 + $1.count }
        add("triage", "mean", "per_working_day",
            triage.receivedByWorkingDay.isEmpty ? nil : Double(onWorkingDays) / Double(triage.receivedByWorkingDay.count),
            .derived(weekdayCells.map { table.cells[$0].id }), inReport: false)
        if let received = table.position(of: BoardFigures.cell(period, "referrals_received")), !weekdayCells.isEmpty {
            table.sum(weekdayCells, equals: received, remainder: BoardFigures.cell(period, "triage.received on no working day"))
        }
        // The fewest, median and most are the counts of particular days: each is
        // shown only where every day it is taken from is.
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
            add("triage", field, "per_working_day", value, inputs.isEmpty ? .exact : .derived(inputs), inReport: true)
        }
    }
}
