/// A period's figures by day of the week (`metrics --by weekday`): which days a
/// daily triage meeting is busiest, and on which days cases are heard.
///
/// Each figure is the sum, over the period's days that fall on the weekday, of that
/// day's own figure (the day's report, as `--by day` gives it). Only figures that
/// add up over days are here: referrals received (by referral_date), cases
/// discussed, meetings held and late referrals (by the meeting's date), repeat
/// cases (by the date the repeat was heard). A rate is worked from the sums.
public struct WeekdayFigures: Sendable, Equatable {
    /// `Monday` to `Sunday`.
    public let weekday: String
    /// Days of the period on this weekday: the divisor of the per-day figure.
    public var days = 0
    public var referralsReceived = 0
    public var casesDiscussed = 0
    public var meetingsHeld = 0
    public var repeatCases = 0
    public var lateReferrals = 0

    public init(weekday: String) { self.weekday = weekday }

    public static let names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// Referrals received per day of this weekday; null when the period has none.
    public var referralsPerDay: Double? { days == 0 ? nil : Double(referralsReceived) / Double(days) }
    public var repeatRate: Double? { casesDiscussed == 0 ? nil : Double(repeatCases) / Double(casesDiscussed) }

    /// Seven rows, Monday first, each weekday present even when the period holds
    /// none of its days (a week's figures always read as a week).
    static func summing(_ dailyReports: [MetricsReport]) -> [WeekdayFigures] {
        var rows = names.map(WeekdayFigures.init(weekday:))
        for report in dailyReports {
            let i = WorkingCalendar.weekday(report.scope.period.from)
            rows[i].days += 1
            rows[i].referralsReceived += report.volumes.referralsReceived
            rows[i].casesDiscussed += report.volumes.casesDiscussed
            rows[i].meetingsHeld += report.volumes.meetingsHeld
            rows[i].repeatCases += report.repeats.repeatCases
            rows[i].lateReferrals += report.meetings.lateReferrals
        }
        return rows
    }
}
