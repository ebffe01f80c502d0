/// A MARAC's own sections (issue 16, item 1): cases by area, how cases were
/// discussed, the children in them, quoracy and core agencies. Every figure comes
/// from `BoardFigures`, suppressed as everywhere else; the page, the CSV pack and
/// the spreadsheet pack all read these tables.
extension DashboardModel {
    /// A table of a section, with its pack file's name and its columns' headings.
    public struct SectionTable {
        public let name: String
        public let caption: String
        public let columns: [String]
        public let rows: [Row]
    }

    /// A section of its own heading, an optional note, chart and tables.
    public struct Section {
        public let id: String
        public let heading: String
        public let note: String
        public let chart: Chart?
        public let tables: [SectionTable]
        /// Narrow tables side by side; a wide one (more than three columns) takes
        /// the page's width, or it would scroll in half of it. Stored: the
        /// template reads stored properties only.
        public let layout: String

        init(id: String, heading: String, note: String, chart: Chart?, tables: [SectionTable]) {
            (self.id, self.heading, self.note, self.chart, self.tables) = (id, heading, note, chart, tables)
            layout = tables.count > 1 && tables.allSatisfy { $0.columns.count <= 3 } ? "pair" : "stack"
        }
    }

    /// How a code of the case profile reads on the page.
    static let caseProfileNames = [
        "full": "Full discussion", "significant_update": "Significant update", "information_only": "Information only",
        "not_recorded": "Not recorded", "with_children": "With children in the household",
        "without_children": "No children in the household", "unknown": "Children not recorded",
        "not_known": "Recorded as not known", "none": "No involvement",
    ]

