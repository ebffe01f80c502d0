import Foundation
import GRDB
import Testing
@testable import PanelboardCore

/// The guard, tried as a hostile user would: every value of the table in every
/// column of every file, in header cells, in the mapping file and in raw imports.
/// Each is refused in strict mode; with --skip-invalid its bytes reach nothing: not
/// the messages and summary a terminal shows, not the rejects file, not the store,
/// its WAL or journal, nor the import log. Every near-miss imports.
///
/// Tests take the table's index, not the value, so that nothing identifying is
/// printed even when one fails.
@Suite struct IdentifyingDataEverywhereTests {
    static let asOf = Day(year: 2024, month: 4, day: 1)!

    /// Control characters, refused like identifying data (an ESC sequence that
    /// clears the screen, an OSC 8 hyperlink, a NUL, DEL, C1's NEL and CSI).
    static let controls = [
        "North\u{1B}[2J", "\u{1B}]8;;https://example.com\u{7}link\u{1B}]8;;\u{7}", "a\u{0}b", "x\u{7F}", "x\u{85}y",
        "\u{9B}31m", "back\u{8}space", "abc\u{202E}fed",
    ]

    static var secrets: [String] { IdentifyingValues.refused.map(\.value) + controls }

    @Test func theTableIsLargeEnough() {
        #expect(IdentifyingValues.refused.count >= 30)
        #expect(Set(IdentifyingValues.refused.map(\.kind)).count == 5)
    }

    /// One bundle per value: the value in every column of one row of every file
    /// (contract columns and an unknown one), and again as an extra field of a row
    /// that has too many.
    @Test(arguments: 0..<secrets.count)
    func inEveryCellOfEveryFile(index: Int) throws {
        let secret = Self.secrets[index]
        let w = try Workspace()
        defer { w.cleanUp() }
        let bundle = try w.folder("bundle")
        for table in ExportTable.allCases {
            let names = table.columns.map(\.name) + ["notes"]
            try w.write(bundle, "\(table.rawValue).csv", [
                names, Array(repeating: secret, count: names.count), Array(repeating: secret, count: names.count + 1),
            ])
        }
        var messages = ""
        do {
            _ = try w.run(bundle)
            Issue.record("value \(index) was imported in strict mode")
        } catch {
            messages += "\(error)"
            #expect(messages.contains("error:"), "value \(index)")
        }
        let summary = try w.runKeepingTheWAL(bundle) { $0.skipInvalid = true; $0.rejectsPath = w.rejects }
        messages += summary.text
        #expect(summary.rowsRejected == 2 * ExportTable.allCases.count, "value \(index)")
        #expect(summary.files.allSatisfy { $0.stored == 0 }, "value \(index)")
        let rejects = try String(contentsOfFile: w.rejects, encoding: .utf8)
        // The coordinator still finds each row by file and line (a value with a
        // line break in it moves the second row's first line down).
        let secondLine = 3 + secret.filter { $0 == "\n" || $0 == "\r\n" }.count * (ExportTable.referrals.columns.count + 1)
        #expect(rejects.contains("referrals.csv,2,") && rejects.contains("referrals.csv,\(secondLine),"), "value \(index)")
        try w.expectNoLeak(of: secret, index: index, messages: messages)
    }

    /// The value as a header cell, one file at a time (a refused header stops the
    /// import at that file), in both modes.
    @Test(arguments: 0..<secrets.count)
    func inAHeaderCellOfEveryFile(index: Int) throws {
        let secret = Self.secrets[index]
        let w = try Workspace()
        defer { w.cleanUp() }
        var messages = ""
        for table in ExportTable.allCases {
            let bundle = try w.folder("bundle-\(table.rawValue)")
            if table != .referrals { try w.write(bundle, "referrals.csv", Workspace.cleanReferrals) }
            let names = table.columns.map(\.name)
            try w.write(bundle, "\(table.rawValue).csv", [names + [secret], Array(repeating: "", count: names.count + 1)])
            for skip in [false, true] {
                do {
                    _ = try w.runKeepingTheWAL(bundle) { $0.skipInvalid = skip; $0.rejectsPath = skip ? w.rejects : nil }
                    Issue.record("value \(index) as a header of \(table.rawValue).csv was imported")
                } catch let error as ImportError {
                    messages += "\(error)"
                    #expect("\(error)".contains("\(table.rawValue).csv:1:\(names.count + 1): error: header '"), "value \(index)")
                }
            }
        }
        try w.expectNoLeak(of: secret, index: index, messages: messages)
    }

