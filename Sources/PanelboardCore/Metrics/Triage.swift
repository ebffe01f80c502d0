import GRDB

/// The daily triage meeting's own figures (panels.md, "Triage"), over referrals
/// received in the period. Every panel has them; they are a triage panel's board.
///
/// - `received_by_reason_and_risk`: for every referral_reason (then
///   `not_recorded`), the referrals received by risk_level (then `not_recorded`).
/// - `per_working_day`: `min`, `median`, `max` of the referrals received on each
///   working day of the period: Monday to Friday less the bank holidays of the
///   panel's nation (panels.csv `holidays`) and the closures of holidays.csv,
///   whatever the panel's `day_count`; a working day with none counts as 0, and a
///   referral dated on a weekend or holiday is on no working day. The calendar is
///   the area's own when the scope is an area with closures of its own.
/// - `busiest_day`: the working days with the most referrals (none when there are
///   no referrals).
/// - `escalated_to_marac`: referrals whose person has another referral to a `marac`
///   panel dated from this referral's date up to `escalation_days` after it (in the
///   panel's day count: with `working`, on or before the day that many working days
///   after); `escalated_to_marac_share` of referrals received.
/// - `marac_within_12_months_returned`: referrals whose person has an earlier
///   referral (in the order referral_date, referral_id) to a `marac` panel dated no
///   more than 12 months before (clamped to the month's end).
///
/// The person is the panel's (`:person`, as for repeats). `escalation_days`,
/// `day_count` and `holidays` are the panel's settings (panels.csv, then a
/// settings file, then flags); an escalation in working days counts in the
/// referral's own area's calendar.
public enum Triage: MetricFamily {
    public static let name = "triage"
    public static let summary = "Referrals received by reason and risk, per working day (min, median, max, busiest), escalated to MARAC, and returned within 12 months of a MARAC."

    public struct Result: Sendable, Equatable {
        /// Reason, then its counts by risk level.
        public var receivedByReasonAndRisk: [(reason: String, byRisk: [(risk: String, count: Int)])]
        public var perWorkingDayMin: Int?
        public var perWorkingDayMedian: Double?
        public var perWorkingDayMax: Int?
        public var busiestDays: [Day]
        public var received: Int
        public var escalatedToMarac: CountShare
        public var maracWithin12MonthsReturned: Int
        /// Every working day of the period with its referrals received (0 when
        /// none), in date order: the triage board's chart by day. Not in the JSON,
        /// whose `per_working_day` summarises it.
        public var receivedByWorkingDay: [(day: Day, count: Int)] = []

        public static func == (a: Result, b: Result) -> Bool { a.json == b.json }
    }

    static let reasons = Vocabulary.referralReason.values + ["not_recorded"]
    static let risks = Vocabulary.riskLevel.values + ["not_recorded"]

    /// Whether the referral `r` has a referral `m` of the same person (by
    /// `column`) that `condition` accepts: one indexed seek on the person.
    private static func other(by column: String, _ condition: String) -> String {
        """
        EXISTS (SELECT 1 FROM referrals m
                WHERE m.\(column) = r.\(column) AND m.referral_id <> r.referral_id
                  AND \(MetricSQL.isMaracPanel("m.panel")) AND \(condition))
        """
    }

    private static func byPerson(_ condition: String) -> String {
        "CASE WHEN :person = 'victim_ref' THEN \(other(by: "victim_ref", condition)) ELSE \(other(by: "perpetrator_ref", condition)) END"
    }

    public static let sql = """
        WITH RECURSIVE profile AS (
            SELECT :day_count AS day_count, :holidays AS holidays, \(MetricSQL.calendarArea(":area")) AS calendar_area
        ),
        \(MetricSQL.received),
        received AS MATERIALIZED (
            SELECT r.referral_id, r.referral_date, coalesce(r.referral_reason, 'not_recorded') AS reason,
                   coalesce(r.risk_level, 'not_recorded') AS risk,
                   \(byPerson("m.referral_date >= r.referral_date AND m.referral_date <= r.deadline")) AS escalated,
                   \(byPerson("(m.referral_date, m.referral_id) < (r.referral_date, r.referral_id) AND m.referral_date >= \(MetricSQL.addingMonths("r.referral_date", "-12"))")) AS returned,
                   deadline
            FROM (SELECT r.*, \(MetricSQL.daysAfter("r.referral_date", ":escalation_days", area: "r.area")) AS deadline
                  FROM received_referrals r) r
        ),
        working_days AS MATERIALIZED (
            SELECT w.day, (SELECT count(*) FROM received x WHERE x.referral_date = w.day) AS n
            FROM working_calendar w, profile p
            WHERE w.holidays = p.holidays AND w.area = p.calendar_area AND w.is_working = 1
              AND w.day BETWEEN :from AND :to
        )
        SELECT 'profile_day_count' AS kind, day_count AS a, NULL AS b, NULL AS n, NULL AS x FROM profile
        UNION ALL
        SELECT 'cell', reason, risk, count(*), NULL FROM received GROUP BY reason, risk
        UNION ALL
        SELECT 'totals', NULL, NULL, count(*), NULL FROM received
        UNION ALL
        SELECT 'escalated', NULL, NULL, coalesce(sum(escalated), 0), NULL FROM received
        UNION ALL
        SELECT 'returned', NULL, NULL, coalesce(sum(returned), 0), NULL FROM received
        UNION ALL
        SELECT 'uncovered', NULL, NULL, count(*), NULL FROM received WHERE deadline IS NULL
        UNION ALL
        SELECT 'per_day', NULL, NULL, min(n), \(MetricSQL.median("n", from: "working_days")) FROM working_days
        UNION ALL
        SELECT 'max', NULL, NULL, max(n), NULL FROM working_days
        UNION ALL
        SELECT 'busiest', day, NULL, n, NULL FROM working_days
        WHERE n > 0 AND n = (SELECT max(n) FROM working_days)
        UNION ALL
        SELECT 'day', day, NULL, n, NULL FROM working_days
        """