    static func maracSections(_ report: MetricsReport, _ figures: BoardFigures, areas: [AreaFigures]) -> [Section] {
        func show(_ f: BoardFigure, _ format: (Double) -> String = { grouped(Int($0)) }) -> String { figures.shown(f, format) }
        func pct(_ d: Double) -> String { String(format: "%.0f%%", d * 100) }
        func cell(_ text: String, _ numeric: Bool = true) -> Cell { Cell(text: text, numeric: numeric) }
        let cases = figures.figure("volumes", "cases_discussed")
        func profileRows(_ breakdown: String, _ codes: [String]) -> [Row] { caseProfileRows(figures, breakdown, codes, total: cases) }
        var sections: [Section] = []

        // By area: a row per area, adding up to the panel's own row.
        if !areas.isEmpty {
            /// A row of figures: an area's (`by_area`, by its name), or the panel's own.
            func areaRow(_ name: String, _ f: (_ field: String) -> BoardFigure) -> Row {
                Row(cells: [cell(name, false)]
                    + ["referrals_received", "cases_discussed", "repeat_cases"].map { cell(show(f($0))) }
                    + [cell(show(f("repeat_rate"), pct)), cell(show(f("on_time_rate"), pct)), cell(show(f("overdue_as_of")))])
            }
            let family = ["referrals_received": "volumes", "cases_discussed": "volumes", "repeat_cases": "repeats",
                          "repeat_rate": "repeats", "on_time_rate": "actions", "overdue_as_of": "actions"]
            let names = areas.map(\.area)
            let rows = names.map { name in areaRow(name) { figures.figure("by_area", $0, name) } }
                + [areaRow("All areas") { figures.figure(family[$0]!, $0) }]
            let chart = barChart(names.map { name in
                let f = figures.figure("by_area", "cases_discussed", name)
                return (label: name, figure: f, text: show(f))
            }, label: "Cases discussed by area", axisTitle: "Cases discussed", suppression: figures.suppression)
            sections.append(Section(
                id: "by-area", heading: "Cases by area",
                note: "Overdue actions are as of \(report.scope.asOf.iso); actions are shown in full, cases suppressed as everywhere else.",
                chart: chart,
                tables: [SectionTable(name: "by_area", caption: "Cases and actions by area",
                                      columns: ["Area", "Referrals received", "Cases discussed", "Repeat cases", "Repeat rate",
                                                "Actions on time", "Overdue actions"],
                                      rows: rows)]))
        }

        sections.append(Section(
            id: "discussion", heading: "How cases were discussed", note: "", chart: nil,
            tables: [SectionTable(name: "discussion_types", caption: "Cases discussed by discussion type",
                                  columns: ["Discussion type", "Cases", "Share"],
                                  rows: profileRows("discussion_type", CaseProfile.discussionTypes))]))

        let children = figures.figure("volumes", "children_in_households")
        sections.append(Section(
            id: "children", heading: "Children",
            note: "\(show(children)) children in the households of the cases discussed. The tables count cases, not children.",
            chart: nil,
            tables: [
                SectionTable(name: "children_linked", caption: "Cases discussed with and without children",
                             columns: ["Children", "Cases", "Share"], rows: profileRows("children_linked", CaseProfile.childrenLinked)),
                SectionTable(name: "children_services", caption: "Cases discussed by children's services status",
                             columns: ["Children's services status", "Cases", "Share"],
                             rows: profileRows("children_services_status", CaseProfile.childrenServicesStatuses)),
            ]))

        // Quoracy and core attendance are meetings and attendance: the agencies'
        // work, shown in full (their figures are `exact` in the one model).
        func meeting(_ field: String, _ breakdown: String? = nil) -> BoardFigure { figures.figure("meetings", field, breakdown) }
        let quoracyRows = [
            Row(cells: [cell("Quorate", false), cell(show(meeting("quorate")))]),
            Row(cells: [cell("Not quorate", false), cell(show(meeting("not_quorate")))]),
            Row(cells: [cell("Quorum not known (no attendance or no core members recorded)", false), cell(show(meeting("quorum_unknown")))]),
            Row(cells: [cell("Quoracy rate (of meetings with a known quorum)", false), cell(show(meeting("quoracy_rate"), pct))]),
            Row(cells: [cell("Emergency meetings", false), cell(show(meeting("emergency_meetings")))]),
        ]
        let coreRows = report.meetings.quoracy.coreAttendance.keys.sorted().map { agency -> Row in
            let b = "core_attendance.\(agency)"
            return Row(cells: [cell(displayName(agency), false)]
                + ["expected", "attended_or_deputy", "written_update", "apologies", "absent", "missing"].map { cell(show(meeting($0, b))) }
                + [cell(show(meeting("attendance_rate", b), pct))])
        }
        // No core members (members.csv) is said, not left as an empty table.
        let coreOrNone = coreRows.isEmpty
            ? [Row(cells: [cell("No core agencies recorded (members.csv)", false)] + Array(repeating: cell(""), count: 7))] : coreRows
        let quorum = report.scope.settings.quorum.map { "at least \($0) of its core agencies" } ?? "all of its core agencies"
        sections.append(Section(
            id: "quoracy", heading: "Quoracy and core agencies",
            note: "A meeting is quorate when \(quorum) attended or sent a deputy. Meetings and attendance are shown in full.",
            chart: nil,
            tables: [
                SectionTable(name: "quoracy", caption: "Meetings by quoracy", columns: ["Measure", "Meetings"], rows: quoracyRows),
                SectionTable(name: "core_attendance", caption: "Core agencies' attendance",
                             columns: ["Agency", "Expected", "Attended or deputy", "Written update", "Apologies", "Absent",
                                       "No record (counted absent)", "Attendance rate"],
                             rows: coreOrNone),
            ]))
        return sections
    }

    /// What a MARAC's own sections and comparisons mean.
    static func maracGlossary(_ settings: MetricSettings) -> [(String, String)] {
        [
            ("Change on a year before", "The figure now against the same quarter (or year, or dates) a year earlier; hidden when either figure is."),
            ("Rolling 12 months", "The figure over the 12 months to the end of the period (the four quarters to its end), as the national dataset is published."),
            ("Quorate", "A meeting at which \(settings.quorum.map { "at least \($0)" } ?? "all") of its core agencies (members.csv) attended or sent a deputy; a meeting with no attendance recorded, or no core agencies, has no known quorum."),
            ("National figure", "SafeLives' published figure for all MARACs, \(NationalReturn.publishedPeriod); \"not published\" where the project holds none for the row."),
        ]
    }
}
