import Foundation
import Testing
@testable import PanelboardCore

/// A triage panel's board pack on its own terms (issue 16, item 1): referrals per
/// working day by day and by weekday, reason by risk level, escalation to MARAC,
/// meetings held with quoracy and core attendance; no MARAC return, population
/// tile or MARAC benchmark. The demo's DRAMM, FY2024Q4.
@Suite(.serialized) struct TriageLayoutTests {
    static func dashboard(_ panel: String, area: String? = nil, period: String = "FY2024Q4") throws -> Dashboard {
        let scope = MetricScope(panel: panel, area: area, period: try Period(parsing: period), asOf: day("2025-03-31"))
        return Dashboard(store: DemoStoreDisclosureTests.demo.store, scope: scope,
                         reports: MetricsHarness.repository.appendingPathComponent("Reports"))
    }

    /// A figure as the page shows it.
    static func shown(_ f: BoardFigure, _ format: (Double) -> String = { DashboardModel.grouped(Int($0)) }) -> String {
        switch f.status {
        case .primary: "<5"
        case .secondary: "[c]"
        case .unknown: "not recorded"
        case .shown: format(f.value!)
        }
    }

    static let triageSections = ["<h2>Referrals per working day</h2>", "<h2>Reason by risk level</h2>", "<h2>Escalation to MARAC</h2>",
                                 "<h2>Meetings and quoracy</h2>", "<caption>Core agencies' attendance</caption>"]
    static let maracOnly = ["SafeLives quarterly MARAC return", "<h3>Cases per 10,000 adult women</h3>",
                            "SafeLives recommends about 40 for a MARAC", "Expected repeat rate", "; expected 28–40%",
                            "expected range"]

    @Test func drammHasTheTriageSectionsAndNoMaracOnes() throws {
        let dramm = try Self.dashboard("DRAMM").render()
        let marac = try Self.dashboard("MARAC").render()
        let dapp = try Self.dashboard("DAPP").render()
        for section in Self.triageSections {
            #expect(dramm.html.contains(section), "\(section)")
            #expect(!marac.html.contains(section) && !dapp.html.contains(section), "\(section)")
        }
        for text in Self.maracOnly {
            #expect(!dramm.html.contains(text), "\(text)")
        }
        #expect(marac.html.contains("SafeLives quarterly MARAC return") && marac.html.contains("<h3>Cases per 10,000 adult women</h3>"))
        // The glossary's repeat rate carries the MARAC's range on a MARAC's pack only.
        #expect(marac.html.contains("the expected range here is 28–40%") && !dapp.html.contains("expected range"))
        for tile in ["Referrals per working day", "Escalated to MARAC", "Quorate meetings"] {
            #expect(dramm.html.contains("<h3>\(tile)</h3>"), "\(tile)")
            #expect(!marac.html.contains("<h3>\(tile)</h3>"), "\(tile)")
        }
        // The triage glossary is the DRAMM's, not the MARAC's.
        #expect(dramm.html.contains("<dt>Escalated to MARAC</dt>") && !marac.html.contains("<dt>Escalated to MARAC</dt>"))

        let drammFiles = dramm.pack.files.map(\.name), maracFiles = marac.pack.files.map(\.name)
        #expect(!drammFiles.contains("DRAMM_FY2024Q4_national_return.csv"))
        for section in DashboardModel.triageSectionNames {
            // A quarter is shown by day; by week is for longer periods.
            #expect(drammFiles.contains("DRAMM_FY2024Q4_\(section).csv") == (section != "referrals_by_week"), "\(section)")
            // A MARAC has quoracy and core attendance tables of its own, and the case
            // profile's discussion types and children (not its risk levels or screening).
            let maracToo = ["quoracy", "core_attendance", "discussion_types", "children_linked", "children_services"]
            #expect(maracFiles.contains { $0.hasSuffix("_\(section).csv") } == maracToo.contains(section), "\(section)")
        }
        #expect(Set(dramm.pack.sections.map(\.name)).isSubset(of: BoardPack.sectionNames))
    }

