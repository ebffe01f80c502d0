import Foundation
import GRDB

/// Disposes of a panel's cases whose latest activity is before a cut-off
/// (`RetentionCases` says what a case is), with everything that hangs off them, in
/// one transaction, after archiving the figures of every period they touch; then
/// makes the store keep no byte of them (secure delete, the WAL checkpointed and
/// truncated, the file vacuumed).
public struct Purge {
    public let store: Store
    public let panel: String
    public let cutOff: Day
    public var settings = MetricSettings()
    public var today: Day = .today()

    public init(store: Store, panel: String, cutOff: Day) {
        self.store = store
        self.panel = panel
        self.cutOff = cutOff
    }

    /// What was (or, for a dry run, would be) removed, per table. No ids.
    public struct Counts: Sendable, Equatable {
        public var cases = 0, referrals = 0, actions = 0, meetings = 0, attendance = 0
        public var cohort = 0, incidents = 0, importChanges = 0, periodsArchived = 0

        public var table: ResultTable {
            let rows: [(String, Int)] = [
                ("cases", cases), ("referrals", referrals), ("actions", actions), ("meetings", meetings),
                ("attendance", attendance), ("cohort", cohort), ("incidents", incidents),
                ("import_changes", importChanges), ("periods archived", periodsArchived),
            ]
            return ResultTable(columns: ["removed", "rows"], rows: rows.map { [$0.0.databaseValue, $0.1.databaseValue] })
        }
    }

    public func run(dryRun: Bool = false) throws -> Counts {
        guard cutOff <= today else { throw RetentionError.cutOffNotPast(cutOff: cutOff, today: today) }
        var counts = Counts()
        do {
            try store.queue.writeWithoutTransaction { db in
                // Deleted rows' bytes are overwritten with zeros, not left in free
                // space within a page.
                try db.execute(sql: "PRAGMA secure_delete = ON")
                defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.purge_referrals; DROP TABLE IF EXISTS temp.purge_people; DROP TABLE IF EXISTS temp.purge_actions; DROP TABLE IF EXISTS temp.purge_meetings; DROP TABLE IF EXISTS temp.purge_incidents; DROP TABLE IF EXISTS temp.purge_cohort") }
                try db.inTransaction(.immediate) {
                    counts = try remove(db)
                    // A dry run does all of it, archive included, and keeps none of it.
                    return dryRun ? .rollback : .commit
                }
            }
        } catch let error as DatabaseError where error.resultCode.primaryResultCode == .SQLITE_BUSY {
            throw StoreError.busy(path: store.path)
        }
        // Nothing deleted leaves nothing to scrub: a store's rewrite is not free.
        if !dryRun && counts.cases > 0 { try Purge.scrub(store) }
        return counts
    }

