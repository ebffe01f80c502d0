import GRDB

/// Fills `working_calendar` (migration "v6 panel profiles") from the shipped bank
/// holidays and the store's `holidays` (holidays.csv), so that a deadline in
/// working days is an SQL look-up by ordinal (docs/metrics.md, "Working days").
///
/// One calendar per holiday set for every area (area ''), and one per holiday set
/// for each area with closures of its own: a closure with an area closes that area
/// only. Three sets of 16 years are some 17,500 rows; each area with its own
/// closures adds as many again.
enum WorkingCalendarTable {
    /// Rebuilds the table when the import read a holidays.csv, or when the
    /// every-area calendars' days off are not the shipped bank holidays plus the
    /// every-area closures (a new or upgraded store, or a later panelboard that
    /// ships a newly proclaimed holiday). Runs inside the import's transaction, so
    /// the calendar always agrees with the closures. The check reads the few
    /// hundred weekday closures, not the calendar.
    static func refresh(_ db: Database, holidaysChanged: Bool) throws {
        if !holidaysChanged, try stored(db) == expected(db) { return }
        try rebuild(db)
    }

    /// Weekdays that are not working days in the every-area calendars, as
    /// "holidays day" strings.
    private static func stored(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: """
            SELECT holidays || ' ' || day FROM working_calendar
            WHERE area = '' AND is_working = 0 AND strftime('%w', day) NOT IN ('0', '6')
            """))
    }

    private static func expected(_ db: Database) throws -> Set<String> {
        let closures = try String.fetchAll(db, sql: "SELECT date FROM holidays WHERE area IS NULL").compactMap(Day.init(parsing:))
        var out: Set<String> = []
        for nation in Nation.allCases {
            for day in WorkingCalendar.bankHolidays(nation) + closures
            where WorkingCalendar.years.contains(day.year) && WorkingCalendar.weekday(day) < 5 {
                out.insert(nation.rawValue + " " + day.iso)
            }
        }
        return out
    }

    static func rebuild(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM working_calendar")
        let first = Day(year: WorkingCalendar.years.lowerBound, month: 1, day: 1)!
        let last = Day(year: WorkingCalendar.years.upperBound, month: 12, day: 31)!
        var everywhere: [Day] = []
        var byArea: [String: [Day]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT date, area FROM holidays") {
            guard let day = Day(parsing: row["date"]), (first...last).contains(day) else { continue }
            if let area: String = row["area"] { byArea[area, default: []].append(day) } else { everywhere.append(day) }
        }
        let insert = try db.makeStatement(sql: """
            INSERT INTO working_calendar (holidays, area, day, is_working, working_ordinal) VALUES (?, ?, ?, ?, ?)
            """)
        let areas: [(String, [Day])] = [("", everywhere)] + byArea.keys.sorted().map { ($0, everywhere + byArea[$0]!) }
        for nation in Nation.allCases {
            for (area, closures) in areas {
                let calendar = WorkingCalendar(nation: nation, closures: closures)
                var ordinal = 0
                var day = first
                while day <= last {
                    let working = try calendar.isWorkingDay(day)
                    if working { ordinal += 1 }
                    try insert.execute(arguments: [nation.rawValue, area, day.iso, working ? 1 : 0, ordinal])
                    day = day.adding(days: 1)
                }
            }
        }
    }
}
