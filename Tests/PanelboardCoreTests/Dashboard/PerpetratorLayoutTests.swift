import Foundation
import Testing
@testable import PanelboardCore

/// A perpetrator panel's board pack on its own terms (issue 16, item 1): the
/// cohort flow as a chart, harm after exit, exit reviews due and RFG, actions by
/// type; no MARAC return, population tile or MARAC benchmark.
@Suite(.serialized) struct PerpetratorLayoutTests {
    static func dashboard(_ panel: String) throws -> Dashboard {
        let scope = MetricScope(panel: panel, period: try Period(parsing: "FY2024Q4"), asOf: day("2025-03-31"))
        return Dashboard(store: DemoStoreDisclosureTests.demo.store, scope: scope,
                         reports: MetricsHarness.repository.appendingPathComponent("Reports"))
    }

    @Test func dappHasNoMaracReturnPopulationTileOrBenchmark() throws {
        let dapp = try Self.dashboard("DAPP").render()
        let marac = try Self.dashboard("MARAC").render()
        for (html, isMarac) in [(dapp.html, false), (marac.html, true)] {
            #expect(html.contains("SafeLives quarterly MARAC return") == isMarac)
            #expect(html.contains("<h3>Cases per 10,000 adult women</h3>") == isMarac)
            #expect(html.contains("SafeLives recommends about 40 for a MARAC") == isMarac)
            #expect(html.contains("Expected repeat rate") == isMarac)
            #expect(html.contains("<h2>Cohort flow</h2>") == !isMarac)
            #expect(html.contains("<caption>Harm after exit, for the period's exits</caption>") == !isMarac)
        }
        let dappFiles = dapp.pack.files.map(\.name)
        #expect(!dappFiles.contains("DAPP_FY2024Q4_national_return.csv"))
        #expect(marac.pack.files.map(\.name).contains("MARAC_FY2024Q4_national_return.csv"))
        for section in ["cohort", "adopted_by_source", "cohort_exits", "harm_after_exit", "exit_reviews_rfg", "actions_by_type"] {
            #expect(dappFiles.contains("DAPP_FY2024Q4_\(section).csv"), "\(section)")
            #expect(!marac.pack.files.map(\.name).contains("MARAC_FY2024Q4_\(section).csv"), "\(section)")
        }
    }

