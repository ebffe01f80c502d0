import Foundation
import GRDB
import Testing
@testable import PanelboardCore

#if canImport(Glibc)
import Glibc
#endif

/// The guard and the typing run on the reading thread when a file is read ahead
/// (issue 17): what reaches the writing thread is what parsing inline makes, and
/// every guarantee of the import holds over many batches.
@Suite struct ImportParseAheadTests {
    typealias Workspace = ImportIndexDeferralTests.Workspace

    /// A row as the writing side gets it: every typed value, the problems, the
    /// flagged cells, the field count's verdict and the unknown agency names.
    static func describe(_ parsed: ParsedRow, columns: Int) -> String {
        let values = (0..<columns).map { parsed.row.string($0) ?? "∅" }.joined(separator: "|")
        return [values, parsed.problems.map(\.description).joined(separator: ";"),
                parsed.identifyingFields.sorted().map(String.init).joined(separator: ","),
                String(parsed.misaligned), parsed.unmappedAgencies.joined(separator: ",")].joined(separator: " / ")
    }

    /// The referrals file with a row of each kind of problem, spread over the file:
    /// an identifying cell, a bad date, a short row, an agency no mapping knows.
    static func troubled(_ lines: [Substring]) -> [Substring] {
        var lines = lines
        func edit(_ k: Int, _ change: (inout [Substring]) -> Void) {
            var fields = lines[k].split(separator: ",", omittingEmptySubsequences: false)
            change(&fields)
            lines[k] = Substring(fields.joined(separator: ","))
        }
        edit(10) { $0[3] = "07700 900123" }
        edit(lines.count / 2) { $0[5] = "2019-02-30" }
        edit(lines.count - 200) { $0.removeLast() }
        edit(lines.count - 100) { $0[8] = "Unlisted Outreach Service" }
        edit(lines.count - 1) { $0[7] = "31/12/2019"; $0[4] = "SW1A 1AA" }
        return lines
    }

    @Test func theRowsParsedOnTheReadingThreadAreTheRowsParsedInline() throws {
        let w = try Workspace(referrals: 6_000)
        defer { w.cleanUp() }
        let folder = try w.referrals("troubled", Self.troubled)
        let url = URL(fileURLWithPath: folder).appendingPathComponent("referrals.csv")
        var mapping = AgencyMapping()
        try mapping.load(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent("agency-mapping.csv"))
        let columns = ExportTable.referrals.columns.count

        var inline: [String] = []
        var parser: RowParser?
        var scratch = ParsedRow(columns: columns)
        _ = try CSVFile.read(url: url, encoding: .utf8, progress: nil) { record in
            guard parser != nil else {
                parser = try RowParser(header: record, table: .referrals, fileName: "referrals.csv", mapping: mapping,
                                       dropIdentifyingColumns: false, asOf: w.options.to)
                return
            }
            parser!.parse(record, into: &scratch)
            inline.append(Self.describe(scratch, columns: columns))
        }

        var ahead: [String] = []
        var header = true
        let stage = ParsingStage(table: .referrals, fileName: "referrals.csv", mapping: mapping,
                                 dropIdentifyingColumns: false, asOf: w.options.to)
        _ = try ReadAhead.read(url: url, encoding: .utf8, progress: nil, stage: stage) { _, parsed in
            if header { header = false; return }
            ahead.append(Self.describe(parsed, columns: columns))
        }

        // More rows than the queue holds, so batches (and their parsed rows) are reused.
        #expect(inline.count > ReadAhead.batchRecords * (ReadAhead.depth + 1))
        #expect(ahead == inline)
        #expect(ahead.filter { $0.contains("referrals.csv:") }.count == 4)
        #expect(ahead.contains { $0.hasSuffix("Unlisted Outreach Service") })
        #expect(ahead.contains { $0.contains("/ true /") })
        // Typed, not as written: a day-first date is stored as ISO.
        #expect(ahead.last!.contains("2019-12-31"))
        // Masked wherever it is named.
        #expect(!ahead.joined().contains("900123") && !ahead.joined().contains("SW1A"))
    }

    /// A stage's work is done on the reading thread, each record's output handed
    /// over with that record.
    struct ThreadStage: ReadingStage {
        struct Output: Sendable { var thread: pthread_t = 0; var first = "" }
        func makeOutput() -> Output { Output() }
        func prepare(_ record: CSVRecord, into output: inout Output) {
            output = Output(thread: pthread_self(), first: record.string(0))
        }
    }

