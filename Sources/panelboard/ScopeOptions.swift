import ArgumentParser
import Foundation
import PanelboardCore

/// Panel, period, area, as-of and settings: what every metric command is scoped by.
struct ScopeOptions: ParsableArguments {
    @Option(name: .long, help: "The panel code (MARAC, DRAMM, DAPP, IDAP, ...).")
    var panel: String

    @Option(name: .long, help: ArgumentHelp("2024Q1 (calendar quarter), FY2024Q1 (financial-year quarter), FY2024, or 2024.", valueName: "PERIOD"))
    var period: String?

    @Option(name: .long, help: ArgumentHelp("The first day of an explicit period (with --to).", valueName: "DATE"), transform: Day.argument)
    var from: Day?

    @Option(name: .long, help: ArgumentHelp("The last day of an explicit period (with --from).", valueName: "DATE"), transform: Day.argument)
    var to: Day?

    @Option(name: .customLong("rolling-12-months-to"), help: ArgumentHelp("The 12 months ending on DATE.", valueName: "DATE"), transform: Day.argument)
    var rolling: Day?

    @Option(name: .long, help: "An area, or an area group from areas.csv. Default: every area of the panel.")
    var area: String?

    @Option(name: .long, help: ArgumentHelp("The date for anything 'overdue'. Default: today.", valueName: "DATE"), transform: Day.argument)
    var asOf: Day?

    @Option(name: .long, help: ArgumentHelp("A JSON file of settings, over the panel's panels.csv row: any panels.csv column (kind, person, day_count, holidays, agenda_days_before, minutes_days_after, late_referral_days, repeat_window_months, repeat_panels, exit_review_months, meeting_every_days, not_same_day_as, quorum, escalation_days, retention_years) and suppression_threshold, repeat_rate_target_low/high, cases_per_10k_target, protective_marking (victim_panels, perpetrator_panels: deprecated, use person).", valueName: "FILE"))
    var settings: String?

    @Option(name: .long, help: "Months back a referral counts as a repeat (default 12).")
    var repeatWindowMonths: Int?

    @Option(name: .long, help: "An agenda is on time this many days before the meeting (default 5).")
    var agendaDaysBefore: Int?

    @Option(name: .long, help: "Minutes are on time within this many days after the meeting (default 7).")
    var minutesDaysAfter: Int?

    @Option(name: .long, help: "A referral fewer than this many days before its meeting is late (default 7).")
    var lateReferralDays: Int?

    @Option(name: .long, help: "Months without harm before a cohort exit review is due (default 3).")
    var exitReviewMonths: Int?

    @Option(name: .long, help: "Board outputs show counts from 1 to this minus 1 as <N (default 5; 3 or more).")
    var suppressionThreshold: Int?

    @Option(name: .long, help: ArgumentHelp("The panel's kind: marac, triage or perpetrator (default: its panels.csv row, else by code).", valueName: "KIND"))
    var kind: String?

    @Option(name: .long, help: ArgumentHelp("Whose ref identifies a repeat: victim or perpetrator (default: by kind).", valueName: "PERSON"))
    var person: String?

    @Option(name: .long, help: ArgumentHelp("How deadlines are counted: calendar or working days (default calendar, or the panels.csv row's).", valueName: "COUNT"))
    var dayCount: String?

    @Option(name: .long, help: ArgumentHelp("Whose bank holidays are not working days: england_and_wales, scotland or northern_ireland.", valueName: "NATION"))
    var holidays: String?

    @Option(name: .long, help: ArgumentHelp("Panels whose earlier referrals count towards a repeat, e.g. \"MARAC DRAMM\" (default: the panel itself).", valueName: "CODES"))
    var repeatPanels: String?

    @Option(name: .long, help: "Expected longest gap between two meetings of one area, in the panel's day count.")
    var meetingEveryDays: Int?

