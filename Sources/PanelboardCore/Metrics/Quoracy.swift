import GRDB

/// Whether each meeting had its core agencies, and how each core agency attended
/// (panels.md, "Meetings v2"). Over meetings held in the period:
///
/// - A core agency of a meeting is a `core` row of members.csv for the meeting's
///   panel, for its area or for every area (empty area), whose from_date/to_date
///   (either open) contain the meeting's date. An agency listed twice (for the area
///   and for every area) is one core agency.
/// - A meeting with no attendance rows at all is unknown, not absent: it counts for
///   no agency, and is `quorum_unknown`, as is a meeting with no core agencies, and
///   every meeting held when meetings.csv has no rows for the panel.
/// - `quorate`: a meeting with rows and core agencies where at least `quorum` of
///   them (all of them when the panel sets none) have a row `attended` or `deputy`;
///   `not_quorate`: the others with rows and core agencies. So quorate +
///   not_quorate + quorum_unknown = meetings held. `quoracy_rate` = quorate /
///   (quorate + not_quorate).
/// - `core_attendance`, per core agency, over the meetings with rows where it is
///   core: `expected`, then by its row there `attended_or_deputy`,
///   `written_update`, `apologies`, `absent`, and `missing` (no row: counted as
///   absent), which add up to expected; `attendance_rate` =
///   attended_or_deputy / expected.
/// - `emergency_meetings`: meetings held whose meeting_type is `emergency`.
public enum Quoracy: MetricFamily {
    public static let name = "quoracy"
    public static let summary = "Meetings quorate, not quorate and unknown by the panel's core members and quorum; attendance of each core agency; emergency meetings."

    public struct CoreAttendance: Sendable, Equatable {
        public var expected = 0, attendedOrDeputy = 0, writtenUpdate = 0, apologies = 0, absent = 0, missing = 0
        public var attendanceRate: Double? { expected == 0 ? nil : Double(attendedOrDeputy) / Double(expected) }

        public init(expected: Int = 0, attendedOrDeputy: Int = 0, writtenUpdate: Int = 0, apologies: Int = 0,
                    absent: Int = 0, missing: Int = 0) {
            (self.expected, self.attendedOrDeputy, self.writtenUpdate, self.apologies, self.absent, self.missing)
                = (expected, attendedOrDeputy, writtenUpdate, apologies, absent, missing)
        }
    }

    public struct Result: Sendable, Equatable {
        public var quorate = 0
        public var notQuorate = 0
        public var quorumUnknown = 0
        public var emergencyMeetings = 0
        public var coreAttendance: [String: CoreAttendance] = [:]
        public var quoracyRate: Double? {
            quorate + notQuorate == 0 ? nil : Double(quorate) / Double(quorate + notQuorate)
        }

        public init(quorate: Int = 0, notQuorate: Int = 0, quorumUnknown: Int = 0, emergencyMeetings: Int = 0,
                    coreAttendance: [String: CoreAttendance] = [:]) {
            (self.quorate, self.notQuorate, self.quorumUnknown, self.emergencyMeetings, self.coreAttendance)
                = (quorate, notQuorate, quorumUnknown, emergencyMeetings, coreAttendance)
        }
    }

    /// Each core agency at each meeting held that has attendance rows, with its
    /// status there (NULL: no row). Needs `scoped_meetings`.
    static let expected = """
        core AS (
            SELECT DISTINCT m.meeting_id, c.agency
            FROM scoped_meetings m
            JOIN members c ON c.panel = m.panel AND c.role = 'core'
             AND (c.area IS NULL OR c.area = m.area)
             AND (c.from_date IS NULL OR c.from_date <= m.meeting_date)
             AND (c.to_date IS NULL OR m.meeting_date <= c.to_date)
        ),
        expected AS (
            SELECT c.meeting_id, c.agency, t.status
            FROM core c
            LEFT JOIN attendance t ON t.meeting_id = c.meeting_id AND t.agency = c.agency
            WHERE EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = c.meeting_id)
        ),
        verdicts AS (
            SELECT meeting_id, count(*) AS core_agencies,
                   count(CASE WHEN status IN ('attended', 'deputy') THEN 1 END) AS present
            FROM expected GROUP BY meeting_id
        )
        """

    public static let sql = """
        WITH \(MetricSQL.discussed),
        \(Meetings.scopedMeetings),
        \(expected)
        SELECT NULL AS agency,
               (SELECT meetings_held FROM (\(Volumes.meetingsHeldSQL))) AS held,
               (SELECT count(*) FROM verdicts WHERE present >= coalesce(:quorum, core_agencies)) AS quorate,
               (SELECT count(*) FROM verdicts WHERE present < coalesce(:quorum, core_agencies)) AS not_quorate,
               (SELECT count(*) FROM scoped_meetings WHERE meeting_type = 'emergency') AS emergency_meetings,
               NULL AS expected, NULL AS attended_or_deputy, NULL AS written_update,
               NULL AS apologies, NULL AS absent, NULL AS missing
        UNION ALL
        SELECT agency, NULL, NULL, NULL, NULL, count(*),
               count(CASE WHEN status IN ('attended', 'deputy') THEN 1 END),
               count(CASE WHEN status = 'written_update' THEN 1 END),
               count(CASE WHEN status = 'apologies' THEN 1 END),
               count(CASE WHEN status = 'absent' THEN 1 END),
               count(CASE WHEN status IS NULL THEN 1 END)
        FROM expected GROUP BY agency
        """

    public static func result(from rows: [Row], scope: MetricScope) throws -> Result {
        let first = rows[0]
        let held: Int = first["held"], quorate: Int = first["quorate"], notQuorate: Int = first["not_quorate"]
        var result = Result(quorate: quorate, notQuorate: notQuorate, quorumUnknown: held - quorate - notQuorate,
                            emergencyMeetings: first["emergency_meetings"])
        for row in rows.dropFirst() {
            result.coreAttendance[row["agency"]] = CoreAttendance(
                expected: row["expected"], attendedOrDeputy: row["attended_or_deputy"],
                writtenUpdate: row["written_update"], apologies: row["apologies"], absent: row["absent"],
                missing: row["missing"])
        }
        return result
    }
}

extension Quoracy.Result {
    /// The members meetings v2 adds to `meetings`, with the lists' lengths.
    static let memberNames: Set<String> = [
        "quorate", "not_quorate", "quorum_unknown", "quoracy_rate", "emergency_meetings", "core_attendance", "gaps", "clashes",
    ]

    /// The members this family adds to the `meetings` member of the JSON.
    public var jsonMembers: [(String, JSONValue)] {
        [
            ("quorate", .int(quorate)), ("not_quorate", .int(notQuorate)), ("quorum_unknown", .int(quorumUnknown)),
            ("quoracy_rate", .number(quoracyRate)), ("emergency_meetings", .int(emergencyMeetings)),
            ("core_attendance", .object(coreAttendance.keys.sorted().map { agency in
                let a = coreAttendance[agency]!
                return (agency, .object([
                    ("expected", .int(a.expected)), ("attended_or_deputy", .int(a.attendedOrDeputy)),
                    ("written_update", .int(a.writtenUpdate)), ("apologies", .int(a.apologies)),
                    ("absent", .int(a.absent)), ("missing", .int(a.missing)),
                    ("attendance_rate", .number(a.attendanceRate)),
                ]))
            })),
        ]
    }
}
