/// The definitions a board reads at the end of its pack, in plain words, with the
/// settings in force.
public enum Glossary {
    public static func terms(settings s: MetricSettings) -> [(String, String)] {
        [
            ("Referrals received", "Referrals with a referral date in the period."),
            ("Cases discussed", "Referrals heard at a meeting in the period. Most figures are shares of these."),
            ("Meetings held", "Meetings in the period, from the meetings file (or the distinct meeting dates of cases heard when there is none)."),
            ("Cases per 10,000 adult women", "Cases discussed for every 10,000 women aged 16 and over in the areas covered, scaled to a year. SafeLives recommends about \(Int(s.casesPer10kTarget)) for a MARAC."),
            ("Repeat case", "A case heard in the period whose person (the victim on a MARAC or DRAMM, the perpetrator on a perpetrator panel) was referred to the same panel, and heard, in the \(s.repeatWindowMonths) months before this referral. Areas do not matter."),
            ("Repeat rate", "Repeat cases as a share of cases discussed. Nationally 29–33% in recent years; the expected range here is \(Int(s.repeatRateTargetLow * 100))–\(Int(s.repeatRateTargetHigh * 100))%. A rate well below it usually means repeats are not being identified."),
            ("Partner agency share", "Cases discussed that were not referred by the police, as a share of cases discussed."),
            ("Actions due", "Actions (not cancelled) with a due date in the period. Each is completed on time, completed late, not completed, open and overdue, or open and not yet due."),
            ("On-time rate", "Actions completed on or before their due date, as a share of actions due."),
            ("Overdue actions", "Open actions of any period whose due date has passed on the as-of date."),
            ("Cohort", "Perpetrators taken onto a perpetrator panel's cohort: at the start, adopted, exited (by reason) and at the end of the period. Members are due an exit review after \(s.exitReviewMonths) months with no further incident or referral."),
            ("Agenda on time", "Agenda and case list sent to partners at least \(s.agendaDaysBefore) \(s.dayUnit) before the meeting."),
            ("Minutes on time", "Minutes and actions circulated within \(s.minutesDaysAfter) \(s.dayUnit) of the meeting."),
            ("Late referral", "A case heard fewer than \(s.lateReferralDays) \(s.dayUnit) after it was referred."),
            ("Attendance rate", "Meetings an agency attended, in person or by deputy, as a share of the meetings it was expected at."),
            ("Small numbers", "Counts of people or cases from 1 to \(s.suppressionThreshold - 1) are shown as <\(s.suppressionThreshold) so that no one can be recognised. Where the other figures (a total, a row of parts, the cohort balance) would let a hidden count be worked out, further counts are hidden, the smallest first, and shown as [c], as is any share of a hidden count. Meetings, attendance and actions describe agencies' work, not people, and are shown in full."),
        ]
    }
}
