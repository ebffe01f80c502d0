/// The dashboard's settings table: each value the figures used, and where it
/// came from (default, panels.csv, settings file, flag).
extension DashboardModel {
    static func settingsRows(_ scope: MetricScope, suppression: Suppression) -> [(String, String)] {
        let s = scope.settings
        let days = s.dayCount == .working ? "working days" : "days"
        func from(_ name: String) -> String { " (\(s.source(name).rawValue))" }
        var rows = [
            ("Panel kind", (s.kind ?? s.panelKind(panel: scope.panel)).rawValue + from("kind")),
            ("Days counted", (s.dayCount == .working ? "working days (bank holidays: \(s.holidays.rawValue))" : "calendar days") + from("day_count")),
            ("Repeat window", "\(s.repeatWindowMonths) months" + from("repeat_window_months")),
            ("Repeats over", (s.repeatPanels ?? [scope.panel]).joined(separator: " ") + from("repeat_panels")),
            ("Expected repeat rate", "\(Int(s.repeatRateTargetLow * 100))–\(Int(s.repeatRateTargetHigh * 100))%" + from("repeat_rate_target_low")),
            ("Agenda on time", "\(s.agendaDaysBefore) \(days) before the meeting" + from("agenda_days_before")),
            ("Minutes on time", "within \(s.minutesDaysAfter) \(days)" + from("minutes_days_after")),
            ("Late referral", "under \(s.lateReferralDays) \(days) before the meeting" + from("late_referral_days")),
            ("Exit review", "after \(s.exitReviewMonths) months without harm" + from("exit_review_months")),
        ]
        if let quorum = s.quorum { rows.append(("Quorum", "\(quorum) core agencies" + from("quorum"))) }
        if let every = s.meetingEveryDays { rows.append(("Meets at least every", "\(every) \(days)" + from("meeting_every_days"))) }
        if s.panelKind(panel: scope.panel) == .triage {
            rows.append(("Escalation to MARAC", "within \(s.escalationDays) \(days)" + from("escalation_days")))
        }
        if let years = s.retentionYears { rows.append(("Retention", "\(years) years" + from("retention_years"))) }
        rows += [
            ("Small numbers", suppression.enabled ? "counts of 1 to \(suppression.threshold - 1) shown as \(suppression.primaryMark)" : "not suppressed"),
            ("Protective marking", s.protectiveMarking),
            ("Repeats counted by", (s.personColumn(panel: scope.panel) == "victim_ref" ? "victim" : "perpetrator") + from("person")),
        ]
        return rows
    }
}
