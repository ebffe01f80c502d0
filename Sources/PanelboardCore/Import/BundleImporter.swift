import Foundation
import GRDB

public struct ImportOptions: Sendable {
    /// Dates after this day are errors (an export cannot record the future).
    public var asOf: Day = .today()
    /// Keep the valid rows and write the rest to `rejectsPath`.
    public var skipInvalid = false
    public var rejectsPath: String?
    /// Replace an existing rejects file that Panelboard did not write.
    public var force = false
    /// Leave identifying columns out instead of refusing the file.
    public var dropIdentifyingColumns = false
    public var encoding: TextEncoding = .utf8
    /// Mapping files given on the command line, read after any in the bundle.
    public var mappingFiles: [URL] = []
    /// How many problems a refused import lists before "... and N more".
    public var problemLimit = 50
    /// Called as files are read: file name, bytes read, file size.
    public var progress: (@Sendable (String, Int, Int) -> Void)?
    /// When a large file's indexes are built after its rows are loaded.
    public var indexDeferral = IndexDeferralPolicy()
    /// Read each file on a second thread while this one loads it (`ReadAhead`).
    public var readAhead = true
    /// The page cache for the import's transaction, in bytes. It holds the index
    /// pages a file written row by row updates (a quarter into a national store);
    /// a file loaded with its indexes dropped runs with less
    /// (`IndexDeferralPolicy.loadCacheMemory`). 48 MiB took that case to 104 MB
    /// and 300,000 rows into 700,000 to 107 MB; 32 MiB keeps them at 84 and 87 MB
    /// for 5% more CPU on the larger (Benchmarks/RESULTS.md, issue 17, fifth session).
    public var cacheMemory = 32 << 20

    public init() {}
}

/// Imports an export bundle into the store: every file in one transaction, every
/// cell checked against the data contract and the identifying-data guard, rows
/// upserted by their keys so the same export twice changes nothing.
public struct BundleImporter {
    public let store: Store
    public let options: ImportOptions

    public init(store: Store, options: ImportOptions) {
        self.store = store
        self.options = options
    }

