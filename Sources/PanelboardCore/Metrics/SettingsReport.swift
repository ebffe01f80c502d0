/// The settings a report used, and where each came from (default, panels.csv,
/// settings file, flag): every output states both (docs/metrics.md, "Settings").
extension MetricScope {
    /// The `settings` member of `metrics --format json`: version 1's keys first,
    /// with the values they always had (`person` is the column repeats are keyed
    /// by), then the rest of the panel's profile.
    public var settingsJSON: JSONValue {
        let s = settings
        var members: [(String, JSONValue)] = [
            ("repeat_window_months", .int(s.repeatWindowMonths)),
            ("agenda_days_before", .int(s.agendaDaysBefore)),
            ("minutes_days_after", .int(s.minutesDaysAfter)),
            ("late_referral_days", .int(s.lateReferralDays)),
            ("exit_review_months", .int(s.exitReviewMonths)),
            ("suppression_threshold", .int(s.suppressionThreshold)),
            ("repeat_rate_target_low", .double(s.repeatRateTargetLow)),
            ("repeat_rate_target_high", .double(s.repeatRateTargetHigh)),
            ("cases_per_10k_target", .double(s.casesPer10kTarget)),
            ("person", .string(s.personColumn(panel: panel))),
        ]
        let listed = Set(members.map(\.0))
        for name in MetricSettings.profileNames where !listed.contains(name) {
            members.append((name, s.profileValue(name)))
        }
        return .object(members)
    }

    /// The `settings_sources` member: each setting of `settingsJSON`, by name,
    /// with where its value came from.
    public var settingsSourcesJSON: JSONValue {
        guard case let .object(members) = settingsJSON else { return .object([]) }
        return .object(members.map { ($0.0, .string(settings.source($0.0).rawValue)) })
    }

    /// (name, value, source) per setting, for the text and CSV forms; the value
    /// is empty where there is none (no quorum: all core members).
    public var settingsLines: [(name: String, value: String, source: String)] {
        guard case let .object(members) = settingsJSON else { return [] }
        return members.map { name, value in
            let shown: String = switch value {
            case .null: ""
            case let .string(text): text
            default: value.rendered(indent: nil)
            }
            return (name, shown, settings.source(name).rawValue)
        }
    }
}
