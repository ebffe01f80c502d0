import Foundation
import GRDB
import Testing
@testable import PanelboardCore

/// A large file into a small table loads without its secondary indexes and builds
/// them once at the end (issue 17), with every guarantee of the row-by-row import.
@Suite struct ImportIndexDeferralTests {
    struct Workspace {
        let folder: URL
        let bundle: URL
        let options = SyntheticOptions()

        init(referrals: Int = 1_500) throws {
            folder = try SyntheticBundleTests.temporary()
            bundle = folder.appendingPathComponent("bundle")
            var options = SyntheticOptions()
            options.referrals = referrals
            options.idOrder = .random
            _ = try SyntheticBundle.write(to: bundle, options: options)
        }

        func store(_ name: String) throws -> Store {
            try Store.openForWriting(at: folder.appendingPathComponent(name).path)
        }

        /// Deferral decided after 100 rows, for any file at least a tenth the size
        /// of its table; or never.
        func run(_ store: Store, paths: [String]? = nil, deferring: Bool,
                 _ configure: (inout ImportOptions) -> Void = { _ in }) throws -> ImportSummary {
            var options = ImportOptions()
            options.asOf = self.options.to
            options.indexDeferral.sampleRows = 100
            options.indexDeferral.minimumRows = deferring ? 0 : Int.max
            options.indexDeferral.incomingPerStored = 0.1
            configure(&options)
            return try BundleImporter(store: store, options: options).run(try ExportBundle(paths: paths ?? [bundle.path]))
        }

        /// A bundle of the referrals file alone, its lines changed by `edit`.
        func referrals(_ name: String, _ edit: ([Substring]) -> [Substring] = { $0 }) throws -> String {
            let target = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            let lines = try String(contentsOf: bundle.appendingPathComponent("referrals.csv"), encoding: .utf8)
                .split(separator: "\n")
            try (edit(lines).joined(separator: "\n") + "\n")
                .write(to: target.appendingPathComponent("referrals.csv"), atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(at: bundle.appendingPathComponent("agency-mapping.csv"),
                                            to: target.appendingPathComponent("agency-mapping.csv"))
            return target.path
        }

        func cleanUp() { try? FileManager.default.removeItem(at: folder) }
    }

    static func dump(_ store: Store) throws -> String {
        try store.queue.read { db in
            try ExportTable.allCases.map { table in
                let order = table.keyColumns.map { $0 == "group" ? "area_group" : $0 }.joined(separator: ", ")
                return try Row.fetchAll(db, sql: "SELECT * FROM \(table.rawValue) ORDER BY \(order)").map(\.description).joined(separator: "\n")
            }.joined(separator: "\n--\n")
        }
    }

    static func indexes(_ store: Store) throws -> [String] {
        try store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT name || ': ' || ifnull(sql, '') FROM sqlite_master WHERE type = 'index' ORDER BY name")
        }
    }

    @Test func aFirstLoadBuildsIndexesOnceAndStoresWhatRowByRowStores() throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        let deferred = try w.store("deferred.sqlite"), rowByRow = try w.store("row-by-row.sqlite")
        let schema = try Self.indexes(deferred)
        let summary = try w.run(deferred, deferring: true)
        let plain = try w.run(rowByRow, deferring: false)

