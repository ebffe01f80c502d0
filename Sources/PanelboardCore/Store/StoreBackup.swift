import Foundation
import GRDB

/// A consistent copy of the store, taken with SQLite's online backup API from one
/// read transaction: others go on reading (and an import may run) meanwhile, and the
/// copy is the store as of one moment. It is written beside its target and put in
/// place only once SQLite's integrity check passes on it.
extension Store {
    /// The entries of a store's import log (refused imports and raw loads
    /// included), or nil when the file cannot be read as a store. The demo's own
    /// store holds one; a store with more has been added to by someone.
    public static func importCount(at path: String) -> Int? {
        guard let store = try? openReadOnly(at: path, acceptingOlder: true) else { return nil }
        return try? store.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM imports") }
    }
}

public enum StoreBackup {
    /// `PRAGMA application_id` of a backup ("PBBK"), so that the next backup to the
    /// same file may replace it without --force.
    static let applicationID: Int32 = 0x5042_424B

    /// A SQLite file whose application id is a backup's.
    public static let marker = OutputMarker { head in
        guard head.count >= 72, head.starts(with: Array("SQLite format 3\0".utf8)) else { return false }
        let id = head[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return Int32(bitPattern: id) == applicationID
    }

    public struct Result: Sendable {
        public let path: String
        public let pages: Int
        public let bytes: Int
    }

    public static func copy(_ store: Store, to path: String, policy: OutputPolicy,
                            progress: ((Int, Int) -> Void)? = nil) throws -> Result {
        let writer = try SafeFileWriter(path: path, policy: policy, marker: marker)
        do {
            var pages = 0
            var config = Configuration()
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA temp_store = MEMORY") }
            let destination = try DatabaseQueue(path: writer.temporaryPath, configuration: config)
            try store.queue.backup(to: destination, pagesPerStep: 1024) { step in
                pages = step.totalPageCount
                progress?(step.completedPageCount, step.totalPageCount)
            }
            let check = try destination.writeWithoutTransaction { db -> [String] in
                // A single file, whatever the store's journal: it may be copied or
                // sent on alone.
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
                try db.execute(sql: "PRAGMA application_id = \(applicationID)")
                return try String.fetchAll(db, sql: "PRAGMA integrity_check")
            }
            try destination.close()
            guard check == ["ok"] else { throw StoreError.backupFailedCheck(path: path) }
            try writer.commit()
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return Result(path: path, pages: pages, bytes: size)
        } catch {
            writer.discard()
            for suffix in ["-journal", "-wal", "-shm"] { unlink(writer.temporaryPath + suffix) }
            if let error = error as? DatabaseError {
                if let damaged = StoreError.damaged(error, path: store.path) { throw damaged }
                // Anything else went wrong on the copy's side (SQLite reports a
                // failed write to the copy through the store's connection, as "not
                // an error" when it has nothing better to say).
                let said = error.message.flatMap { $0 == "not an error" ? nil : $0 } ?? "\(error.resultCode)"
                throw OutputError.cannotWrite(path: path, reason: "\(said) (is there room on the disk?)")
            }
            throw error
        }
    }
}

/// SQLite's own check of a store file: every page, every index against its table.
/// It opens the file read-only without reading the schema first, so it works on a
/// store too damaged for any other command.
public enum StoreCheck {
    public struct Result: Sendable {
        /// `["ok"]`, or what SQLite found (at most `limit` lines).
        public let findings: [String]
        public var isSound: Bool { findings == ["ok"] }
    }

    public static func run(at path: String, limit: Int = 100) throws -> Result {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.notFound(path: path) }
        do {
            let queue = try Store.plainReadOnlyQueue(at: path)
            let findings = try queue.read { db in
                try String.fetchAll(db, sql: "PRAGMA integrity_check(\(max(1, limit)))")
            }
            try queue.close()
            return Result(findings: findings)
        } catch let error as DatabaseError {
            if error.resultCode.primaryResultCode == .SQLITE_CORRUPT {
                return Result(findings: [error.message ?? "database disk image is malformed"])
            }
            throw StoreError.damaged(error, path: path) ?? StoreError.sqlite(path: path, message: error.message ?? "\(error)")
        }
    }
}
