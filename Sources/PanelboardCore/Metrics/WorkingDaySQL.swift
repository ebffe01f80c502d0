/// Day counts in a panel's `day_count` (panels.md, "Working days"), as SQL over
/// `working_calendar`. Each piece takes SQL expressions and reads the scope's
/// parameters :day_count and :holidays, so a family, and an analyst's query,
/// writes "N days before the meeting" once, in either count. Pass qualified
/// column names (`m.area`, `m.meeting_date`): the look-ups read a table with
/// columns `area` and `day`, and an unqualified name would mean those.
///
/// In working days every piece is an indexed look-up by working-day ordinal, and
/// NULL when the answer lies outside the shipped years (`MetricScope` refuses a
/// period whose deadlines reach there before any SQL runs). In calendar days it
/// is SQLite's date arithmetic, as in version 1, and no look-up is made.
extension MetricSQL {
    /// The calendar of `area`: the area's own when holidays.csv closes it on some
    /// day (area-specific closures), else every area's ('').
    public static func calendarArea(_ area: String) -> String {
        "coalesce((SELECT wa.area FROM working_calendar wa WHERE wa.holidays = :holidays AND wa.area = \(area) LIMIT 1), '')"
    }

    /// The working day `n` working days after `day` (before it when `sign` is
    /// "-"), in `area`'s calendar: `day` itself when n is 0. Before a day that is
    /// not a working day, the first working day back counts as one.
    public static func workingDaysFrom(_ day: String, _ sign: String, _ n: String, area: String) -> String {
        let target = sign == "-"
            ? "w1.working_ordinal - (\(n)) + (1 - w1.is_working)"
            : "w1.working_ordinal + (\(n))"
        return """
            (CASE WHEN (\(n)) = 0 THEN \(day) ELSE
              (SELECT w2.day FROM working_calendar w1
                 JOIN working_calendar w2 ON w2.holidays = w1.holidays AND w2.area = w1.area
                  AND w2.working_ordinal = \(target) AND w2.is_working = 1
               WHERE w1.holidays = :holidays AND w1.area = \(calendarArea(area)) AND w1.day = \(day))
             END)
            """
    }

    /// The day `n` days before `day` in the panel's day count: the deadline an
    /// agenda must be sent by ("at least N days before"), the day a referral must
    /// be received after to be late.
    public static func daysBefore(_ day: String, _ n: String, area: String) -> String {
        "(CASE WHEN :day_count = 'working' THEN \(workingDaysFrom(day, "-", n, area: area)) ELSE date(\(day), '-' || (\(n)) || ' days') END)"
    }

    /// The day `n` days after `day` in the panel's day count: the deadline for
    /// minutes, the last day a referral to a MARAC counts as escalation.
    public static func daysAfter(_ day: String, _ n: String, area: String) -> String {
        "(CASE WHEN :day_count = 'working' THEN \(workingDaysFrom(day, "+", n, area: area)) ELSE date(\(day), '+' || (\(n)) || ' days') END)"
    }

    /// Days from `from` to `to` in the panel's day count: working days after
    /// `from` up to and including `to` (`WorkingCalendar.workingDays(from:to:)`),
    /// or calendar days. The gap between two meetings.
    public static func daysBetween(_ from: String, _ to: String, area: String) -> String {
        """
        (CASE WHEN :day_count = 'working' THEN
           (SELECT wt.working_ordinal FROM working_calendar wt WHERE wt.holidays = :holidays AND wt.area = \(calendarArea(area)) AND wt.day = \(to))
           - (SELECT wf.working_ordinal FROM working_calendar wf WHERE wf.holidays = :holidays AND wf.area = \(calendarArea(area)) AND wf.day = \(from))
         ELSE CAST(julianday(\(to)) - julianday(\(from)) AS INTEGER) END)
        """
    }
}
