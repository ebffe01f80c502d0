import ArgumentParser
import Foundation
import PanelboardCore

extension Panelboard {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import an anonymised export bundle (a folder or files) into the store.",
            discussion: """
                Files are recognised by name: referrals.csv (required), actions.csv, \
                meetings.csv, attendance.csv, cohort.csv, incidents.csv, areas.csv, and \
                the panel profiles panels.csv, members.csv, holidays.csv (which may \
                also come alone, without referrals.csv); an \
                agency-mapping.csv in the folder is used as a mapping file. One bundle is \
                one transaction: every file lands, or none does. Importing the same \
                export again changes nothing; a later export updates rows by id.

                Strict by default: any invalid row refuses the whole import and every \
                problem is listed as file:line:column. Identifying data (names, dates of \
                birth, addresses, postcodes, phone numbers, e-mails, NHS and National Insurance numbers) is \
                refused and never echoed.

                With --raw FILE --table NAME, any CSV is loaded into a table of its own \
                (a lookup list, population figures) for joining in panelboard query: \
                column names come from the header, values are kept as written.

                Examples:
                  panelboard import exports/2024-q1/
                  panelboard import exports/2024-q1/ --mapping local-agencies.csv
                  panelboard import exports/2024-q1/ --skip-invalid --rejects rejects.csv
                  panelboard import --raw idva-caseloads.csv --table idva_caseloads
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var write: WriteOptions

        @Argument(help: ArgumentHelp("Bundle folders, or bundle files named by table (referrals.csv, ...).", valueName: "PATH"))
        var paths: [String] = []

        @Option(name: .customLong("file"), help: ArgumentHelp(
            "A file to import as a table whatever its name, e.g. referrals=export.csv. Repeatable.",
            valueName: "TABLE=PATH"))
        var explicitFiles: [String] = []

        @Option(name: .long, help: ArgumentHelp(
            "An agency mapping file (columns local_name, agency) turning local names into agency codes. Repeatable.",
            valueName: "FILE"))
        var mapping: [String] = []

        @Flag(name: .long, help: "Import the valid rows and write every invalid one, with its reasons, to --rejects.")
        var skipInvalid = false

        @Option(name: .long, help: ArgumentHelp("Where --skip-invalid writes rejected rows (CSV, owner-only).", valueName: "FILE"))
        var rejects: String?

        @Flag(name: .long, help: "Leave out columns whose names identify a person instead of refusing the file; they are never stored.")
        var dropIdentifyingColumns = false

        @Option(name: .long, help: ArgumentHelp("Dates after this day are errors. Default: today.", valueName: "YYYY-MM-DD"), transform: Day.argument)
        var asOf: Day?

        @Option(name: .long, help: ArgumentHelp("Load any CSV into a table of its own (needs --table).", valueName: "FILE"))
        var raw: String?

        @Option(name: .long, help: ArgumentHelp("With --raw: the table to load into.", valueName: "NAME"))
        var table: String?

        @Flag(name: .long, help: "With --raw: replace the table if it exists.")
        var replace = false

        @Option(name: .long, help: "The files' text encoding: utf-8 (the contract), or windows-1252 for a file saved by Excel on Windows.")
        var encoding: TextEncoding = .utf8

        func validate() throws {
            if let _ = raw {
                guard table != nil else { throw ValidationError("--raw needs --table NAME, the table to load into") }
                if !paths.isEmpty || !explicitFiles.isEmpty || skipInvalid || !mapping.isEmpty {
                    throw ValidationError("--raw loads one file on its own; bundle paths, --file, --mapping and --skip-invalid do not apply")
                }
                return
            }
            if table != nil || replace { throw ValidationError("--table and --replace go with --raw FILE") }
            if paths.isEmpty && explicitFiles.isEmpty {
                throw ValidationError("name a bundle folder or files to import, e.g. panelboard import exports/2024-q1/")
            }
            if skipInvalid && rejects == nil {
                throw ValidationError("--skip-invalid needs --rejects FILE, so that every row left out is accounted for")
            }
            if rejects != nil && !skipInvalid {
                throw ValidationError("--rejects goes with --skip-invalid")
            }
            if write.force && rejects == nil {
                throw ValidationError("--force goes with --rejects FILE (it lets the rejects file replace one Panelboard did not write)")
            }
            for spec in explicitFiles {
                let parts = spec.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, ExportTable(rawValue: String(parts[0]).lowercased()) != nil else {
                    throw ValidationError("--file takes TABLE=PATH, with TABLE one of \(ExportTable.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
        }

        func run() throws {
            if let raw, let table {
                return try runRaw(file: raw, table: table)
            }
            let explicit = explicitFiles.map { spec in
                let parts = spec.split(separator: "=", maxSplits: 1)
                return (ExportTable(rawValue: String(parts[0]).lowercased())!, String(parts[1]))
            }
            var options = ImportOptions()
            options.asOf = asOf ?? .today()
            options.skipInvalid = skipInvalid
            options.rejectsPath = rejects
            options.force = write.force
            options.dropIdentifyingColumns = dropIdentifyingColumns
            options.encoding = encoding
            options.mappingFiles = mapping.map { URL(fileURLWithPath: $0) }
            options.indexDeferral = Self.benchmarkPolicy(options.indexDeferral)
            // Benchmarks compare page cache sizes on one binary (Benchmarks/README.md).
            if let mb = ProcessInfo.processInfo.environment["PANELBOARD_BENCH_CACHE_MB"].flatMap(Int.init), (1...1024).contains(mb) {
                options.cacheMemory = mb << 20
            }
            // Benchmarks compare reading on the loading thread with reading ahead (Benchmarks/README.md).
            if ProcessInfo.processInfo.environment["PANELBOARD_BENCH_READER"] == "inline" { options.readAhead = false }
            let progress = TerminalProgress.isWanted ? TerminalProgress() : nil
            if let progress {
                options.progress = { file, bytes, total in progress.update(file: file, bytes: bytes, total: total) }
            }
            do {
                let bundle = try ExportBundle(paths: paths, explicit: explicit)
                let storeHandle = try Store.openForWriting(at: store.path, upgrading: announceUpgrade)
                let summary = try BundleImporter(store: storeHandle, options: options).run(bundle)
                progress?.finish()
                print(summary.text)
                for file in summary.files where !file.rebuiltIndexes.isEmpty {
                    print("\(file.file): \(file.rebuiltIndexes.count) indexes built after loading (a large file beside what the table held).")
                }
                print("Imported into \(store.path) (import \(summary.importID.map(String.init) ?? "?"), as of \(options.asOf.iso)).")
            } catch {
                progress?.finish()
                throw fail(error)
            }
        }

        private func runRaw(file: String, table: String) throws {
            do {
                // A file name that holds identifying data is refused before a store
                // is created for it.
                try RawImport.checkFileName(URL(fileURLWithPath: file))
                let storeHandle = try Store.openForWriting(at: store.path, upgrading: announceUpgrade)
                var load = RawImport(store: storeHandle, url: URL(fileURLWithPath: file), table: table)
                load.replace = replace
                load.dropIdentifyingColumns = dropIdentifyingColumns
                load.encoding = encoding
                let result = try load.run()
                print("Loaded \(result.rows) row\(result.rows == 1 ? "" : "s") into \(result.table) in \(store.path):")
                for column in result.columns { print("  \(column.name) \(column.type)") }
                if !result.droppedColumns.isEmpty {
                    print("identifying columns dropped, never stored: \(result.droppedColumns.joined(separator: ", "))")
                }
            } catch {
                throw fail(error)
            }
        }
    
        /// The benchmarks compare ways of building indexes on one binary
        /// (Benchmarks/README.md); nothing else sets these.
        static func benchmarkPolicy(_ policy: IndexDeferralPolicy,
                                    environment: [String: String] = ProcessInfo.processInfo.environment) -> IndexDeferralPolicy {
            var policy = policy
            switch environment["PANELBOARD_BENCH_INDEXES"] {
            case "row-by-row": policy.minimumRows = .max
            case "after": policy.sampleRows = 1; policy.minimumRows = 0; policy.incomingPerStored = 0
            default: break
            }
            if let threads = environment["PANELBOARD_BENCH_SORT_THREADS"].flatMap(Int.init), (0...8).contains(threads) {
                policy.sortThreads = threads
            }
            if let mb = environment["PANELBOARD_BENCH_SORT_MB"].flatMap(Int.init), (1...1024).contains(mb) {
                policy.sortMemory = mb << 20
            }
            // 0: the import's own page cache all through.
            if let mb = environment["PANELBOARD_BENCH_LOAD_CACHE_MB"].flatMap(Int.init), (0...1024).contains(mb) {
                policy.loadCacheMemory = mb == 0 ? nil : mb << 20
            }
            return policy
        }
}
}
