import Testing
@testable import PanelboardCore

/// Fixtures/metrics/cohort/README.md: the flow of the DAPP cohort.
@Suite struct CohortTests {
    let harness: MetricsHarness

    init() throws {
        harness = try MetricsHarness(fixture: "cohort", importAsOf: day("2025-07-31"))
    }

    func cohort(_ panel: String, _ period: String, asOf: String = "2025-07-31", area: String? = nil) throws -> Cohort.Result {
        try harness.compute(Cohort.self, scope(panel, period, asOf: asOf, area: area))
    }

    /// Every exit reason, 0 unless given.
    func reasons(_ counts: [String: Int] = [:]) -> [String: Int] {
        var all = Dictionary(uniqueKeysWithValues: Vocabulary.exitReason.values.map { ($0, 0) })
        all.merge(counts) { $1 }
        return all
    }

    @Test func exitsOnTheFirstAndLastDayOfTheQuarter() throws {
        #expect(try cohort("DAPP", "2024Q2") == Cohort.Result(
            atStart: 5, adopted: 4, exited: 4, atEnd: 5,
            exitsByReason: reasons(["no_further_harm": 2, "custody": 1, "moved_out_of_area": 1]),
            medianDaysOnCohortAtExit: 139, reReferredWithin12MonthsOfExit: 2))
    }

    @Test func reReferralsOnlyUpToTheAsOfDate() throws {
        #expect(try cohort("DAPP", "2024Q2", asOf: "2024-09-30").reReferredWithin12MonthsOfExit == 1)
        #expect(try cohort("DAPP", "2024Q2", asOf: "2024-09-09").reReferredWithin12MonthsOfExit == 0)
    }

    @Test func leapDayExitsAndTheClampedYear() throws {
        #expect(try cohort("DAPP", "2024Q1") == Cohort.Result(
            atStart: 5, adopted: 3, exited: 3, atEnd: 5,
            exitsByReason: reasons(["custody": 1, "stepped_down": 1, "other": 1]),
            medianDaysOnCohortAtExit: 181, reReferredWithin12MonthsOfExit: 1))
    }

    @Test func reReferralWindowIsTwelveMonthsWhateverTheRepeatWindow() throws {
        var settings = MetricSettings()
        settings.repeatWindowMonths = 1
        let result = try harness.compute(Cohort.self, scope("DAPP", "2024Q2", asOf: "2025-07-31", settings: settings))
        #expect(result.reReferredWithin12MonthsOfExit == 2)
    }

    @Test func oneArea() throws {
        #expect(try cohort("DAPP", "2024Q2", area: "South") == Cohort.Result(
            atStart: 1, adopted: 1, exited: 1, atEnd: 1, exitsByReason: reasons(["moved_out_of_area": 1]),
            medianDaysOnCohortAtExit: 43, reReferredWithin12MonthsOfExit: 0))
    }

    @Test func anotherPerpetratorPanel() throws {
        #expect(try cohort("IDAP", "2024Q2") == Cohort.Result(
            atStart: 0, adopted: 1, exited: 0, atEnd: 1, exitsByReason: reasons(),
            medianDaysOnCohortAtExit: nil, reReferredWithin12MonthsOfExit: 0))
    }

    @Test func aPanelWithNoCohortRows() throws {
        #expect(try cohort("MARAC", "2024Q2") == Cohort.Result(
            atStart: 0, adopted: 0, exited: 0, atEnd: 0, exitsByReason: reasons(),
            medianDaysOnCohortAtExit: nil, reReferredWithin12MonthsOfExit: 0))
    }
}
