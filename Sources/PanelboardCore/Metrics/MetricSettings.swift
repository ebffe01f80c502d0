import Foundation

/// The local variants of the metric definitions, with the defaults of the metric
/// definitions (version 1). Every output states the settings it used.
public struct MetricSettings: Sendable, Codable, Equatable {
    /// A referral is a repeat when the same person was referred (and heard) within
    /// this many calendar months before.
    public var repeatWindowMonths = 12
    /// An agenda is on time when sent at least this many days before the meeting.
    public var agendaDaysBefore = 5
    /// Minutes are on time when sent at most this many days after the meeting.
    public var minutesDaysAfter = 7
    /// A case is a late referral when referred fewer than this many days before
    /// the meeting that heard it.
    public var lateReferralDays = 7
    /// Cohort members with no incident (or adoption) for this many months are due
    /// an exit review.
    public var exitReviewMonths = 3
    /// Board outputs show counts from 1 to threshold-1 as `<threshold`; never
    /// below `minimumSuppressionThreshold`.
    public var suppressionThreshold = 5
    /// Below 3, `<T` would mean "exactly 1", or nothing: refused wherever it is set.
    public static let minimumSuppressionThreshold = 3
    /// The expected range of the repeat rate (SafeLives guidance: 28-40%).
    public var repeatRateTargetLow = 0.28
    public var repeatRateTargetHigh = 0.40
    /// SafeLives' recommended MARAC volume, cases per 10,000 adult women a year.
    public var casesPer10kTarget = 40.0
    /// Panels whose person is the victim (repeats keyed by victim_ref).
    public var victimPanels: [String] = ["MARAC", "DRAMM"]
    /// Panels whose person is the perpetrator (repeats keyed by perpetrator_ref).
    /// A panel in neither list is keyed by victim_ref, as a victim panel is.
    public var perpetratorPanels: [String] = ["DAPP", "IDAP"]
    /// The protective marking on every page of a board pack (the Government
    /// Security Classifications' handling caveat for case-level partnership data).
    public var protectiveMarking = "OFFICIAL-SENSITIVE"

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case repeatWindowMonths = "repeat_window_months"
        case agendaDaysBefore = "agenda_days_before"
        case minutesDaysAfter = "minutes_days_after"
        case lateReferralDays = "late_referral_days"
        case exitReviewMonths = "exit_review_months"
        case suppressionThreshold = "suppression_threshold"
        case repeatRateTargetLow = "repeat_rate_target_low"
        case repeatRateTargetHigh = "repeat_rate_target_high"
        case casesPer10kTarget = "cases_per_10k_target"
        case victimPanels = "victim_panels"
        case perpetratorPanels = "perpetrator_panels"
        case protectiveMarking = "protective_marking"
    }

    /// A settings file is JSON with any of these keys; the others keep their defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = MetricSettings()
        repeatWindowMonths = try c.decodeIfPresent(Int.self, forKey: .repeatWindowMonths) ?? d.repeatWindowMonths
        agendaDaysBefore = try c.decodeIfPresent(Int.self, forKey: .agendaDaysBefore) ?? d.agendaDaysBefore
        minutesDaysAfter = try c.decodeIfPresent(Int.self, forKey: .minutesDaysAfter) ?? d.minutesDaysAfter
        lateReferralDays = try c.decodeIfPresent(Int.self, forKey: .lateReferralDays) ?? d.lateReferralDays
        exitReviewMonths = try c.decodeIfPresent(Int.self, forKey: .exitReviewMonths) ?? d.exitReviewMonths
        suppressionThreshold = try c.decodeIfPresent(Int.self, forKey: .suppressionThreshold) ?? d.suppressionThreshold
        repeatRateTargetLow = try c.decodeIfPresent(Double.self, forKey: .repeatRateTargetLow) ?? d.repeatRateTargetLow
        repeatRateTargetHigh = try c.decodeIfPresent(Double.self, forKey: .repeatRateTargetHigh) ?? d.repeatRateTargetHigh
        casesPer10kTarget = try c.decodeIfPresent(Double.self, forKey: .casesPer10kTarget) ?? d.casesPer10kTarget
        victimPanels = try c.decodeIfPresent([String].self, forKey: .victimPanels)?.map { $0.uppercased() } ?? d.victimPanels
        perpetratorPanels = try c.decodeIfPresent([String].self, forKey: .perpetratorPanels)?.map { $0.uppercased() } ?? d.perpetratorPanels
        protectiveMarking = try c.decodeIfPresent(String.self, forKey: .protectiveMarking) ?? d.protectiveMarking
    }

    public static func load(from url: URL) throws -> MetricSettings {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw SettingsError.unreadable(path: url.path, reason: "cannot read it")
        }
        // A misspelt key would otherwise be ignored, and the default used without a
        // word: `supression_threshold: 10` must not quietly become 5.
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            let known = Set(CodingKeys.allCases.map(\.rawValue))
            let unknown = object.keys.filter { !known.contains($0) }.sorted()
            if !unknown.isEmpty {
                throw SettingsError.unreadable(
                    path: url.path,
                    reason: "no setting named \(unknown.joined(separator: ", ")); the settings are \(known.sorted().joined(separator: ", "))")
            }
        }
        let settings: MetricSettings
        do { settings = try JSONDecoder().decode(MetricSettings.self, from: data) } catch {
            throw SettingsError.unreadable(path: url.path, reason: "not a JSON object of settings (\(error.localizedDescription))")
        }
        if settings.suppressionThreshold < Self.minimumSuppressionThreshold {
            throw SettingsError.unreadable(path: url.path, reason: "suppression_threshold \(settings.suppressionThreshold) is below \(Self.minimumSuppressionThreshold): board outputs would give small counts away; use \(Self.minimumSuppressionThreshold) or more (default 5)")
        }
        // A marking is a few words on every printed page: printable ASCII words,
        // so that it prints the same in every header and cannot carry data.
        if !Self.isMarking(settings.protectiveMarking) {
            throw SettingsError.unreadable(path: url.path, reason: "protective_marking must be 1 to 60 letters, digits, spaces, hyphens or colons (default OFFICIAL-SENSITIVE)")
        }
        return settings
    }

    static func isMarking(_ text: String) -> Bool {
        (1...60).contains(text.count) && text.trimmingCharacters(in: .whitespaces) == text
            && text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || " -:".unicodeScalars.contains($0)) }
    }

    /// Whose referrals count as the same person's on this panel.
    public func personColumn(panel: String) -> String {
        perpetratorPanels.contains(panel.uppercased()) && !victimPanels.contains(panel.uppercased())
            ? "perpetrator_ref" : "victim_ref"
    }
}

