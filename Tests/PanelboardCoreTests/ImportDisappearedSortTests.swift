import Foundation
import GRDB
import Testing
@testable import PanelboardCore

/// The disappeared-rows list (`ImportChanges.noteDisappeared`) sorts every key an
/// import saw. The store keeps temporary tables in memory, where SQLite's sorter
/// never spills: on the national bundle that sort held 400 MB. It runs with the
/// sorter in the store's sort folder, in small runs, like the index builds.
@Suite struct ImportDisappearedSortTests {
    /// What the connection's statements saw: for each one naming "disappeared",
    /// where SQLite's temporary files went while it ran.
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var folders: [String?] = []
        func note(_ folder: String?) { lock.withLock { folders.append(folder) } }
        var all: [String?] { lock.withLock { folders } }
    }

    /// SQLite's process-wide temporary directory (`sqlite3_temp_directory`), read
    /// through its symbol: Swift 6 refuses a direct read of a C global it cannot
    /// prove is not being written.
    static func temporaryDirectory() -> String? {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "sqlite3_temp_directory") else { return nil }
        return symbol.assumingMemoryBound(to: UnsafeMutablePointer<CChar>?.self).pointee.map { String(cString: $0) }
    }

    @Test func theDisappearedRowsAreListedWithTheSorterInTheSortFolder() throws {
        let w = try ImportIndexDeferralTests.Workspace(referrals: 300)
        defer { w.cleanUp() }
        let store = try w.store("store.sqlite")
        _ = try w.run(store, deferring: false)

        // A second export with rows gone inside the dates it covers: each panel's
        // counts differ, so the stored keys are looked up among those seen (a
        // re-export with nothing gone counts and stops, and sorts nothing).
        let seen = Seen()
        try store.queue.inDatabase { db in
            db.trace(options: .statement) { event in
                guard case let .statement(statement) = event, statement.sql.contains("'disappeared'") else { return }
                // The SortFolder lock is held while it is set: no other test's
                // import can change it under this statement.
                seen.note(Self.temporaryDirectory())
            }
        }
        let fewer = try w.referrals("fewer") { lines in
            lines.enumerated().filter { $0.offset == 0 || $0.offset % 3 != 0 }.map(\.element)
        }
        let summary = try w.run(store, paths: [fewer], deferring: false)
        let folder = SortFolder.path(forStore: store.path)
        #expect(!seen.all.isEmpty)
        #expect(seen.all.allSatisfy { $0 == folder }, "\(seen.all)")
        // Removed afterwards, and the connection's own settings back as they were.
        #expect(!FileManager.default.fileExists(atPath: folder))
        let tempStore = try store.queue.inDatabase { db in
            db.trace(options: [], nil)
            return try Int.fetchOne(db, sql: "PRAGMA temp_store")
        }
        #expect(tempStore == 2)
        let gone = try store.queue.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM import_changes WHERE import_id = ? AND kind = 'disappeared'",
                             arguments: [summary.importID])
        }
        #expect((gone ?? 0) > 0)
    }
}