    /// The value in the mapping file: as a local name, as an agency, as a header.
    @Test(arguments: 0..<secrets.count)
    func inTheMappingFile(index: Int) throws {
        let secret = Self.secrets[index]
        let w = try Workspace()
        defer { w.cleanUp() }
        let bundle = try w.folder("bundle")
        try w.write(bundle, "referrals.csv", Workspace.cleanReferrals)
        var messages = ""
        for (n, mapping) in [
            [["local_name", "agency"], [secret, "police"]],
            [["local_name", "agency"], ["Northdale Constabulary", secret]],
            [["local_name", "agency", secret], ["Northdale Constabulary", "police", ""]],
        ].enumerated() {
            let file = w.root.appendingPathComponent("mapping-\(n).csv")
            try Workspace.csv(mapping).write(to: file, atomically: true, encoding: .utf8)
            for skip in [false, true] {
                do {
                    _ = try w.runKeepingTheWAL(bundle) {
                        $0.skipInvalid = skip; $0.rejectsPath = skip ? w.rejects : nil; $0.mappingFiles = [file]
                    }
                    Issue.record("value \(index) in mapping file \(n) was accepted")
                } catch {
                    messages += "\(error)"
                    #expect("\(error)".contains("mapping-\(n).csv:"), "value \(index), mapping \(n)")
                }
            }
        }
        try w.expectNoLeak(of: secret, index: index, messages: messages)
    }

