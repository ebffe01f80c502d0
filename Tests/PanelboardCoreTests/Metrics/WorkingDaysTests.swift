import Foundation
import GRDB
import Testing
@testable import PanelboardCore

/// Fixtures/metrics/working_days/README.md: agenda, minutes and late referrals in
/// working days across Easter and the spring bank holiday, with a local closure in
/// one area, against the same deadlines in calendar days.
@Suite struct WorkingDaysTests {
    let harness: MetricsHarness

    init() throws {
        harness = try MetricsHarness(fixture: "working_days", importAsOf: day("2024-07-31"))
    }

    func meetings(_ settings: MetricSettings = MetricSettings()) throws -> Meetings.Result {
        try harness.compute(Meetings.self, scope("MARAC", "2024Q2", asOf: "2024-07-31", settings: settings))
    }

    @Test func inWorkingDaysFromPanelsCsv() throws {
        #expect(try meetings() == Meetings.Result(
            held: 3, agendaOnTime: 1, agendaUnknown: 0, minutesOnTime: 2, minutesUnknown: 0, lateReferrals: 3,
            attendance: [:]))
        let report = try harness.report(scope("MARAC", "2024Q2", asOf: "2024-07-31"))
        let used = report.scope.settings
        #expect((used.dayCount, used.holidays, used.agendaDaysBefore, used.minutesDaysAfter, used.lateReferralDays)
                == (.working, .englandAndWales, 5, 2, 5))
        #expect(["day_count", "holidays", "agenda_days_before", "minutes_days_after", "late_referral_days", "kind"]
            .map { used.source($0) } == [.panelsCSV, .panelsCSV, .panelsCSV, .panelsCSV, .panelsCSV, .panelsCSV])
        #expect(used.source("repeat_window_months") == .default)
    }

    @Test func inCalendarDaysByFlag() throws {
        var settings = MetricSettings()
        try settings.setFromFlag("day_count", text: "calendar")
        #expect(try meetings(settings) == Meetings.Result(
            held: 3, agendaOnTime: 3, agendaUnknown: 0, minutesOnTime: 1, minutesUnknown: 0, lateReferrals: 1,
            attendance: [:]))
        let used = try harness.report(scope("MARAC", "2024Q2", asOf: "2024-07-31", settings: settings)).scope.settings
        #expect(used.source("day_count") == .flag)
        #expect(used.source("late_referral_days") == .panelsCSV)
    }

    /// panels.csv, then a settings file, then a flag.
    @Test func aSettingsFileOverridesTheRowAndAFlagTheFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pb-settings-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try #"{"late_referral_days": 7, "holidays": "Scotland"}"#.write(to: file, atomically: true, encoding: .utf8)
        var settings = try MetricSettings.load(from: file)
        // Scotland has no Easter Monday: 7 working days before Wed 3 Apr is Fri 22
        // Mar, so R2 (received that day) is in time; before Thu 23 May it is Tue
        // 14 May, and R1, R3, R4, R5 are late.
        #expect(try meetings(settings).lateReferrals == 4)
        let used = try harness.report(scope("MARAC", "2024Q2", asOf: "2024-07-31", settings: settings)).scope.settings
        #expect((used.source("late_referral_days"), used.source("holidays"), used.source("day_count"))
                == (.settingsFile, .settingsFile, .panelsCSV))
        settings.setFromFlag(\.lateReferralDays, 0, name: "late_referral_days")
        #expect(try meetings(settings).lateReferrals == 0)
    }

    /// A working-day count outside the shipped years is an error naming them; a
    /// calendar-day panel is not affected.
    @Test(arguments: ["2031Q1", "2015Q1", "2030Q4"])
    func deadlinesOutsideTheShippedYearsAreAnError(period: String) throws {
        do {
            _ = try meetings(MetricSettings()) // the fixture's own 2024Q2 is fine
            _ = try harness.compute(Meetings.self, scope("MARAC", period, asOf: "2024-07-31"))
            Issue.record("\(period) in working days was computed")
        } catch let error as WorkingCalendarError {
            #expect("\(error)".contains("outside the years whose bank holidays Panelboard knows (2015 to 2030)"), "\(error)")
        }
        var calendar = MetricSettings()
        try calendar.setFromFlag("day_count", text: "calendar")
        _ = try harness.compute(Meetings.self, scope("MARAC", period, asOf: "2024-07-31", settings: calendar))
    }

    /// The store's calendar has North's own days, with its closure, beside every
    /// area's, for each nation.
    @Test func theCalendarTableHoldsTheAreasOwnClosures() throws {
        let rows = try harness.store.queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT holidays, area, is_working FROM working_calendar WHERE day = '2024-05-24' ORDER BY holidays, area
                """).map(\.description)
        }
        #expect(rows == [
            #"[holidays:"england_and_wales" area:"" is_working:1]"#, #"[holidays:"england_and_wales" area:"North" is_working:0]"#,
            #"[holidays:"northern_ireland" area:"" is_working:1]"#, #"[holidays:"northern_ireland" area:"North" is_working:0]"#,
            #"[holidays:"scotland" area:"" is_working:1]"#, #"[holidays:"scotland" area:"North" is_working:0]"#,
        ])
    }

    /// The SQL building blocks give what `WorkingCalendar` gives, day by day, for
    /// random days, counts, nations and areas (one with a closure of its own).
    @Test func theSQLAgreesWithTheCalendar() throws {
        var generator = SystemRandomNumberGenerator()
        let closure = day("2024-05-24")
        let sql = """
            SELECT \(MetricSQL.daysBefore(":d", ":n", area: ":area")) AS before,
                   \(MetricSQL.daysAfter(":d", ":n", area: ":area")) AS after,
                   \(MetricSQL.daysBetween(":d", ":e", area: ":area")) AS gap
            """
        try harness.store.queue.read { db in
            let statement = try db.makeStatement(sql: sql)
            for _ in 0..<400 {
                let nation = Nation.allCases.randomElement(using: &generator)!
                let area = ["North", "South"].randomElement(using: &generator)!
                let start = day("2024-03-01").adding(days: Int.random(in: 0...120, using: &generator))
                let end = start.adding(days: Int.random(in: -40...40, using: &generator))
                let n = Int.random(in: 0...25, using: &generator)
                let calendar = WorkingCalendar(nation: nation, closures: area == "North" ? [closure] : [])
                let row = try Row.fetchOne(statement, arguments: [
                    "d": start.iso, "e": end.iso, "n": n, "area": area, "day_count": "working", "holidays": nation.rawValue,
                ])!
                let what = "\(nation) \(area) \(start.iso) n=\(n) to \(end.iso)"
                let before = try calendar.adding(workingDays: -n, to: start).iso
                let after = try calendar.adding(workingDays: n, to: start).iso
                let between = try calendar.workingDays(from: start, to: end)
                #expect(row["before"] as String? == before, "\(what)")
                #expect(row["after"] as String? == after, "\(what)")
                #expect(row["gap"] as Int? == between, "\(what)")
            }
        }
    }
}

/// The calendar table follows the shipped lists and holidays.csv: a store whose
/// calendar differs from them (one written before a newly proclaimed holiday was
/// shipped) is rebuilt by its next import, whatever that import holds.
@Suite struct WorkingCalendarTableTests {
    @Test func aStaleCalendarIsRebuiltByTheNextImport() throws {
        let harness = try MetricsHarness(fixture: "working_days", importAsOf: day("2024-07-31"))
        let christmas = "SELECT is_working FROM working_calendar WHERE holidays = 'scotland' AND area = '' AND day = '2024-12-25'"
        try harness.store.queue.write { db in
            try db.execute(sql: "UPDATE working_calendar SET is_working = 1 WHERE day = '2024-12-25'")
        }
        #expect(try harness.store.queue.read { try Int.fetchOne($0, sql: christmas) } == 1)
        let bundle = FileManager.default.temporaryDirectory.appendingPathComponent("pb-bundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: bundle) }
        try "panel,kind\nDRAMM,triage\n".write(to: bundle.appendingPathComponent("panels.csv"), atomically: true, encoding: .utf8)
        var options = ImportOptions()
        options.asOf = day("2024-07-31")
        _ = try BundleImporter(store: harness.store, options: options).run(try ExportBundle(paths: [bundle.path]))
        #expect(try harness.store.queue.read { try Int.fetchOne($0, sql: christmas) } == 0)
    }

    /// An every-area closure closes every area's calendar, North's own included.
    @Test func anEveryAreaClosureClosesEveryCalendar() throws {
        let harness = try MetricsHarness(files: [
            "referrals.csv": "referral_id,panel,area,victim_ref,referral_date,referring_agency\nR1,MARAC,North,V00001,2024-03-01,police\n",
            "holidays.csv": "date,area\n2024-05-24,North\n2024-06-14,\n",
        ], importAsOf: day("2024-07-31"))
        let rows = try harness.store.queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT area, day, is_working FROM working_calendar
                WHERE holidays = 'england_and_wales' AND day IN ('2024-05-24', '2024-06-14') ORDER BY area, day
                """).map(\.description)
        }
        #expect(rows == [
            #"[area:"" day:"2024-05-24" is_working:1]"#, #"[area:"" day:"2024-06-14" is_working:0]"#,
            #"[area:"North" day:"2024-05-24" is_working:0]"#, #"[area:"North" day:"2024-06-14" is_working:0]"#,
        ])
    }
}
