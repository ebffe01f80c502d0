import GRDB

/// How a panel counts its days (panels.csv `day_count`).
public enum DayCount: String, Sendable, CaseIterable, Codable {
    case calendar, working
}

/// Whose pseudonymous ref identifies a repeat (panels.csv `person`).
public enum Person: String, Sendable, CaseIterable {
    case victim, perpetrator
}

/// Where a setting's value came from, in order of precedence (lowest first):
/// every output says so beside the value.
public enum SettingSource: String, Sendable, Codable, Comparable {
    case `default` = "default"
    case panelsCSV = "panels.csv"
    case settingsFile = "settings file"
    case flag

    private var rank: Int { [.default, .panelsCSV, .settingsFile, .flag].firstIndex(of: self)! }
    public static func < (a: SettingSource, b: SettingSource) -> Bool { a.rank < b.rank }
}

extension MetricSettings {
    /// The settings every panel has, by name, as panels.csv and a settings file
    /// call them, in the order outputs list them.
    public static let profileNames = [
        "kind", "person", "day_count", "holidays", "agenda_days_before", "minutes_days_after", "late_referral_days",
        "repeat_window_months", "repeat_panels", "exit_review_months", "meeting_every_days", "not_same_day_as",
        "quorum", "escalation_days", "retention_years",
    ]

    public func source(_ name: String) -> SettingSource { sources[name] ?? .default }

    /// Sets a value from a command-line flag.
    public mutating func setFromFlag<T>(_ path: WritableKeyPath<MetricSettings, T>, _ value: T, name: String) {
        self[keyPath: path] = value
        sources[name] = .flag
    }

    /// These settings for `panel`, with its panels.csv row (`profile`, nil when
    /// it has none) under the settings file and flags: a value the file or a flag
    /// gave stays; any other the row gives replaces the default. Then the values
    /// whose default depends on the panel (kind, person, repeat panels) are
    /// filled, so that the result says exactly what the figures used.
    public func resolved(panel: String, profile: Row?) -> MetricSettings {
        var s = self
        let code = panel.uppercased()
        if let row = profile {
            func take<T: DatabaseValueConvertible>(_ name: String, _ apply: (inout MetricSettings, T) -> Void) {
                guard s.source(name) < .panelsCSV, let value: T = row[name] else { return }
                apply(&s, value)
                s.sources[name] = .panelsCSV
            }
            take("kind") { (s, v: String) in s.kind = PanelKind(rawValue: v) }
            take("person") { (s, v: String) in s.person = v }
            take("day_count") { (s, v: String) in s.dayCount = DayCount(rawValue: v) ?? .calendar }
            take("holidays") { (s, v: String) in s.holidays = Nation(rawValue: v) ?? .englandAndWales }
            take("agenda_days_before") { (s, v: Int) in s.agendaDaysBefore = v }
            take("minutes_days_after") { (s, v: Int) in s.minutesDaysAfter = v }
            take("late_referral_days") { (s, v: Int) in s.lateReferralDays = v }
            take("repeat_window_months") { (s, v: Int) in s.repeatWindowMonths = v }
            take("repeat_panels") { (s, v: String) in s.repeatPanels = v.split(separator: " ").map(String.init) }
            take("exit_review_months") { (s, v: Int) in s.exitReviewMonths = v }
            take("meeting_every_days") { (s, v: Int) in s.meetingEveryDays = v }
            take("not_same_day_as") { (s, v: String) in s.notSameDayAs = v }
            take("quorum") { (s, v: Int) in s.quorum = v }
            take("escalation_days") { (s, v: Int) in s.escalationDays = v }
            take("retention_years") { (s, v: Int) in s.retentionYears = v }
        }
        // The deprecated lists of a settings file outrank the row's person.
        if s.source("person") <= .panelsCSV, let legacy = legacyPerson(panel: code) {
            s.person = legacy
            s.sources["person"] = .settingsFile
        }
        s.kind = s.panelKind(panel: code)
        s.person = s.personValue(panel: code)
        s.repeatPanels = s.repeatPanels ?? [code]
        s.profileResolved = true
        return s
    }

