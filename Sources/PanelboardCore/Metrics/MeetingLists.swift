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
    /// in the panel's day count; those longer than :meeting_every_days. No gaps
    /// when the panel sets no meeting_every_days.
    static let gaps = """
        meeting_days AS (\(meetingDays(":panel"))),
        consecutive AS (
            SELECT area, lag(meeting_date) OVER (PARTITION BY area ORDER BY meeting_date) AS previous_meeting,
                   meeting_date AS next_meeting
            FROM meeting_days
        ),
        gaps AS (
            SELECT area, previous_meeting, next_meeting,
                   CAST(julianday(next_meeting) - julianday(previous_meeting) AS INTEGER) AS gap_days
            FROM consecutive
            WHERE previous_meeting IS NOT NULL AND next_meeting BETWEEN :from AND :to
              AND CAST(julianday(next_meeting) - julianday(previous_meeting) AS INTEGER) > :meeting_every_days
        )
        """

    public static let gapsSQL = """
        WITH \(gaps)
        SELECT area, previous_meeting, next_meeting, gap_days FROM gaps ORDER BY area, next_meeting
        """

    /// Meeting days of the panel in the period on which the panel named by
    /// :not_same_day_as met in the same area. None when the panel names none.
    static let clashes = """
        meeting_days AS (\(meetingDays(":panel"))),
        other_days AS (\(meetingDays(":not_same_day_as"))),
        clashes AS (
            SELECT m.area, m.meeting_date, :not_same_day_as AS other_panel
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
        SELECT count(*) AS gaps FROM gaps
        """

    public static func result(from rows: [Row], scope: MetricScope) throws -> Int { rows[0]["gaps"] }
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
    /// `meetingEveryDays`, the later one in the period; none when it is nil.
    public static func gaps(_ store: Store, scope: MetricScope, meetingEveryDays: Int?) throws -> ResultTable {
        try fetch(store, gapsSQL, scope, ["meeting_every_days": meetingEveryDays])
    }

    /// The clashes list for a scope: meeting days in the period on which
    /// `notSameDayAs` met in the same area; none when it is nil.
    public static func clashes(_ store: Store, scope: MetricScope, notSameDayAs: String?) throws -> ResultTable {
        try fetch(store, clashesSQL, scope, ["not_same_day_as": notSameDayAs?.uppercased()])
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
