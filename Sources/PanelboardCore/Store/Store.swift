import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The SQLite store: one file, readable by its owner only, in WAL mode.
public struct Store: Sendable {
    public let path: String
    public let queue: DatabaseQueue

    /// Where the store is when no `--db` is given: `$PANELBOARD_DB`, else
    /// `./panelboard.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["PANELBOARD_DB"], !path.isEmpty { return path }
        return "panelboard.sqlite"
    }

    /// Opens the store for writing, creating it (mode 0600) and migrating it to the
    /// current schema. `upgrading` hears the names of the steps about to be applied
    /// to a store that already holds data (a step can take minutes on a large one).
    public static func openForWriting(at path: String, upgrading: ([String]) -> Void = { _ in }) throws -> Store {
        // The WAL and shared-memory files SQLite creates beside the database take
        // their permissions from it, and the umask covers the moment in between.
        let previousMask = umask(0o077)
        defer { umask(previousMask) }
        if !FileManager.default.fileExists(atPath: path) {
            let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
            guard fd >= 0 else {
                throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
            }
            close(fd)
        }
        try refuseAnotherProgramsDatabase(at: path)
        var config = Configuration()
        config.prepareDatabase { db in
            // Sorts and temporary tables stay in memory: nothing from the store is
            // written to a temporary file outside it.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            // A large import grows the WAL to the size of what it wrote; once that
            // is checkpointed, the WAL is cut back to this (64 MiB).
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            try queue.writeWithoutTransaction { db in
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                if mode?.lowercased() != "wal" {
                    throw StoreError.cannotCreate(path: path, reason: "could not switch to WAL mode")
                }
            }
            let schema = try queue.read { db in try SchemaState(db) }
            if !schema.unknown.isEmpty { throw StoreError.newer(path: path, steps: schema.unknown) }
            if schema.holdsData && !schema.pending.isEmpty { upgrading(schema.pending) }
            try Migrations.migrator.migrate(queue)
            // A sort folder an import killed part-way left behind: taken away under
            // the write lock, so never the folder of an import still running.
            if FileManager.default.fileExists(atPath: SortFolder.path(forStore: path)) {
                try? queue.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        SortFolder.removeLeftover(forStore: path)
                        return .commit
                    }
                }
            }
            return Store(path: path, queue: queue)
        } catch let error as DatabaseError {
            if let damaged = StoreError.damaged(error, path: path) { throw damaged }
            switch error.resultCode.primaryResultCode {
            case .SQLITE_BUSY: throw StoreError.busy(path: path)
            case .SQLITE_CANTOPEN where StoreFolder.isReadOnly(storePath: path) || access(path, W_OK) != 0,
                 .SQLITE_READONLY where StoreFolder.isReadOnly(storePath: path) || access(path, W_OK) != 0:
                throw StoreError.readOnly(path: path)
            default: throw StoreError.sqlite(path: path, message: error.message ?? "\(error)")
            }
        }
    }
}

extension Store {
    /// Copies what the WAL holds into the store file and cuts the WAL back, as far
    /// as readers allow (it never waits for one).
    public func checkpoint() throws {
        try queue.writeWithoutTransaction { db in
            _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }
}

extension Store {
    /// A SQLite file with tables of its own and none of a store's is another
    /// program's database: `--db` pointing at it is a slip, and making it a store
    /// (tables added, its journal mode changed) would alter someone's data. Checked
    /// read-only, before anything is written; an empty file may become a store.
    static func refuseAnotherProgramsDatabase(at path: String) throws {
        var size = stat()
        guard stat(path, &size) == 0, size.st_size > 0 else { return }
        let tables: [String]
        do {
            let queue = try plainReadOnlyQueue(at: path)
            tables = try queue.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            }
            try queue.close()
        } catch let error as DatabaseError {
            throw StoreError.damaged(error, path: path) ?? StoreError.sqlite(path: path, message: error.message ?? "\(error)")
        }
        if !tables.isEmpty && !tables.contains("grdb_migrations") && !tables.contains("referrals") {
            throw StoreError.notAStore(path: path)
        }
    }
}

extension Store {
    /// The file opened read-only with nothing read from it yet: for the checks
    /// that must work before (or without) the store's schema being read.
    static func plainReadOnlyQueue(at path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        return try DatabaseQueue(path: path, configuration: config)
    }
}

public enum StoreError: Error, CustomStringConvertible {
    case cannotCreate(path: String, reason: String)
    case notFound(path: String)
    case sqlite(path: String, message: String)
    case notAStore(path: String)
    case older(path: String, steps: [String])
    case newer(path: String, steps: [String])
    case damaged(path: String, message: String)
    case notADatabase(path: String)
    case backupFailedCheck(path: String)
    case busy(path: String)
    case readOnly(path: String)

    /// A damaged store, said plainly, for an error SQLite gives on one.
    public static func damaged(_ error: DatabaseError, path: String) -> StoreError? {
        switch error.resultCode.primaryResultCode {
        case .SQLITE_CORRUPT:
            return .damaged(path: path, message: error.message ?? "\(error.resultCode)")
        case .SQLITE_NOTADB:
            return .notADatabase(path: path)
        default:
            return nil
        }
    }