    /// Leaves no copy of a deleted page anywhere in the store's files: the WAL is
    /// copied into the store and cut to nothing, the store rebuilt without free
    /// pages (VACUUM), and the WAL that wrote cut again.
    public static func scrub(_ store: Store) throws {
        try store.queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try checkpoint(db, store)
            do {
                try db.execute(sql: "VACUUM")
            } catch let error as DatabaseError where error.resultCode.primaryResultCode == .SQLITE_BUSY {
                throw RetentionError.readerHeldStore(path: store.path)
            }
            try checkpoint(db, store)
        }
    }

    private static func checkpoint(_ db: Database, _ store: Store) throws {
        do {
            let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            if let busy: Int = row?[0], busy != 0 { throw RetentionError.readerHeldStore(path: store.path) }
        } catch let error as DatabaseError where error.resultCode.primaryResultCode == .SQLITE_BUSY {
            throw RetentionError.readerHeldStore(path: store.path)
        }
    }

    private func remove(_ db: Database) throws -> Counts {
        let person = try RetentionRule.of(panel, in: db, settings: settings).personColumn
        let args: StatementArguments = ["panel": panel, "cut_off": cutOff.iso]
        var counts = Counts()
        try db.execute(sql: """
            CREATE TEMP TABLE purge_people AS
                SELECT case_key FROM (\(RetentionCases.sql(person: person))) WHERE latest_day < :cut_off;
            CREATE TEMP TABLE purge_referrals AS
                SELECT r.referral_id, r.meeting_id FROM referrals r
                WHERE r.panel = :panel
                  AND (CASE WHEN r.\(person) IS NOT NULL THEN 'p' || r.\(person) ELSE 'r' || r.referral_id END)
                      IN (SELECT case_key FROM purge_people);
            CREATE TEMP TABLE purge_actions AS
                SELECT action_id FROM actions WHERE referral_id IN (SELECT referral_id FROM purge_referrals);
            CREATE TEMP TABLE purge_cohort AS
                SELECT perpetrator_ref || char(31) || panel || char(31) || adopted_date AS key FROM cohort
                WHERE panel = :panel AND :person = 'perpetrator_ref'
                  AND 'p' || perpetrator_ref IN (SELECT case_key FROM purge_people);
            """, arguments: ["panel": panel, "cut_off": cutOff.iso, "person": person])
        counts.cases = try Int.fetchOne(db, sql: "SELECT count(*) FROM purge_people") ?? 0
        // A purge that finds nothing is logged too: the log shows the retention
        // rule was applied on that day, not only on the days it removed something.
        let purgeID = try PurgeLog.begin(panel: panel, cutOff: cutOff, in: db)
        guard counts.cases > 0 else { return counts }

        counts.periodsArchived = try FiguresArchive.archive(
            db, panel: panel, cutOff: cutOff, settings: settings, today: today, purgeID: purgeID)

        func delete(_ sql: String) throws -> Int {
            try db.execute(sql: sql, arguments: args)
            return db.changesCount
        }
        counts.actions = try delete("DELETE FROM actions WHERE action_id IN (SELECT action_id FROM purge_actions)")
        counts.referrals = try delete("DELETE FROM referrals WHERE referral_id IN (SELECT referral_id FROM purge_referrals)")
        counts.cohort = try delete("""
            DELETE FROM cohort WHERE panel = :panel
              AND perpetrator_ref || char(31) || panel || char(31) || adopted_date IN (SELECT key FROM purge_cohort)
            """)
        // A meeting goes with the last of its cases: one that still hears a kept
        // case (any panel's) stays.
        try db.execute(sql: """
            CREATE TEMP TABLE purge_meetings AS
                SELECT m.meeting_id FROM meetings m
                WHERE m.meeting_id IN (SELECT meeting_id FROM purge_referrals) AND m.meeting_date < :cut_off
                  AND m.meeting_id NOT IN (SELECT meeting_id FROM referrals WHERE meeting_id IS NOT NULL)
            """, arguments: args)
        counts.attendance = try delete("DELETE FROM attendance WHERE meeting_id IN (SELECT meeting_id FROM purge_meetings)")
        counts.meetings = try delete("DELETE FROM meetings WHERE meeting_id IN (SELECT meeting_id FROM purge_meetings)")
        // An incident goes when it names a purged person and nobody it names is
        // still in a kept case (a referral to any panel, a cohort membership).
        try db.execute(sql: """
            CREATE TEMP TABLE purge_incidents AS
                SELECT i.incident_id FROM incidents i
                WHERE 'p' || i.\(person) IN (SELECT case_key FROM purge_people)
                  AND NOT \(keptLink("i.victim_ref")) AND NOT \(keptLink("i.perpetrator_ref"))
            """, arguments: args)
        counts.incidents = try delete("DELETE FROM incidents WHERE incident_id IN (SELECT incident_id FROM purge_incidents)")
        // What earlier imports noted about these rows names their ids: it goes too.
        counts.importChanges = try delete("""
            DELETE FROM import_changes WHERE
                (table_name = 'referrals' AND key IN (SELECT referral_id FROM purge_referrals))
             OR (table_name = 'actions' AND key IN (SELECT action_id FROM purge_actions))
             OR (table_name = 'cohort' AND key IN (SELECT key FROM purge_cohort))
             OR (table_name = 'meetings' AND key IN (SELECT meeting_id FROM purge_meetings))
             OR (table_name = 'attendance' AND substr(key, 1, instr(key, char(31)) - 1) IN (SELECT meeting_id FROM purge_meetings))
             OR (table_name = 'incidents' AND key IN (SELECT incident_id FROM purge_incidents))
            """)
        try PurgeLog.finish(purgeID, counts: counts, in: db)
        return counts
    }

    private func keptLink(_ ref: String) -> String {
        """
        (\(ref) IS NOT NULL AND (EXISTS (SELECT 1 FROM referrals k WHERE k.victim_ref = \(ref))
            OR EXISTS (SELECT 1 FROM referrals k WHERE k.perpetrator_ref = \(ref))
            OR EXISTS (SELECT 1 FROM cohort k WHERE k.perpetrator_ref = \(ref))))
        """
    }
}
