import GRDB

/// The meetings lists of panels.md ("Meetings v2"): gaps in a panel's meetings, and
/// meetings on the same day and area as another panel's (`panelboard meetings
/// --gaps` / `--clashes`; the `meetings` family gives each list's length).
///
/// The meetings of a panel are its meetings.csv rows, or, when meetings.csv has no
/// rows for the panel, the days its cases were heard, as for `meetings_held`; two
/// meetings of one area on one day (an emergency meeting beside the scheduled one)
/// are one meeting day.
public enum MeetingLists {
    /// The (area, meeting_date) pairs of the panel named by `panel` (an SQL
    /// expression), in the area in scope, on every date.
    static func meetingDays(_ panel: String) -> String {
        """
        SELECT DISTINCT area, meeting_date FROM meetings
        WHERE panel = \(panel) AND \(MetricSQL.inArea("area"))
        UNION
        SELECT DISTINCT area, meeting_date FROM referrals
        WHERE panel = \(panel) AND meeting_date IS NOT NULL AND \(MetricSQL.inArea("area"))
          AND NOT EXISTS (SELECT 1 FROM meetings WHERE panel = \(panel))
        """
    }

    /// Per area, each meeting day in the period with the one before it (from any
    /// date: a gap may start before the period), and the days from one to the next
    /// in the panel's day count: calendar days, or working days after the earlier
    /// meeting up to and including the later one (the difference of their
    /// `working_calendar` ordinals, in the area's own calendar when it has local
    /// closures); those longer than meeting_every_days. No gaps when the panel sets
    /// none. A gap whose working days cannot be counted (a date outside the years
    /// of the shipped bank holidays) has a NULL gap_days, and is an error, never a
    /// count in calendar days.
    static let gaps = """
        meeting_days AS (\(meetingDays(":panel"))),
        profile AS (
            SELECT \(MetricSQL.panelSetting("day_count", default: "'calendar'")) AS day_count,
                   \(MetricSQL.panelSetting("holidays", default: "'england_and_wales'")) AS holidays,
                   \(MetricSQL.panelSetting("meeting_every_days", default: "NULL")) AS every
        ),
        consecutive AS (
            SELECT area, lag(meeting_date) OVER (PARTITION BY area ORDER BY meeting_date) AS previous_meeting,
                   meeting_date AS next_meeting
            FROM meeting_days
        ),
        measured AS (
            SELECT c.area, c.previous_meeting, c.next_meeting, p.day_count, p.every,
                   CASE WHEN p.day_count = 'working'
                        THEN \(workingOrdinal("c.next_meeting")) - \(workingOrdinal("c.previous_meeting"))
                        ELSE CAST(julianday(c.next_meeting) - julianday(c.previous_meeting) AS INTEGER)
                   END AS gap_days
            FROM consecutive c, profile p
            WHERE c.previous_meeting IS NOT NULL AND c.next_meeting BETWEEN :from AND :to
        ),
        gaps AS (
            SELECT area, previous_meeting, next_meeting, gap_days, day_count FROM measured
            WHERE every IS NOT NULL AND (gap_days IS NULL OR gap_days > every)
        )
        """

    /// The working-day ordinal of `day` (an SQL expression) in the calendar of the
    /// profile's holidays and the row's area: the area's own when it has local
    /// closures, else every area's. NULL outside the shipped years.
    static func workingOrdinal(_ day: String) -> String {
        """
        coalesce((SELECT w.working_ordinal FROM working_calendar w
                   WHERE w.holidays = p.holidays AND w.area = c.area AND w.day = \(day)),
                 (SELECT w.working_ordinal FROM working_calendar w
                   WHERE w.holidays = p.holidays AND w.area = '' AND w.day = \(day)))
        """
    }

    public static let gapsSQL = """
        WITH \(gaps)
        SELECT area, previous_meeting, next_meeting, gap_days, day_count FROM gaps ORDER BY area, next_meeting
        """

    /// Meeting days of the panel in the period on which the panel named by its
    /// not_same_day_as met in the same area. None when the panel names none.
    static let clashes = """
        meeting_days AS (\(meetingDays(":panel"))),
        other_days AS (\(meetingDays(MetricSQL.panelSetting("not_same_day_as", default: "NULL")))),
        clashes AS (
            SELECT m.area, m.meeting_date, \(MetricSQL.panelSetting("not_same_day_as", default: "NULL")) AS other_panel
            FROM meeting_days m JOIN other_days o ON o.area = m.area AND o.meeting_date = m.meeting_date
            WHERE m.meeting_date BETWEEN :from AND :to
        )
        """

    public static let clashesSQL = """
        WITH \(clashes)
        SELECT area, meeting_date, other_panel FROM clashes ORDER BY meeting_date, area
        """
}

/// `gaps`: the length of the gaps list (`MeetingLists.gapsSQL`).
public enum MeetingGaps: MetricFamily {
    public static let name = "meeting_gaps"
    public static let summary = "Gaps, per area, between consecutive meetings longer than the panel's meeting_every_days, ending in the period."
    public typealias Result = Int

