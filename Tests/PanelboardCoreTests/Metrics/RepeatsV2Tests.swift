import GRDB
import Testing
@testable import PanelboardCore

/// Fixtures/metrics/panel_meetings/README.md, "Repeats v2": the DRAMM counts an
/// earlier heard MARAC or DRAMM referral (its panels.csv repeat_panels); its MARAC
/// only its own.
@Suite struct RepeatsV2Tests {
    let harness: MetricsHarness

    init() throws {
        harness = try MetricsHarness(fixture: "panel_meetings", importAsOf: day("2024-05-31"))
    }

    func april(_ panel: String) -> MetricScope {
        scope(panel, period("2024-04-01", "2024-04-30"), asOf: "2024-05-31")
    }

    @Test func triageCountsAnEarlierMaracAsARepeat() throws {
        let result = try harness.compute(Repeats.self, april("DRAMM"))
        #expect(result == Repeats.Result(casesDiscussed: 6, repeatCases: 3, repeatRate: 0.5, recordedFlagDisagrees: 0))
        let resolved = try harness.store.queue.read { try april("DRAMM").resolvingProfile($0) }
        let rows = try harness.rows(Repeats.casesSQL, resolved)
        #expect(rows.filter { ($0["is_repeat"] as Int) == 1 }.map { $0["referral_id"] as String } == ["R01", "R03", "R06"])
    }

    /// repeat_panels given for one run (the panel alone) overrides the row: version
    /// 1's rule, under which R06's recorded Y disagrees.
    @Test func thePanelAloneIsVersionOnesRule() throws {
        let rows = try harness.store.queue.read { db in
            var parameters = april("DRAMM").parameters
            parameters["repeat_panels"] = "DRAMM"
            let statement = try db.makeStatement(sql: Repeats.sql)
            let wanted = Set(statement.sqliteArgumentNames)
            return try Row.fetchAll(statement, arguments: StatementArguments(parameters.filter { wanted.contains($0.key) }))
        }
        #expect(try Repeats.result(from: rows, scope: april("DRAMM"))
            == Repeats.Result(casesDiscussed: 6, repeatCases: 1, repeatRate: 1.0 / 6.0, recordedFlagDisagrees: 1))
    }

    @Test func theMaracKeepsItsOwnRule() throws {
        #expect(try harness.compute(Repeats.self, april("MARAC"))
            == Repeats.Result(casesDiscussed: 2, repeatCases: 1, repeatRate: 0.5, recordedFlagDisagrees: 0))
    }
}
