import Foundation
import GRDB
import Testing
@testable import PanelboardCore

@Suite struct SyntheticBundleTests {
    static func temporary() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pb-synthetic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func files(_ directory: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            out[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return out
    }

    @Test func theSameSeedWritesTheSameBytes() throws {
        let a = try Self.temporary(), b = try Self.temporary(), c = try Self.temporary()
        defer { for u in [a, b, c] { try? FileManager.default.removeItem(at: u) } }
        var options = SyntheticOptions()
        options.referrals = 600
        _ = try SyntheticBundle.write(to: a, options: options)
        _ = try SyntheticBundle.write(to: b, options: options)
        options.seed = 7
        _ = try SyntheticBundle.write(to: c, options: options)
        let first = try Self.files(a)
        // The marker that makes the folder Panelboard's own, and the bundle's files.
        #expect(first.keys.sorted() == [".panelboard-output", "actions.csv", "agency-mapping.csv", "areas.csv", "attendance.csv", "cohort.csv",
                                        "holidays.csv", "incidents.csv", "meetings.csv", "members.csv", "panels.csv", "referrals.csv"])
        #expect(first == (try Self.files(b)))
        #expect(first["referrals.csv"] != (try Self.files(c))["referrals.csv"])
    }

    /// The default bundle imports with nothing rejected and has the shape the demo
    /// and the benchmarks rely on.
    @Test func importsCleanlyWithARealisticShape() throws {
        let directory = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let options = SyntheticOptions()
        let counts = try SyntheticBundle.write(to: directory.appendingPathComponent("bundle"), options: options)
        let store = try Store.openForWriting(at: directory.appendingPathComponent("store.sqlite").path)
        var importOptions = ImportOptions()
        importOptions.asOf = options.to
        let summary = try BundleImporter(store: store, options: importOptions)
            .run(try ExportBundle(paths: [directory.appendingPathComponent("bundle").path]))
        #expect(summary.rowsRejected == 0)
        // Every file of the contract, the panel profiles (version 2) included.
        #expect(summary.files.map(\.table) == ExportTable.allCases)
        #expect(summary.files.allSatisfy { $0.unmappedAgencies.isEmpty })
        #expect(summary.files.first { $0.table == .referrals }?.rowsRead == counts.referrals)
        #expect(counts.areas >= 4)

        let scope = MetricScope(panel: "MARAC", period: try Period(parsing: "FY2024"), asOf: options.to)
        let report = try MetricsReport.compute(store, scope: scope)
        #expect((0.26...0.34).contains(report.repeats.repeatRate!))
        #expect((0.60...0.72).contains(report.referralSources["police"]!.share!))
        #expect((12.0...18.0).contains(report.volumes.casesPerMeeting!))
        let actions = report.actions.total
        #expect([actions.completedOnTime, actions.completedLate, actions.notCompleted, actions.openOverdue,
                 actions.noDueDate].allSatisfy { $0 > 0 })
        let dapp = try MetricsReport.compute(store, scope: MetricScope(panel: "DAPP", period: try Period(parsing: "FY2024"), asOf: options.to))
        #expect(Vocabulary.exitReason.values.filter { $0 != "deceased" }.allSatisfy { dapp.cohort.exitsByReason[$0]! > 0 })
        #expect(dapp.cohort.atStart + dapp.cohort.adopted - dapp.cohort.exited == dapp.cohort.atEnd)
        let cancelled = try store.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM actions WHERE status = 'cancelled'") }
        #expect(cancelled! > 0)
        let exitReviews = try CohortList.fetch(store, panel: "DAPP", asOf: options.to, area: nil, exitReviewOnly: true)
        #expect(!exitReviews.rows.isEmpty)
    }

    /// The DAPP looks like its terms of reference (issue 15): some referrals flagged
    /// MAPPA, RFG scores that fall for most who leave with no further harm, and a
    /// minority with harm after exit.
    @Test func thePerpetratorPanelHasScoresFlagsAndHarmAfterExit() throws {
        // The demo's own bundle (the default options), imported once for every suite.
        let options = SyntheticOptions()
        let store = DemoStoreDisclosureTests.demo.store
        let (flagged, fell, scored) = try store.queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM referrals WHERE panel = 'DAPP' AND mappa = 1")!,
             try Int.fetchOne(db, sql: """
                SELECT count(*) FROM cohort WHERE exit_reason = 'no_further_harm' AND rfg_at_exit < rfg_at_adoption
                """)!,
             try Int.fetchOne(db, sql: """
                SELECT count(*) FROM cohort WHERE exit_reason = 'no_further_harm'
                  AND rfg_at_exit IS NOT NULL AND rfg_at_adoption IS NOT NULL
                """)!)
        }
        #expect(flagged > 0)
        #expect(scored > 20 && Double(fell) / Double(scored) > 0.7)
        let dapp = try MetricsReport.compute(store, scope: MetricScope(panel: "DAPP", period: try Period(parsing: "FY2024"), asOf: options.to))
        #expect(dapp.perpetrator.rfg.exitsScored > 0 && dapp.perpetrator.rfg.changeMedian! < 0)
        let afterExit = dapp.perpetrator.harmAfterExit[3]!["all"]!
        #expect(afterExit.harm > 0 && afterExit.harm * 2 < afterExit.exits)
        #expect(dapp.perpetrator.postExitIncidentsWithoutMarac > 0)

        // Monthly North and South meetings, on the fourth Tuesday and Thursday, or
        // the next working day (Boxing Day 2023 and Christmas Eve 2024, a local closure, were fourth Tuesdays;
        // Boxing Day 2024 the fourth Thursday).
        let meetings = try store.queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT area, count(*) AS n, count(DISTINCT strftime('%Y-%m', meeting_date)) AS months,
                       group_concat(CASE WHEN strftime('%w', meeting_date) NOT IN ('2', '4') THEN meeting_date END) AS moved
                FROM meetings WHERE panel = 'DAPP' GROUP BY area ORDER BY area
                """).map { row -> [String] in
                [row["area"], String(row["n"] as Int), String(row["months"] as Int), row["moved"] ?? ""]
            }
        }
        #expect(meetings == [["North", "24", "24", "2023-12-27,2024-12-27"], ["South", "24", "24", "2024-12-27"]])
        // Most adoptions come from MARAC, some from probation and professional judgement.
        let sources = dapp.perpetrator.adoptedBySource
        #expect(sources["marac", default: 0] * 2 > sources.values.reduce(0, +))
        #expect(sources["probation", default: 0] > 0 && sources["professional_judgement", default: 0] > 0)
        // Some of those harmed after exit were referred back to MARAC, and some not.
        let (harmedAfterExit, backAtMarac) = try store.queue.read { db in
            (try Int.fetchOne(db, sql: """
                SELECT count(DISTINCT c.perpetrator_ref) FROM cohort c JOIN incidents i
                  ON i.perpetrator_ref = c.perpetrator_ref AND i.incident_date > c.exit_date
                """)!,
             try Int.fetchOne(db, sql: """
                SELECT count(DISTINCT c.perpetrator_ref) FROM cohort c JOIN incidents i
                  ON i.perpetrator_ref = c.perpetrator_ref AND i.incident_date > c.exit_date
                JOIN referrals r ON r.perpetrator_ref = c.perpetrator_ref AND r.panel = 'MARAC'
                  AND r.referral_date >= i.incident_date
                """)!)
        }
        #expect(backAtMarac > 0 && backAtMarac < harmedAfterExit)
    }
    /// All three kinds of panel (issue 14): a DRAMM in the North and the South on
    /// every working day, escalating a share of its cases to MARAC within two weeks;
    /// MARACs on working days with the odd emergency meeting; each panel's terms in
    /// panels.csv and its members in members.csv.
    @Test func everyKindOfPanelMeetsOnItsOwnTerms() throws {
        // The demo's own bundle (the default options), imported once for every suite.
        let options = SyntheticOptions()
        let store = DemoStoreDisclosureTests.demo.store
        let calendar = WorkingCalendar(nation: .englandAndWales, closures: [Day(year: 2023, month: 12, day: 24)!, Day(year: 2024, month: 12, day: 24)!])
        var workingDays: [String] = []
        var day = options.from
        while day <= options.to {
            if try calendar.isWorkingDay(day) { workingDays.append(day.iso) }
            day = day.adding(days: 1)
        }
        try store.queue.read { db in
            for group in ["North", "South"] {
                let days = try String.fetchAll(db, sql: "SELECT meeting_date FROM meetings WHERE panel = 'DRAMM' AND area = ? ORDER BY 1", arguments: [group])
                #expect(days == workingDays, "\(group)")
            }
            #expect(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM meetings WHERE panel = 'MARAC'
                  AND (strftime('%w', meeting_date) IN ('0', '6') OR meeting_date IN ('2024-12-25', '2024-12-26', '2024-05-06'))
                """) == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM meetings WHERE meeting_type = 'emergency'")! > 0)
            let triaged = try Int.fetchOne(db, sql: "SELECT count(*) FROM referrals WHERE panel = 'DRAMM'")!
            let escalated = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM referrals d WHERE d.panel = 'DRAMM' AND EXISTS (
                    SELECT 1 FROM referrals m WHERE m.panel = 'MARAC' AND m.victim_ref = d.victim_ref
                      AND m.referral_date BETWEEN d.referral_date AND date(d.referral_date, '+14 days'))
                """)!
            #expect(triaged > 1_000 && (0.1...0.35).contains(Double(escalated) / Double(triaged)), "\(escalated) of \(triaged)")
            #expect(try String.fetchAll(db, sql: "SELECT panel || ':' || kind FROM panels ORDER BY panel") == ["DAPP:perpetrator", "DRAMM:triage", "MARAC:marac"])
            #expect(try Int.fetchOne(db, sql: "SELECT count(DISTINCT panel) FROM members WHERE role = 'core'") == 3)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM referrals WHERE children_services_status = 'child_protection_plan'")! > 0)
        }
    }
}
