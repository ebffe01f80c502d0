import Foundation
import GRDB
import Testing
@testable import PanelboardCore

/// A store written by an earlier or a later panelboard: read-only commands refuse
/// it with the fix; writing upgrades an earlier one and keeps every row.
@Suite struct StoreSchemaTests {
    struct Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pb-schema-\(UUID().uuidString)")
        var store: String { url.appendingPathComponent("store.sqlite").path }
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        func cleanUp() { try? FileManager.default.removeItem(at: url) }
    }

    /// A store as panelboard 0.1 (schema up to v2) left it, with one referral and
    /// two actions.
    func storeBeforeV3(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(queue, upTo: "v2 metric indexes")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO referrals (referral_id, panel, area, victim_ref, referral_date, referring_agency)
                VALUES ('R1', 'MARAC', 'North', 'V1', '2024-01-03', 'police');
                INSERT INTO actions (action_id, referral_id, agency, agreed_date, due_date, status)
                VALUES ('A1', 'R1', 'police', '2024-01-10', '2024-01-24', 'open'),
                       ('A2', 'R1', 'idva', '2024-01-10', NULL, 'open');
                """)
        }
    }

    @Test func anEarlierStoreIsRefusedForReadingWithTheFix() throws {
        let folder = try Folder()
        defer { folder.cleanUp() }
        try storeBeforeV3(at: folder.store)
        #expect(throws: StoreError.self) { try Store.openReadOnly(at: folder.store) }
        do {
            _ = try Store.openReadOnly(at: folder.store)
        } catch {
            #expect("\(error)" == "\(folder.store) was written by an earlier panelboard and its schema needs upgrading "
                + "(v3 actions carry panel and area; v4 referrals by panel and area; v5 perpetrator panel columns; v6 panel profiles; v7 retention and corrections; v8 actions indexes carry the action type; v8 meetings by panel and area); run: panelboard upgrade --db \(folder.store) "
                + "(every row is kept; the next import does the same)")
        }
    }

    @Test func upgradingKeepsEveryRowAndFillsTheActionsScope() throws {
        let folder = try Folder()
        defer { folder.cleanUp() }
        try storeBeforeV3(at: folder.store)
        var heard: [String] = []
        _ = try Store.openForWriting(at: folder.store) { heard = $0 }
        #expect(heard == ["v3 actions carry panel and area", "v4 referrals by panel and area", "v5 perpetrator panel columns", "v6 panel profiles", "v7 retention and corrections", "v8 actions indexes carry the action type", "v8 meetings by panel and area"])
        let store = try Store.openReadOnly(at: folder.store)
        let rows = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT action_id, panel, area FROM actions ORDER BY action_id").map(\.description)
        }
        #expect(rows == [#"[action_id:"A1" panel:"MARAC" area:"North"]"#, #"[action_id:"A2" panel:"MARAC" area:"North"]"#])
        // Upgraded once: a second open has nothing to apply.
        heard = []
        _ = try Store.openForWriting(at: folder.store) { heard = $0 }
        #expect(heard.isEmpty)
    }

    /// A store as panelboard 0.2 (schema up to v4) left it: its cohort and
    /// referrals gain the perpetrator-panel columns, empty, and keep every value.
    @Test func upgradingAddsThePerpetratorPanelColumnsEmpty() throws {
        let folder = try Folder()
        defer { folder.cleanUp() }
        let queue = try DatabaseQueue(path: folder.store)
        try Migrations.migrator.migrate(queue, upTo: "v4 referrals by panel and area")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO referrals (referral_id, panel, area, perpetrator_ref, referral_date, referring_agency, rfg_score)
                VALUES ('R1', 'DAPP', 'North', 'P1', '2024-01-03', 'police', 40);
                INSERT INTO cohort (perpetrator_ref, panel, area, adopted_date, adoption_source, exit_date, exit_reason)
                VALUES ('P1', 'DAPP', 'North', '2024-01-10', 'marac', '2024-06-01', 'no_further_harm');
                """)
        }
        try queue.close()
        #expect(throws: StoreError.self) { try Store.openReadOnly(at: folder.store) }
        var heard: [String] = []
        _ = try Store.openForWriting(at: folder.store) { heard = $0 }
        #expect(heard == ["v5 perpetrator panel columns", "v6 panel profiles", "v7 retention and corrections", "v8 actions indexes carry the action type", "v8 meetings by panel and area"])
        let store = try Store.openReadOnly(at: folder.store)
        let rows = try store.queue.read { db in
            [try Row.fetchOne(db, sql: "SELECT rfg_score, mappa FROM referrals")!.description,
             try Row.fetchOne(db, sql: "SELECT exit_reason, rfg_at_adoption, rfg_at_exit FROM cohort")!.description]
        }
        #expect(rows == ["[rfg_score:40 mappa:NULL]", #"[exit_reason:"no_further_harm" rfg_at_adoption:NULL rfg_at_exit:NULL]"#])
    }

    @Test func aNewStoreIsNotAnUpgrade() throws {
        let folder = try Folder()
        defer { folder.cleanUp() }
        var heard: [String]?
        _ = try Store.openForWriting(at: folder.store) { heard = $0 }
        #expect(heard == nil)
    }

    @Test func aStoreFromALaterPanelboardIsRefused() throws {
        let folder = try Folder()
        defer { folder.cleanUp() }
        _ = try Store.openForWriting(at: folder.store)
        let queue = try DatabaseQueue(path: folder.store)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9 from the future')") }
        for open in [{ _ = try Store.openReadOnly(at: folder.store) }, { _ = try Store.openForWriting(at: folder.store) }] {
            do {
                try open()
                Issue.record("a store from a later panelboard was opened")
            } catch {
                #expect("\(error)".contains("was written by a newer panelboard (schema steps v9 from the future are unknown"))
            }
        }
    }

    @Test func aFileThatIsNotAStoreIsNamedAsSuch() throws {
        let folder = try Folder()
        defer { folder.cleanUp() }
        let other = folder.url.appendingPathComponent("other.sqlite").path
        let queue = try DatabaseQueue(path: other)
        try queue.write { try $0.execute(sql: "CREATE TABLE t (x)") }
        do {
            _ = try Store.openReadOnly(at: other)
            Issue.record("a file that is not a store was opened")
        } catch {
            #expect("\(error)" == "\(other) is not a panelboard store (it has no referrals table); name the store with --db FILE")
        }
    }
}