    public var description: String {
        switch self {
        case let .cannotCreate(path, reason): "cannot create the store \(path): \(reason)"
        case let .notFound(path): "no store at \(path): import a bundle first (panelboard import BUNDLE), or name the store with --db FILE"
        case let .sqlite(path, message): "\(path): \(message)"
        case let .notAStore(path): "\(path) is not a panelboard store (it has no referrals table); name the store with --db FILE"
        case let .older(path, steps):
            "\(path) was written by an earlier panelboard and its schema needs upgrading (\(steps.joined(separator: "; "))); "
                + "run: panelboard upgrade --db \(path) (every row is kept; the next import does the same)"
        case let .damaged(path, message):
            "\(path) is damaged (SQLite says: \(message)). Check it with: panelboard check --db \(path); "
                + "then restore your latest backup (panelboard backup), or import the exports again into a new store"
        case let .busy(path):
            "another program is writing \(path) (an import still running?); wait for it to finish and try again (reading commands need not wait)"
        case let .readOnly(path):
            "cannot write \(path): its folder or medium is read-only; import into a store in a folder you may write (query, metrics and report can still read this one)"
        case let .backupFailedCheck(path):
            "the copy for \(path) failed SQLite's integrity check, so it was not kept; the store itself may be damaged: "
                + "check it with: panelboard check"
        case let .notADatabase(path):
            "\(path) is not a SQLite database, or its first page is damaged: name the store with --db FILE, "
                + "or restore your latest backup (panelboard backup)"
        case let .newer(path, steps):
            "\(path) was written by a newer panelboard (schema steps \(steps.joined(separator: "; ")) are unknown to panelboard \(PanelboardVersion.current)); use that version or a later one"
        }
    }
}

import GRDBSQLite

extension Store {
    /// Opens the store so that no SQL can change anything: the file is opened
    /// read-only, the connection is `query_only`, no other database can be attached,
    /// and extensions cannot be loaded (SQLite leaves loading off unless enabled,
    /// and nothing here enables it). For analysts' ad-hoc queries.
    /// - Parameter acceptingOlder: open a store an earlier panelboard wrote as it
    ///   is (to back it up before an upgrade).
    public static func openReadOnly(at path: String, acceptingOlder: Bool = false) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.notFound(path: path) }
        do {
            return try openReadOnly(at: path, sqlitePath: path, acceptingOlder: acceptingOlder)
        } catch let error as StoreError where StoreFolder.isReadOnly(storePath: path) {
            // On read-only media, or in a folder the user may not write, SQLite
            // cannot make the shared-memory file a WAL reader needs. When no WAL
            // holds changes, nothing can be writing the store: read it as immutable.
            guard StoreFolder.walIsEmpty(storePath: path) else { throw error }
            return try openReadOnly(at: path, sqlitePath: StoreFolder.immutableURI(path), acceptingOlder: acceptingOlder)
        }
    }

    private static func openReadOnly(at path: String, sqlitePath: String, acceptingOlder: Bool) throws -> Store {
        var config = Configuration()
        config.readonly = true
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA query_only = ON")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // Reading through a memory map spares a system call per page: a
            // quarter's figures over a national store read tens of thousands.
            // SQLite caps the size at its build's limit (2 GB for Debian's).
            try db.execute(sql: "PRAGMA mmap_size = 68719476736")
            sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_ATTACHED, 0)
            // fts3_tokenizer('simple') answers with a pointer into the program's
            // memory: no use to an analyst, and a help to an attacker. A function of
            // the same name and arity, defined later, takes its place.
            for arity in [1, 2] {
                db.add(function: DatabaseFunction("fts3_tokenizer", argumentCount: arity, pure: false) { _ in
                    throw DatabaseError(resultCode: .SQLITE_AUTH, message: "fts3_tokenizer is not available in panelboard queries")
                })
            }
        }
        do {
            let queue = try DatabaseQueue(path: sqlitePath, configuration: config)
            // A read-only store cannot be upgraded here: say so, rather than fail
            // later on a column an earlier schema lacks.
            let schema = try queue.read { db in try SchemaState(db) }
            if !schema.holdsData { throw StoreError.notAStore(path: path) }
            if !schema.unknown.isEmpty { throw StoreError.newer(path: path, steps: schema.unknown) }
            if !schema.pending.isEmpty && !acceptingOlder { throw StoreError.older(path: path, steps: schema.pending) }
            return Store(path: path, queue: queue)
        } catch let error as DatabaseError {
            throw StoreError.damaged(error, path: path) ?? StoreError.sqlite(path: path, message: error.message ?? "\(error)")
        }
    }
}

/// The folder a store sits in, for opening it where nothing may be written.
enum StoreFolder {
    static func isReadOnly(storePath path: String) -> Bool {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return access(folder, W_OK) != 0
    }

    static func walIsEmpty(storePath path: String) -> Bool {
        var s = stat()
        return stat(path + "-wal", &s) != 0 || s.st_size == 0
    }

    /// `file:` URI for SQLite's immutable mode (Debian's SQLite takes URIs).
    static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardized.path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:" + encoded + "?immutable=1"
    }
}

/// Where a store's schema stands against the steps this build knows.
struct SchemaState {
    /// Steps this build has that the store has not had.
    let pending: [String]
    /// Steps the store has had that this build does not know (a newer panelboard).
    let unknown: [String]
    /// Whether the file is a panelboard store at all (it has the referrals table).
    let holdsData: Bool

    init(_ db: Database) throws {
        let migrator = Migrations.migrator
        let applied = try migrator.appliedIdentifiers(db)
        let known = Set(migrator.migrations)
        pending = migrator.migrations.filter { !applied.contains($0) }
        unknown = applied.filter { !known.contains($0) }.sorted()
        holdsData = try db.tableExists("referrals")
    }
}
