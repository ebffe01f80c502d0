import Foundation
import Testing
@testable import PanelboardCore

/// Every board pack of many generated scopes, checked against its unsuppressed twin
/// by `DisclosureChecker` (written from metrics.md, not from the product's model):
/// no hidden count can be worked out, `<5` always means 1 to 4, meetings,
/// attendance and actions are shown exactly.
@Suite(.serialized) struct GeneratedScopesDisclosureTests {
    /// A synthetic store, small enough that area scopes have small numbers.
    static func store(seed: UInt64, referrals: Int) throws -> MetricsHarness {
        let bundle = FileManager.default.temporaryDirectory.appendingPathComponent("pb-disclosure-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: bundle) }
        var options = SyntheticOptions()
        options.seed = seed
        options.referrals = referrals
        _ = try SyntheticBundle.write(to: bundle, options: options)
        return try MetricsHarness(bundle: bundle, importAsOf: options.to)
    }

    /// The suppressed and unsuppressed `figures.csv` and `about.csv` of one scope.
    static func packs(_ store: Store, _ scope: MetricScope) throws -> (suppressed: String, unsuppressed: String, about: String) {
        let dashboard = Dashboard(store: store, scope: scope, reports: URL(fileURLWithPath: "/nonexistent"))
        let figures = try dashboard.figures()
        func files(_ suppression: Suppression) throws -> [String: String] {
            let board = try BoardFigures.build(figures, suppression: suppression)
            return Dictionary(uniqueKeysWithValues: BoardPack(report: figures.current, figures: board).files.map { ($0.name, $0.contents) })
        }
        let on = try files(Suppression(threshold: scope.settings.suppressionThreshold))
        let off = try files(Suppression(threshold: scope.settings.suppressionThreshold, enabled: false))
        return (on["figures.csv"]!, off["figures.csv"]!, on["about.csv"]!)
    }

    static func areas(_ store: Store) throws -> [String?] {
        let names = try store.queue.read { db in try String.fetchAll(db, sql: "SELECT area FROM areas ORDER BY area") }
        let groups = try store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT area_group FROM areas WHERE area_group IS NOT NULL ORDER BY 1")
        }
        return [nil] + names.map(Optional.some) + groups.map(Optional.some)
    }

    @Test(arguments: [(UInt64(11), 1_200), (UInt64(12), 2_500), (UInt64(2024), 4_000)])
    func everyScopeKeepsItsSmallNumbers(seed: UInt64, referrals: Int) throws {
        let harness = try Self.store(seed: seed, referrals: referrals)
        var checked = 0, hidden = 0
        for panel in ["MARAC", "DRAMM", "DAPP"] {
            for area in try Self.areas(harness.store) {
                for period in ["FY2024Q4", "FY2024Q2", "FY2024", "2024Q3"] {
                    var settings = MetricSettings()
                    settings.suppressionThreshold = period == "FY2024Q2" ? 7 : 5
                    let s = MetricScope(panel: panel, area: area, period: try Period(parsing: period), asOf: day("2025-03-31"),
                                        settings: settings)
                    let packs = try Self.packs(harness.store, s)
                    let checker = DisclosureChecker(threshold: settings.suppressionThreshold,
                                                    scope: "seed \(seed) \(panel) \(area ?? "all areas") \(period)")
                    let problems = checker.problems(suppressed: packs.suppressed, unsuppressed: packs.unsuppressed, about: packs.about)
                    #expect(problems.isEmpty, "\(problems.prefix(10).joined(separator: "\n"))")
                    checked += 1
                    hidden += packs.suppressed.components(separatedBy: ",primary").count - 1
                }
            }
        }
        // The scopes must actually exercise the rule.
        #expect(checked >= 30)
        #expect(hidden > 20)
    }

    /// The property tests' random bundles: every panel (IDAP too, DRAMM with no
    /// meetings rows), an area with no population, cohorts that end and restart,
    /// a few hundred rows, so almost every count is small.
    @Test(arguments: [UInt64(1), 3])
    func randomBundlesKeepTheirSmallNumbers(seed: UInt64) throws {
        let bundle = RandomMetricsBundle(seed: seed)
        let harness = try MetricsHarness(files: bundle.files, importAsOf: RandomMetricsBundle.importAsOf)
        var checked = 0, hidden = 0
        for panel in RandomMetricsBundle.panels {
            for area in try Self.areas(harness.store) {
                for period in ["2024Q4", "2024", "FY2023", "2023Q2"] {
                    let s = MetricScope(panel: panel, area: area, period: try Period(parsing: period),
                                        asOf: RandomMetricsBundle.importAsOf)
                    let packs = try Self.packs(harness.store, s)
                    let checker = DisclosureChecker(threshold: 5, scope: "random \(seed) \(panel) \(area ?? "all areas") \(period)")
                    let problems = checker.problems(suppressed: packs.suppressed, unsuppressed: packs.unsuppressed, about: packs.about)
                    #expect(problems.isEmpty, "\(problems.prefix(10).joined(separator: "\n"))")
                    checked += 1
                    hidden += packs.suppressed.components(separatedBy: ",secondary").count - 1
                }
            }
        }
        #expect(checked >= 30)
        #expect(hidden > 20)
    }
}