    /// The triage family is on a triage panel's board only, with its glossary.
    @Test func theTriageFamilyIsOnATriageBoardOnly() throws {
        for (panel, kind) in [("DRAMM", PanelKind.triage), ("MARAC", .marac), ("DAPP", .perpetrator)] {
            let dashboard = try Self.dashboard(panel)
            let board = try dashboard.boardFigures(try dashboard.figures())
            let expected = Set(MetricsReport.descriptions.filter { $0.isOnBoard(kind) }.map(\.member))
            #expect(Set(board.figures.filter(\.inReport).map(\.family)) == expected, "\(panel)")
            #expect(expected.contains("triage") == (kind == .triage), "\(panel)")
            let terms = Glossary.terms(settings: dashboard.scope.settings, kind: kind).map(\.0)
            #expect(terms.contains("Escalated to MARAC") == (kind == .triage), "\(panel)")
        }
    }

    /// Each working day of the quarter, with its referrals as the board figures
    /// say; the weekdays are sums of their days; the chart draws every day, a
    /// hidden one as a mark of fixed size.
    @Test func referralsPerWorkingDayByDayAndWeekday() throws {
        let dashboard = try Self.dashboard("DRAMM")
        let figures = try dashboard.figures()
        let board = try dashboard.boardFigures(figures)
        let model = try dashboard.model()
        let triage = figures.current[Triage.self]
        let days = triage.receivedByWorkingDay
        // FY2024Q4: 64 weekdays less New Year's Day.
        #expect(days.count == 63)
        #expect(days.map(\.count).reduce(0, +) <= figures.current.volumes.referralsReceived)
        #expect(days.map(\.count).min() == triage.perWorkingDayMin && days.map(\.count).max() == triage.perWorkingDayMax)
        #expect(model.triageDayRows.map { $0.cells.map(\.text) } == days.map { d in
            [d.day.iso, WeekdayFigures.names[WorkingCalendar.weekday(d.day)], Self.shown(board.figure("triage", "received", "by_day.\(d.day.iso)"))]
        })
        for d in days { #expect(board.figure("triage", "received", "by_day.\(d.day.iso)").value == Double(d.count)) }

        #expect(model.triageWeekdayRows.map { $0.cells[0].text } == Array(WeekdayFigures.names.prefix(5)))
        for row in model.triageWeekdayRows {
            let name = row.cells[0].text
            let mine = days.filter { WeekdayFigures.names[WorkingCalendar.weekday($0.day)] == name }
            #expect(board.figure("triage", "received", "by_weekday.\(name)").value == Double(mine.map(\.count).reduce(0, +)))
            #expect(row.cells[1].text == String(mine.count))
            #expect(row.cells[2].text == Self.shown(board.figure("triage", "received", "by_weekday.\(name)")))
        }
        let hiddenDays = days.filter { [.primary, .secondary].contains(board.figure("triage", "received", "by_day.\($0.day.iso)").status) }
        #expect(!hiddenDays.isEmpty, "the demo's DRAMM has quiet days: drawn, not dropped")
        // A <5 day is an outline up to 5, a [c] day a dashed mark; each kind has its
        // swatch in the chart's own key, with how many days it marks.
        func status(_ d: (day: Day, count: Int)) -> CellStatus { board.figure("triage", "received", "by_day.\(d.day.iso)").status }
        let small = hiddenDays.filter { status($0) == .primary }.count, protected = hiddenDays.count - small
        #expect(small > 0)
        #expect(model.triageDayChart.rects.filter { $0.cls == "hidden-small" }.count == small + 1, "each <5 day, and the key's swatch")
        #expect(model.triageDayChart.rects.filter { $0.cls == "hidden" }.count == protected + (protected > 0 ? 1 : 0))
        #expect(model.triageDayChart.texts.contains { $0.cls == "legend" && $0.text == "<5 outlined to 5: \(small) days with 1 to 4 referrals" })
        #expect(model.triageDayChart.texts.contains { $0.cls == "legend" && $0.text.hasPrefix("[c] dashed: \(protected) days") } == (protected > 0))
        let drawn = days.filter { board.figure("triage", "received", "by_day.\($0.day.iso)").status == .shown && $0.count > 0 }
        #expect(model.triageDayChart.rects.filter { $0.cls == "column" }.count == drawn.count)
        #expect(model.triageWeekdayChart.texts.filter { $0.cls == "label" }.map(\.text) == Array(WeekdayFigures.names.prefix(5)))
    }

    /// The DRAMM's pack keeps its small numbers (the spec's own checker, with the
    /// triage sums), and its section files show each day as `figures.csv` does.
    @Test func drammPackKeepsItsSmallNumbers() throws {
        let p = try DemoStoreDisclosureTests.pack("DRAMM")
        #expect(p.problems.isEmpty, "\(p.problems)")
        let days = p.rows.filter { $0.key.hasPrefix("triage|by_day.") }
        #expect(days.count == 63)
        var small = 0
        for (key, row) in days {
            if let n = Int(p.truth[key] ?? ""), (1...4).contains(n) {
                #expect(row.value == "<5" || row.value == "[c]", "\(key)")
                small += 1
            }
        }
        #expect(small > 10)
        let rendered = try Self.dashboard("DRAMM").render()
        let file = try #require(rendered.pack.files.first { $0.name == "DRAMM_FY2024Q4_referrals_by_day.csv" }).contents
        for line in file.split(separator: "\r\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(cells.count == 3 && cells[2] == p.rows["triage|by_day.\(cells[0])|received"]?.value, "\(line)")
        }

        // The checker reads the triage figures: a small day put back is caught.
        let settings = MetricSettings()
        let scope = MetricScope(panel: "DRAMM", period: try Period(parsing: "FY2024Q4"), asOf: day("2025-03-31"), settings: settings)
        let packs = try GeneratedScopesDisclosureTests.packs(DemoStoreDisclosureTests.demo.store, scope)
        let (key, _) = try #require(days.first { $0.value.value == "<5" })
        let date = key.dropFirst("triage|by_day.".count).prefix(10)
        let truth = try #require(p.truth[key])
        let tampered = packs.suppressed.replacingOccurrences(of: "triage,received,by_day.\(date),<5,primary",
                                                             with: "triage,received,by_day.\(date),\(truth),shown")
        #expect(tampered != packs.suppressed)
        #expect(DisclosureChecker(threshold: 5, scope: "tampered").problems(suppressed: tampered, unsuppressed: packs.unsuppressed, about: packs.about)
            .contains { $0.contains("a count of \(truth) shown") })
    }

    /// A year by week (Monday to Friday, named by its Monday): the weeks and the
    /// weekdays make up the same working days, the pack's file is by week, and
    /// the year's pack keeps its small numbers.
    @Test func aLongerPeriodIsShownByWeek() throws {
        let dashboard = try Self.dashboard("DRAMM", area: "North", period: "FY2024")
        let figures = try dashboard.figures()
        let board = try dashboard.boardFigures(figures)
        let model = try dashboard.model()
        let days = figures.current[Triage.self].receivedByWorkingDay
        let weeks = Dictionary(grouping: days) { BoardFigures.Builder.weekStart($0.day) }
        #expect(model.triageUnit == "week" && model.triageDayColumns == ["Week beginning", "Working days", "Referrals received"])
        #expect(model.triageDayRows.map { $0.cells[0].text } == weeks.keys.sorted().map(\.iso))
        #expect(weeks.count >= 52 && weeks.keys.allSatisfy { WorkingCalendar.weekday($0) == 0 })
        for (start, mine) in weeks {
            let f = board.figure("triage", "received", "by_week.\(start.iso)")
            #expect(f.value == Double(mine.map(\.count).reduce(0, +)) && f.isCount, "\(start.iso)")
            #expect(board.figure("triage", "days", "by_week.\(start.iso)").value == Double(mine.count))
        }
        #expect(!board.figures.contains { $0.family == "triage" && $0.breakdown?.hasPrefix("by_day.") == true })
        for field in ["min", "median", "max"] {
            let f = board.figure("triage", field, "per_working_day")
            let value = try #require(f.value)
            #expect((f.status == .shown) == (value == 0 || value.rounded(.up) >= 5), "\(field) \(value) \(f.status)")
        }
        let pack = try dashboard.render().pack
        #expect(pack.files.map(\.name).contains("DRAMM_North_FY2024_referrals_by_week.csv"))
        #expect(!pack.files.map(\.name).contains("DRAMM_North_FY2024_referrals_by_day.csv"))
        let packs = try GeneratedScopesDisclosureTests.packs(DemoStoreDisclosureTests.demo.store, dashboard.scope)
        let problems = DisclosureChecker(threshold: 5, scope: "demo DRAMM North FY2024")
            .problems(suppressed: packs.suppressed, unsuppressed: packs.unsuppressed, about: packs.about)
        #expect(problems.isEmpty, "\(problems)")
        #expect(packs.suppressed.contains(",primary"))
    }

    /// The fewest, median and most a day are particular days' counts: shown only
    /// where those days are, so a fewest of 2 is never on the page.
    @Test func perDaySummaryIsHiddenWithItsDays() throws {
        let dashboard = try Self.dashboard("DRAMM")
        let figures = try dashboard.figures()
        let board = try dashboard.boardFigures(figures)
        let days = figures.current[Triage.self].receivedByWorkingDay
        for field in ["min", "median", "max"] {
            let f = board.figure("triage", field, "per_working_day")
            #expect(f.inReport && f.value != nil, "\(field)")
            if f.status == .shown, let v = f.value, v == v.rounded() {
                #expect(v == 0 || v >= 5, "\(field) \(v) shown")
            }
        }
        // The demo's DRAMM has a median day of 1 to 4 referrals: hidden, though
        // the referrals received are shown; its fewest (0) and most are shown.
        let counts = days.map(\.count).sorted()
        let median = board.figure("triage", "median", "per_working_day")
        #expect(median.value == Double(counts[counts.count / 2]) && (1...4).contains(counts[counts.count / 2]))
        #expect(median.status == .secondary && board.figure("volumes", "referrals_received").status == .shown)
        #expect(board.figure("triage", "min", "per_working_day").value == 0)
        #expect(board.figure("triage", "max", "per_working_day").status == .shown)
        // The average over working days: hidden with the weekdays it is taken from.
        let mean = board.figure("triage", "mean", "per_working_day")
        #expect(mean.value == Double(counts.reduce(0, +)) / Double(counts.count) && mean.status == .shown)
    }

    @Test func reasonByRiskEscalationAndQuoracy() throws {
        let dashboard = try Self.dashboard("DRAMM")
        let figures = try dashboard.figures()
        let board = try dashboard.boardFigures(figures)
        let model = try dashboard.model()
        let report = figures.current
        let triage = report[Triage.self]
        #expect(model.reasonRiskColumns == ["Reason", "Standard", "Medium", "High", "Very high", "Not recorded"])
        #expect(model.reasonRiskRows.count == Triage.reasons.count)
        var total = 0
        for (row, reason) in zip(model.reasonRiskRows, triage.receivedByReasonAndRisk) {
            for (i, risk) in reason.byRisk.enumerated() {
                let f = board.figure("triage", risk.risk, "received_by_reason_and_risk.\(reason.reason)")
                #expect(f.value == Double(risk.count) && f.isCount)
                #expect(row.cells[i + 1].text == Self.shown(f))
                total += risk.count
            }
        }
        #expect(total == report.volumes.referralsReceived)
        #expect(model.reasonRiskRows.contains { $0.cells.contains { $0.text == "<5" } }, "the demo's grid has small cells")

        let escalated = board.figure("triage", "escalated_to_marac")
        #expect(escalated.value == Double(triage.escalatedToMarac.count) && triage.escalatedToMarac.count > 0)
        #expect(model.escalationRows.map { $0.cells[0].text } == [
            "Referrals received", "Escalated to MARAC within 14 working days", "Share escalated",
            "Back at triage within 12 months of a MARAC referral",
        ])
        #expect(model.escalationRows[1].cells[1].text == Self.shown(escalated))

        // Meetings are the agencies' work: exact, whatever their size.
        let q = report.meetings.quoracy
        #expect(model.quoracyRows.map { $0.cells[1].text } == [
            DashboardModel.grouped(report.meetings.held), String(q.emergencyMeetings), DashboardModel.grouped(q.quorate),
            DashboardModel.grouped(q.notQuorate), DashboardModel.grouped(q.quorumUnknown),
            q.quoracyRate.map { String(format: "%.0f%%", $0 * 100) } ?? "not recorded",
        ])
        #expect(report.meetings.held > 0 && !q.coreAttendance.isEmpty)
        // Through the one model, as figures.csv lists them: exact.
        for (field, value) in [("quorate", q.quorate), ("not_quorate", q.notQuorate), ("quorum_unknown", q.quorumUnknown)] {
            let f = board.figure("meetings", field)
            #expect(f.value == Double(value) && f.status == .shown && !f.isCount, "\(field)")
        }
        for (agency, a) in q.coreAttendance {
            #expect(board.figure("meetings", "apologies", "core_attendance.\(agency)").value == Double(a.apologies))
        }
        #expect(board.table.rows.filter { $0[0].plainText == "meetings" && $0[2].plainText.hasPrefix("core_attendance.") }.count
            == q.coreAttendance.count * 7)
        #expect(model.coreAttendanceRows.map { $0.cells[1].text } == q.coreAttendance.keys.sorted().map { String(q.coreAttendance[$0]!.expected) })
    }
}
