import GRDB

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

    /// One day's figures that a weekday adds up, from the same families as the
    /// day's report.
    struct Day: Sendable {
        let day: PanelboardCore.Day
        let volumes: Volumes.Result
        let repeatCases: Int
        let lateReferrals: Int

        init(_ db: Database, scope: MetricScope) throws {
            let scope = try scope.resolvingProfile(db)
            day = scope.period.from
            volumes = try Volumes.compute(db, scope: scope)
            repeatCases = try Repeats.compute(db, scope: scope).repeatCases
            lateReferrals = try Meetings.compute(db, scope: scope).lateReferrals
        }
    }

    /// Seven rows, Monday first, each weekday present even when the period holds
    /// none of its days (a week's figures always read as a week).
    static func summing(_ days: [Day]) -> [WeekdayFigures] {
        var rows = names.map(WeekdayFigures.init(weekday:))
        for figures in days {
            let i = WorkingCalendar.weekday(figures.day)
            rows[i].days += 1
            rows[i].referralsReceived += figures.volumes.referralsReceived
            rows[i].casesDiscussed += figures.volumes.casesDiscussed
            rows[i].meetingsHeld += figures.volumes.meetingsHeld
            rows[i].repeatCases += figures.repeatCases
            rows[i].lateReferrals += figures.lateReferrals
        }
        return rows
    }
}