    public static let sql = """
        WITH \(MeetingLists.gaps)
        SELECT count(*) AS gaps,
               (SELECT previous_meeting FROM gaps WHERE gap_days IS NULL LIMIT 1) AS uncounted_from,
               (SELECT next_meeting FROM gaps WHERE gap_days IS NULL LIMIT 1) AS uncounted_to
        FROM gaps
        """

    public static func result(from rows: [Row], scope: MetricScope) throws -> Int {
        try MeetingLists.refuseUncounted(from: rows[0]["uncounted_from"], to: rows[0]["uncounted_to"])
        return rows[0]["gaps"]
    }
}

/// `clashes`: the length of the clashes list (`MeetingLists.clashesSQL`).
public enum MeetingClashes: MetricFamily {
    public static let name = "meeting_clashes"
    public static let summary = "Meeting days in the period on the same day and area as a meeting of the panel's not_same_day_as."
    public typealias Result = Int

    public static let sql = """
        WITH \(MeetingLists.clashes)
        SELECT count(*) AS clashes FROM clashes
        """

    public static func result(from rows: [Row], scope: MetricScope) throws -> Int { rows[0]["clashes"] }
}

extension MeetingLists {
    /// The gaps list for a scope: per area, consecutive meetings further apart than
    /// `meetingEveryDays` (else the panel's own meeting_every_days), the later one
    /// in the period.
    public static func gaps(_ store: Store, scope: MetricScope, meetingEveryDays: Int?) throws -> ResultTable {
        let table = try fetch(store, gapsSQL, scope, ["meeting_every_days": meetingEveryDays])
        let gap = table.columns.firstIndex(of: "gap_days")!
        if let uncounted = table.rows.first(where: { $0[gap].isNull }) {
            try refuseUncounted(from: String.fromDatabaseValue(uncounted[1]), to: String.fromDatabaseValue(uncounted[2]))
        }
        return table
    }

    /// The clashes list for a scope: meeting days in the period on which
    /// `notSameDayAs` (else the panel's own not_same_day_as) met in the same area.
    public static func clashes(_ store: Store, scope: MetricScope, notSameDayAs: String?) throws -> ResultTable {
        try fetch(store, clashesSQL, scope, ["not_same_day_as": notSameDayAs?.uppercased()])
    }

    /// Refuses a list the panel has no terms for: without meeting_every_days no
    /// gap can be found, without not_same_day_as no clash, and an empty list
    /// would read as "none".
    public static func requireSetting(_ name: String, flag: String, panel: String, given: Bool, in store: Store) throws {
        if given { return }
        let set = try store.queue.read { db in
            try Bool.fetchOne(db, sql: "SELECT \(name) IS NOT NULL FROM panels WHERE panel = ?", arguments: [panel.uppercased()])
        }
        if set != true { throw MeetingListError.noSetting(panel: panel.uppercased(), setting: name, flag: flag) }
    }

    /// A gap in working days that could not be counted: the error naming the
    /// years the bank holiday lists cover.
    static func refuseUncounted(from: String?, to: String?) throws {
        let days = [from, to].compactMap { $0.flatMap(Day.init(parsing:)) }
        guard let outside = days.first(where: { !WorkingCalendar.years.contains($0.year) }) ?? days.first else { return }
        throw WorkingCalendarError.outsideYears(outside, covered: WorkingCalendar.years)
    }

    private static func fetch(_ store: Store, _ sql: String, _ scope: MetricScope,
                              _ extra: [String: DatabaseValueConvertible?]) throws -> ResultTable {
        try store.queue.read { db in
            let statement = try db.makeStatement(sql: sql)
            let wanted = Set(statement.sqliteArgumentNames)
            let parameters = scope.parameters.merging(extra) { _, given in given }.filter { wanted.contains($0.key) }
            return try ResultTable.fetch(db, statement: statement, arguments: StatementArguments(parameters))
        }
    }
}

extension MetricSQL {
    /// A setting of the panel in scope as panels.md orders them: the parameter
    /// `:name` when bound (a settings file or a flag), else the panel's panels.csv
    /// row, else `defaultValue` (an SQL expression). An analyst's query that leaves
    /// the parameter out reads the panel's own terms.
    static func panelSetting(_ name: String, default defaultValue: String) -> String {
        "coalesce(:\(name), (SELECT ps.\(name) FROM panels ps WHERE ps.panel = :panel), \(defaultValue))"
    }
}

public enum MeetingListError: Error, Sendable, Equatable, CustomStringConvertible {
    case noSetting(panel: String, setting: String, flag: String)

    public var description: String {
        switch self {
        case let .noSetting(panel, setting, flag):
            "\(panel) has no \(setting) in panels.csv: add it to the panel's row, or give \(flag)"
        }
    }
}