        let referrals = summary.files.first { $0.table == .referrals }!
        func secondary(_ table: ExportTable) throws -> Set<String> {
            try deferred.queue.read { db in
                Set(try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?
                      AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
                    """, arguments: [table.rawValue]))
            }
        }
        #expect(referrals.rebuiltIndexes.contains("referrals_victim"))
        #expect(Set(referrals.rebuiltIndexes) == (try secondary(.referrals)))
        let actions = summary.files.first { $0.table == .actions }!
        #expect(actions.rebuiltIndexes.contains("actions_referral"))
        #expect(Set(actions.rebuiltIndexes) == (try secondary(.actions)))
        #expect(plain.files.allSatisfy { $0.rebuiltIndexes.isEmpty })
        #expect(summary.files.map(\.new) == plain.files.map(\.new))
        #expect(try Self.dump(deferred) == Self.dump(rowByRow))
        // The same indexes, the same definitions, and sound.
        #expect(try Self.indexes(deferred) == schema)
        #expect(try deferred.queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        // No sort folder is left beside the store.
        #expect(!FileManager.default.fileExists(atPath: SortFolder.path(forStore: deferred.path)))

        // The same export again changes nothing and, bringing no new row, keeps the
        // indexes (a rebuild would rewrite them all for nothing).
        let again = try w.run(deferred, deferring: true)
        #expect(again.files.allSatisfy { $0.new == 0 && $0.changed == 0 && $0.rebuiltIndexes.isEmpty })
        #expect(try Self.dump(deferred) == Self.dump(rowByRow))
    }

    @Test func aSmallFileIntoALargeTableStaysRowByRow() throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        let store = try w.store("store.sqlite")
        _ = try w.run(store, paths: [try w.referrals("most") { Array($0.dropLast(300)) }], deferring: true)
        // The last 300 rows, about a fifth of the table: under the ratio of 0.5.
        let rest = try w.referrals("rest") { [$0[0]] + $0.suffix(300) }
        let summary = try w.run(store, paths: [rest], deferring: true) { $0.indexDeferral.incomingPerStored = 0.5 }
        #expect(summary.files[0].new == 300)
        #expect(summary.files[0].rebuiltIndexes.isEmpty)
        // At a ratio it passes, the same file is loaded and indexed after.
        let other = try w.store("other.sqlite")
        _ = try w.run(other, paths: [try w.referrals("most2") { Array($0.dropLast(300)) }], deferring: true)
        let deferred = try w.run(other, paths: [rest], deferring: true) { $0.indexDeferral.incomingPerStored = 0.1 }
        #expect(!deferred.files[0].rebuiltIndexes.isEmpty)
        #expect(try Self.dump(store) == Self.dump(other))
    }

    /// An export file reached through a symbolic link is sized as the file it
    /// links to: sized as the link, a large file looked too small to defer.
    @Test func aLinkedFileIsSizedAsTheFileItLinksTo() throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        let linked = w.folder.appendingPathComponent("linked")
        try FileManager.default.createDirectory(at: linked, withIntermediateDirectories: true)
        for name in ["referrals.csv", "agency-mapping.csv"] {
            try FileManager.default.createSymbolicLink(at: linked.appendingPathComponent(name),
                                                       withDestinationURL: w.bundle.appendingPathComponent(name))
        }
        let summary = try w.run(try w.store("store.sqlite"), paths: [linked.path], deferring: true) {
            $0.indexDeferral.minimumRows = 500
        }
        #expect(summary.files[0].new > 500)
        #expect(!summary.files[0].rebuiltIndexes.isEmpty)
    }

    /// A second row with a key seen earlier is caught while the indexes are
    /// dropped (keys are never dropped), rows in = stored + rejected, and the
    /// rejected row is in the rejects file.
    @Test func duplicateKeysAndRejectsHoldWhileIndexesAreDeferred() throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        let store = try w.store("store.sqlite")
        let path = try w.referrals("dup") { lines in lines + [lines[40]] }
        let rejects = w.folder.appendingPathComponent("rejects.csv").path
        let summary = try w.run(store, paths: [path], deferring: true) {
            $0.skipInvalid = true
            $0.rejectsPath = rejects
        }
        let file = summary.files[0]
        #expect(!file.rebuiltIndexes.isEmpty)
        #expect(file.rejected == 1)
        #expect(file.rowsRead == file.stored + file.rejected)
        let written = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(written.contains("a second row with the same referral_id as line 41"))
    }

    /// A refused import rolls the dropped indexes back with its rows.
    @Test func aRefusedImportLeavesTheIndexesAsTheyWere() throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        let store = try w.store("store.sqlite")
        let schema = try Self.indexes(store)
        let path = try w.referrals("dup") { lines in lines + [lines[40]] }
        #expect(throws: ImportError.self) { try w.run(store, paths: [path], deferring: true) }
        #expect(try Self.indexes(store) == schema)
        #expect(try store.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM referrals") } == 0)
        #expect(!FileManager.default.fileExists(atPath: SortFolder.path(forStore: store.path)))
    }

    /// A sort folder an import killed part-way left behind is gone at the next
    /// writable open, and at the next import.
    @Test func aLeftoverSortFolderIsRemoved() throws {
        let w = try Workspace(referrals: 200)
        defer { w.cleanUp() }
        let path = w.folder.appendingPathComponent("store.sqlite").path
        _ = try Store.openForWriting(at: path)
        let folder = SortFolder.path(forStore: path)
        func leave() throws {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
            try Data("V00123".utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent("etilqs_0123456789abcdef"))
        }
        try leave()
        let store = try Store.openForWriting(at: path)
        #expect(!FileManager.default.fileExists(atPath: folder))
        try leave()
        _ = try w.run(store, deferring: false)
        #expect(!FileManager.default.fileExists(atPath: folder))
    }
}
