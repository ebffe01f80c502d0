import Foundation

/// The local variants of the metric definitions, with the defaults of the metric
/// definitions (version 1). Every output states the settings it used.
public struct MetricSettings: Sendable, Decodable, Equatable {
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
    /// Deprecated (use `person`, or panels.csv): panels whose person is the
    /// victim. Read only when a settings file gives it and names the panel.
    public var victimPanels: [String] = ["MARAC", "DRAMM"]
    /// Deprecated (use `person`, or panels.csv): panels whose person is the
    /// perpetrator. Read only when a settings file gives it and names the panel.
    public var perpetratorPanels: [String] = ["DAPP", "IDAP"]

    // The rest of a panel's profile (panels.md, panels.csv's columns). Nil where
    // the default depends on the panel: resolved by `resolved(panel:profile:)`.
    /// marac, triage or perpetrator; nil: the panels row, else by code.
    public var kind: PanelKind?
    /// victim or perpetrator; nil: by kind.
    public var person: String?
    /// How the day counts (the three deadlines, meeting_every_days,
    /// escalation_days) are counted.
    public var dayCount: DayCount = .calendar
    /// Whose bank holidays are not working days.
    public var holidays: Nation = .englandAndWales
    /// Panels whose earlier referrals count towards a repeat; nil: the panel itself.
    public var repeatPanels: [String]?
    /// Expected longest gap between two meetings of one area; nil: none.
    public var meetingEveryDays: Int?
    /// A panel whose meetings must not fall on the same day in the same area.
    public var notSameDayAs: String?
    /// Core agencies that must attend or send a deputy; nil: all core members.
    public var quorum: Int?
    /// Triage panels: a case counts as escalated when its person is referred to a
    /// marac panel within this many days.
    public var escalationDays = 14
    /// Cases whose latest activity is older than this are due for disposal; nil: keep.
    public var retentionYears: Int?

    /// Where each value came from, by setting name; a name not here is a default.
    public var sources: [String: SettingSource] = [:]
    /// True once the panel's profile (panels.csv) has been read in.
    public internal(set) var profileResolved = false
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
        case kind, person
        case dayCount = "day_count"
        case holidays
        case repeatPanels = "repeat_panels"
        case meetingEveryDays = "meeting_every_days"
        case notSameDayAs = "not_same_day_as"
        case quorum
        case escalationDays = "escalation_days"
        case retentionYears = "retention_years"
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
        kind = try c.decodeIfPresent(String.self, forKey: .kind).map { try Self.parse($0, PanelKind.self, "kind") }
        person = try c.decodeIfPresent(String.self, forKey: .person).map { try Self.parse($0, Person.self, "person").rawValue }
        dayCount = try c.decodeIfPresent(String.self, forKey: .dayCount).map { try Self.parse($0, DayCount.self, "day_count") } ?? d.dayCount
        holidays = try c.decodeIfPresent(String.self, forKey: .holidays).map { try Self.parse($0, Nation.self, "holidays") } ?? d.holidays
        repeatPanels = try c.decodeIfPresent(String.self, forKey: .repeatPanels).map { try Self.panelCodes($0, "repeat_panels") }
        meetingEveryDays = try c.decodeIfPresent(Int.self, forKey: .meetingEveryDays)
        notSameDayAs = try c.decodeIfPresent(String.self, forKey: .notSameDayAs).map { try Self.panelCodes($0, "not_same_day_as") }
            .flatMap { codes in codes.count == 1 ? codes[0] : nil }
        quorum = try c.decodeIfPresent(Int.self, forKey: .quorum)
        escalationDays = try c.decodeIfPresent(Int.self, forKey: .escalationDays) ?? d.escalationDays
        retentionYears = try c.decodeIfPresent(Int.self, forKey: .retentionYears)
        for key in CodingKeys.allCases where c.contains(key) { sources[key.rawValue] = .settingsFile }
    }

    /// A vocabulary value as panels.csv takes it (case, spaces and hyphens folded).
    static func parse<T: RawRepresentable & CaseIterable>(_ raw: String, _: T.Type, _ name: String) throws -> T where T.RawValue == String {
        let folded = Vocabulary.fold(raw)
        guard let value = T.allCases.first(where: { $0.rawValue == folded }) else {
            throw SettingsError.notOneOf(name: name, values: T.allCases.map(\.rawValue))
        }
        return value
    }

    /// Panel codes separated by spaces, upper-cased.
    static func panelCodes(_ raw: String, _ name: String) throws -> [String] {
        let codes = raw.split(separator: " ").map { $0.uppercased() }
        guard !codes.isEmpty, codes.allSatisfy({ code in
            code.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
        }) else {
            throw SettingsError.notOneOf(name: name, values: ["panel codes separated by spaces, e.g. MARAC DRAMM"])
        }
        return codes
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
        do { settings = try JSONDecoder().decode(MetricSettings.self, from: data) } catch let error as SettingsError {
            throw SettingsError.unreadable(path: url.path, reason: error.description)
        } catch {
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

    /// Whose referrals count as the same person's on this panel: `person`, else
    /// the deprecated victim_panels/perpetrator_panels of a settings file when
    /// they name the panel, else by the panel's kind.
    public func personColumn(panel: String) -> String {
        personValue(panel: panel) == "perpetrator" ? "perpetrator_ref" : "victim_ref"
    }

    /// `victim` or `perpetrator`.
    func personValue(panel: String) -> String {
        if let person { return person }
        if let legacy = legacyPerson(panel: panel) { return legacy }
        return panelKind(panel: panel).defaultPerson
    }

    /// What the deprecated lists of a settings file say of the panel, if they name it.
    func legacyPerson(panel: String) -> String? {
        let code = panel.uppercased()
        let victim = sources["victim_panels"] != nil && victimPanels.contains(code)
        let perpetrator = sources["perpetrator_panels"] != nil && perpetratorPanels.contains(code)
        if perpetrator && !victim { return "perpetrator" }
        if victim { return "victim" }
        return nil
    }

    public func panelKind(panel: String) -> PanelKind {
        kind ?? PanelKind.default(forCode: panel)
    }
}

public enum SettingsError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case outOfRange(name: String, range: String)
    case notOneOf(name: String, values: [String])

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "settings file \(path): \(reason)"
        case let .outOfRange(name, range): "the setting \(name) must be from \(range)"
        case let .notOneOf(name, values): "the setting \(name) must be one of: \(values.joined(separator: ", "))"
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
            // The panel's profile (panels.md): docs/metrics.md, "Settings".
            "kind": settings.panelKind(panel: panel).rawValue,
            "day_count": settings.dayCount.rawValue,
            "holidays": settings.holidays.rawValue,
            "repeat_panels": (settings.repeatPanels ?? [panel]).joined(separator: " "),
            "meeting_every_days": settings.meetingEveryDays,
            "not_same_day_as": settings.notSameDayAs,
            "quorum": settings.quorum,
            "escalation_days": settings.escalationDays,
            "retention_years": settings.retentionYears,
        ]
    }
}

import GRDB
