import Foundation
import GRDB
import Testing
@testable import PanelboardCore

/// Seeded fuzzing of everything a user hands Panelboard: mutated valid bundles
/// (the example bundle and a small generated one), random bytes in every file,
/// and random scopes and settings for the figures. Every run must end in a clean
/// import or a clean refusal (an error with a message), never a trap.
///
/// The seed is printed first; a trap kills the test process, so the line before
/// it names the seed to replay:
///
///     PANELBOARD_FUZZ_SEED=123 swift test --filter FuzzTests
///
/// `PANELBOARD_FUZZ_ITERATIONS` runs more (or fewer) than CI's fixed count.
@Suite(.serialized) struct FuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let seed = environment["PANELBOARD_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_126
    static let iterations = environment["PANELBOARD_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 240

    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/example-bundle")

    /// Cells worth trying in any column: edges of every type and range.
    static let cells = [
        "", " ", "\t", "0", "-0", "+27", "27", "28", "30", "31", "-1", "10000", "10001", "50000000", "50000001",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "99999999999999999999999", "1e3", "0x1F", "16.5",
        "١٢", "１２", "1900-01-01", "1899-12-31", "2999-12-31", "3000-01-01", "0001-01-01", "9999-12-31", "31/12/9999",
        "29/02/2023", "29/02/2024", "00/00/0000", "2024-02-30", "2024-04-01", "2024-04-02", "1/1/1900", "Y", "n", "TRUE", "maybe",
        "MARAC", "marac", "DAPP", "IDAP", "DRAMM", "M-1_x", "M 1", "police", "Police", "Cleveland Police", "idva", "unknown agency",
        "open", "completed", "not_completed", "cancelled", "attended", "full", "high", "very high", "F", "M", "65+",
        "no_further_harm", "custody", "R001", "R002", "M01", "M04", "P0001", "P0009", "V0001", "Stockton", "North Tees",
        String(repeating: "A", count: 300), "\"", "\"\"", "a\"b", "é", "\u{FEFF}", "\u{202E}", "line\nbreak", "cr\rhere",
    ]

    /// Bytes worth inserting anywhere.
    static let tokens: [[UInt8]] = [
        [0x22], [0x2C], [0x0A], [0x0D], [0x0D, 0x0A], [0x00], [0xFF], [0xC3], [0xEF, 0xBB, 0xBF], [0x22, 0x22], [0x1B, 0x5B],
        [0x2C, 0x2C, 0x2C], [0xE2, 0x80], [0x20],
    ]

    static let fileNames = ExportTable.allCases.map { "\($0.rawValue).csv" } + ["agency-mapping.csv"]

    /// The two starting bundles, as bytes by file name.
    static func sources(in folder: URL) throws -> [[String: [UInt8]]] {
        var options = SyntheticOptions()
        options.seed = seed
        options.referrals = 40
        options.from = Day(year: 2023, month: 10, day: 1)!
        options.to = Day(year: 2024, month: 3, day: 31)!
        let generated = folder.appendingPathComponent("generated")
        _ = try SyntheticBundle.write(to: generated, options: options)
        return try [example, generated].map { source in
            var files: [String: [UInt8]] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name.hasSuffix(".csv") {
                files[name] = Array(try Data(contentsOf: source.appendingPathComponent(name)))
            }
            return files
        }
    }

    static func mutate(_ bytes: inout [UInt8], _ random: inout SeededRandom) {
        func position() -> Int { bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &random) }
        switch Int.random(in: 0..<10, using: &random) {
        case 0:
            if !bytes.isEmpty { bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random) }
        case 1:
            bytes.insert(contentsOf: tokens.randomElement(using: &random)!, at: position())
        case 2:
            let a = position(), b = min(bytes.count, a + Int.random(in: 0...40, using: &random))
            bytes.removeSubrange(a..<b)
        case 3:
            bytes.removeSubrange(position()...)
        case 4:
            bytes = (0..<Int.random(in: 0...600, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        case 5, 6, 7:
            // One cell of one line replaced by an edge value.
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            guard !lines.isEmpty else { return }
            let l = Int.random(in: 0..<lines.count, using: &random)
            var cells = lines[l].split(separator: 0x2C, omittingEmptySubsequences: false).map(Array.init)
            let c = Int.random(in: 0..<cells.count, using: &random)
            cells[c] = Array(Self.cells.randomElement(using: &random)!.utf8)
            lines[l] = Array(cells.joined(separator: [0x2C]))
            bytes = Array(lines.joined(separator: [0x0A]))
        case 8:
            // A line repeated (duplicate keys) or a column dropped.
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            guard !lines.isEmpty else { return }
            if Bool.random(using: &random) {
                lines.append(lines.randomElement(using: &random)!)
            } else {
                let c = Int.random(in: 0..<8, using: &random)
                lines = lines.map { line in
                    var cells = line.split(separator: 0x2C, omittingEmptySubsequences: false).map(Array.init)
                    if c < cells.count { cells.remove(at: c) }
                    return Array(cells.joined(separator: [0x2C]))
                }
            }
            bytes = Array(lines.joined(separator: [0x0A]))
        default:
            // A run of one byte: a long field, many fields, many lines.
            let byte = [UInt8(ascii: "x"), 0x2C, 0x0A, 0x22].randomElement(using: &random)!
            bytes.insert(contentsOf: [UInt8](repeating: byte, count: Int.random(in: 1...5000, using: &random)), at: position())
        }
    }

    /// What a thrown error says, checked to be a refusal a person can act on: a
    /// message, and not the store's own words for a rule the importer missed.
    static func checkRefusal(_ error: Error, _ context: String) {
        let text = "\(error)"
        #expect(!text.isEmpty, "\(context): an error with no message")
        if case ImportError.store = error {
            Issue.record("\(context): the store refused what the importer let through: \(text)")
        }
    }

    @Test func mutatedBundlesImportOrAreRefusedCleanly() throws {
        print("FuzzTests seed \(Self.seed), \(Self.iterations) iterations (replay: PANELBOARD_FUZZ_SEED=\(Self.seed))")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pb-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sources = try Self.sources(in: folder)
        var random = SeededRandom(seed: Self.seed)
        var store: Store?
        var outcomes = [0, 0]

        for iteration in 0..<Self.iterations {
            let context = "seed \(Self.seed) iteration \(iteration)"
            // A fresh store now and then; otherwise later imports update earlier rows.
            if store == nil || Int.random(in: 0..<6, using: &random) == 0 {
                store = try Store.openForWriting(at: folder.appendingPathComponent("store-\(iteration).sqlite").path)
            }
            var files = sources.randomElement(using: &random)!
            let mutations = Int.random(in: 0...3, using: &random)
            for _ in 0..<mutations {
                let name = Self.fileNames.randomElement(using: &random)!
                var bytes = files[name] ?? []
                Self.mutate(&bytes, &random)
                files[name] = bytes
            }
            if Int.random(in: 0..<12, using: &random) == 0 {
                files.removeValue(forKey: Self.fileNames.randomElement(using: &random)!)
            }
            let bundle = folder.appendingPathComponent("bundle-\(iteration)")
            try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
            for (name, bytes) in files { try Data(bytes).write(to: bundle.appendingPathComponent(name)) }

            var options = ImportOptions()
            options.asOf = [Day(year: 2024, month: 4, day: 1)!, Day.supported.lowerBound, Day.supported.upperBound, .today()]
                .randomElement(using: &random)!
            if Bool.random(using: &random) {
                options.skipInvalid = true
                options.rejectsPath = folder.appendingPathComponent("rejects-\(iteration).csv").path
            }
            options.dropIdentifyingColumns = Bool.random(using: &random)
            if Int.random(in: 0..<8, using: &random) == 0 { options.encoding = .windows1252 }

            do {
                let summary = try BundleImporter(store: store!, options: options).run(try ExportBundle(paths: [bundle.path]))
                outcomes[0] += 1
                _ = summary.text
                for file in summary.files {
                    #expect(file.rowsRead == file.new + file.changed + file.unchanged + file.rejected, "\(context): \(file.file)")
                }
                // What landed must be computable.
                if Int.random(in: 0..<3, using: &random) == 0 {
                    try Self.figures(store!, &random, context)
                }
            } catch {
                outcomes[1] += 1
                Self.checkRefusal(error, context)
            }
            // The same bytes as a raw table, a file the contract does not describe.
            if Int.random(in: 0..<4, using: &random) == 0, let name = files.keys.sorted().randomElement(using: &random) {
                var raw = RawImport(store: store!, url: bundle.appendingPathComponent(name), table: "raw_\(iteration % 3)")
                raw.replace = Bool.random(using: &random)
                raw.dropIdentifyingColumns = Bool.random(using: &random)
                do { _ = try raw.run() } catch { Self.checkRefusal(error, "\(context) (raw \(name))") }
            }
            try? FileManager.default.removeItem(at: bundle)
        }
        print("FuzzTests: \(outcomes[0]) imported, \(outcomes[1]) refused")
        // Both outcomes happen: the mutations are neither all harmless nor all fatal.
        #expect(outcomes[0] > 0 && outcomes[1] > 0)
    }

    /// Random scopes within the supported dates, with settings at their edges:
    /// every figure a command shows is computed without an error.
    static func figures(_ store: Store, _ random: inout SeededRandom, _ context: String) throws {
        let span = Day.supported.upperBound.ordinal - Day.supported.lowerBound.ordinal
        func day() -> Day {
            Int.random(in: 0..<3, using: &random) == 0
                ? [Day.supported.lowerBound, Day.supported.upperBound].randomElement(using: &random)!
                : Int.random(in: 0..<2, using: &random) == 0
                    ? Day(year: 2024, month: 1, day: 1)!.adding(days: Int.random(in: -400...400, using: &random))
                    : Day(ordinal: Day.supported.lowerBound.ordinal + Int.random(in: 0...span, using: &random))
        }
        let a = day(), b = day()
        let period: Period
        switch Int.random(in: 0..<3, using: &random) {
        case 0: period = try Period(from: min(a, b), to: max(a, b))
        case 1: period = .rolling12Months(to: a)
        default:
            let year = Int.random(in: 1900...2999, using: &random)
            period = try Period(parsing: ["\(year)", "FY\(year)", "\(year)Q\(Int.random(in: 1...4, using: &random))",
                                          "FY\(year)Q\(Int.random(in: 1...4, using: &random))"].randomElement(using: &random)!)
        }
        // Each setting at an end of its range, or its default.
        var settings = MetricSettings()
        settings.repeatWindowMonths = [0, 12, 120].randomElement(using: &random)!
        settings.agendaDaysBefore = [0, 5, 365].randomElement(using: &random)!
        settings.minutesDaysAfter = [0, 7, 365].randomElement(using: &random)!
        settings.lateReferralDays = [0, 7, 365].randomElement(using: &random)!
        settings.exitReviewMonths = [0, 3, 120].randomElement(using: &random)!
        settings.suppressionThreshold = [0, 5, 1000].randomElement(using: &random)!
        try settings.validate()
        let panel = ["MARAC", "DAPP", "DRAMM", "IDAP", "NOPE"].randomElement(using: &random)!
        let area = [nil, "Stockton", "North Tees", "Nowhere"].randomElement(using: &random)!
        let scope = MetricScope(panel: panel, area: area, period: period, asOf: day(), settings: settings)
        let what = "\(context): \(panel) \(period.from.iso)..\(period.to.iso) as of \(scope.asOf.iso)"
        do {
            // Computed and written out in every format a command prints.
            let report = try MetricsReport.compute(store, scope: scope)
            _ = report.json.rendered()
            _ = OutputFormat.csv.render(report.longTable)
            _ = MetricsText.render(report)
            let national = try NationalReturn.compute(store, scope: scope)
            _ = national.json.rendered()
            // A breakdown by month over centuries is thousands of rows: by month only
            // for a short period.
            let by = period.days <= 800 ? ["area", "agency", "quarter", "month"] : ["area", "agency"]
            let breakdown = try MetricsBreakdown.compute(store, scope: scope, by: by.randomElement(using: &random)!)
            _ = breakdown.json.rendered()
            _ = OutputFormat.table.render(breakdown.table)
            if period.days <= 800 { _ = try Dashboard(store: store, scope: scope, reports: example).figures() }
            _ = try ChaseList.fetch(store, asOf: scope.asOf, panel: panel, agency: nil, area: area)
            _ = try CohortList.fetch(store, panel: panel, asOf: scope.asOf, area: area, exitReviewOnly: Bool.random(using: &random),
                                     settings: settings)
        } catch WorkingCalendarError.outsideYears {
            // panels.md: a panel counting working days refuses a date outside the
            // years whose bank holidays ship, never counting calendar days instead.
            let dayCount = try? store.queue.read { db in
                try String.fetchOne(db, sql: "SELECT day_count FROM panels WHERE panel = ?", arguments: [panel])
            }
            #expect(dayCount == "working", "\(what)")
        } catch {
            Issue.record("\(what): \(error)")
        }
    }

    /// Random text where a person types a date or a period: parsed, or refused.
    @Test func datesAndPeriodsFromAnyTextParseOrAreRefused() {
        var random = SeededRandom(seed: Self.seed)
        let alphabet = Array("0123456789-/QqFfYy +\u{0661}".unicodeScalars)
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...12, using: &random)
            let text = String(String.UnicodeScalarView((0..<length).map { _ in alphabet.randomElement(using: &random)! }))
            if let day = Day(parsing: text) { #expect(Day.supported.contains(day)) }
            if let period = try? Period(parsing: text) {
                _ = period.previous
                _ = period.trailingQuarters(8)
            }
        }
    }
}
