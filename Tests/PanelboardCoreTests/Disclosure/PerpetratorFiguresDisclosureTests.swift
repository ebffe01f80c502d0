import Testing
@testable import PanelboardCore

/// The perpetrator figures in board outputs (docs/metrics.md, "Small numbers"):
/// counts of people protected, actions by type exact, RFG medians hidden with the
/// count of people they are taken over, and the sums a reader knows honoured.
@Suite struct PerpetratorFiguresDisclosureTests {
    @Test func actionsByTypeAreExactAndPeopleAreProtected() throws {
        let harness = try MetricsHarness(fixture: "actions_by_type", importAsOf: day("2024-06-30"))
        let report = try harness.report(scope("DAPP", "2024Q1", asOf: "2024-06-30"))
        let figures = try BoardFigures.build(report: report, suppression: Suppression())
        // 2, 1 and 1: small, yet the agencies' work, shown as they are.
        for (field, breakdown, value) in [("agreed", "actions_by_type.enforcement", 2.0), ("due", "actions_by_type.engagement", 1),
                                          ("completed_on_time", "actions_by_type.not_recorded", 1)] {
            let f = figures.figure("perpetrator", field, breakdown)
            #expect(f.status == .shown && f.value == value && !f.isCount, "\(breakdown).\(field)")
        }
        #expect(figures.figure("perpetrator", "on_time_rate", "actions_by_type.enforcement").status == .shown)
    }

    @Test func rfgMediansAreHiddenWithTheirPeople() throws {
        let harness = try MetricsHarness(fixture: "rfg", importAsOf: day("2025-03-31"))
        // South, 2024Q4: one scored exit, whose median is that person's score.
        let one = try BoardFigures.build(report: try harness.report(scope("DAPP", "2024Q4", asOf: "2025-03-31", area: "South")),
                                         suppression: Suppression())
        #expect(one.figure("perpetrator", "rfg_exits_scored").status == .primary)
        #expect(one.figure("perpetrator", "rfg_at_adoption_median").status == .secondary)
        #expect(one.figure("perpetrator", "rfg_change_median").status == .secondary)
        #expect(one.text(one.figure("perpetrator", "rfg_change_median")) == "[c]")
    }

    @Test func harmAfterExitCountsAreProtectedAndTheirSumsHonoured() throws {
        let harness = try MetricsHarness(fixture: "harm_after_exit", importAsOf: day("2025-03-31"))
        let figures = try BoardFigures.build(report: try harness.report(scope("DAPP", "2024Q3", asOf: "2025-03-31")),
                                             suppression: Suppression())
        let harm = figures.figure("perpetrator", "harm", "harm_after_exit.3_months.all")
        #expect(harm.value == 2 && harm.isCount && harm.status == .primary)
        // exits 7 = harm 2 + pending 0 + no_harm 5: with harm hidden, no_harm would
        // give it away, so it is hidden too.
        #expect(figures.figure("perpetrator", "no_harm", "harm_after_exit.3_months.all").status != .shown)
        // The adoption sources add up to adopted: none of them can be read off.
        for source in AdoptedBySource.sources {
            let f = figures.figure("perpetrator", source, "adopted_by_source")
            #expect(f.isCount)
        }
    }
}
