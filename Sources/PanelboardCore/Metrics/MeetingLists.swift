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
    /// expression), in the area in scope, in the period.
    static func meetingDays(_ panel: String) -> String {
        // The cases' days only when the panel has no meetings rows: that test is
        // the outer loop, a row or none, so a panel with meetings reads none of
        // its cases. (As a condition beside the cases' own, SQLite stepped
        // through every heard case of the panel to test it: 360,000 on a
        // national MARAC, for each list and each panel in it.)
        """
        SELECT DISTINCT area, meeting_date FROM meetings
        WHERE panel = \(panel) AND meeting_date BETWEEN :from AND :to AND \(MetricSQL.inArea("area"))
        UNION
        SELECT DISTINCT r.area, r.meeting_date
        FROM (SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM meetings WHERE panel = \(panel))) no_meetings_rows
        CROSS JOIN referrals r
        WHERE r.panel = \(panel) AND r.meeting_date BETWEEN :from AND :to AND \(MetricSQL.inArea("r.area"))
        """
    }

    /// The meeting day of the panel before `day` in `area` (SQL expressions), on
    /// any date: from its meetings rows, one seek on the (panel, area,
    /// meeting_date) index; or, when it has none, its cases' days, read back from
    /// `day` on the (panel, meeting_date) index to the first case of the area.
    static func previousMeetingDay(_ day: String, area: String) -> String {
        """
        (CASE WHEN EXISTS (SELECT 1 FROM meetings WHERE panel = :panel)
              THEN (SELECT max(pm.meeting_date) FROM meetings pm
                    WHERE pm.panel = :panel AND pm.area = \(area) AND pm.meeting_date < \(day))
              ELSE (SELECT pr.meeting_date FROM referrals pr
                    WHERE pr.panel = :panel AND pr.meeting_date < \(day) AND pr.area = \(area)
                    ORDER BY pr.meeting_date DESC LIMIT 1)
         END)
        """
    }

    /// Per area, each meeting day in the period with the one before it (from any
    /// date: a gap may start before the period), and the days from one to the next
    /// in the panel's day count (`MetricSQL.daysBetween`: calendar days, or working
    /// days after the earlier meeting up to and including the later, in the area's
    /// own calendar when it has local closures); those longer than
    /// :meeting_every_days. No gaps when the panel sets none. A gap whose working
    /// days cannot be counted (a date outside the years of the shipped bank
    /// holidays) has a NULL gap_days, and is an error, never a count in calendar
    /// days. The day before each is one look-up (`previousMeetingDay`), so only the
    /// period's meetings are read, not the panel's whole history (a DRAMM's every
    /// working day for ten years, for each day of `metrics --by day`).
    ///
    /// Two gaps have a period edge in place of a meeting (panels.md is silent on
    /// both; docs/metrics.md says why they are counted this way). `open`: an area
    /// whose last meeting up to the period end is on or before the edge (the period
    /// end, or :as_of when earlier) and longer ago than the interval; a meeting
    /// after the period does not close it, since the list says where the period
    /// ended. `late_start`: an area with no meeting before the period whose first
    /// one comes longer after the period start than the interval; an area that
    /// met before the period has that gap listed as a closed one. Each edge is
    /// counted as if a meeting were held on it, so a listed gap is one whatever
    /// happened beyond the period. The areas that may have an open gap are found
    /// by skipping along the panel's (panel, area, ...) index, one seek an area,
    /// and each one's last meeting is one more look-up.
    static let gaps = """
        meeting_days AS (\(meetingDays(":panel"))),
        consecutive AS (
            SELECT d.area, \(previousMeetingDay("d.meeting_date", area: "d.area")) AS previous_meeting,
                   d.meeting_date AS next_meeting
            FROM meeting_days d
        ),
        meeting_areas(area) AS (
            SELECT (SELECT min(area) FROM meetings WHERE panel = :panel)
            UNION ALL
            SELECT (SELECT min(m.area) FROM meetings m WHERE m.panel = :panel AND m.area > a.area)
            FROM meeting_areas a WHERE a.area IS NOT NULL
        ),
        case_areas(area) AS (
            SELECT (SELECT min(area) FROM referrals WHERE panel = :panel)
            WHERE NOT EXISTS (SELECT 1 FROM meetings WHERE panel = :panel)
            UNION ALL
            SELECT (SELECT min(r.area) FROM referrals r WHERE r.panel = :panel AND r.area > a.area)
            FROM case_areas a WHERE a.area IS NOT NULL
        ),
        last_meetings AS (
            SELECT a.area, \(previousMeetingDay("date(:to, '+1 day')", area: "a.area")) AS previous_meeting,
                   min(:to, :as_of) AS period_edge
            FROM (SELECT area FROM meeting_areas UNION SELECT area FROM case_areas) a
            WHERE a.area IS NOT NULL AND \(MetricSQL.inArea("a.area"))
        ),
        measured AS (
            SELECT c.area, c.previous_meeting, c.next_meeting,
                   \(MetricSQL.daysBetween("c.previous_meeting", "c.next_meeting", area: "c.area")) AS gap_days,
                   'closed' AS status, NULL AS period_edge
            FROM consecutive c
            WHERE c.previous_meeting IS NOT NULL
            UNION ALL
            SELECT c.area, NULL, c.next_meeting,
                   \(MetricSQL.daysBetween(":from", "c.next_meeting", area: "c.area")),
                   'late_start', :from
            FROM consecutive c
            WHERE c.previous_meeting IS NULL
            UNION ALL
            SELECT l.area, l.previous_meeting, NULL,
                   \(MetricSQL.daysBetween("l.previous_meeting", "l.period_edge", area: "l.area")),
                   'open', l.period_edge
            FROM last_meetings l
            WHERE l.previous_meeting <= l.period_edge AND l.period_edge >= :from
        ),
        gaps AS (
            SELECT area, previous_meeting, next_meeting, gap_days, :day_count AS day_count, status, period_edge
            FROM measured
            WHERE :meeting_every_days IS NOT NULL AND (gap_days IS NULL OR gap_days > :meeting_every_days)
        )
        """

    public static let gapsSQL = """
        WITH \(gaps)
        SELECT area, previous_meeting, next_meeting, gap_days, day_count, status, period_edge FROM gaps
        ORDER BY area, coalesce(previous_meeting, period_edge)
        """

    /// Meeting days of the panel in the period on which the panel named by
    /// :not_same_day_as met in the same area. None when the panel names none.
    static let clashes = """
        meeting_days AS (\(meetingDays(":panel"))),
        other_days AS (\(meetingDays(":not_same_day_as"))),
        clashes AS (
            SELECT m.area, m.meeting_date, :not_same_day_as AS other_panel
            FROM meeting_days m JOIN other_days o ON o.area = m.area AND o.meeting_date = m.meeting_date
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
    public static let summary = "Gaps, per area, between consecutive meetings longer than the panel's meeting_every_days, ending in the period, with the open gap of an area that stopped meeting and the late start of one that began in it."
    public typealias Result = Int

    public static let sql = """
        WITH \(MeetingLists.gaps)
        SELECT count(*) AS gaps,
               (SELECT coalesce(previous_meeting, period_edge) FROM gaps WHERE gap_days IS NULL LIMIT 1) AS uncounted_from,
               (SELECT coalesce(next_meeting, period_edge) FROM gaps WHERE gap_days IS NULL LIMIT 1) AS uncounted_to
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
    /// the panel's meeting_every_days (resolved: a flag, a settings file, its
    /// panels.csv row), the later one in the period; and the open gap and late
    /// start of `gaps`, with the period edge they are counted to or from.
    public static func gaps(_ store: Store, scope: MetricScope) throws -> ResultTable {
        try store.queue.read { db in
            let scope = try scope.resolvingProfile(db)
            try requireSetting(scope.settings.meetingEveryDays != nil, "meeting_every_days", flag: "--meeting-every-days N", scope)
            let table = try fetch(db, gapsSQL, scope)
            if let uncounted = table.rows.first(where: { $0[3].isNull }) {
                let edge = String.fromDatabaseValue(uncounted[6])
                try refuseUncounted(from: String.fromDatabaseValue(uncounted[1]) ?? edge,
                                    to: String.fromDatabaseValue(uncounted[2]) ?? edge)
            }
            return table
        }
    }

    /// The clashes list for a scope: meeting days in the period on which the
    /// panel's not_same_day_as (resolved) met in the same area.
    public static func clashes(_ store: Store, scope: MetricScope) throws -> ResultTable {
        try store.queue.read { db in
            let scope = try scope.resolvingProfile(db)
            try requireSetting(scope.settings.notSameDayAs != nil, "not_same_day_as", flag: "--not-same-day-as PANEL", scope)
            return try fetch(db, clashesSQL, scope)
        }
    }

    /// Refuses a list the panel has no terms for: without meeting_every_days no
    /// gap can be found, without not_same_day_as no clash, and an empty list
    /// would read as "none".
    static func requireSetting(_ set: Bool, _ name: String, flag: String, _ scope: MetricScope) throws {
        if !set { throw MeetingListError.noSetting(panel: scope.panel, setting: name, flag: flag) }
    }

    /// A gap in working days that could not be counted: the error naming the
    /// years the bank holiday lists cover.
    static func refuseUncounted(from: String?, to: String?) throws {
        let days = [from, to].compactMap { $0.flatMap(Day.init(parsing:)) }
        guard let outside = days.first(where: { !WorkingCalendar.years.contains($0.year) }) ?? days.first else { return }
        throw WorkingCalendarError.outsideYears(outside, covered: WorkingCalendar.years)
    }

    private static func fetch(_ db: Database, _ sql: String, _ scope: MetricScope) throws -> ResultTable {
        let statement = try db.makeStatement(sql: sql)
        let wanted = Set(statement.sqliteArgumentNames)
        return try ResultTable.fetch(db, statement: statement,
                                     arguments: StatementArguments(scope.parameters.filter { wanted.contains($0.key) }))
    }
}

public enum MeetingListError: Error, Sendable, Equatable, CustomStringConvertible {
    case noSetting(panel: String, setting: String, flag: String)

    public var description: String {
        switch self {
        case let .noSetting(panel, setting, flag):
            "\(panel) has no \(setting) in panels.csv, a settings file or a flag: add it to the panel's row, or give \(flag)"
        }
    }
}