    /// The chart's bars and the tables read the suppressed figures: every source
    /// and reason with someone in it is drawn, a hidden one as a mark labelled as
    /// the table shows it.
    @Test func cohortFlowChartAndTablesShowTheBoardFigures() throws {
        let dashboard = try Self.dashboard("DAPP")
        let figures = try dashboard.figures()
        let board = try dashboard.boardFigures(figures)
        let model = try dashboard.model()
        let report = figures.current
        func shown(_ f: BoardFigure, _ format: (Double) -> String = { String(Int($0)) }) -> String {
            switch f.status {
            case .primary: "<5"
            case .secondary: "[c]"
            case .unknown: "not recorded"
            case .shown: format(f.value!)
            }
        }
        var expected: [(String, String)] = [("On the cohort at the start", shown(board.figure("cohort", "at_start")))]
        for source in AdoptedBySource.sources where report.perpetrator.adoptedBySource[source, default: 0] > 0 {
            expected.append(("Adopted: \(source == "marac" ? "MARAC" : source.replacingOccurrences(of: "_", with: " "))",
                             shown(board.figure("perpetrator", source, "adopted_by_source"))))
        }
        for reason in Vocabulary.exitReason.values where report.cohort.exitsByReason[reason, default: 0] > 0 {
            expected.append(("Exited: \(reason == "mappa" ? "MAPPA" : reason.replacingOccurrences(of: "_", with: " "))",
                             shown(board.figure("cohort", reason, "exits_by_reason"))))
        }
        expected.append(("On the cohort at the end", shown(board.figure("cohort", "at_end"))))
        let labels = model.cohortFlowChart.texts.filter { $0.cls == "label" }.map(\.text)
        let values = model.cohortFlowChart.texts.filter { $0.cls == "value" }.map(\.text)
        #expect(labels == expected.map(\.0))
        #expect(values == expected.map(\.1))
        #expect(expected.count >= 6)
        #expect(values.contains("<5"), "the demo's DAPP quarter has a small source or reason: drawn, not dropped")
        // A <5 is an outline to 5, a [c] a dashed mark; each kind drawn has its swatch in the key.
        let small = values.filter { $0 == "<5" }.count, protected = values.filter { $0 == "[c]" }.count
        #expect(model.cohortFlowChart.rects.filter { $0.cls == "hidden-small" }.count == small + (small > 0 ? 1 : 0))
        #expect(model.cohortFlowChart.rects.filter { $0.cls == "hidden" }.count == protected + (protected > 0 ? 1 : 0))
        #expect(model.cohortFlowChart.texts.contains { $0.cls == "legend" && $0.text == "<5 outlined to 5: a count of 1 to 4" })

        #expect(model.harmRows.map { $0.cells.map(\.text) } == HarmAfterExit.horizons.map { months in
            ["\(months) months"] + ["exits", "harm", "pending", "no_harm"].map {
                shown(board.figure("perpetrator", $0, "harm_after_exit.\(months)_months.all"))
            }
        })
        #expect(model.outcomeRows.map { $0.cells[1].text } == [
            shown(board.figure("perpetrator", "exit_review_due")), shown(board.figure("perpetrator", "post_exit_incidents_without_marac")),
            shown(board.figure("perpetrator", "rfg_exits_scored")),
            shown(board.figure("perpetrator", "rfg_at_adoption_median")) { String(format: "%.1f", $0) },
            shown(board.figure("perpetrator", "rfg_change_median")) { String(format: "%.1f", $0) },
        ])
        #expect(model.outcomeRows[0].cells[1].text == String(report.perpetrator.exitReviewDue))
        // Actions by type are the agencies' work: exact.
        let types = ActionsByType.types.filter { report.perpetrator.actionsByType[$0].map { $0.agreed + $0.due > 0 } ?? false }
        #expect(!types.isEmpty)
        #expect(model.actionTypeRows.map { $0.cells[2].text } == types.map { String(report.perpetrator.actionsByType[$0]!.due) })
    }

    /// The cohort flow over the trend's periods: each period's row is its own
    /// cohort figures, suppressed with the rest (the period's own row reads as its
    /// cohort table), and its end is the next period's start. MARAC packs have none.
    @Test func cohortTrendShowsEachPeriodsFlow() throws {
        let dashboard = try Self.dashboard("DAPP")
        let figures = try dashboard.figures()
        let board = try dashboard.boardFigures(figures)
        let model = try dashboard.model()
        #expect(model.cohortTrendRows.map { $0.cells[0].text } == figures.trend.map(\.scope.period.label))
        #expect(figures.trend.count == 8)
        for (row, t) in zip(model.cohortTrendRows, figures.trend) {
            let label = t.scope.period.label
            let raw = [t.cohort.atStart, t.cohort.adopted, t.cohort.exited, t.cohort.atEnd]
            #expect(raw[0] + raw[1] - raw[2] == raw[3], "\(label)")
            for (i, field) in ["at_start", "adopted", "exited", "at_end"].enumerated() {
                let f = board.figure("trend", "cohort_\(field)", label)
                #expect(f.value == Double(raw[i]), "\(label) \(field)")
                let text = row.cells[i + 1].text
                #expect(text == (f.status == .shown ? String(raw[i]) : f.status == .primary ? "<5" : "[c]"), "\(label) \(field)")
            }
        }
        for (a, b) in zip(figures.trend, figures.trend.dropFirst()) { #expect(a.cohort.atEnd == b.cohort.atStart) }
        let last = try #require(model.cohortTrendRows.last).cells.dropFirst().map(\.text)
        #expect(last == model.cohortRows.prefix(4).map { $0.cells[1].text })
        #expect(model.cohortTrendChart.texts.contains { $0.cls == "axis-title" && $0.text == "On the cohort at the end" })
        #expect(model.cohortTrendChart.texts.filter { $0.cls == "value" }.map(\.text) == model.cohortTrendRows.map { $0.cells[4].text })

        let marac = try Self.dashboard("MARAC")
        let maracBoard = try marac.boardFigures(try marac.figures())
        #expect(!maracBoard.figures.contains { $0.family == "trend" && $0.field.hasPrefix("cohort_") })
        #expect(board.figures.filter { $0.family == "trend" && $0.field.hasPrefix("cohort_") }.count == 32)
    }
}
