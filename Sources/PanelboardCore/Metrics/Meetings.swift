import GRDB

/// Meeting governance and partnership: papers on time, referrals in time, who came.
///
/// Over meetings of the panel (and area) held in the period:
/// - `held`: as `meetings_held` in volumes.
/// Every day count is in the panel's `day_count` (calendar, or working days of
/// its `holidays` and the area's closures: `MetricSQL.daysBefore`).
/// - `agenda_on_time`: agenda_sent_date on or before meeting_date minus 5 days (a
///   setting); `agenda_unknown`: meetings held with no agenda_sent_date (all of
///   them when meetings.csv has no rows for the panel).
/// - `minutes_on_time`: minutes_sent_date on or before meeting_date plus 7 days (a
///   setting); `minutes_unknown`: meetings held with no minutes_sent_date (all of
///   them when meetings.csv has no rows for the panel).
/// - `late_referrals`: cases discussed referred fewer than 7 days (a setting)
///   before the meeting that heard them.
/// - `attendance`, per agency, over the attendance rows of those meetings: `rows`,
///   `attended`, `deputy`, `written_update`, `apologies`, `absent`, and
///   `attendance_rate` = (attended + deputy) / rows.
public enum Meetings: MetricFamily {
    public static let name = "meetings"
    public static let summary = "Meetings held, agenda and minutes on time, late referrals, attendance by agency."

    public struct Attendance: Sendable, Equatable {
        public var rows = 0, attended = 0, deputy = 0, writtenUpdate = 0, apologies = 0, absent = 0
        public var attendanceRate: Double? { rows == 0 ? nil : Double(attended + deputy) / Double(rows) }
    }

    public struct Result: Sendable, Equatable {
        public var held: Int
        public var agendaOnTime: Int
        public var agendaUnknown: Int
        public var minutesOnTime: Int
        public var minutesUnknown: Int
        public var lateReferrals: Int
        public var attendance: [String: Attendance]
        /// Meetings v2 (panels.md), from their own families: quoracy, core
        /// attendance and emergency meetings; the lengths of the gaps and clashes
        /// lists.
        public var quoracy = Quoracy.Result()
        public var gaps = 0
        public var clashes = 0
    }

    /// The version 1 figures with the version 2 families that join them in the
    /// `meetings` member.
    static func computeWithV2(_ db: Database, scope: MetricScope) throws -> Result {
        var result = try compute(db, scope: scope)
        result.quoracy = try Quoracy.compute(db, scope: scope)
        result.gaps = try MeetingGaps.compute(db, scope: scope)
        result.clashes = try MeetingClashes.compute(db, scope: scope)
        return result
    }

    static let scopedMeetings = """
        scoped_meetings AS (
            SELECT m.* FROM meetings m
            WHERE m.panel = :panel AND m.meeting_date BETWEEN :from AND :to
              AND \(MetricSQL.inArea("m.area"))
        )
        """

    public static let sql = """
        WITH \(MetricSQL.discussed(columns: "r.area, r.meeting_date, r.referral_date")),
        \(scopedMeetings)
        -- When meetings.csv has no rows for the panel, the meetings held are the
        -- (area, meeting_date) pairs of cases discussed, and none of them has an
        -- agenda or minutes date on record: they are all unknown, so that on time
        -- + late + unknown is always the meetings held.
        SELECT 'meetings' AS kind, NULL AS agency,
               (SELECT meetings_held FROM (\(Volumes.meetingsHeldSQL))) AS held,
               coalesce(sum(agenda_sent_date <= \(MetricSQL.daysBefore("sm.meeting_date", ":agenda_days_before", area: "sm.area"))), 0) AS agenda_on_time,
               CASE WHEN EXISTS (SELECT 1 FROM meetings WHERE panel = :panel)
                    THEN coalesce(sum(agenda_sent_date IS NULL), 0)
                    ELSE (SELECT meetings_held FROM (\(Volumes.meetingsHeldSQL)))
               END AS agenda_unknown,
               coalesce(sum(minutes_sent_date <= \(MetricSQL.daysAfter("sm.meeting_date", ":minutes_days_after", area: "sm.area"))), 0) AS minutes_on_time,
               CASE WHEN EXISTS (SELECT 1 FROM meetings WHERE panel = :panel)
                    THEN coalesce(sum(minutes_sent_date IS NULL), 0)
                    ELSE (SELECT meetings_held FROM (\(Volumes.meetingsHeldSQL)))
               END AS minutes_unknown,
               (SELECT count(*) FROM discussed d
                 WHERE d.referral_date > \(MetricSQL.daysBefore("d.meeting_date", ":late_referral_days", area: "d.area"))) AS late_referrals,
               NULL AS attended, NULL AS deputy, NULL AS written_update, NULL AS apologies, NULL AS absent
        FROM scoped_meetings sm
        UNION ALL
        SELECT 'attendance', t.agency, count(*), NULL, NULL, NULL, NULL, NULL,
               sum(t.status = 'attended'), sum(t.status = 'deputy'), sum(t.status = 'written_update'),
               sum(t.status = 'apologies'), sum(t.status = 'absent')
        FROM attendance t JOIN scoped_meetings m ON m.meeting_id = t.meeting_id
        GROUP BY t.agency
        """

