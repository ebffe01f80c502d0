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
                                        "incidents.csv", "meetings.csv", "referrals.csv"])
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
        // Every version 1 file; the panel profiles (version 2) are optional.
        #expect(summary.files.map(\.table) == ExportTable.allCases.filter { ![.panels, .members, .holidays].contains($0) })
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
        let directory = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let options = SyntheticOptions()
        _ = try SyntheticBundle.write(to: directory.appendingPathComponent("bundle"), options: options)
        let store = try Store.openForWriting(at: directory.appendingPathComponent("store.sqlite").path)
        var importOptions = ImportOptions()
        importOptions.asOf = options.to
        _ = try BundleImporter(store: store, options: importOptions)
            .run(try ExportBundle(paths: [directory.appendingPathComponent("bundle").path]))
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
    }
}