    /// Each profile setting's value as outputs print it (nil: none).
    public func profileValue(_ name: String) -> JSONValue {
        switch name {
        case "kind": .string(kind?.rawValue)
        case "person": .string(person)
        case "day_count": .string(dayCount.rawValue)
        case "holidays": .string(holidays.rawValue)
        case "agenda_days_before": .int(agendaDaysBefore)
        case "minutes_days_after": .int(minutesDaysAfter)
        case "late_referral_days": .int(lateReferralDays)
        case "repeat_window_months": .int(repeatWindowMonths)
        case "repeat_panels": .string(repeatPanels?.joined(separator: " "))
        case "exit_review_months": .int(exitReviewMonths)
        case "meeting_every_days": meetingEveryDays.map { .int($0) } ?? .null
        case "not_same_day_as": .string(notSameDayAs)
        case "quorum": quorum.map { .int($0) } ?? .null
        case "escalation_days": .int(escalationDays)
        case "retention_years": retentionYears.map { .int($0) } ?? .null
        default: .null
        }
    }
}

extension MetricScope {
    /// The scope with its panel's profile read from the store (panels.csv), under
    /// the settings file and flags; the same scope when already resolved. A
    /// working-day panel whose period's deadlines reach outside the shipped bank
    /// holiday years is an error here, before any figure is computed.
    public func resolvingProfile(_ db: Database) throws -> MetricScope {
        if settings.profileResolved { return self }
        var scope = self
        let row = try Row.fetchOne(db, sql: "SELECT * FROM panels WHERE panel = ?", arguments: [panel])
        scope.settings = settings.resolved(panel: panel, profile: row)
        try scope.checkWorkingCalendar()
        return scope
    }

    /// Every deadline of a meeting in the period lies within the shipped years.
    func checkWorkingCalendar() throws {
        guard settings.dayCount == .working else { return }
        let calendar = WorkingCalendar(nation: settings.holidays)
        let reach = [settings.agendaDaysBefore, settings.minutesDaysAfter, settings.lateReferralDays,
                     settings.escalationDays, settings.meetingEveryDays ?? 0].max()!
        _ = try calendar.adding(workingDays: -reach, to: period.from)
        _ = try calendar.adding(workingDays: reach, to: period.to)
        _ = try calendar.isWorkingDay(period.from)
        _ = try calendar.isWorkingDay(period.to)
    }
}

extension MetricSettings {
    /// Sets the profile setting `name` (a panels.csv column name) from a flag's
    /// text, read as panels.csv reads the cell.
    public mutating func setFromFlag(_ name: String, text: String) throws {
        func number() throws -> Int {
            guard let n = Int(text.trimmingSpaces()) else { throw SettingsError.notOneOf(name: name, values: ["a whole number"]) }
            return n
        }
        switch name {
        case "kind": kind = try Self.parse(text, PanelKind.self, name)
        case "person": person = try Self.parse(text, Person.self, name).rawValue
        case "day_count": dayCount = try Self.parse(text, DayCount.self, name)
        case "holidays": holidays = try Self.parse(text, Nation.self, name)
        case "repeat_panels": repeatPanels = try Self.panelCodes(text, name)
        case "not_same_day_as":
            let codes = try Self.panelCodes(text, name)
            guard codes.count == 1 else { throw SettingsError.notOneOf(name: name, values: ["one panel code"]) }
            notSameDayAs = codes[0]
        case "meeting_every_days": meetingEveryDays = try number()
        case "quorum": quorum = try number()
        case "escalation_days": escalationDays = try number()
        case "retention_years": retentionYears = try number()
        default: throw SettingsError.notOneOf(name: name, values: Self.profileNames)
        }
        sources[name] = .flag
    }
}