public enum SettingsError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case outOfRange(name: String, range: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "settings file \(path): \(reason)"
        case let .outOfRange(name, range): "the setting \(name) must be from \(range)"
        }
    }
}

/// What a metric is computed for: one panel, optionally one area or area group, a
/// period, an as-of date, and the settings.
public struct MetricScope: Sendable {
    public var panel: String
    /// An area, or an area group from areas.csv; nil for every area of the panel.
    public var area: String?
    public var period: Period
    public var asOf: Day
    public var settings: MetricSettings

    public init(panel: String, area: String? = nil, period: Period, asOf: Day, settings: MetricSettings = MetricSettings()) {
        self.panel = panel.uppercased()
        self.area = area
        self.period = period
        self.asOf = asOf
        self.settings = settings
    }

    /// The named parameters every metric's SQL takes; an analyst running a
    /// family's SQL with `panelboard query` binds the same names.
    public var parameters: [String: DatabaseValueConvertible?] {
        [
            "panel": panel, "area": area, "from": period.from.iso, "to": period.to.iso,
            "as_of": asOf.iso, "days": period.days,
            "repeat_window_months": settings.repeatWindowMonths,
            "agenda_days_before": settings.agendaDaysBefore,
            "minutes_days_after": settings.minutesDaysAfter,
            "late_referral_days": settings.lateReferralDays,
            "exit_review_months": settings.exitReviewMonths,
            "person": settings.personColumn(panel: panel),
            // Unbound (NULL), the SQL reads the panel's own terms: its panels.csv
            // row, else panels.md's defaults (MetricSQL.panelSetting).
            "repeat_panels": nil, "quorum": nil, "meeting_every_days": nil, "not_same_day_as": nil,
            "day_count": nil, "holidays": nil,
        ]
    }
}

import GRDB
