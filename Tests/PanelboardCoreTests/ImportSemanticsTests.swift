import Foundation
import GRDB
import Testing
@testable import PanelboardCore

/// One transaction, keyed upserts, skip-invalid accounting, and identifying data
/// that reaches no file.
@Suite struct ImportSemanticsTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/example-bundle")
    static let asOf = Day(year: 2024, month: 4, day: 1)!

    struct Workspace {
        let folder: URL
        let store: Store

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("pb-semantics-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            store = try Store.openForWriting(at: folder.appendingPathComponent("store.sqlite").path)
        }

        /// A copy of the example bundle with some files changed.
        func bundle(_ name: String, _ changes: [String: (String) -> String] = [:]) throws -> String {
            let target = folder.appendingPathComponent(name)
            try FileManager.default.copyItem(at: ImportSemanticsTests.example, to: target)
            for (file, change) in changes {
                let url = target.appendingPathComponent(file)
                try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
            }
            return target.path
        }

        func run(_ path: String, _ configure: (inout ImportOptions) -> Void = { _ in }) throws -> ImportSummary {
            var options = ImportOptions()
            options.asOf = ImportSemanticsTests.asOf
            configure(&options)
            return try BundleImporter(store: store, options: options).run(try ExportBundle(paths: [path]))
        }

        /// Every bundle table, every row, in key order: the store's content.
        func dump() throws -> String {
            try store.queue.read { db in
                try ExportTable.allCases.map { table in
                    let order = table.keyColumns.map { $0 == "group" ? "area_group" : $0 }.joined(separator: ", ")
                    return try Row.fetchAll(db, sql: "SELECT * FROM \(table.rawValue) ORDER BY \(order)").map(\.description).joined(separator: "\n")
                }.joined(separator: "\n--\n")
            }
        }

        func cleanUp() { try? FileManager.default.removeItem(at: folder) }
    }

    @Test func aBadRowInTheLastFileLeavesTheStoreExactlyAsBefore() throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        _ = try w.run(try w.bundle("first"))
        let before = try w.dump()
        // Changes in every file, and one bad row in incidents.csv, the last imported.
        let later = try w.bundle("later", [
            "referrals.csv": { $0.replacingOccurrences(of: "R001,MARAC,Stockton", with: "R001,MARAC,Hartlepool") + "R006,MARAC,North,V0006,,2024-03-20,,,police,,,,,,,,,,,,\n" },
            "actions.csv": { $0 + "A005,R006,police,2024-03-20,2024-04-03,,open,\n" },
            "incidents.csv": { $0 + "I002,2024-02-30,P0001,,threats\n" },
        ])
        #expect(throws: ImportError.self) { try w.run(later) }
        #expect(try w.dump() == before)
    }

    @Test func theSameExportTwiceChangesNothingAndALaterOneUpdatesByKey() throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        let path = try w.bundle("first")
        _ = try w.run(path)
        let once = try w.dump()
        let again = try w.run(path)
        #expect(again.files.allSatisfy { $0.new == 0 && $0.changed == 0 && $0.unchanged == $0.rowsRead })
        #expect(try w.dump() == once)

        let later = try w.bundle("later", [
            "referrals.csv": { $0.replacingOccurrences(of: "R001,MARAC,Stockton", with: "R001,MARAC,Hartlepool") + "R006,MARAC,North,V0006,,2024-03-20,,,police,,,,,,,,,,,,\n" },
        ])
        let summary = try w.run(later)
        let referrals = summary.files.first { $0.table == .referrals }!
        #expect((referrals.rowsRead, referrals.new, referrals.changed, referrals.unchanged, referrals.rejected) == (6, 1, 1, 4, 0))
        let area = try w.store.queue.read { try String.fetchOne($0, sql: "SELECT area FROM referrals WHERE referral_id = 'R001'") }
        #expect(area == "Hartlepool")
    }

    /// Each action carries its referral's panel and area, so the actions figures
    /// need no join: the copy follows a referral that moves, and an action that
    /// moves to another referral.
    @Test func anActionCarriesItsReferralsPanelAndArea() throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        func scopes() throws -> [String] {
            try w.store.queue.read { db in
                try Row.fetchAll(db, sql: "SELECT action_id, panel, area FROM actions ORDER BY action_id")
                    .map { "\($0["action_id"] as String) \($0["panel"] as String) \($0["area"] as String)" }
            }
        }
        func outOfStep() throws -> Int {
            try w.store.queue.read { db in
                try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM actions a JOIN referrals r ON r.referral_id = a.referral_id
                    WHERE a.panel IS NOT r.panel OR a.area IS NOT r.area
                    """)!
            }
        }
        _ = try w.run(try w.bundle("first"))
        #expect(try scopes() == ["A001 MARAC Stockton", "A002 MARAC Stockton", "A003 MARAC Hartlepool", "A004 MARAC Stockton"])
        // R001 moves to another area and panel; A004 moves from R004 (Stockton) to R003 (Hartlepool).
        let later = try w.bundle("later", [
            "referrals.csv": { $0.replacingOccurrences(of: "R001,MARAC,Stockton", with: "R001,DRAMM,Hartlepool") },
            "actions.csv": { $0.replacingOccurrences(of: "A004,R004,", with: "A004,R003,") },
        ])
        _ = try w.run(later)
        #expect(try scopes() == ["A001 DRAMM Hartlepool", "A002 DRAMM Hartlepool", "A003 MARAC Hartlepool", "A004 MARAC Hartlepool"])
        #expect(try outOfStep() == 0)
    }

    /// An import runs with a rollback journal when it has the store to itself, and
    /// in WAL mode beside a reader; the store is in WAL mode afterwards either way.
    @Test func anImportLeavesTheStoreInWALModeWithOrWithoutAReader() throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        _ = try w.run(try w.bundle("first"))
        let reader = try Store.openReadOnly(at: w.store.path)
        let before = try reader.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM referrals") }
        let summary = try w.run(try w.bundle("second", ["referrals.csv": { $0.replacingOccurrences(of: ",full,", with: ",significant_update,") }]))
        #expect(summary.files.first { $0.table == .referrals }!.changed > 0)
        let after = try reader.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM referrals") }
        #expect(before == after)
        for store in [w.store, reader] {
            #expect(try store.queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        }
    }

    @Test func aLaterExportWithoutAnOptionalColumnKeepsWhatWasStored() throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        _ = try w.run(try w.bundle("first"))
        // The same referrals without the dash_score column.
        let trimmed = try w.bundle("trimmed", ["referrals.csv": { text in
            text.split(separator: "\n").map { line in
                var cells = line.split(separator: ",", omittingEmptySubsequences: false)
                cells.remove(at: 11)
                return cells.joined(separator: ",")
            }.joined(separator: "\n") + "\n"
        }])
        let summary = try w.run(trimmed)
        #expect(summary.files.first { $0.table == .referrals }!.unchanged == 5)
        let dash = try w.store.queue.read { try Int.fetchOne($0, sql: "SELECT dash_score FROM referrals WHERE referral_id = 'R001'") }
        #expect(dash == 16)
    }

    @Test func skipInvalidAccountsForEveryRow() throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        let rejects = w.folder.appendingPathComponent("rejects.csv").path
        let path = try w.bundle("bundle", [
            "referrals.csv": { $0.replacingOccurrences(of: "R003,MARAC,Hartlepool,V0003,P0003,2024-01-15", with: "R003,MARAC,Hartlepool,V0003,P0003,2024-01-45") },
            "meetings.csv": { $0 + "M05,MARAC,Stockton,someday,,\n" },
        ])
        let summary = try w.run(path) { $0.skipInvalid = true; $0.rejectsPath = rejects }
        for file in summary.files {
            #expect(file.rowsRead == file.new + file.changed + file.unchanged + file.rejected, "\(file.file)")
        }
        let counts = Dictionary(uniqueKeysWithValues: summary.files.map { ($0.table, ($0.new, $0.rejected)) })
        #expect(counts[.referrals]! == (4, 1))
        #expect(counts[.actions]! == (3, 1))  // A003 belongs to the rejected R003.
        #expect(counts[.meetings]! == (4, 1))
        let stored = try w.store.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM referrals") }
        #expect(stored == 4)
        #expect(try String(contentsOfFile: rejects, encoding: .utf8) == """
            file,line,problems,record\r
            meetings.csv,6,"column 4 (meeting_date): 's******' is not a date (use YYYY-MM-DD, or DD/MM/YYYY day first)","M05,MARAC,Stockton,someday,,"\r
            referrals.csv,4,"column 6 (referral_date): '2***-**-**' is not a day of the calendar (no such month, or no such day in that month)","R003,MARAC,Hartlepool,V0003,P0003,2024-01-45,M02,2024-01-24,Children's Social Care,potential_escalation,very_high,18,significant update,1,F,35-44,N,Y,N,N,N"\r
            actions.csv,4,"column 2 (referral_id): its referral (referrals.csv line 4) was rejected, so this row is too","A003,R003,children_social_care,2024-01-24,2024-02-07,2024-02-12,,safeguarding_children"\r

            """)
    }

    /// A referral refused for its number of fields still names its line to the
    /// actions that refer to it.
    @Test func anActionOfAReferralWithTooManyFieldsSaysTheReferralWasRejected() throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        let rejects = w.folder.appendingPathComponent("rejects.csv").path
        let path = try w.bundle("bundle", [
            "referrals.csv": { $0.replacingOccurrences(of: "R003,MARAC,Hartlepool,", with: "R003,MARAC,Hartlepool,,") },
        ])
        _ = try w.run(path) { $0.skipInvalid = true; $0.rejectsPath = rejects }
        let lines = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\r\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("referrals.csv,4,row: the row has 22 fields but the header has 21") })
        #expect(lines.contains {
            $0.hasPrefix("actions.csv,4,\"column 2 (referral_id): its referral (referrals.csv line 4) was rejected, so this row is too\"")
        })
    }

    /// Fake identifying values (a drama-range phone number, an example.org address,
    /// the NHS's pseudo-postcode, the NHS's example number) must reach no file: not
    /// the database, not its WAL, not the rejects file, not a message.
    @Test func identifyingValuesReachNoFile() throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        let secrets = ["07700 900123", "someone@example.org", "ZZ99 3CZ", "943 476 5919", "Example-Surname"]
        let rejects = w.folder.appendingPathComponent("rejects.csv").path
        let path = try w.bundle("bundle", [
            "referrals.csv": { text in
                var lines = text.split(separator: "\n").map(String.init)
                lines[0] += ",Surname,notes"
                lines[1] += ",Example-Surname,call 07700 900123"
                for i in 2..<lines.count { lines[i] += ",," }
                return lines.joined(separator: "\n").replacingOccurrences(of: "R003,MARAC,Hartlepool", with: "R003,MARAC,ZZ99 3CZ") + "\n"
            },
            "incidents.csv": { $0.replacingOccurrences(of: "P0001,V0001", with: "P0001,someone@example.org") },
            "actions.csv": { $0.replacingOccurrences(of: "A004,R004,idva", with: "A004,R004,943 476 5919") },
        ])
        var messages = ""
        do {
            _ = try w.run(path)
        } catch {
            messages += "\(error)"
        }
        // A reader keeps the import in WAL mode, so its rows pass through the WAL.
        let reader = try Store.openReadOnly(at: w.store.path)
        let summary = try w.run(path) { $0.skipInvalid = true; $0.rejectsPath = rejects; $0.dropIdentifyingColumns = true }
        messages += summary.text
        #expect(summary.rowsRejected > 0)
        // Read every file beside the store while it is open, WAL included.
        var everything = Data(messages.utf8)
        for name in try FileManager.default.contentsOfDirectory(atPath: w.folder.path) where !["bundle"].contains(name) {
            let url = w.folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                everything.append(try Data(contentsOf: url))
            }
        }
        #expect(FileManager.default.fileExists(atPath: w.folder.appendingPathComponent("store.sqlite-wal").path))
        withExtendedLifetime(reader) {}
        for secret in secrets {
            #expect(everything.range(of: Data(secret.utf8)) == nil, "\(secret) reached a file or a message")
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: w.store.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let mode = try w.store.queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }
}