    public static func result(from rows: [Row], scope: MetricScope) throws -> Result {
        var cells: [String: Int] = [:]
        var totals = 0, escalated = 0, returned = 0, uncovered = 0
        var minimum: Int?, median: Double?, maximum: Int?
        var busiest: [Day] = []
        var byDay: [(day: Day, count: Int)] = []
        var dayCount = ""
        for row in rows {
            let n: Int? = row["n"]
            switch row["kind"] as String {
            case "profile_day_count": dayCount = row["a"] ?? ""
            case "cell": cells["\(row["a"] as String)|\(row["b"] as String)"] = n
            case "totals": totals = n ?? 0
            case "escalated": escalated = n ?? 0
            case "returned": returned = n ?? 0
            case "uncovered": uncovered = n ?? 0
            case "per_day": minimum = n; median = row["x"]
            case "max": maximum = n
            case "busiest": if let d = Day(parsing: row["a"]) { busiest.append(d) }
            case "day": if let d = Day(parsing: row["a"]) { byDay.append((d, n ?? 0)) }
            default: break
            }
        }
        if uncovered > 0 {
            // A deadline in working days that the shipped calendar does not reach.
            throw WorkingCalendarError.outsideYears(scope.period.to, covered: WorkingCalendar.years)
        }
        if let outside = [scope.period.from, scope.period.to].first(where: { !WorkingCalendar.years.contains($0.year) }) {
            // A panel that counts in working days gets the calendar's error, as
            // every deadline of it does, never a silent count; the error says to
            // count in calendar days, and then the report runs (a 1900 or 2999
            // period has no data) with the per-day figures not known.
            if dayCount == "working" { throw WorkingCalendarError.outsideYears(outside, covered: WorkingCalendar.years) }
            (minimum, median, maximum, busiest, byDay) = (nil, nil, nil, [], [])
        }
        return Result(
            receivedByReasonAndRisk: reasons.map { reason in (reason, risks.map { ($0, cells["\(reason)|\($0)"] ?? 0) }) },
            perWorkingDayMin: minimum, perWorkingDayMedian: median, perWorkingDayMax: maximum,
            busiestDays: busiest.sorted(), received: totals,
            escalatedToMarac: CountShare(count: escalated, of: totals), maracWithin12MonthsReturned: returned,
            receivedByWorkingDay: byDay.sorted { $0.day < $1.day })
    }
}

extension Triage.Result {
    public var json: JSONValue {
        .object([
            ("received_by_reason_and_risk", .object(receivedByReasonAndRisk.map { reason in
                (reason.reason, .object(reason.byRisk.map { ($0.risk, .int($0.count)) }))
            })),
            ("per_working_day", .object([("min", .int(perWorkingDayMin)), ("median", .number(perWorkingDayMedian)),
                                         ("max", .int(perWorkingDayMax))])),
            ("busiest_day", .array(busiestDays.map { .string($0.iso) })),
            ("escalated_to_marac", .int(escalatedToMarac.count)),
            ("escalated_to_marac_share", .number(escalatedToMarac.share)),
            ("marac_within_12_months_returned", .int(maracWithin12MonthsReturned)),
        ])
    }
}

extension Triage: ReportedFamily {
    public static let family = FamilyDescription(
        member: name, title: { _ in "Triage" }, queries: [FamilyDescription.query(Triage.self)],
        disclosure: { breakdown, field in
            switch (breakdown, field) {
            case ("per_working_day", _):
                // The day's referrals are people; a minimum or maximum of 1 to 4 is one
                // day's people: hidden with the referrals received.
                .derived(from: ["referrals_received"])
            case (_, "escalated_to_marac_share"): .derived(from: ["referrals_received", "triage.escalated_to_marac"])
            default: .people(cell: FigureDisclosure.cell(name, breakdown, field))
            }
        },
        relations: { json in
            guard case let .object(reasons)? = json["received_by_reason_and_risk"] else { return [] }
            let cells = reasons.flatMap { reason, risks -> [String] in
                guard case let .object(byRisk) = risks else { return [] }
                return byRisk.map { "triage.received_by_reason_and_risk.\(reason).\($0.0)" }
            }
            return [.sum(parts: cells, whole: "referrals_received", remainder: "triage.received_by_reason_and_risk unlisted")]
        },
        glossary: { _ in [
            ("Referrals per working day", "Referrals received on each working day (Monday to Friday, less bank holidays and local closures) of the period: the fewest, the median and the most."),
            ("Escalated to MARAC", "Referrals whose person was referred to a MARAC within the panel's escalation days (14 unless its profile says otherwise)."),
        ] },
        boardKinds: [.triage],
        // The per-day summary and the busiest days are the board's own figures
        // there (`BoardFigures.Builder.addTriageDays`), hidden with the days they
        // are taken from: a fewest of 2 is one day's 2 people.
        boardLeavesOut: { path in path.first == "per_working_day" || path.first == "busiest_day" })

    public static func figures(_ db: Database, scope: MetricScope) throws -> Result { try compute(db, scope: scope) }
    public static func json(_ figures: Result) -> JSONValue { figures.json }
}
