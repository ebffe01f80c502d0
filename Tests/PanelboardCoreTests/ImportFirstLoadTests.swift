import Foundation
import GRDB
import Testing
@testable import PanelboardCore

/// A file loaded into an empty table (`FirstLoad`) stages only its rejected rows'
/// keys and finds a second row by the table's own key, with every guarantee of the
/// staged import into a table that holds rows.
@Suite struct ImportFirstLoadTests {
    typealias Workspace = ImportIndexDeferralTests.Workspace

    /// Logs every key the import stages in `import_keys`, in a table of the test's
    /// own that the import's emptying of `import_keys` leaves alone.
    static func logStaging(_ store: Store) throws {
        try store.queue.write { db in
            try db.execute(sql: """
                CREATE TABLE staged_log (table_name TEXT, key TEXT, line INTEGER);
                CREATE TRIGGER staged_log AFTER INSERT ON import_keys BEGIN
                    INSERT INTO staged_log VALUES (NEW.table_name, NEW.key, NEW.line);
                END;
                """)
        }
    }

    static func staged(_ store: Store) throws -> [String] {
        try store.queue.write { db in
            defer { try? db.execute(sql: "DELETE FROM staged_log") }
            return try String.fetchAll(db, sql: "SELECT key || ' ' || line FROM staged_log ORDER BY line")
        }
    }

    /// The file's line `n` (1-based) with field `field` (0-based) set to `value`.
    static func set(_ lines: inout [Substring], line n: Int, field: Int, _ value: String) {
        var fields = lines[n - 1].split(separator: ",", omittingEmptySubsequences: false)
        fields[field] = Substring(value)
        lines[n - 1] = Substring(fields.joined(separator: ","))
    }

    static func key(_ line: Substring) -> String { String(line.prefix { $0 != "," }) }