    @Test func aStageRunsOnTheReadingThreadWithEachRecordsOutputBesideIt() throws {
        let f = try ImportReadAheadTests.Folder()
        defer { f.cleanUp() }
        let url = try f.file("many.csv", ImportReadAheadTests.manyChunks())
        let loading = pthread_self()
        var records = 0, mismatched = 0, onLoadingThread = 0
        _ = try ReadAhead.read(url: url, encoding: .utf8, progress: nil, stage: ThreadStage()) { record, output in
            records += 1
            if output.first != record.string(0) { mismatched += 1 }
            if pthread_equal(output.thread, loading) != 0 { onLoadingThread += 1 }
        }
        #expect(records > 100_000)
        #expect(mismatched == 0)
        #expect(onLoadingThread == 0)
    }

    @Test func anErrorInALateBatchNamesItsLineAndRollsBackEverything() throws {
        let w = try Workspace(referrals: 6_000)
        defer { w.cleanUp() }
        var rows = 0
        let folder = try w.referrals("late") { lines in
            rows = lines.count - 1
            var lines = lines
            var fields = lines[lines.count - 1].split(separator: ",", omittingEmptySubsequences: false)
            fields[3] = "07700 900123"
            lines[lines.count - 1] = Substring(fields.joined(separator: ","))
            return lines
        }
        #expect(rows > ReadAhead.batchRecords * (ReadAhead.depth + 1))
        let store = try w.store("late.sqlite")
        for deferring in [true, false] {
            let error = #expect(throws: ImportError.self) {
                try w.run(store, paths: [folder], deferring: deferring) { $0.readAhead = true }
            }
            guard case let .invalidRows(problems, total)? = error else {
                Issue.record("expected invalid rows, got \(String(describing: error))")
                continue
            }
            #expect(total == 1)
            #expect(problems.first?.line == rows + 1)
            #expect(problems.first?.column == 4)
            #expect(!"\(error!)".contains("900123"))
            let stored = try store.queue.read { db in
                try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM referrals) + (SELECT count(*) FROM import_keys)")
            }
            #expect(stored == 0)
        }
    }

    @Test func aHeaderRefusedOnTheReadingThreadIsRefusedAsInline() throws {
        let w = try Workspace(referrals: 200)
        defer { w.cleanUp() }
        let folder = try w.referrals("header") { lines in
            var lines = lines
            lines[0] = Substring(lines[0].replacingOccurrences(of: "victim_ref", with: "Victim Name"))
            return lines
        }
        var messages: [String] = []
        for readAhead in [true, false] {
            let error = #expect(throws: ImportError.self) {
                try w.run(try w.store("header-\(readAhead).sqlite"), paths: [folder], deferring: false) {
                    $0.readAhead = readAhead
                }
            }
            messages.append(error.map { "\($0)" } ?? "none")
        }
        #expect(messages[0] == messages[1])
        #expect(messages[0].contains("Victim Name"))
    }

    @Test func rejectsSummaryAndStoreAreTheSameReadAheadAsInline() throws {
        let w = try Workspace(referrals: 6_000)
        defer { w.cleanUp() }
        let folder = try w.referrals("troubled", Self.troubled)
        var results: [(summary: ImportSummary, rejects: String, dump: String)] = []
        for readAhead in [true, false] {
            let store = try w.store("rejects-\(readAhead).sqlite")
            let rejects = w.folder.appendingPathComponent("rejects-\(readAhead).csv").path
            let summary = try w.run(store, paths: [folder], deferring: true) {
                $0.readAhead = readAhead
                $0.skipInvalid = true
                $0.rejectsPath = rejects
            }
            results.append((summary, try String(contentsOfFile: rejects, encoding: .utf8),
                            try ImportIndexDeferralTests.dump(store)))
            // Again: every kept row unchanged, the same rows rejected.
            let again = try w.run(store, paths: [folder], deferring: true) {
                $0.readAhead = readAhead
                $0.skipInvalid = true
                $0.rejectsPath = rejects
                $0.force = true
            }
            #expect(again.files[0].new == 0 && again.files[0].changed == 0)
            #expect(again.files[0].unchanged == summary.files[0].new)
            #expect(again.files[0].rejected == summary.files[0].rejected)
        }
        let (a, b) = (results[0], results[1])
        #expect(a.summary.files[0].rejected == 4)
        #expect(a.summary.files[0].unmappedAgencies == ["Unlisted Outreach Service": 1])
        #expect(a.summary.files.map(\.rowsRead) == b.summary.files.map(\.rowsRead))
        #expect(a.summary.files.map(\.new) == b.summary.files.map(\.new))
        #expect(a.summary.files.map(\.rejected) == b.summary.files.map(\.rejected))
        #expect(a.summary.files.map(\.unmappedAgencies) == b.summary.files.map(\.unmappedAgencies))
        #expect(a.rejects == b.rejects)
        #expect(!a.rejects.contains("900123") && !a.rejects.contains("SW1A"))
        #expect(a.dump == b.dump)
    }
}