    public func run(_ bundle: ExportBundle) throws -> ImportSummary {
        if options.skipInvalid && options.rejectsPath == nil { throw ImportError.rejectsNeeded }
        var mapping = AgencyMapping()
        for url in bundle.mappings + options.mappingFiles { try mapping.load(contentsOf: url) }

        let startedAt = Timestamp.now()
        var summaries: [FileSummary] = []
        var problems: [ImportProblem] = []
        var problemCount = 0
        let rejects = try options.rejectsPath.map { path in
            try RejectsFile(path: path, policy: outputPolicy(for: bundle))
        }
        defer { rejects?.discard() }

        let mode = options.skipInvalid ? "skip_invalid" : "strict"
        func summary(_ status: ImportSummary.Status) -> ImportSummary {
            ImportSummary(importID: nil, status: status, files: summaries, ignoredFiles: bundle.ignored,
                          rejectsPath: options.rejectsPath, asOf: options.asOf)
        }
        var failure: Error?
        var importID: Int64?
        do {
            try store.queue.writeWithoutTransaction { db in
                // A bigger page cache for the import's one transaction: without it,
                // SQLite spills index pages to the WAL and reads them back all the
                // way through a large file (`ImportOptions.cacheMemory`).
                let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
                try db.execute(sql: "PRAGMA cache_size = \(-(options.cacheMemory / 1024))")
                defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
                // The store stays in WAL mode throughout (docs/data-contract.md, "The
                // store"): readers go on reading the last committed state while an
                // import runs, and an import killed part-way leaves only frames no
                // commit ever covered, which every reader ignores.
                try SortFolder.temporaryFiles(store: store.path, db: db) {
                    try db.inTransaction(.immediate) {
                        // With the write lock held, no live import owns a sort folder;
                        // it goes before the lock does, on commit or rollback.
                        try SortFolder.make(forStore: store.path)
                        defer { SortFolder.remove(forStore: store.path) }
                        try db.execute(sql: "DELETE FROM import_keys")
                        try ImportChanges.discardUnstamped(in: db)
                        // Tables empty as their file began: nothing in them can have disappeared.
                        var firstLoaded: Set<String> = []
                        for file in bundle.files {
                            var summary = FileSummary(file: file.url.lastPathComponent, table: file.table)
                            defer { summaries.append(summary) }
                            // The file's own size, not a link's: the index deferral
                            // estimates its rows from it.
                            let size = (try? FileManager.default.attributesOfItem(
                                atPath: file.url.resolvingSymlinksInPath().path)[.size] as? Int) ?? 0
                            var loader = TableLoader(
                                db: db, table: file.table, fileName: summary.file, mapping: mapping, options: options,
                                storePath: store.path, fileBytes: size)
                            let name = summary.file
                            let progress = options.progress.map { report in { @Sendable (bytes: Int) in report(name, bytes, size) } }
                            func tally(_ record: CSVRecord, _ outcome: RowOutcome?) throws {
                                guard let outcome else { return }
                                summary.rowsRead += 1
                                switch outcome {
                                case .new: summary.new += 1
                                case .changed: summary.changed += 1
                                case .unchanged: summary.unchanged += 1
                                case let .rejected(rowProblems, maskedRecord):
                                    summary.rejected += 1
                                    problemCount += rowProblems.count
                                    for problem in rowProblems where problems.count < options.problemLimit {
                                        problems.append(problem)
                                    }
                                    try rejects?.write([
                                        summary.file, String(record.line),
                                        rowProblems.map { p in
                                            (p.column.map { "column \($0)" } ?? "row")
                                                + (p.columnName.map { " (\($0))" } ?? "") + ": " + p.message
                                        }.joined(separator: "; "),
                                        maskedRecord,
                                    ])
                                }
                            }
                            // Read ahead, the guard and the typing run on the reading
                            // thread too; this one checks against the store and writes.
                            let digest = options.readAhead
                                ? try ReadAhead.read(url: file.url, encoding: options.encoding, progress: progress,
                                                     stage: loader.parsingStage) { record, parsed in
                                    try tally(record, loader.load(record, parsed: &parsed))
                                }
                                : try CSVFile.read(url: file.url, encoding: options.encoding, progress: progress) { record in
                                    try tally(record, loader.load(record))
                                }
                            if !loader.sawHeader { throw ImportError.emptyFile(file: summary.file) }
                            if loader.wasFirstLoad { firstLoaded.insert(file.table.rawValue) }
                            summary.rebuiltIndexes = try loader.finish()
                            summary.sha256 = digest.sha256
                            summary.bytes = digest.bytes
                            summary.unknownColumns = loader.unknownColumns
                            summary.droppedColumns = loader.droppedColumns
                            summary.unmappedAgencies = loader.unmappedAgencies
                        }
                        // The disappeared-rows list groups every key the import saw by
                        // panel: a sort as large as the import. SQLite's sorter keeps it
                        // all in memory with temp_store = MEMORY (the store's setting; two
                        // million actions took the import from 61 to 135 MB), and
                        // otherwise in runs the size of the page cache, on top of it;
                        // capped, it spills in small runs (Benchmarks/RESULTS.md).
                        try SortFolder.sorting(db: db, sortMemory: options.indexDeferral.sortMemory, threads: 0) {
                            try ImportChanges.noteDisappeared(in: db, skipping: firstLoaded)
                            // Emptying the keys (secure_delete overwrites every page
                            // of them) with the import's 48 MiB cache took the national
                            // bundle's anonymous memory from 30 to 60 MB at its very
                            // end; each page is written once, so a small cache does.
                            try db.execute(sql: "DELETE FROM import_keys")
                        }
                        if problemCount > 0 && !options.skipInvalid {
                            throw ImportError.invalidRows(problems, total: problemCount)
                        }
                        // The calendar deadlines are looked up in, in step with the closures.
                        try WorkingCalendarTable.refresh(db, holidaysChanged: bundle.files.contains { $0.table == .holidays })
                        // The rejected rows are on disk, in place, before the valid ones
                        // commit: rows in = rows stored + rows rejected holds on disk, not
                        // only in the summary. A full disk here rolls the import back; a
                        // failed commit below takes the rejects file away again.
                        try rejects?.commit()
                        // The log's entry commits with the rows it describes: a reader
                        // that sees one sees the other (figures computed on several
                        // connections compare the log's newest entry to know they saw
                        // the same store).
                        importID = try ImportLog.record(summary(.imported), mode: mode, startedAt: startedAt, in: db)
                        try ImportChanges.stamp(importID!, in: db)
                        return .commit
                    }
                }
            }
        } catch {
            failure = error
        }

        // The checkpoint is the importer's: it moves what the import wrote from the
        // WAL into the store while no reader needs the older pages, and (with the
        // store's journal_size_limit) gives the WAL's disk space back.
        if failure == nil { try? store.checkpoint() }
        guard let failure else {
            var result = summary(.imported)
            result.importID = importID
            return result
        }
        rejects?.withdraw()
        // A refused import is recorded too, after its rollback, so the log shows
        // every attempt to load data into the store.
        // It names no header or cell of the refused bundle: they have not all been
        // through the guard.
        var refused = summary(.refused)
        refused.files = refused.files.map(\.withoutCellValues)
        // Not into a store SQLite says is damaged: writing to it can only make it worse.
        let damaged = (failure as? DatabaseError).flatMap { StoreError.damaged($0, path: store.path) } != nil
        if !damaged {
            _ = try? store.queue.write { db in try ImportLog.record(refused, mode: mode, startedAt: startedAt, in: db) }
        }
        if let error = failure as? ImportError { throw error }
        if let error = failure as? DatabaseError {
            if let damaged = StoreError.damaged(error, path: store.path) { throw damaged }
            if error.resultCode.primaryResultCode == .SQLITE_BUSY { throw StoreError.busy(path: store.path) }
            throw ImportError.store(error.message ?? "\(error)")
        }
        throw failure
    }

    /// What the rejects file must never be: the store, its journal, or a file this
    /// import reads.
    private func outputPolicy(for bundle: ExportBundle) -> OutputPolicy {
        var policy = OutputPolicy(force: options.force)
        policy.protectStore(store.path)
        for file in bundle.files { policy.protectInput(file.url.path) }
        for url in bundle.mappings + options.mappingFiles { policy.protectInput(url.path) }
        return policy
    }
}
