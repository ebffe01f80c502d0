import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where SQLite's sorter spills while an import builds an index: a folder beside the
/// store (`STORE-sort`), owner-only, made for the build and removed after it.
///
/// Sorting in memory would make an import's memory grow with its file; sorting in
/// the system's temporary folder would put cells outside the store. SQLite unlinks
/// each sort file as it opens it, so even a killed import leaves none by name; the
/// folder itself is removed by the next import or writable open, which holds the
/// store's write lock and so cannot take another live import's folder.
enum SortFolder {
    /// SQLite's temporary directory is one setting for the whole process: builds on
    /// two stores in one process (tests) take turns.
    private static let lock = NSLock()

    static func path(forStore store: String) -> String { store + "-sort" }

    /// Removes what an import killed part-way left. Call only while holding the
    /// store's write lock.
    static func removeLeftover(forStore store: String) {
        let folder = path(forStore: store)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else { return }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs `body` (index builds) with SQLite's sorter writing to the folder, in
    /// runs of at most `sortMemory` bytes, with `threads` helper threads.
    static func sorting<T>(store: String, db: Database, sortMemory: Int, threads: Int, _ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        let folder = path(forStore: store)
        removeLeftover(forStore: store)
        guard mkdir(folder, 0o700) == 0 else {
            throw ImportError.store("could not make the sort folder \(folder) beside the store: \(String(cString: strerror(errno)))")
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        let helpers = try Int.fetchOne(db, sql: "PRAGMA threads") ?? 0
        // The sorter keeps runs of up to the page cache's size in memory: the cache
        // is made that size for the build, which keeps the import's memory flat.
        try db.execute(sql: "PRAGMA cache_size = \(-(sortMemory / 1024))")
        try db.execute(sql: "PRAGMA threads = \(threads)")
        try db.execute(sql: "PRAGMA temp_store_directory = '\(folder.replacingOccurrences(of: "'", with: "''"))'")
        try db.execute(sql: "PRAGMA temp_store = FILE")
        defer {
            try? db.execute(sql: "PRAGMA temp_store = MEMORY")
            try? db.execute(sql: "PRAGMA temp_store_directory = ''")
            try? db.execute(sql: "PRAGMA threads = \(helpers)")
            try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)")
        }
        return try body()
    }
}
