import Foundation
import GRDB
import Testing
@testable import PanelboardCore

/// A store in a temporary folder, loaded through the real importer from a hand-made
/// fixture bundle (`Fixtures/metrics/<name>/`) or from CSV text, with a fixed import
/// as-of date; the folder goes when the harness does.
///
/// Metric tests compute a family with a fixed scope and compare every field with
/// the figures worked by hand in the fixture's README.
final class MetricsHarness {
    let directory: URL
    let store: Store

    /// The checkout: three folders up from this file (Tests/PanelboardCoreTests/Support).
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ name: String) -> URL {
        repository.appendingPathComponent("Fixtures/metrics/\(name)")
    }

    /// Imports `Fixtures/metrics/<name>/` as the importer would, as of `importAsOf`.
    convenience init(fixture name: String, importAsOf: Day) throws {
        try self.init(bundle: Self.fixture(name), importAsOf: importAsOf)
    }

    init(bundle: URL, importAsOf: Day) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pb-metrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try Store.openForWriting(at: directory.appendingPathComponent("store.sqlite").path)
        var options = ImportOptions()
        options.asOf = importAsOf
        _ = try BundleImporter(store: store, options: options).run(try ExportBundle(paths: [bundle.path]))
    }

    /// Writes each `name -> CSV text` into a bundle folder and imports it.
    convenience init(files: [String: String], importAsOf: Day) throws {
        let bundle = FileManager.default.temporaryDirectory.appendingPathComponent("pb-bundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: bundle) }
        for (name, text) in files {
            try text.write(to: bundle.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try self.init(bundle: bundle, importAsOf: importAsOf)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func compute<F: MetricFamily>(_ family: F.Type, _ scope: MetricScope) throws -> F.Result {
        try store.queue.read { try F.compute($0, scope: scope) }
    }

    func report(_ scope: MetricScope) throws -> MetricsReport {
        try MetricsReport.compute(store, scope: scope)
    }

    /// Runs a family's SQL (or any SQL taking the scope's parameters) and returns
    /// its rows, for figures that are lists.
    func rows(_ sql: String, _ scope: MetricScope) throws -> [Row] {
        try store.queue.read { db in
            let statement = try db.makeStatement(sql: sql)
            let wanted = Set(statement.sqliteArgumentNames)
            return try Row.fetchAll(statement, arguments: StatementArguments(scope.parameters.filter { wanted.contains($0.key) }))
        }
    }
}

/// `Day("2024-02-29")`, for tests: traps on a typo rather than testing nothing.
func day(_ iso: String) -> Day {
    guard let day = Day(parsing: iso) else { preconditionFailure("not a date: \(iso)") }
    return day
}

func period(_ from: String, _ to: String) -> Period {
    try! Period(from: day(from), to: day(to))
}

func scope(_ panel: String, _ period: Period, asOf: String, area: String? = nil,
           settings: MetricSettings = MetricSettings()) -> MetricScope {
    MetricScope(panel: panel, area: area, period: period, asOf: day(asOf), settings: settings)
}

func scope(_ panel: String, _ period: String, asOf: String, area: String? = nil,
           settings: MetricSettings = MetricSettings()) -> MetricScope {
    scope(panel, try! Period(parsing: period), asOf: asOf, area: area, settings: settings)
}

/// A breakdown (referral sources, reasons, demographics) as plain pairs in its
/// order, so `#expect` can compare it whole and print the difference.
struct Breakdown: Equatable, CustomStringConvertible {
    struct Entry: Equatable {
        let code: String
        let count: Int
        let share: Double?
    }

    let entries: [Entry]

    init(_ result: [(code: String, value: CountShare)]) {
        entries = result.map { Entry(code: $0.code, count: $0.value.count, share: $0.value.share) }
    }

    /// Every code with its count, the share being count / whole (null for 0).
    init(_ counts: KeyValuePairs<String, Int>, of whole: Int) {
        entries = counts.map { Entry(code: $0.key, count: $0.value, share: whole == 0 ? nil : Double($0.value) / Double(whole)) }
    }

    var description: String {
        entries.map { "\($0.code)=\($0.count)(\($0.share.map { String($0) } ?? "nil"))" }.joined(separator: " ")
    }
}

extension ResultTable {
    /// The named column of every row, as text (NULL as nil; numbers as written).
    func column(_ name: String) -> [String?] {
        guard let index = columns.firstIndex(of: name) else { preconditionFailure("no column \(name) in \(columns)") }
        return rows.map { row in
            switch row[index].storage {
            case .null: nil
            case let .int64(n): String(n)
            case let .double(d): String(d)
            case let .string(s): s
            case .blob: "<blob>"
            }
        }
    }
}
