import Testing
@testable import PanelboardCore

/// Fixtures/metrics/triage/README.md: a DRAMM counting in working days (3 to
/// escalate) and its MARAC, over 16 Dec 2024 to 3 Jan 2025, worked by hand.
@Suite struct TriageTests {
    let harness: MetricsHarness
    static let weeks = period("2024-12-16", "2025-01-03")

    init() throws {
        harness = try MetricsHarness(fixture: "triage", importAsOf: day("2025-01-31"))
    }

    func triage(_ panel: String, area: String? = nil) throws -> Triage.Result {
        try harness.compute(Triage.self, scope(panel, Self.weeks, asOf: "2025-01-31", area: area))
    }

    @Test func receivedByReasonAndRisk() throws {
        let t = try triage("DRAMM")
        var cells: [String: Int] = [:]
        for reason in t.receivedByReasonAndRisk {
            for risk in reason.byRisk where risk.count > 0 { cells["\(reason.reason) \(risk.risk)"] = risk.count }
        }
        #expect(cells == [
            "police_incident_high high": 3, "police_incident_high very_high": 2, "police_incident_medium medium": 2,
            "third_party standard": 1, "third_party medium": 1, "dvds not_recorded": 1, "transfer_in high": 1,
            "dvpo high": 1, "not_recorded high": 1,
        ])
        #expect(t.receivedByReasonAndRisk.map(\.reason) == Vocabulary.referralReason.values + ["not_recorded"])
        #expect(t.received == 13)
    }

    /// 11 working days (bank holidays 25, 26 Dec and 1 Jan, the closure of 31 Dec);
    /// Saturday's referral is on none of them.
    @Test func perWorkingDay() throws {
        let t = try triage("DRAMM")
        #expect(t.perWorkingDayMin == 0 && t.perWorkingDayMedian == 1 && t.perWorkingDayMax == 3)
        #expect(t.busiestDays == [day("2024-12-16")])
    }

    /// Calderdale's own closure on 27 Dec takes its only referral's day away.
    @Test func anAreaWithItsOwnClosure() throws {
        let t = try triage("DRAMM", area: "Calderdale")
        #expect(t.received == 1)
        #expect(t.perWorkingDayMin == 0 && t.perWorkingDayMedian == 0 && t.perWorkingDayMax == 0)
        #expect(t.busiestDays.isEmpty)
    }

    /// 3 working days: D08 of Monday 23 Dec escalates on Monday 30 Dec (3 calendar
    /// days would end on Boxing Day); D11 of 30 Dec on 3 Jan, past the closure and
    /// New Year's Day.
    @Test func escalatedInWorkingDays() throws {
        let t = try triage("DRAMM")
        #expect(t.escalatedToMarac == CountShare(count: 4, of: 13))
        #expect(t.maracWithin12MonthsReturned == 2)
    }

    /// A flag overrides panels.csv: with 5 working days D04 (deadline 24 Dec) and D06
    /// (2 Jan) escalate too; with calendar days D08's 3 days end on Boxing Day.
    @Test func settingsOverrideThePanelsRow() throws {
        var five = MetricSettings()
        five.setFromFlag(\.escalationDays, 5, name: "escalation_days")
        let t5 = try harness.compute(Triage.self, scope("DRAMM", Self.weeks, asOf: "2025-01-31", settings: five))
        #expect(t5.escalatedToMarac.count == 6)
        var calendar = MetricSettings()
        calendar.setFromFlag(\.dayCount, .calendar, name: "day_count")
        let tc = try harness.compute(Triage.self, scope("DRAMM", Self.weeks, asOf: "2025-01-31", settings: calendar))
        // Only D01 (19 Dec, on 16 + 3) and D12 (the same day) are within 3 calendar days.
        #expect(tc.escalatedToMarac.count == 2)
    }

    /// A MARAC's own referrals never escalate themselves, nor return to themselves.
    @Test func maracPanel() throws {
        let t = try triage("MARAC")
        #expect(t.received == 7)
        #expect(t.escalatedToMarac == CountShare(count: 0, of: 7))
        #expect(t.maracWithin12MonthsReturned == 0)
        #expect(t.perWorkingDayMin == 0 && t.perWorkingDayMedian == 1 && t.perWorkingDayMax == 2)
        #expect(t.busiestDays == [day("2024-12-30")])
    }

    @Test func aPeriodOutsideTheShippedYearsIsAnError() throws {
        #expect(throws: WorkingCalendarError.self) {
            try harness.compute(Triage.self, scope("DRAMM", "2031Q1", asOf: "2031-06-30"))
        }
    }

    /// A panel counting in calendar days still runs for such a period (the error's
    /// own advice); its days are not known.
    @Test func aPeriodOutsideTheShippedYearsLeavesAMaracsDaysUnknown() throws {
        let t = try harness.compute(Triage.self, scope("MARAC", "2031Q1", asOf: "2031-06-30"))
        #expect(t.perWorkingDayMin == nil && t.perWorkingDayMedian == nil && t.perWorkingDayMax == nil)
        #expect(t.busiestDays.isEmpty && t.received == 0)
    }

    @Test func isAMemberOfTheReport() throws {
        let report = try harness.report(scope("DRAMM", Self.weeks, asOf: "2025-01-31"))
        #expect(report.json["triage"]?["busiest_day"] == .array([.string("2024-12-16")]))
        #expect(report.json["triage"]?["escalated_to_marac"] == .int(4))
        let csv = report.longTable.rows.first { $0[0].plainText == "triage" && $0[1].plainText == "busiest_day" }
        #expect(csv?[3].plainText == "2024-12-16")
    }
}
