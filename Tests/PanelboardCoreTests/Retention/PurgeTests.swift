import Foundation
import GRDB
import Testing
@testable import PanelboardCore

@Suite struct PurgeTests {
    func purge(_ harness: MetricsHarness, dryRun: Bool = false) throws -> Purge.Counts {
        var purge = Purge(store: harness.store, panel: "MARAC", cutOff: RetentionFixture.cutOff)
        purge.today = RetentionFixture.today
        return try purge.run(dryRun: dryRun)
    }

    func harness() throws -> MetricsHarness {
        try MetricsHarness(files: RetentionFixture.files, importAsOf: Day(year: 2025, month: 1, day: 1)!)
    }

    @Test func removesTheDueCaseAndWhatHangsOffItAndNothingElse() throws {
        let h = try harness()
        let counts = try purge(h)
        var expected = Purge.Counts()
        expected.cases = 1
        expected.referrals = 2
        expected.actions = 2
        expected.meetings = 1
        expected.attendance = 2
        expected.incidents = 1
        expected.periodsArchived = 6  // 2018Q1 and 2018Q2, for the panel, North and South
        #expect(counts == expected)
        try h.store.queue.read { (db: Database) throws in
            #expect(try String.fetchAll(db, sql: "SELECT referral_id FROM referrals ORDER BY 1")
                == ["R18002", "R18004", "R24001", "R24002"])
            #expect(try String.fetchAll(db, sql: "SELECT action_id FROM actions ORDER BY 1") == ["A18003", "A24001"])
            #expect(try String.fetchAll(db, sql: "SELECT meeting_id FROM meetings ORDER BY 1")
                == ["M18002", "M18003", "M24001", "M24002"])
            #expect(try String.fetchAll(db, sql: "SELECT meeting_id FROM attendance ORDER BY 1") == ["M18002", "M24001"])
            #expect(try String.fetchAll(db, sql: "SELECT incident_id FROM incidents ORDER BY 1") == ["I18002", "I18003"])
        }
    }

    @Test func aPerpetratorPanelsCaseIsThePerpetratorWithTheirCohortMemberships() throws {
        let h = try MetricsHarness(files: [
            "referrals.csv": """
                referral_id,panel,area,victim_ref,perpetrator_ref,referral_date,referring_agency
                R18101,DAPP,North,V18101,P18101,2018-03-01,police
                R18102,DAPP,North,V18102,P18101,2018-06-01,police
                R24101,DAPP,North,V18103,P18102,2024-03-01,police
                """,
            "cohort.csv": """
                perpetrator_ref,panel,area,adopted_date,adoption_source,exit_date,exit_reason
                P18101,DAPP,North,2018-03-10,marac,2018-09-10,no_further_harm
                P18103,DAPP,North,2018-04-01,probation,2021-01-05,no_further_harm
                P18102,DAPP,North,2024-03-10,marac,,
                """,
        ], importAsOf: Day(year: 2025, month: 1, day: 1)!)
        var purge = Purge(store: h.store, panel: "DAPP", cutOff: RetentionFixture.cutOff)
        purge.today = RetentionFixture.today
        let counts = try purge.run()
        #expect(counts.cases == 1)
        #expect(counts.referrals == 2)
        #expect(counts.cohort == 1)
        try h.store.queue.read { (db: Database) throws in
            #expect(try String.fetchAll(db, sql: "SELECT perpetrator_ref FROM cohort ORDER BY 1") == ["P18102", "P18103"])
        }
        for (file, bytes) in try RetentionFixture.folderBytes(h.directory) {
            for id in ["P18101", "R18101", "R18102", "V18101", "V18102"] {
                #expect(!RetentionFixture.contains(bytes, id), "\(id) is still in \(file)")
            }
        }
    }

    @Test func leavesNoByteOfAPurgedCaseInAnyFileOfTheStore() throws {
        let h = try harness()
        // A second import that corrects the purged case, so the store's record of
        // corrections names its ids too.
        var files = RetentionFixture.files
        files["referrals.csv"] = RetentionFixture.referrals.replacingOccurrences(of: "V18001,P18001,2018-05-01,M18002,2018-05-16,police,medium", with: "V18001,P18001,2018-05-01,M18002,2018-05-16,police,high")
        try h.importAgain(files)
        try h.store.queue.read { (db: Database) throws in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM import_changes WHERE key = 'R18003'") == 1)
        }
        let before = try RetentionFixture.folderBytes(h.directory)
        for id in RetentionFixture.purgedIDs {
            #expect(before.contains { RetentionFixture.contains($0.1, id) }, "\(id) was never in the store: the test proves nothing")
        }
        _ = try purge(h)
        let after = try RetentionFixture.folderBytes(h.directory)
        #expect(after.count >= 1)
        for (file, bytes) in after {
            for id in RetentionFixture.purgedIDs {
                #expect(!RetentionFixture.contains(bytes, id), "\(id) is still in \(file)")
            }
        }
        // What was kept is still there, readable.
        #expect(after.contains { RetentionFixture.contains($0.1, "R24001") })
        #expect(after.contains { RetentionFixture.contains($0.1, "I18003") })
    }

    @Test func aReaderHoldingTheStoreIsReportedAndFinishLeavesNoByte() throws {
        let h = try harness()
        let reader = try DatabaseQueue(path: h.store.path)
        var failure: Error?
        try reader.writeWithoutTransaction { db in
            // A reader part-way through: its snapshot keeps the old pages in the WAL.
            try db.execute(sql: "BEGIN DEFERRED")
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM referrals")
            do { _ = try purge(h) } catch { failure = error }
            try db.execute(sql: "COMMIT")
        }
        try reader.close()
        #expect(failure is RetentionError, "\(String(describing: failure))")
        // The purge itself committed.
        try h.store.queue.read { (db: Database) throws in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM referrals WHERE referral_id = 'R18001'") == 0)
        }
        try Purge.scrub(h.store)
        for (file, bytes) in try RetentionFixture.folderBytes(h.directory) {
            for id in RetentionFixture.purgedIDs {
                #expect(!RetentionFixture.contains(bytes, id), "\(id) is still in \(file)")
            }
        }
    }

    @Test func aDryRunChangesNothing() throws {
        let h = try harness()
        let dump = try h.dump()
        let counts = try purge(h, dryRun: true)
        #expect(counts.referrals == 2)
        #expect(try h.dump() == dump)
    }

    @Test func archivedQuartersKeepTheirFiguresAndLaterQuartersAreUnchanged() throws {
        let h = try harness()
        func scope(_ period: String, _ area: String?) throws -> MetricScope {
            let p = try Period(parsing: period)
            return MetricScope(panel: "MARAC", area: area, period: p,
                               asOf: min(RetentionFixture.today, p.to.adding(days: 1)))
        }
        let quarters = ["2018Q1", "2018Q2", "2018Q3", "2020Q1", "2024Q1"]
        let areas: [String?] = [nil, "North", "South"]
        var before: [String: String] = [:]
        for q in quarters { for a in areas { before["\(q) \(a ?? "")"] = try h.report(try scope(q, a)).json.rendered() } }

        _ = try purge(h)

        for q in quarters {
            for a in areas {
                let s = try scope(q, a)
                let archived = try FiguresArchive.lookup(h.store, scope: s)
                let now = try archived?.shown.rendered() ?? h.report(s).json.rendered()
                #expect(now == before["\(q) \(a ?? "")"], "\(q) \(a ?? "all areas") changed")
                #expect((archived != nil) == ["2018Q1", "2018Q2"].contains(q))
            }
        }
        let archived = try #require(try FiguresArchive.lookup(h.store, scope: try scope("2018Q2", nil)))
        #expect(archived.note == "figures archived on 2026-01-01; case-level data disposed of")
        #expect(archived.json["archived"]?["archived_on"] == .string("2026-01-01"))
        // A year running into archived quarters is refused, not computed from what is left.
        #expect(throws: RetentionError.self) { try FiguresArchive.lookup(h.store, scope: try scope("2018", nil)) }
    }

    @Test func isLoggedWithCountsAndNoIDs() throws {
        let h = try harness()
        _ = try purge(h)
        let log = try PurgeLog.fetch(h.store)
        #expect(log.rows.count == 1)
        let row = log.rows[0].map(\.plainText)
        #expect(Array(row[4...]) == ["MARAC", "2020-01-01", "1", "2", "2", "1", "2", "0", "1", "0", "6"])
        #expect(row[2] == OSUser.name)
    }

    @Test func waitsForNoImportButRefusesCleanlyWhileOneWrites() throws {
        let h = try harness()
        let other = try DatabaseQueue(path: h.store.path)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            #expect(throws: StoreError.self) { try purge(h) }
        }
        #expect(try purge(h).cases == 1)
    }

    @Test func aCutOffNotYetPassedIsRefused() throws {
        let h = try harness()
        var purge = Purge(store: h.store, panel: "MARAC", cutOff: Day(year: 2026, month: 6, day: 1)!)
        purge.today = RetentionFixture.today
        #expect(throws: RetentionError.self) { try purge.run() }
    }

    @Test func dueCountsCasesByQuarterOfLatestActivity() throws {
        let h = try harness()
        let rule = RetentionRule(panel: "MARAC", years: 6, personColumn: "victim_ref")
        let due = try RetentionCases.due(h.store, rules: [rule], today: RetentionFixture.today)
        #expect(due.rows.map { $0.map(\.plainText) } == [["MARAC", "6", "2020-01-01", "2018Q2", "1"]])
        let shorter = RetentionRule(panel: "MARAC", years: 1, personColumn: "victim_ref")
        let later = try RetentionCases.due(h.store, rules: [shorter], today: Day(year: 2025, month: 12, day: 1)!)
        #expect(later.rows.map { $0.map(\.plainText) } == [
            ["MARAC", "1", "2024-12-01", "2018Q2", "1"], ["MARAC", "1", "2024-12-01", "2020Q1", "1"],
            ["MARAC", "1", "2024-12-01", "2024Q1", "2"],
        ])
        // A panel with no rule has nothing due.
        let keep = RetentionRule(panel: "MARAC", years: nil, personColumn: "victim_ref")
        #expect(try RetentionCases.due(h.store, rules: [keep], today: RetentionFixture.today).rows.isEmpty)
    }

    @Test func theRuleAndThePersonComeFromThePanelsProfileUnlessOverridden() throws {
        var files = RetentionFixture.files
        files["panels.csv"] = "panel,kind,person,retention_years\nMARAC,marac,perpetrator,7\n"
        let h = try MetricsHarness(files: files, importAsOf: Day(year: 2025, month: 1, day: 1)!)
        #expect(try RetentionRule.of("MARAC", in: h.store, settings: MetricSettings())
            == RetentionRule(panel: "MARAC", years: 7, personColumn: "perpetrator_ref"))
        var settings = MetricSettings()
        settings.retentionYears = 3
        #expect(try RetentionRule.of("MARAC", in: h.store, settings: settings).years == 3)
        #expect(try RetentionRule.of("DAPP", in: h.store, settings: MetricSettings())
            == RetentionRule(panel: "DAPP", years: nil, personColumn: "perpetrator_ref"))
    }
}

extension MetricsHarness {
    /// Imports another bundle into the same store.
    @discardableResult
    func importAgain(_ files: [String: String], asOf: Day = Day(year: 2025, month: 1, day: 1)!) throws -> ImportSummary {
        let bundle = FileManager.default.temporaryDirectory.appendingPathComponent("pb-bundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: bundle) }
        for (name, text) in files {
            try text.write(to: bundle.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        var options = ImportOptions()
        options.asOf = asOf
        return try BundleImporter(store: store, options: options).run(try ExportBundle(paths: [bundle.path]))
    }

    /// Every row of every table, as text: equal dumps mean an unchanged store.
    func dump() throws -> [String] {
        try store.queue.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            return try tables.flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { "\(table): \($0)" }.sorted()
            }
        }
    }
}
