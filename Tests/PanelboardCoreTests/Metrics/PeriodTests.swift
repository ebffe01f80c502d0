import Testing
@testable import PanelboardCore

/// Periods as metrics.md names them: both ends inclusive, "12 months" in calendar
/// months clamped to the month's end.
@Suite struct PeriodTests {
    @Test(arguments: [
        ("2024Q1", "2024-01-01", "2024-03-31", "2024Q1"),
        ("2024Q2", "2024-04-01", "2024-06-30", "2024Q2"),
        ("2024Q3", "2024-07-01", "2024-09-30", "2024Q3"),
        ("2024q4", "2024-10-01", "2024-12-31", "2024Q4"),
        ("FY2024Q1", "2024-04-01", "2024-06-30", "FY2024Q1"),
        ("FY2024Q2", "2024-07-01", "2024-09-30", "FY2024Q2"),
        ("FY2024Q3", "2024-10-01", "2024-12-31", "FY2024Q3"),
        ("FY2024Q4", "2025-01-01", "2025-03-31", "FY2024Q4"),
        ("fy2024q4", "2025-01-01", "2025-03-31", "FY2024Q4"),
        ("FY2024", "2024-04-01", "2025-03-31", "FY2024"),
        ("2024", "2024-01-01", "2024-12-31", "2024"),
        (" 2023 ", "2023-01-01", "2023-12-31", "2023"),
    ])
    func parses(text: String, from: String, to: String, label: String) throws {
        let p = try Period(parsing: text)
        #expect(p.from == day(from))
        #expect(p.to == day(to))
        #expect(p.label == label)
    }

    @Test(arguments: ["", "2024Q0", "2024Q5", "FY2024Q5", "FY2024Q", "24Q1", "FY24", "Q1 2024", "2024-Q1",
                      "FY 2024", "2024 Q1", "1899", "3000", "20245", "CY2024", "2024-01-01", "rolling"])
    func refuses(text: String) {
        #expect(throws: PeriodError.self) { try Period(parsing: text) }
    }

    @Test func refusalSaysWhatToWrite() {
        #expect(PeriodError.unreadable("2024Q5").description ==
                "'2024Q5' is not a period: use 2024Q1 (calendar quarter), FY2024Q1 (financial-year quarter), FY2024, 2024, or --from DATE --to DATE")
    }

    @Test func explicitDatesIncludeBothEnds() throws {
        let p = try Period(from: day("2024-02-01"), to: day("2024-02-29"))
        #expect(p.days == 29)
        #expect(p.label == "2024-02-01 to 2024-02-29")
        #expect(try Period(from: day("2024-05-05"), to: day("2024-05-05")).days == 1)
        #expect(throws: PeriodError.self) { try Period(from: day("2024-05-06"), to: day("2024-05-05")) }
    }

    @Test func days() throws {
        #expect(try Period(parsing: "2024Q1").days == 91)   // leap year
        #expect(try Period(parsing: "2023Q1").days == 90)
        #expect(try Period(parsing: "2024").days == 366)
        #expect(try Period(parsing: "FY2023").days == 366) // holds 29 Feb 2024
        #expect(try Period(parsing: "FY2024").days == 365)
    }

    @Test(arguments: [
        ("2024-06-30", "2023-07-01"),
        ("2024-06-15", "2023-06-16"),
        ("2024-02-29", "2023-03-01"),   // 29 Feb 2024 - 12 months = 28 Feb 2023; the day after
        ("2025-02-28", "2024-02-29"),   // 28 Feb 2025 - 12 months = 28 Feb 2024; the day after
        ("2024-12-31", "2024-01-01"),
    ])
    func rolling12Months(to end: String, from: String) {
        let p = Period.rolling12Months(to: day(end))
        #expect(p.from == day(from))
        #expect(p.to == day(end))
        #expect(p.label == "12 months to \(end)")
    }

    @Test(arguments: [
        ("2024Q1", "2023-10-01", "2023-12-31", "2023Q4"),
        ("2024Q3", "2024-04-01", "2024-06-30", "2024Q2"),
        ("FY2024Q1", "2024-01-01", "2024-03-31", "FY2023Q4"),
        ("FY2024Q4", "2024-10-01", "2024-12-31", "FY2024Q3"),
        ("FY2024", "2023-04-01", "2024-03-31", "FY2023"),
        ("2024", "2023-01-01", "2023-12-31", "2023"),
    ])
    func previousOfANamedPeriod(text: String, from: String, to: String, label: String) throws {
        let previous = try Period(parsing: text).previous
        #expect(previous.from == day(from))
        #expect(previous.to == day(to))
        #expect(previous.label == label)
    }

    @Test func previousOfRolling12MonthsIsThe12MonthsBefore() {
        let mid = Period.rolling12Months(to: day("2024-06-15")).previous
        #expect((mid.from, mid.to, mid.label) == (day("2022-06-16"), day("2023-06-15"), "12 months to 2023-06-15"))
        let monthEnd = Period.rolling12Months(to: day("2024-06-30")).previous
        #expect((monthEnd.from, monthEnd.to, monthEnd.label) == (day("2022-07-01"), day("2023-06-30"), "12 months to 2023-06-30"))
        let leap = Period.rolling12Months(to: day("2025-02-28")).previous
        #expect((leap.from, leap.to) == (day("2023-03-01"), day("2024-02-28")))
    }

    @Test func previousOfOtherDatesIsTheSameNumberOfDaysBefore() throws {
        let p = try Period(from: day("2024-03-10"), to: day("2024-03-19")).previous
        #expect((p.from, p.to, p.days) == (day("2024-02-29"), day("2024-03-09"), 10))
    }

    @Test func trailingQuartersOfACalendarQuarter() throws {
        let quarters = try Period(parsing: "2024Q2").trailingQuarters(4)
        #expect(quarters.map(\.label) == ["2023Q3", "2023Q4", "2024Q1", "2024Q2"])
        #expect(quarters.map(\.from) == [day("2023-07-01"), day("2023-10-01"), day("2024-01-01"), day("2024-04-01")])
        #expect(quarters.map(\.to) == [day("2023-09-30"), day("2023-12-31"), day("2024-03-31"), day("2024-06-30")])
    }

    @Test func trailingQuartersOfAFinancialYear() throws {
        let quarters = try Period(parsing: "FY2024").trailingQuarters(5)
        #expect(quarters.map(\.label) == ["FY2023Q4", "FY2024Q1", "FY2024Q2", "FY2024Q3", "FY2024Q4"])
        #expect(quarters.first?.from == day("2024-01-01"))
        #expect(quarters.last?.to == day("2025-03-31"))
    }

    @Test func trailingQuartersEndWithTheQuarterHoldingTheEnd() {
        let quarters = Period.rolling12Months(to: day("2024-05-15")).trailingQuarters(2)
        #expect(quarters.map(\.label) == ["2024Q1", "2024Q2"])
        #expect(quarters.last?.to == day("2024-06-30"))
        #expect(Period.rolling12Months(to: day("2024-05-15")).trailingQuarters(0).isEmpty)
    }

    @Test func trailingQuartersChainWithPrevious() throws {
        let q = try Period(parsing: "FY2024Q1")
        #expect(q.trailingQuarters(2).first == q.previous)
    }
}
