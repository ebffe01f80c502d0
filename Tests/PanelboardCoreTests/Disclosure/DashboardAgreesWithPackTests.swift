import Foundation
import Testing
@testable import PanelboardCore

/// The dashboard and the CSV pack show the same cells: every protected figure on
/// the page reads as `figures.csv` says (the number, `<5`, `[c]`, "not recorded").
@Suite(.serialized) struct DashboardAgreesWithPackTests {
    func expected(_ f: BoardFigure, _ format: (Double) -> String) -> String {
        switch f.status {
        case .primary: "<5"
        case .secondary: "[c]"
        case .unknown: "not recorded"
        case .shown: format(f.value!)
        }
    }

    @Test(arguments: [("MARAC", nil), ("MARAC", "South"), ("DAPP", "North"), ("DAPP", "South")] as [(String, String?)])
    func everyProtectedCellReadsAsInThePack(panel: String, area: String?) throws {
        let scope = MetricScope(panel: panel, area: area, period: try Period(parsing: "FY2024Q4"), asOf: day("2025-03-31"))
        let dashboard = Dashboard(store: DemoStoreDisclosureTests.demo.store, scope: scope, reports: URL(fileURLWithPath: "/nonexistent"))
        let figures = try dashboard.figures()
        let board = try dashboard.boardFigures(figures)
        let model = try dashboard.model()
        func count(_ d: Double) -> String { String(Int(d)) }
        func pct(_ d: Double) -> String { String(format: "%.0f%%", d * 100) }
        func pct1(_ d: Double) -> String { String(format: "%.1f%%", d * 100) }
        let sources = figures.current.referralSources.filter { $0.value.count > 0 || Agency.codes.contains($0.code) }
        #expect(model.sourceRows.map { $0.cells[1].text } == sources.map { expected(board.figure("referral_sources", "count", $0.code), count) })
        #expect(model.sourceRows.map { $0.cells[2].text } == sources.map { expected(board.figure("referral_sources", "share", $0.code), pct) })
        #expect(model.reasonRows.map { $0.cells[1].text }
            == figures.current.referralReasons.map { expected(board.figure("referral_reasons", "count", $0.code), count) })
        #expect(model.demographicRows.map { $0.cells[1].text + " " + $0.cells[2].text }
            == figures.current.demographics.map { expected(board.figure("demographics", "count", $0.code), count) + " "
                + expected(board.figure("demographics", "share", $0.code), pct1) })
        #expect(model.exitRows.map { $0.cells[1].text }
            == Vocabulary.exitReason.values.map { expected(board.figure("cohort", $0, "exits_by_reason"), count) })
        // The tiles the two implementations used to disagree on.
        let tile = Dictionary(uniqueKeysWithValues: model.tiles.map { ($0.title, $0) })
        #expect(tile["Police share of referrals"]?.value == expected(board.figure("referral_sources", "share", "police"), pct))
        #expect(tile["Police share of referrals"]?.detail == "partner agencies " + expected(board.figure("volumes", "partner_agency_share"), pct))
        // A perpetrator panel has no population tile.
        #expect(tile["Cases per 10,000 adult women"]?.value
            == (panel == "DAPP" ? nil : expected(board.figure("volumes", "cases_per_10k_adult_females_annualised"), { String(format: "%.1f", $0) })))
        #expect(tile["Actions completed on time"]?.value == figures.current.actions.total.onTimeRate.map(pct))
        // A change on the previous period gives the previous figure away: shown
        // only when both figures are.
        let previous = figures.previous.period.label
        for (title, now, then) in [("Cases discussed", board.figure("volumes", "cases_discussed"), board.figure("previous", "cases_discussed", previous)),
                                   ("Repeat rate", board.figure("repeats", "repeat_rate"), board.figure("previous", "repeat_rate", previous)),
                                   ("Police share of referrals", board.figure("referral_sources", "share", "police"),
                                    board.figure("previous", "police_share", previous))] {
            let hidden = [now, then].contains { $0.status == .primary || $0.status == .secondary }
            #expect((tile[title]?.change == "change hidden (small numbers)") == hidden, "\(title): \(tile[title]?.change ?? "")")
        }
        // The trend: a hidden count draws no column.
        for (column, t) in zip(model.trendColumns, figures.trend) {
            let f = board.figure("trend", "cases_discussed", t.scope.period.label)
            #expect(column.value == expected(f, count))
            if f.status != .shown { #expect(column.height == 0) }
        }
        // The national return reads the same cells.
        let national = Dictionary(uniqueKeysWithValues: model.nationalRows.map { ($0.cells[0].text, $0.cells[1].text) })
        #expect(national["Cases discussed"] == expected(board.figure("volumes", "cases_discussed"), count))
        #expect(national["Partner agency referrals"] == expected(board.figure("volumes", "partner_agency_referrals"), count))
        #expect(national["Male victims"] == expected(board.figure("demographics", "count", "male"), count))
        #expect(model.footerNote == board.suppression.summary)
    }
}