    /// Statements that read the staged referrals' keys back (the disappeared-rows
    /// scan) while the import runs.
    final class Reads: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func note() { lock.withLock { count += 1 } }
        func take() -> Int { lock.withLock { defer { count = 0 }; return count } }
    }

    @Test(arguments: [false, true])
    func aFirstLoadStagesOnlyTheRejectedRowsKeys(deferring: Bool) throws {
        let w = try Workspace(referrals: 300)
        defer { w.cleanUp() }
        let store = try w.store("store.sqlite")
        try Self.logStaging(store)
        let reads = Reads()
        store.queue.inDatabase { db in
            db.trace(options: .statement) { event in
                guard case let .statement(statement) = event,
                      statement.sql.contains("FROM import_keys k JOIN referrals t") else { return }
                reads.note()
            }
        }
        var original: [Substring] = []
        // Line 5's date is no day of the calendar; line 8 has a field too many.
        let path = try w.referrals("bad") { lines in
            original = lines
            var lines = lines
            Self.set(&lines, line: 5, field: 5, "2024-02-30")
            lines[7] += ","
            return lines
        }
        let rejects = w.folder.appendingPathComponent("rejects.csv").path
        func run() throws -> FileSummary {
            try w.run(store, paths: [path], deferring: deferring) {
                $0.skipInvalid = true
                $0.rejectsPath = rejects
                $0.force = true
            }.files[0]
        }
        let first = try run()
        #expect(first.rejected == 2)
        #expect(first.new == original.count - 3)
        #expect(try Self.staged(store) == ["\(Self.key(original[4])) 5", "\(Self.key(original[7])) 8"])
        #expect(reads.take() == 0)

        // Into a table that holds rows, every row's key is staged, and read back
        // for the disappeared-rows list.
        let again = try run()
        #expect(again.unchanged == first.new && again.rejected == 2)
        let all = try Self.staged(store)
        #expect(all.count == original.count - 1)
        #expect(all.first == "\(Self.key(original[1])) 2")
        #expect(reads.take() > 0)
    }

    /// The same file into an empty table and into one holding another row: the
    /// same rejects, the same problems (each duplicate naming its first line), the
    /// same rows stored.
    @Test(arguments: [true, false])
    func manyDuplicatesNameTheirFirstLineAsTheStagedImportDoes(skipInvalid: Bool) throws {
        let w = try Workspace(referrals: 300)
        defer { w.cleanUp() }
        var expected: [Int: Int] = [:]  // line of a second row: the line it names
        var rows = 0
        let path = try w.referrals("dups") { lines in
            var lines = lines
            let original = lines
            rows = lines.count - 1
            func append(_ line: Substring, sameAs first: Int?) {
                lines.append(line)
                if let first { expected[lines.count] = first }
            }
            // Fifty rows again, each a second row of a kept one.
            for n in 2...51 { append(original[n - 1], sameAs: n) }
            // A second row of a kept one, with a bad date of its own too.
            var bad = lines
            Self.set(&bad, line: 60, field: 5, "2024-02-30")
            append(bad[59], sameAs: 60)
            // A rejected row, then its key twice in good rows.
            Self.set(&lines, line: 70, field: 5, "2024-13-01")
            append(original[69], sameAs: 70)
            append(original[69], sameAs: 70)
            // A row with a field too many, then its key in a good row.
            lines[79] += ","
            append(original[79], sameAs: 80)
            // A key new to the file, three times.
            var fresh = original
            Self.set(&fresh, line: 2, field: 0, "R9000001")
            append(fresh[1], sameAs: nil)
            let freshLine = lines.count
            append(fresh[1], sameAs: freshLine)
            append(fresh[1], sameAs: freshLine)
            // A third row of line 2's key.
            append(original[1], sameAs: 2)
            return lines
        }
        let other = try w.referrals("other") { lines in
            var lines = Array(lines.prefix(2))
            Self.set(&lines, line: 2, field: 0, "R8000001")
            return lines
        }

        struct Outcome: Equatable {
            var rejects: String?
            var problems: [ImportProblem]
            var total: Int
            var counts: [Int]
            var rows: [String]
        }
        func load(preloading: Bool) throws -> Outcome {
            let store = try w.store("store-\(preloading)-\(skipInvalid).sqlite")
            if preloading { _ = try w.run(store, paths: [other], deferring: false) }
            let rejects = w.folder.appendingPathComponent("rejects-\(preloading)-\(skipInvalid).csv").path
            var outcome = Outcome(problems: [], total: 0, counts: [], rows: [])
            do {
                let summary = try w.run(store, paths: [path], deferring: true) {
                    $0.skipInvalid = skipInvalid
                    if skipInvalid { $0.rejectsPath = rejects }
                    $0.problemLimit = 1_000
                }
                let file = summary.files[0]
                #expect(file.rowsRead == file.stored + file.rejected)
                outcome.counts = [file.rowsRead, file.new, file.changed, file.unchanged, file.rejected]
                outcome.rejects = try String(contentsOfFile: rejects, encoding: .utf8)
            } catch let ImportError.invalidRows(problems, total) {
                outcome.problems = problems
                outcome.total = total
            }
            outcome.rows = try store.queue.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM referrals WHERE referral_id <> 'R8000001' ORDER BY referral_id")
                    .map(\.description)
            }
            return outcome
        }
        let first = try load(preloading: false), staged = try load(preloading: true)
        #expect(first == staged)

        let named = skipInvalid
            ? first.rejects!.split(separator: "\r\n").dropFirst().compactMap { line -> (Int, Int)? in
                let fields = line.split(separator: ",", maxSplits: 2)
                guard let range = line.range(of: "a second row with the same referral_id as line ") else { return nil }
                return (Int(fields[1])!, Int(line[range.upperBound...].prefix { $0.isNumber })!)
            }
            : first.problems.compactMap { p -> (Int, Int)? in
                guard let range = p.message.range(of: "a second row with the same referral_id as line ") else { return nil }
                return (p.line, Int(p.message[range.upperBound...])!)
            }
        #expect(Dictionary(named, uniquingKeysWith: { a, _ in a }) == expected)
        #expect(named.count == expected.count)
        if skipInvalid {
            // The first rows are kept, every later one rejected.
            #expect(first.counts[4] == expected.count + 2)
            #expect(first.rows.count == rows - 2 + 1)
        } else {
            #expect(first.total >= expected.count + 3)
            #expect(first.rows.isEmpty)
        }
    }
}
