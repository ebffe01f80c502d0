import Foundation
import GRDB
import Testing
@testable import PanelboardCore

/// The generator's person references in random order (issue 17), and actions
/// closed as panels close them.
@Suite struct SyntheticIdOrderTests {
    static func column(_ name: String, of file: URL) throws -> [String] {
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let index = lines[0].firstIndex { $0 == name }!
        return lines.dropFirst().map { String($0[index]) }
    }

    /// Each reference replaced by the order of its first appearance: the shape of
    /// who recurs where, whatever the references are.
    static func shape(_ refs: [String]) -> [Int] {
        var seen: [String: Int] = [:]
        return refs.map { ref in
            if let n = seen[ref] { return n }
            seen[ref] = seen.count
            return seen.count - 1
        }
    }

    @Test func randomOrderScattersReferencesAndKeepsWhoRecurs() throws {
        let root = try SyntheticBundleTests.temporary()
        defer { try? FileManager.default.removeItem(at: root) }
        var options = SyntheticOptions()
        options.referrals = 2_000
        let ordered = root.appendingPathComponent("ordered"), random = root.appendingPathComponent("random")
        let again = root.appendingPathComponent("again")
        _ = try SyntheticBundle.write(to: ordered, options: options)
        options.idOrder = .random
        _ = try SyntheticBundle.write(to: random, options: options)
        _ = try SyntheticBundle.write(to: again, options: options)
        #expect(try SyntheticBundleTests.files(random) == SyntheticBundleTests.files(again))

        for (name, prefix) in [("victim_ref", "V"), ("perpetrator_ref", "P")] {
            let inOrder = try Self.column(name, of: ordered.appendingPathComponent("referrals.csv")).filter { !$0.isEmpty }
            let scattered = try Self.column(name, of: random.appendingPathComponent("referrals.csv")).filter { !$0.isEmpty }
            // The same people recur in the same rows; only their references differ.
            #expect(Self.shape(inOrder) == Self.shape(scattered))
            #expect(scattered.allSatisfy { $0.count == 9 && $0.hasPrefix(prefix) && $0.dropFirst().allSatisfy(\.isNumber) })
            // First appearances run in order in one bundle, and out of it in the other.
            var firsts: [String] = [], seen: Set<String> = []
            for ref in scattered where seen.insert(ref).inserted { firsts.append(ref) }
            var orderedFirsts: [String] = [], orderedSeen: Set<String> = []
            for ref in inOrder where orderedSeen.insert(ref).inserted { orderedFirsts.append(ref) }
            #expect(orderedFirsts == orderedFirsts.sorted())
            let rises = zip(firsts, firsts.dropFirst()).filter { $0 < $1 }.count
            #expect(Double(rises) / Double(firsts.count - 1) < 0.75)
        }
        // Everything but the references is the same bundle.
        for file in ["actions.csv", "meetings.csv", "attendance.csv"] {
            #expect(try Data(contentsOf: ordered.appendingPathComponent(file)) == Data(contentsOf: random.appendingPathComponent(file)))
        }
    }

    /// Most actions are closed, some late, a few not completed or cancelled; the
    /// open ones are nearly all recent, so the chase list is a working list.
    @Test func oldActionsAreClosedAsPanelsCloseThem() throws {
        let root = try SyntheticBundleTests.temporary()
        defer { try? FileManager.default.removeItem(at: root) }
        var options = SyntheticOptions()
        options.referrals = 3_000
        options.from = Day(year: 2021, month: 4, day: 1)!
        // Off (the benchmarks' worst case), an eighth of every year's actions stay open.
        options.closeOldActions = false
        _ = try SyntheticBundle.write(to: root.appendingPathComponent("old-shape"), options: options)
        let oldShape = try Self.column("status", of: root.appendingPathComponent("old-shape/actions.csv"))
        #expect(Double(oldShape.filter { $0 == "open" }.count) / Double(oldShape.count) > 0.08)
        options.closeOldActions = true
        _ = try SyntheticBundle.write(to: root.appendingPathComponent("bundle"), options: options)
        let store = try Store.openForWriting(at: root.appendingPathComponent("store.sqlite").path)
        var importOptions = ImportOptions()
        importOptions.asOf = options.to
        let summary = try BundleImporter(store: store, options: importOptions)
            .run(try ExportBundle(paths: [root.appendingPathComponent("bundle").path]))
        #expect(summary.rowsRejected == 0)
        let cutoff = options.to.adding(days: -91).iso
        let (total, open, oldOpen, old, late, notDone, cancelled) = try store.queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM actions")!,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM actions WHERE status = 'open'")!,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM actions WHERE status = 'open' AND agreed_date < ?", arguments: [cutoff])!,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM actions WHERE agreed_date < ?", arguments: [cutoff])!,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM actions WHERE completed_date > due_date")!,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM actions WHERE status = 'not_completed'")!,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM actions WHERE status = 'cancelled'")!)
        }
        #expect(total > 5_000)
        // Before, 12% of actions of every year stayed open.
        #expect(oldOpen > 0 && Double(oldOpen) / Double(old) < 0.01)
        #expect(Double(open) / Double(total) < 0.03)
        #expect(open - oldOpen > oldOpen)
        #expect(Double(late) / Double(total) > 0.1)
        #expect(notDone > 0 && cancelled > 0)
    }
}
