import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where SQLite's temporary files go while an import runs: a folder beside the
/// store (`STORE-sort`), owner-only, made when the import takes the write lock and
/// removed when it ends. Its sorter spills there while it builds an index or lists
/// the rows an export no longer has, and so do its statement journals.
///
/// Sorting in memory would make an import's memory grow with its file; sorting in
/// the system's temporary folder would put cells outside the store. SQLite unlinks
/// each temporary file as it opens it, so even a killed import leaves none by name;
/// the folder itself is removed by the next import or writable open, which holds the
/// store's write lock and so cannot take another live import's folder.
enum SortFolder {
    /// SQLite's temporary directory is one setting for the whole process: imports
    /// into two stores in one process (tests) take turns.
    ///
    /// SQLite has no per-connection temporary directory. `PRAGMA temp_store_directory`
    /// (deprecated) sets the global `sqlite3_temp_directory`; `SQLITE_TMPDIR` is read
    /// once, at the process's first temporary file; the only per-connection route is
    /// a VFS of our own that names temporary files itself. The pragma is safe here:
    /// `panelboard` is one process with one writing connection per store, the
    /// directory is set under this lock and undone before it is released, and every
    /// other connection keeps temp_store = MEMORY, so nothing else makes a temporary
    /// file while the directory points at a folder.
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

    /// Runs `body` (an import: its transaction, which calls `make` first) with
    /// SQLite's temporary files in the store's folder. Called outside a transaction:
    /// SQLite refuses to change temp_store inside one once anything has opened its
    /// temporary database (a TEMP table, or GRDB reading the temp schema), so the
    /// setting spans the whole import rather than each sort.
    static func temporaryFiles<T>(store: String, db: Database, _ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        let folder = path(forStore: store)
        // The pragma refuses a folder that does not exist, and this is before the
        // write lock: the folder is made if missing (another import's is left alone)
        // and made afresh by `make` once the lock is held. Nothing makes a temporary
        // file in between. One left here by an import that never got the lock is
        // empty, and removed like any leftover.
        if mkdir(folder, 0o700) != 0 && errno != EEXIST {
            throw ImportError.store("could not make the sort folder \(folder) beside the store: \(String(cString: strerror(errno)))")
        }
        try db.execute(sql: "PRAGMA temp_store_directory = '\(folder.replacingOccurrences(of: "'", with: "''"))'")
        defer { try? db.execute(sql: "PRAGMA temp_store_directory = ''") }
        try db.execute(sql: "PRAGMA temp_store = FILE")
        defer { try? db.execute(sql: "PRAGMA temp_store = MEMORY") }
        return try body()
    }

    /// Makes the folder afresh, removing any an import killed part-way left. Call
    /// only while holding the store's write lock, inside `temporaryFiles`, and
    /// `remove` it before letting the lock go (another import may make its own next).
    static func make(forStore store: String) throws {
        let folder = path(forStore: store)
        removeLeftover(forStore: store)
        guard mkdir(folder, 0o700) == 0 else {
            throw ImportError.store("could not make the sort folder \(folder) beside the store: \(String(cString: strerror(errno)))")
        }
    }

    static func remove(forStore store: String) {
        try? FileManager.default.removeItem(atPath: path(forStore: store))
    }

    /// Runs `body` (an index build, a large GROUP BY) with SQLite's sorter in runs of
    /// at most `sortMemory` bytes and `threads` helper threads. The sorter keeps runs
    /// of up to the page cache's size in memory, on top of the cache: the cache is
    /// made that size for the sort, which keeps the import's memory flat.
    static func sorting<T>(db: Database, sortMemory: Int, threads: Int, _ body: () throws -> T) throws -> T {
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        let helpers = try Int.fetchOne(db, sql: "PRAGMA threads") ?? 0
        try db.execute(sql: "PRAGMA cache_size = \(-(sortMemory / 1024))")
        try db.execute(sql: "PRAGMA threads = \(threads)")
        defer {
            try? db.execute(sql: "PRAGMA threads = \(helpers)")
            try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)")
        }
        return try body()
    }
}
