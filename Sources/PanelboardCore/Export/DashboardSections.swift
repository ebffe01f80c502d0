/// The dashboard's sections as the board pack's tables (CSV files, spreadsheet
/// sheets): the same rows as the page, under the page's column headings
/// (`Reports/dashboard.mustache`; `PackTablesTests` holds the two together).
extension DashboardModel {
    public var packTables: [PackTable] {
        func text(_ t: String) -> Cell { Cell(text: t, numeric: false) }
        let headline = tiles.map { tile in
            Row(cells: [text(tile.title), Cell(text: tile.value, numeric: true), text(tile.detail), text(tile.change),
                        text(tile.statusText)] + (isMaracPanel ? [text(tile.yearAgo), text(tile.rolling)] : []))
        }
        var tables = [
            PackTable(name: "headline", title: "Headline figures",
                      columns: ["Figure", "Value", "Detail", "Change", "Status"]
                        + (isMaracPanel ? ["Change on a year before", "Rolling 12 months"] : []),
                      rows: headline),
            PackTable(name: "trend", title: trendHeading,
                      columns: ["Period", "Referrals received", "Cases discussed", "Repeat cases", "Repeat rate", "Actions on time"],
                      rows: trendRows),
            PackTable(name: "referral_sources", title: "Referring agency", columns: ["Agency", "Cases", "Share"], rows: sourceRows),
            PackTable(name: "referral_reasons", title: "Referral reason", columns: ["Reason", "Cases", "Share"], rows: reasonRows),
            PackTable(name: "actions", title: "Actions due in the period",
                      columns: ["Agency", "Due", "On time", "Late", "Not completed", "Overdue", "Not yet due", "On-time rate",
                                "Median days to complete"],
                      rows: actionRows + actionTotals),
        ]
        if isPerpetratorPanel {
            tables += [
                PackTable(name: "cohort", title: "Cohort in the period", columns: ["Measure", "People"], rows: cohortRows),
                PackTable(name: "adopted_by_source", title: "Adopted by source", columns: ["Source", "People"], rows: adoptedRows),
                PackTable(name: "cohort_exits", title: "Exits by reason", columns: ["Reason", "People"], rows: exitRows),
                PackTable(name: "cohort_trend", title: "Cohort flow by period",
                          columns: ["Period", "At the start", "Adopted", "Exited", "At the end"], rows: cohortTrendRows),
                PackTable(name: "harm_after_exit", title: "Harm after exit, for the period's exits",
                          columns: ["Months after exit", "Exits", "Harm", "Pending", "No harm"], rows: harmRows),
                PackTable(name: "exit_reviews_rfg", title: "Exit reviews and RFG scores", columns: ["Measure", "People or score"],
                          rows: outcomeRows),
                PackTable(name: "actions_by_type", title: "Actions by type",
                          columns: ["Type", "Agreed", "Due", "Completed on time", "On-time rate"], rows: actionTypeRows),
            ]
        }
        tables += maracSections.flatMap { section in
            section.tables.map { PackTable(name: $0.name, title: $0.caption, columns: $0.columns, rows: $0.rows) }
        }
        if isTriagePanel { tables += triagePackTables }
        tables += [
            PackTable(name: "meetings", title: "Meetings", columns: ["Measure", "Number", "Note"], rows: meetingRows),
            PackTable(name: "attendance", title: "Attendance by agency",
                      columns: ["Agency", "Expected", "Attended", "Deputy", "Written update", "Apologies", "Absent", "Attendance rate"],
                      rows: attendanceRows),
            PackTable(name: "demographics", title: "Cases discussed (shares are lower bounds: unknowns stay in the total)",
                      columns: ["Group", "Cases", "Share"], rows: demographicRows),
        ]
        // Only a MARAC makes the MARAC return.
        if !isPerpetratorPanel && !isTriagePanel {
            tables.append(PackTable(name: "national_return", title: "SafeLives quarterly MARAC return",
                                    columns: ["Row", "Number", "Percent"] + (isMaracPanel ? [nationalColumn] : []), rows: nationalRows))
        }
        tables += [
            PackTable(name: "data_quality", title: "Findings to take back to the source", columns: ["Finding", "Number"],
                      rows: qualityRows),
        ]
        return tables
    }
}
