import Testing
@testable import PanelboardCore

/// Working days against the bank holidays of each nation.
@Suite struct WorkingCalendarTests {
    static func day(_ text: String) -> Day { Day(parsing: text)! }
    static func holidays(_ nation: Nation, _ year: Int) -> [String] {
        let list: [String] = switch nation {
        case .englandAndWales: BankHolidays.englandAndWales
        case .scotland: BankHolidays.scotland
        case .northernIreland: BankHolidays.northernIreland
        }
        return list.filter { $0.hasPrefix("\(year)-") }
    }

    /// Years with every kind of substitute day and the proclaimed days, worked out
    /// by hand from the rules and the proclamations.
    @Test func theYearsWithTheirExceptions() {
        #expect(Self.holidays(.englandAndWales, 2020) == [
            "2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"])
        #expect(Self.holidays(.englandAndWales, 2021) == [
            "2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"])
        #expect(Self.holidays(.englandAndWales, 2022) == [
            "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29",
            "2022-09-19", "2022-12-26", "2022-12-27"])
        #expect(Self.holidays(.englandAndWales, 2023) == [
            "2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28",
            "2023-12-25", "2023-12-26"])
        #expect(Self.holidays(.scotland, 2022) == [
            "2022-01-03", "2022-01-04", "2022-04-15", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-01",
            "2022-09-19", "2022-11-30", "2022-12-26", "2022-12-27"])
        #expect(Self.holidays(.scotland, 2024) == [
            "2024-01-01", "2024-01-02", "2024-03-29", "2024-05-06", "2024-05-27", "2024-08-05", "2024-12-02",
            "2024-12-25", "2024-12-26"])
        #expect(Self.holidays(.northernIreland, 2024) == [
            "2024-01-01", "2024-03-18", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-07-12",
            "2024-08-26", "2024-12-25", "2024-12-26"])
        #expect(Self.holidays(.northernIreland, 2020).contains("2020-07-13"))
    }

    @Test func everyYearHasEightToElevenDaysOnWeekdays() {
        for nation in Nation.allCases {
            for year in WorkingCalendar.years {
                let days = Self.holidays(nation, year).map(Self.day)
                #expect((8...12).contains(days.count), "\(nation) \(year)")
                #expect(days.allSatisfy { WorkingCalendar.weekday($0) < 5 }, "\(nation) \(year)")
                #expect(Set(days).count == days.count)
            }
        }
    }

    @Test func countingWorkingDays() throws {
        let ew = WorkingCalendar(nation: .englandAndWales)
        // Thursday 23 May 2024; Monday 27 May is the spring bank holiday.
        #expect(try ew.adding(workingDays: 2, to: Self.day("2024-05-23")) == Self.day("2024-05-28"))
        // 5 working days before Tuesday 2 April 2024 (Easter Monday 1 April, Good Friday 29 March).
        #expect(try ew.adding(workingDays: -5, to: Self.day("2024-04-02")) == Self.day("2024-03-22"))
        #expect(try ew.adding(workingDays: 0, to: Self.day("2024-04-06")) == Self.day("2024-04-06"))
        #expect(try ew.workingDays(from: Self.day("2024-12-20"), to: Self.day("2025-01-03")) == 7)
        #expect(try ew.workingDays(from: Self.day("2025-01-03"), to: Self.day("2024-12-20")) == -7)
        // Scotland works on Easter Monday; a local closure does not.
        let scotland = WorkingCalendar(nation: .scotland, closures: [Self.day("2024-04-02")])
        #expect(try scotland.isWorkingDay(Self.day("2024-04-01")))
        #expect(try !scotland.isWorkingDay(Self.day("2024-04-02")))
        #expect(try !ew.isWorkingDay(Self.day("2024-04-06")))
    }

    @Test func outsideTheKnownYearsIsAnError() {
        let ew = WorkingCalendar(nation: .englandAndWales)
        #expect(throws: WorkingCalendarError.outsideYears(Self.day("2031-01-01"), covered: 2015...2030)) {
            try ew.adding(workingDays: 2, to: Self.day("2030-12-31"))
        }
        #expect(throws: WorkingCalendarError.self) { try ew.isWorkingDay(Self.day("2014-12-31")) }
    }
}
