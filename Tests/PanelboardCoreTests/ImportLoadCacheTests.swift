import Foundation
import GRDB
import Testing
@testable import PanelboardCore

/// A file loaded with its indexes dropped runs with a smaller page cache (issue
/// 17: the national bundle's peak under 100 MB), and the import's own comes back
/// for the indexes' build to restore and for the next file.
@Suite struct ImportLoadCacheTests {
    static func record(_ i: Int) -> CSVRecord {
        var record = CSVRecord()
        record.bytes = Array("R\(i),MARAC".utf8)
        record.ends = [record.bytes.count - 6, record.bytes.count]
        record.lines = [i + 1, i + 1]
        return record
    }

    /// Drives one file's deferral by hand: `rows` new rows of a file estimated
    /// large; returns the cache size before, while loading, and after `finish`.
    static func cacheSizes(_ configure: (inout IndexDeferralPolicy) -> Void) throws -> [Int] {
        let folder = try SyntheticBundleTests.temporary()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store.openForWriting(at: folder.appendingPathComponent("store.sqlite").path)
        var policy = IndexDeferralPolicy()
        policy.sampleRows = 10
        policy.minimumRows = 0
        configure(&policy)
        var sizes: [Int] = []
        try store.queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = -49152")
            try db.inTransaction(.immediate) {
                try SortFolder.make(forStore: store.path)
                defer { SortFolder.remove(forStore: store.path) }
                sizes.append(try Int.fetchOne(db, sql: "PRAGMA cache_size")!)
                var deferral = try IndexDeferral(db: db, table: .referrals, storePath: store.path,
                                                 fileBytes: 10_000_000, policy: policy)
                for i in 0..<10 { try deferral.observe(record(i), isNew: true, db: db) }
                #expect(!deferral.dropped.isEmpty)
                sizes.append(try Int.fetchOne(db, sql: "PRAGMA cache_size")!)
                try deferral.finish(db)
                sizes.append(try Int.fetchOne(db, sql: "PRAGMA cache_size")!)
                return .rollback
            }
        }
        return sizes
    }

    @Test func aLoadWithoutItsIndexesRunsWithTheSmallerCacheAndGivesTheImportsBack() throws {
        #expect(try Self.cacheSizes { _ in } == [-49152, -16384, -49152])
        #expect(try Self.cacheSizes { $0.loadCacheMemory = 8 << 20 } == [-49152, -8192, -49152])
        #expect(try Self.cacheSizes { $0.loadCacheMemory = nil } == [-49152, -49152, -49152])
    }

    /// The page cache sizes an import sets, in order, from its statements.
    final class CacheSizes: @unchecked Sendable {
        private let lock = NSLock()
        private var sizes: [String] = []
        func note(_ sql: String) { lock.withLock { sizes.append(sql) } }
        func take() -> [String] { lock.withLock { defer { sizes = [] }; return sizes } }
    }

    /// A file written row by row runs with the import's 32 MiB page cache: 48 MiB
    /// took a quarter's rows into a million-row store to 104 MB (issue 17).
    @Test func theImportRunsWithA32MiBPageCache() throws {
        let w = try ImportIndexDeferralTests.Workspace(referrals: 200)
        defer { w.cleanUp() }
        let store = try w.store("store.sqlite")
        let seen = CacheSizes()
        store.queue.inDatabase { db in
            db.trace(options: .statement) { event in
                guard case let .statement(statement) = event,
                      statement.sql.hasPrefix("PRAGMA cache_size =") else { return }
                seen.note(statement.sql)
            }
        }
        _ = try w.run(store, deferring: false)
        let sizes = seen.take()
        #expect(sizes.first == "PRAGMA cache_size = -32768")
        #expect(!sizes.contains("PRAGMA cache_size = -49152"))
        _ = try w.run(store, deferring: false) { $0.cacheMemory = 8 << 20 }
        #expect(seen.take().first == "PRAGMA cache_size = -8192")
    }
}
