import Foundation
import GRDB

/// When an import builds a table's secondary indexes after loading, rather than
/// keeping them up to date row by row.
public struct IndexDeferralPolicy: Sendable {
    /// Rows read before deciding: the file's size over their mean size estimates
    /// how many rows it has, and the share of them that are new how many are new.
    public var sampleRows = 1_000
    /// Never for a file estimated to bring fewer new rows than this: small indexes stay in the page
    /// cache, so row-by-row costs little and a rebuild would only add the sort.
    public var minimumRows = 50_000
    /// Only when the file brings at least this many rows per row already stored: a
    /// rebuild sorts every row of the table, old and new, so a quarter's 30,000
    /// rows into a million stay row by row.
    public var incomingPerStored = 0.5
    /// Memory SQLite's sorter may hold per run while it builds an index (it spills
    /// to `SortFolder` beyond that); the page cache is this size during the build.
    /// 16 MiB took a whole bundle's import over 100 MB; 4 MiB makes a million rows
    /// ten runs, which one merge pass reads (Benchmarks/RESULTS.md).
    public var sortMemory = 4 << 20
    /// Helper threads for SQLite's sorter (`PRAGMA threads`): measured no faster
    /// on the shared two-core machine, and 4 MB more memory (Benchmarks/RESULTS.md).
    public var sortThreads = 0
    /// The page cache while a file loads with its indexes dropped (nil: the
    /// import's own, `ImportOptions.cacheMemory`). Without the indexes a load
    /// writes the table and its key only, which need few pages at once; the
    /// import's cache is for the row-by-row case, whose index pages are spread over
    /// the whole table. 16 MiB took the national bundle's peak under 100 MB
    /// (Benchmarks/RESULTS.md).
    public var loadCacheMemory: Int? = 16 << 20

    public init() {}
}

/// One file's index deferral: after a sample of rows, drops the table's secondary
/// indexes when the file is large beside what the table holds, and builds them
/// again, each in one sorted pass, when the file ends. Inside the import's
/// transaction, so a refused import rolls the drop back with everything else.
///
/// Only non-unique indexes the contract's checks never read are dropped: keys
/// (primary and unique) stay, so duplicate keys, upserts and references are found
/// by the same look-ups as ever.
struct IndexDeferral {
    let table: ExportTable
    let storePath: String
    let fileBytes: Int
    let policy: IndexDeferralPolicy
    private let storedRows: Int
    private var sampled = 0
    private var sampledBytes = 0
    private var sampledNew = 0
    /// The dropped indexes' names and definitions, in creation order.
    private(set) var dropped: [(name: String, sql: String)] = []
    /// The page cache's size (`PRAGMA cache_size`) before the drop cut it.
    private var cacheBefore: Int?

    init(db: Database, table: ExportTable, storePath: String, fileBytes: Int, policy: IndexDeferralPolicy) throws {
        self.table = table
        self.storePath = storePath
        self.fileBytes = fileBytes
        self.policy = policy
        // max(rowid) is one step down the table's B-tree, where count(*) reads a
        // whole index; it over-counts after deletions, which only errs towards
        // keeping the indexes.
        if let top = try? Int.fetchOne(db, sql: "SELECT max(rowid) FROM \(table.rawValue)") {
            storedRows = top
        } else {
            storedRows = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.rawValue)") ?? 0
        }
    }

    /// The estimate of the file's new rows, once sampled: only rows that are new
    /// write to the indexes (an unchanged row writes nothing, so a re-import of the
    /// same export keeps its indexes).
    var estimatedNewRows: Int? {
        guard sampled >= policy.sampleRows, sampledBytes > 0 else { return nil }
        let rows = Double(fileBytes) / (Double(sampledBytes) / Double(sampled))
        return Int(rows * Double(sampledNew) / Double(sampled))
    }

    /// Called after each row (loaded or rejected) with its record and whether it was new.
    mutating func observe(_ record: CSVRecord, isNew: Bool, db: Database) throws {
        guard sampled < policy.sampleRows else { return }
        sampled += 1
        if isNew { sampledNew += 1 }
        // The record's bytes, a separator per field and the line break: near enough
        // to the bytes on disk for an estimate (quotes are not counted).
        sampledBytes += record.bytes.count + record.count
        guard sampled == policy.sampleRows, let estimate = estimatedNewRows,
              estimate >= policy.minimumRows,
              Double(estimate) >= Double(storedRows) * policy.incomingPerStored else { return }
        try drop(db)
    }

    private mutating func drop(_ db: Database) throws {
        let indexes = try Row.fetchAll(db, sql: """
            SELECT m.name, m.sql FROM sqlite_master m
            JOIN pragma_index_list(?1) l ON l.name = m.name
            WHERE m.type = 'index' AND m.tbl_name = ?1 AND m.sql IS NOT NULL AND l."unique" = 0 AND l.origin = 'c'
            ORDER BY m.rowid
            """, arguments: [table.rawValue])
        dropped = indexes.map { (name: $0["name"], sql: $0["sql"]) }
        for index in dropped { try db.execute(sql: "DROP INDEX \(index.name.quotedDatabaseIdentifier)") }
        if let memory = policy.loadCacheMemory, !dropped.isEmpty {
            cacheBefore = try Int.fetchOne(db, sql: "PRAGMA cache_size")
            try db.execute(sql: "PRAGMA cache_size = \(-(memory / 1024))")
        }
    }

    /// Builds the dropped indexes again; called when the file has been read.
    func finish(_ db: Database) throws {
        guard !dropped.isEmpty else { return }
        try SortFolder.sorting(db: db, sortMemory: policy.sortMemory, threads: policy.sortThreads) {
            for index in dropped { try db.execute(sql: index.sql) }
        }
        // The next file may keep its indexes row by row.
        if let cacheBefore { try db.execute(sql: "PRAGMA cache_size = \(cacheBefore)") }
    }
}
