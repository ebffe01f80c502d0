/// The plausible range of each setting. A setting past its range would only be a
/// typing slip, and some would push date arithmetic past the calendar or sums
/// past 64 bits: refused with the range, before any figure is computed.
extension MetricSettings {
    static var integerRanges: [(name: String, range: ClosedRange<Int>, value: KeyPath<MetricSettings, Int>)] { [
        ("repeat_window_months", 0...120, \.repeatWindowMonths),
        ("agenda_days_before", 0...365, \.agendaDaysBefore),
        ("minutes_days_after", 0...365, \.minutesDaysAfter),
        ("late_referral_days", 0...365, \.lateReferralDays),
        ("exit_review_months", 0...120, \.exitReviewMonths),
        ("escalation_days", 0...365, \.escalationDays),
        ("suppression_threshold", 3...1000, \.suppressionThreshold),
    ] }

    static var fractionRanges: [(name: String, range: ClosedRange<Double>, value: KeyPath<MetricSettings, Double>)] { [
        ("repeat_rate_target_low", 0...1, \.repeatRateTargetLow),
        ("repeat_rate_target_high", 0...1, \.repeatRateTargetHigh),
        ("cases_per_10k_target", 0...10_000, \.casesPer10kTarget),
    ] }

    /// The optional whole-number settings of a panel's profile (panels.csv's ranges).
    static var optionalRanges: [(name: String, range: ClosedRange<Int>, value: KeyPath<MetricSettings, Int?>)] { [
        ("meeting_every_days", 1...365, \.meetingEveryDays),
        ("quorum", 1...100, \.quorum),
        ("retention_years", 1...100, \.retentionYears),
    ] }

    /// Throws for the first setting outside its range.
    public func validate() throws {
        for (name, range, value) in Self.optionalRanges {
            if let v = self[keyPath: value], !range.contains(v) {
                throw SettingsError.outOfRange(name: name, range: "\(range.lowerBound) to \(range.upperBound)")
            }
        }
        for (name, range, value) in Self.integerRanges where !range.contains(self[keyPath: value]) {
            throw SettingsError.outOfRange(name: name, range: "\(range.lowerBound) to \(range.upperBound)")
        }
        for (name, range, value) in Self.fractionRanges where !range.contains(self[keyPath: value]) {
            throw SettingsError.outOfRange(name: name, range: "\(range.lowerBound) to \(range.upperBound)")
        }
    }
}