    /// The value in a raw import, in a cell and as a header.
    @Test(arguments: 0..<secrets.count)
    func inARawImport(index: Int) throws {
        let secret = Self.secrets[index]
        let w = try Workspace()
        defer { w.cleanUp() }
        var messages = ""
        for (n, rows) in [[["area", "notes"], ["North", secret]], [["area", secret], ["North", "12"]]].enumerated() {
            let file = w.root.appendingPathComponent("raw-\(n).csv")
            try Workspace.csv(rows).write(to: file, atomically: true, encoding: .utf8)
            do {
                _ = try RawImport(store: w.store, url: file, table: "lookup").run()
                Issue.record("value \(index) was loaded by a raw import (\(n))")
            } catch {
                messages += "\(error)"
                #expect("\(error)".contains("raw-\(n).csv:2:2: error:") || "\(error)".contains("raw-\(n).csv:1:2: error:"),
                        "value \(index), raw \(n)")
            }
        }
        try w.expectNoLeak(of: secret, index: index, messages: messages)
    }

    /// Every near-miss, in every free-text column and an unknown one, and as the
    /// name of an unknown column: the bundle imports whole, values as written.
    @Test func everyNearMissImports() throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        let bundle = try w.folder("bundle")
        let passed = IdentifyingValues.passed
        var referrals = [["referral_id", "panel", "area", "victim_ref", "perpetrator_ref", "referral_date", "meeting_id",
                          "referring_agency", "outcome", "notes"]]
        var areas = [["area", "group", "adult_female_population"]]
        for (k, value) in passed.enumerated() {
            // The id is kept unique by a word before the value (a number after it
            // would join the value's digits: `07700 9001 56` is a phone number).
            referrals.append(["R\(k) " + value, "MARAC", value, value, value, "2024-01-03", value, "police", value, value])
            areas.append([value, value, "38000"])
        }
        try w.write(bundle, "referrals.csv", referrals)
        try w.write(bundle, "areas.csv", areas)
        let summary = try w.run(bundle)
        #expect(summary.rowsRejected == 0)
        #expect(summary.files.first { $0.table == .referrals }?.new == passed.count)
        let stored = try w.store.queue.read { db in try String.fetchAll(db, sql: "SELECT outcome FROM referrals") }
        #expect(Set(stored) == Set(passed))

        let headers = try w.folder("headers")
        let contract = Set(ExportTable.referrals.columns.map(\.name))
        let names = IdentifyingValues.passedColumnNames.filter { !contract.contains(ColumnName.normalise($0)) }
        try w.write(headers, "referrals.csv", [Workspace.cleanReferrals[0] + names, Workspace.cleanReferrals[1] + names.map { _ in "" }])
        let withNames = try w.run(headers)
        #expect(withNames.files[0].unknownColumns == names)

        let raw = w.root.appendingPathComponent("raw.csv")
        try Workspace.csv([names] + passed.map { value in names.map { _ in value } }).write(to: raw, atomically: true, encoding: .utf8)
        let loaded = try RawImport(store: w.store, url: raw, table: "near_misses").run()
        #expect(loaded.rows == passed.count)
    }

    /// The mapping file's near-misses: local names that look like ids and numbers.
    @Test func nearMissesInTheMappingFileAreMapped() throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        let bundle = try w.folder("bundle")
        let names = ["Team 0008", "CGL", "District 0012 Police", "Section 47 team", "M62 J26 depot", "Unit 24/7"]
        try w.write(bundle, "agency-mapping.csv", [["local_name", "agency"]] + names.map { [$0, "police"] })
        try w.write(bundle, "referrals.csv", [Workspace.cleanReferrals[0]] + names.enumerated().map { k, name in
            ["R00\(k)", "MARAC", "North", "V00\(k)", "2024-01-03", name]
        })
        let summary = try w.run(bundle)
        #expect(summary.files[0].new == names.count)
        #expect(summary.files[0].unmappedAgencies.isEmpty)
    }

    // MARK: Workspace

    struct Workspace {
        let root: URL
        let store: Store
        var rejects: String { root.appendingPathComponent("rejects.csv").path }

        static let cleanReferrals = [
            ["referral_id", "panel", "area", "victim_ref", "referral_date", "referring_agency"],
            ["R001", "MARAC", "North", "V0001", "2024-01-03", "police"],
        ]

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("pb-everywhere-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            store = try Store.openForWriting(at: root.appendingPathComponent("store.sqlite").path)
        }

        func cleanUp() { try? FileManager.default.removeItem(at: root) }

        func folder(_ name: String) throws -> URL {
            let url = root.appendingPathComponent("in").appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }

        static func csv(_ rows: [[String]]) -> String {
            rows.map { row in
                row.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
            }.joined(separator: "\n") + "\n"
        }

        func write(_ folder: URL, _ name: String, _ rows: [[String]]) throws {
            try Self.csv(rows).write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }

        func run(_ bundle: URL, _ configure: (inout ImportOptions) -> Void = { _ in }) throws -> ImportSummary {
            var options = ImportOptions()
            options.asOf = IdentifyingDataEverywhereTests.asOf
            configure(&options)
            return try BundleImporter(store: store, options: options).run(try ExportBundle(paths: [bundle.path]))
        }

        /// With a reader open, so the import stays in WAL mode and its pages pass
        /// through a WAL file that is still there to be read.
        func runKeepingTheWAL(_ bundle: URL, _ configure: (inout ImportOptions) -> Void) throws -> ImportSummary {
            let reader = try Store.openReadOnly(at: store.path)
            defer { withExtendedLifetime(reader) {} }
            return try run(bundle, configure)
        }

        /// The value, in any form it could be stored in (as written, in either case,
        /// its digits as a whole number), is in none of: the messages, the files
        /// beside the store (the store, -wal, -shm, -journal, the rejects file), the
        /// store's tables (the import log included) read back as text.
        func expectNoLeak(of secret: String, index: Int, messages: String) throws {
            var forms = [secret, secret.uppercased(), secret.lowercased()]
            let digits = String(secret.filter(\.isNumber).drop { $0 == "0" })
            if digits.count >= 8 { forms.append(digits) }
            var files = Data()
            for name in try FileManager.default.contentsOfDirectory(atPath: root.path) {
                let url = root.appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   !name.hasPrefix("mapping-"), !name.hasPrefix("raw") {
                    files.append(try Data(contentsOf: url))
                }
            }
            let dump = try store.queue.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'").map { table in
                    try Row.fetchAll(db, sql: "SELECT * FROM \(SQLIdentifier.quote(table))").map(\.description).joined(separator: "\n")
                }.joined(separator: "\n")
            }
            let text = Data(messages.utf8) + Data(dump.utf8)
            for (k, form) in forms.enumerated() where !form.isEmpty {
                // Judged outside the expectation, which would print the value on failure.
                // A form of two or three bytes (`x` and DEL) turns up by chance in any
                // megabyte of B-tree pages: the files' raw bytes are searched for
                // forms of four bytes or more, the messages and the tables' text for all.
                let leaked = text.range(of: Data(form.utf8)) != nil
                    || (form.utf8.count >= 4 && files.range(of: Data(form.utf8)) != nil)
                #expect(!leaked, "value \(index) (form \(k)) reached a message or a file")
            }
            // Control characters: none reaches a message raw.
            let rawControl = messages.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || ($0.value >= 0x7F && $0.value <= 0x9F) }
            #expect(!rawControl, "value \(index): a control character reached a message")
        }
    }
}