    @Option(name: .long, help: ArgumentHelp("A panel whose meetings must not fall on the same day in the same area.", valueName: "PANEL"))
    var notSameDayAs: String?

    @Option(name: .long, help: "Core agencies that must attend or send a deputy (default: all core members).")
    var quorum: Int?

    @Option(name: .long, help: "Triage panels: days within which a referral to a marac panel counts as escalation (default 14).")
    var escalationDays: Int?

    @Option(name: .long, help: "Years after a case's latest activity before it is due for disposal (default: keep).")
    var retentionYears: Int?

    func validate() throws {
        let ways = [period != nil, from != nil || to != nil, rolling != nil].filter { $0 }.count
        if ways == 0 { throw ValidationError("give a period: --period 2024Q1, --from DATE --to DATE, or --rolling-12-months-to DATE") }
        if ways > 1 { throw ValidationError("give one period: --period, --from/--to, or --rolling-12-months-to") }
        if (from == nil) != (to == nil) { throw ValidationError("--from and --to go together") }
        if let period { _ = try Period(parsing: period) }
        for (name, value) in [("--repeat-window-months", repeatWindowMonths), ("--agenda-days-before", agendaDaysBefore),
                              ("--minutes-days-after", minutesDaysAfter), ("--late-referral-days", lateReferralDays),
                              ("--exit-review-months", exitReviewMonths)] {
            if let value, value < 0 { throw ValidationError("\(name) takes a number of 0 or more") }
        }
        if let suppressionThreshold, suppressionThreshold < MetricSettings.minimumSuppressionThreshold {
            throw ValidationError("--suppression-threshold \(suppressionThreshold) is below \(MetricSettings.minimumSuppressionThreshold): board outputs would give small counts away; use \(MetricSettings.minimumSuppressionThreshold) or more (default 5), or --no-suppression for a pack not for circulation")
        }
    }

    func resolvedPeriod() throws -> Period {
        if let period { return try Period(parsing: period) }
        if let rolling { return .rolling12Months(to: rolling) }
        return try Period(from: from!, to: to!)
    }

    func resolvedSettings() throws -> MetricSettings {
        var s = try settings.map { try MetricSettings.load(from: URL(fileURLWithPath: $0)) } ?? MetricSettings()
        if let v = repeatWindowMonths { s.setFromFlag(\.repeatWindowMonths, v, name: "repeat_window_months") }
        if let v = agendaDaysBefore { s.setFromFlag(\.agendaDaysBefore, v, name: "agenda_days_before") }
        if let v = minutesDaysAfter { s.setFromFlag(\.minutesDaysAfter, v, name: "minutes_days_after") }
        if let v = lateReferralDays { s.setFromFlag(\.lateReferralDays, v, name: "late_referral_days") }
        if let v = exitReviewMonths { s.setFromFlag(\.exitReviewMonths, v, name: "exit_review_months") }
        if let v = suppressionThreshold { s.setFromFlag(\.suppressionThreshold, v, name: "suppression_threshold") }
        let texts: [(String, String?)] = [
            ("kind", kind), ("person", person), ("day_count", dayCount), ("holidays", holidays),
            ("repeat_panels", repeatPanels), ("not_same_day_as", notSameDayAs),
            ("meeting_every_days", meetingEveryDays.map(String.init)), ("quorum", quorum.map(String.init)),
            ("escalation_days", escalationDays.map(String.init)), ("retention_years", retentionYears.map(String.init)),
        ]
        for (name, text) in texts {
            guard let text else { continue }
            do { try s.setFromFlag(name, text: text) } catch let error as SettingsError {
                throw ValidationError("--\(name.replacingOccurrences(of: "_", with: "-")): \(error)")
            }
        }
        try s.validate()
        return s
    }

    func scope() throws -> MetricScope {
        MetricScope(panel: panel, area: area, period: try resolvedPeriod(), asOf: asOf ?? .today(),
                    settings: try resolvedSettings())
    }
}
