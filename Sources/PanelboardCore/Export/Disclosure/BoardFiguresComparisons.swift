/// A MARAC board's comparisons (the same period a year before, the rolling 12
/// months) and its table by area, in the one suppression model: each figure a
/// cell named for its period (and area), so a count shown in two places is one
/// cell, and the sums a reader knows (the areas make up the panel, the four
/// quarters of the trend make up the rolling 12 months) are relations.
extension BoardFigures {
    /// The figures of a dashboard and its packs, suppressed together.
    public static func build(_ f: DashboardFigures, suppression: Suppression) throws -> BoardFigures {
        try build(report: f.current, previous: f.previous, trend: f.trend, yearAgo: f.yearAgo, rolling: f.rolling, areas: f.areas,
                  suppression: suppression)
    }

    /// The cell of an area's count in a period.
    static func areaCell(_ period: Period, _ area: String, _ name: String) -> String { cell(period, "area \(area) \(name)") }
}

extension BoardFigures.Builder {
    /// A report a tile compares with, under `family` (`previous`, `year_ago`,
    /// `rolling`): its counts are the cells of its own period, so a quarter a year
    /// ago that is also a trend quarter is one cell, and a change (now minus then)
    /// can never give away a hidden count.
    mutating func addCompared(_ r: ComparedFigures, family: String) {
        typealias Kind = BoardFigures.Kind
        let p = r.period
        let label = p.label
        func cell(_ name: String) -> String { BoardFigures.cell(p, name) }
        let police = r.policeReferrals
        let counts = [("cases_discussed", r.casesDiscussed), ("repeat_cases", r.repeatCases),
                      ("referral_sources.police", police), ("cohort.at_end", r.cohortAtEnd),
                      ("referrals_received", r.referralsReceived)]
        // A period the trend shows from the archive (a purge took its rows) may
        // differ from the live figures: two values for one cell. The comparison is
        // then left out ("no comparison") rather than shown against the other.
        for (name, value) in counts {
            if let i = table.position(of: cell(name)), table.cells[i].value != value { return }
        }
        let cases = cell("cases_discussed")
        add(family, "cases_discussed", label, Double(r.casesDiscussed), .count(cases), inReport: false)
        add(family, "repeat_cases", label, Double(r.repeatCases), .count(cell("repeat_cases")), inReport: false)
        add(family, "repeat_rate", label, r.repeatRate, .derived([cases, cell("repeat_cases")]), inReport: false)
        add(family, "police_referrals", label, Double(police), .count(cell("referral_sources.police")), inReport: false)
        add(family, "police_share", label, r.policeShare,
            .derived([cases, cell("referral_sources.police")]), inReport: false)
        add(family, "cases_per_10k_adult_females_annualised", label,
            r.casesPer10kAdultFemalesAnnualised, .derived([cases]), inReport: false)
        add(family, "cohort_at_end", label, Double(r.cohortAtEnd), .count(cell("cohort.at_end")), inReport: false)
        add(family, "on_time_rate", label, r.onTimeRate, .exact, inReport: false)
        add(family, "overdue_as_of", label, Double(r.overdueAsOf), .exact, inReport: false)
        if family == "rolling" {
            // The rolling 12 months' referrals: its four quarters' sum in the trend.
            add(family, "referrals_received", label, Double(r.referralsReceived), .count(cell("referrals_received")),
                inReport: false)
        }
    }

    /// One row per area: its referrals, cases and repeats (protected, adding up
    /// to the panel's own), its repeat rate, and its actions (shown exactly).
    mutating func addAreas(_ areas: [AreaFigures], total report: MetricsReport) {
        typealias Kind = BoardFigures.Kind
        guard !areas.isEmpty else { return }
        let p = report.scope.period
        let names = ["referrals_received", "cases_discussed", "repeat_cases"]
        for a in areas {
            let area = a.area
            func cell(_ name: String) -> String { BoardFigures.areaCell(p, area, name) }
            let values = [a.referralsReceived, a.casesDiscussed, a.repeatCases]
            for (name, value) in zip(names, values) {
                add("by_area", name, area, Double(value), .count(cell(name)), inReport: false)
            }
            add("by_area", "repeat_rate", area, a.repeatRate, .derived([cell("cases_discussed"), cell("repeat_cases")]),
                inReport: false)
            add("by_area", "on_time_rate", area, a.onTimeRate, .exact, inReport: false)
            add("by_area", "overdue_as_of", area, Double(a.overdueAsOf), .exact, inReport: false)
        }
        for name in names {
            guard let total = table.position(of: BoardFigures.cell(p, name)) else { continue }
            table.sum(areas.map { table.position(of: BoardFigures.areaCell(p, $0.area, name))! }, equals: total,
                      remainder: BoardFigures.cell(p, "\(name) in no area"))
        }
    }
}
