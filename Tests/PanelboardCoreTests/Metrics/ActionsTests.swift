import Testing
@testable import PanelboardCore

/// Fixtures/metrics/actions/README.md, every field of the total and of each agency.
@Suite struct ActionsTests {
    let harness: MetricsHarness

    init() throws {
        harness = try MetricsHarness(fixture: "actions", importAsOf: day("2024-06-30"))
    }

    func actions(_ panel: String, _ period: String, asOf: String) throws -> Actions.Result {
        try harness.compute(Actions.self, scope(panel, period, asOf: asOf))
    }

    @Test func quarterSeenFromInsideIt() throws {
        let result = try actions("MARAC", "2024Q2", asOf: "2024-06-20")
        #expect(result.total == counts(agreed: 9, due: 8, onTime: 2, late: 2, notCompleted: 1, overdue: 1, notYetDue: 2,
                                       rate: 2.0 / 8.0, overdueAsOf: 2, noDueDate: 1, median: 22))
        #expect(result.byAgency.map(\.agency) == ["children_social_care", "housing", "idva", "police"])
        #expect(result.byAgency.map(\.counts) == [
            counts(agreed: 2, due: 0, rate: nil, noDueDate: 1, median: 17),
            counts(agreed: 1, due: 1, late: 1, rate: 0, median: 28.5),
            counts(agreed: 3, due: 3, onTime: 1, late: 1, notYetDue: 1, rate: 1.0 / 3.0, median: 13),
            counts(agreed: 3, due: 4, onTime: 1, notCompleted: 1, overdue: 1, notYetDue: 1, rate: 1.0 / 4.0,
                   overdueAsOf: 2, median: 35),
        ])
    }

    @Test func dueOnTheAsOfDateIsNotYetOverdue() throws {
        let total = try actions("MARAC", "2024Q2", asOf: "2024-06-30").total
        #expect(total == counts(agreed: 9, due: 8, onTime: 2, late: 2, notCompleted: 1, overdue: 2, notYetDue: 1,
                                rate: 2.0 / 8.0, overdueAsOf: 3, noDueDate: 1, median: 22))
    }

    @Test func anEarlierQuarter() throws {
        let result = try actions("MARAC", "2024Q1", asOf: "2024-06-20")
        #expect(result.total == counts(agreed: 5, due: 2, late: 1, overdue: 1, rate: 0, overdueAsOf: 2, noDueDate: 1))
        #expect(result.byAgency.map(\.agency) == ["children_social_care", "housing", "idva", "mental_health", "police"])
        #expect(result.byAgency.map(\.counts) == [
            counts(rate: nil, noDueDate: 1),
            counts(agreed: 2, due: 1, late: 1, rate: 0),
            counts(rate: nil),
            counts(agreed: 1, rate: nil),
            counts(agreed: 2, due: 1, overdue: 1, rate: 0, overdueAsOf: 2),
        ])
    }

    /// A15 (probation, finished in October 2023) counts in no 2024 period: probation
    /// has no row, in the quarter or in the earlier one. A16 (mental health, agreed
    /// in Q1, due in Q2 but cancelled) counts in Q1 only: a cancelled action is not due.
    @Test func anAgencyWithNothingInThePeriodHasNoRow() throws {
        for period in ["2024Q1", "2024Q2"] {
            #expect(!(try actions("MARAC", period, asOf: "2024-06-20")).byAgency.map(\.agency).contains("probation"))
        }
        #expect(!(try actions("MARAC", "2024Q2", asOf: "2024-06-20")).byAgency.map(\.agency).contains("mental_health"))
        let october = try actions("MARAC", "2023Q4", asOf: "2024-06-20")
        #expect(october.byAgency.map(\.agency).contains("probation"))
    }

    /// Every figure, the medians too, counts only the area's actions.
    @Test func oneArea() throws {
        let result = try harness.compute(Actions.self, scope("MARAC", "2024Q2", asOf: "2024-06-20", area: "Stockton"))
        #expect(result.total == counts(due: 2, onTime: 1, late: 1, rate: 0.5, overdueAsOf: 1, median: 30))
        #expect(result.byAgency.map(\.agency) == ["housing", "police"])
        #expect(result.byAgency.map(\.counts) == [
            counts(due: 1, late: 1, rate: 0, median: 28.5),
            counts(due: 1, onTime: 1, rate: 1, overdueAsOf: 1, median: 35),
        ])
    }

    @Test func anotherPanelsActionsAreItsOwn() throws {
        let result = try actions("DAPP", "2024Q2", asOf: "2024-06-20")
        let expected = counts(agreed: 1, due: 1, overdue: 1, rate: 0, overdueAsOf: 1)
        #expect(result.total == expected)
        #expect(result.byAgency.map(\.agency) == ["police"])
        #expect(result.byAgency.map(\.counts) == [expected])
    }

    /// The figures of one row, every one stated (the rate too, not derived here).
    func counts(agreed: Int = 0, due: Int = 0, onTime: Int = 0, late: Int = 0, notCompleted: Int = 0,
                overdue: Int = 0, notYetDue: Int = 0, rate: Double?, overdueAsOf: Int = 0, noDueDate: Int = 0,
                median: Double? = nil) -> Actions.Counts {
        var c = Actions.Counts()
        c.agreed = agreed; c.due = due; c.completedOnTime = onTime; c.completedLate = late
        c.notCompleted = notCompleted; c.openOverdue = overdue; c.openNotYetDue = notYetDue
        c.onTimeRate = rate; c.overdueAsOf = overdueAsOf; c.noDueDate = noDueDate; c.medianDaysToComplete = median
        return c
    }
}