    public static func result(from rows: [Row], scope: MetricScope) throws -> Result {
        let first = rows[0]
        var attendance: [String: Attendance] = [:]
        for row in rows.dropFirst() {
            attendance[row["agency"]] = Attendance(
                rows: row["held"], attended: row["attended"], deputy: row["deputy"],
                writtenUpdate: row["written_update"], apologies: row["apologies"], absent: row["absent"])
        }
        return Result(
            held: first["held"], agendaOnTime: first["agenda_on_time"], agendaUnknown: first["agenda_unknown"],
            minutesOnTime: first["minutes_on_time"], minutesUnknown: first["minutes_unknown"],
            lateReferrals: first["late_referrals"], attendance: attendance)
    }
}

extension Meetings.Result {
    public var json: JSONValue {
        .object([
            ("held", .int(held)), ("agenda_on_time", .int(agendaOnTime)), ("agenda_unknown", .int(agendaUnknown)),
            ("minutes_on_time", .int(minutesOnTime)), ("minutes_unknown", .int(minutesUnknown)),
            ("late_referrals", .int(lateReferrals)),
            ("attendance", .object(attendance.keys.sorted().map { agency in
                let a = attendance[agency]!
                return (agency, .object([
                    ("rows", .int(a.rows)), ("attended", .int(a.attended)), ("deputy", .int(a.deputy)),
                    ("written_update", .int(a.writtenUpdate)), ("apologies", .int(a.apologies)),
                    ("absent", .int(a.absent)), ("attendance_rate", .number(a.attendanceRate)),
                ]))
            })),
        ] + quoracy.jsonMembers + [("gaps", .int(gaps)), ("clashes", .int(clashes))])
    }
}

extension Meetings: ReportedFamily {
    public static let family = FamilyDescription(
        member: name, title: { _ in "Meetings" },
        queries: [FamilyDescription.query(Meetings.self), FamilyDescription.query(Quoracy.self),
                  FamilyDescription.query(MeetingGaps.self), FamilyDescription.query(MeetingClashes.self)],
        // Meetings and attendance are the agencies' work; late referrals are cases,
        // referrals heard under a week after they were made.
        disclosure: { _, field in field == "late_referrals" ? .people(cell: "meetings.late_referrals") : .exact },
        glossary: { s in [
            ("Agenda on time", "Agenda and case list sent to partners at least \(s.agendaDaysBefore) \(s.dayUnit) before the meeting."),
            ("Minutes on time", "Minutes and actions circulated within \(s.minutesDaysAfter) \(s.dayUnit) of the meeting."),
            ("Late referral", "A case heard fewer than \(s.lateReferralDays) \(s.dayUnit) after it was referred."),
            ("Attendance rate", "Meetings an agency attended, in person or by deputy, as a share of the meetings it was expected at."),
        ] },
        onBoard: true,
        // Quoracy and core attendance are on the board (a MARAC's governance
        // section); gaps and clashes are lists for the coordinator, not figures.
        boardLeavesOut: { path in path.first.map { ["gaps", "clashes"].contains($0) } ?? false })

    public static func figures(_ db: Database, scope: MetricScope) throws -> Result { try computeWithV2(db, scope: scope) }
    public static func json(_ figures: Result) -> JSONValue { figures.json }
}
