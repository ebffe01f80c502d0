import Foundation
import GRDB
import Testing
@testable import PanelboardCore

/// The figures worked by hand in Fixtures/example-bundle/README.md (MARAC, 2024Q1,
/// as of 2024-04-01).
@Suite struct ExampleBundleMetricsTests {
    static func store() throws -> (Store, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pb-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try Store.openForWriting(at: directory.appendingPathComponent("store.sqlite").path)
        var options = ImportOptions()
        options.asOf = Day(year: 2024, month: 4, day: 1)!
        let bundle = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/example-bundle")
        _ = try BundleImporter(store: store, options: options).run(try ExportBundle(paths: [bundle.path]))
        return (store, directory)
    }

    let scope = MetricScope(panel: "MARAC", period: try! Period(parsing: "2024Q1"), asOf: Day(year: 2024, month: 4, day: 1)!)

    @Test func volumes() throws {
        let (store, directory) = try Self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        let volumes = try store.queue.read { try Volumes.compute($0, scope: scope) }
        // R001-R004 received and heard in Q1; meetings M01-M03 are MARAC meetings in
        // Q1; children 2 + 0 + 1 + 2; Stockton 78,000 + Hartlepool 38,000 women over
        // 91 days; police referred R001 and R004.
        #expect(volumes == Volumes.Result(
            referralsReceived: 4, casesDiscussed: 4, meetingsHeld: 3, casesPerMeeting: 4.0 / 3.0,
            childrenInHouseholds: 5, childrenUnknown: 0,
            casesPer10kAdultFemalesAnnualised: 4 * 10_000.0 / 116_000 * 365 / 91,
            partnerAgencyShare: 0.5))
    }

    @Test func repeats() throws {
        let (store, directory) = try Self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        let repeats = try store.queue.read { try Repeats.compute($0, scope: scope) }
        // R004 (V0001, 1 Mar) follows R001 (V0001, referred 3 Jan, heard 10 Jan).
        #expect(repeats == Repeats.Result(casesDiscussed: 4, repeatCases: 1, repeatRate: 0.25, recordedFlagDisagrees: 0))
    }
}

/// Several scopes computed together, shared out over connections, give exactly what
/// each gives computed alone, in the order asked.
@Suite struct ConcurrentScopesTests {
    @Test func scopesComputedTogetherMatchEachComputedAlone() throws {
        let (store, directory) = try ExampleBundleMetricsTests.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        let asOf = Day(year: 2024, month: 4, day: 1)!
        var scopes = try ["2023Q4", "2024Q1", "2024-01", "2024-02", "2024-03", "FY2023"].map { label -> MetricScope in
            let period = label.count == 7 && label.contains("-")
                ? try Period(from: Day(parsing: label + "-01")!, to: Day(parsing: label + "-01")!.addingMonths(1).adding(days: -1), label: label)
                : try Period(parsing: label)
            return MetricScope(panel: "MARAC", period: period, asOf: asOf)
        }
        var byArea = scopes[1]
        byArea.area = "Stockton"
        scopes.append(byArea)
        let alone = try scopes.map { try MetricsReport.compute(store, scope: $0).json }
        for workers in [1, 2, 3, 8] {
            let together = try MetricsReport.compute(store, scopes: scopes, workers: workers).map(\.json)
            #expect(together == alone, "\(workers) workers")
        }
        // The figures differ from scope to scope, so an answer in the wrong place shows.
        #expect(Set(alone.map { "\($0)" }).count == scopes.count)
    }
}
