import Foundation
import GRDB

/// The board's history, kept when case-level data goes: before a purge deletes,
/// the figures of every calendar quarter its cases had activity in (from the
/// quarter of their earliest activity to that of their latest), for the panel as
/// a whole and for each of its areas, as `metrics --format json` gives them with
/// the settings used. Each quarter is computed as the dashboard's trend sees an
/// earlier quarter: "overdue" as of the day after it ended. Once archived, a
/// quarter is read from the archive and never recomputed (a later purge leaves
/// it as it is; rows a later import adds to it are not in its figures).
public enum FiguresArchive {
    static func archive(_ db: Database, panel: String, cutOff: Day, settings: MetricSettings,
                        today: Day, purgeID: Int64) throws -> Int {
        guard let row = try Row.fetchOne(db, sql: """
                SELECT min(first_day) AS lo, max(latest_day) AS hi
                FROM (\(RetentionCases.sql(person: try RetentionRule.of(panel, in: db, settings: settings).personColumn)))
                WHERE latest_day < :cut_off
                """, arguments: ["panel": panel, "cut_off": cutOff.iso]),
              let lo = (row["lo"] as String?).flatMap(Day.init(parsing:)),
              let hi = (row["hi"] as String?).flatMap(Day.init(parsing:))
        else { return 0 }
        let areas: [String?] = [nil] + (try String.fetchAll(db, sql: """
            SELECT area FROM referrals WHERE panel = ? UNION SELECT area FROM meetings WHERE panel = ?
            UNION SELECT area FROM cohort WHERE panel = ? ORDER BY 1
            """, arguments: [panel, panel, panel]))
        var archived = 0
        var start = Day(year: lo.year, month: 3 * ((lo.month - 1) / 3) + 1, day: 1)!
        while start <= hi {
            let end = start.addingMonths(3).adding(days: -1)
            let label = "\(start.year)Q\((start.month + 2) / 3)"
            let period = try Period(from: start, to: end, label: label)
            for area in areas {
                let scope = MetricScope(panel: panel, area: area, period: period,
                                        asOf: min(today, end.adding(days: 1)), settings: settings)
                let figures = Self.document(try MetricsReport.compute(db, scope: scope)).rendered(indent: nil)
                try db.execute(sql: """
                    INSERT OR IGNORE INTO archived_figures (panel, area, period_from, period_to, archived_on, purge_id, figures)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [panel, area ?? "", start.iso, end.iso, today.iso, purgeID, figures])
                archived += db.changesCount
            }
            start = start.addingMonths(3)
        }
        return archived
    }

    /// Where the archive keeps a triage panel's referrals on each working day: the
    /// board's chart by day, which `metrics --format json` summarises (fewest,
    /// median, most) but does not list. Kept beside the figures so an archived
    /// quarter's board pack is the one made before the purge; never shown as a
    /// figure of `metrics`.
    static let triageWorkingDays = "triage_working_days"

    /// The document archived for a report: its JSON, and a triage panel's days.
    static func document(_ report: MetricsReport) -> JSONValue {
        guard case let .object(members) = report.json,
              let triage = report.members.first(where: { $0.family.member == Triage.name })?.figures as? Triage.Result,
              !triage.receivedByWorkingDay.isEmpty
        else { return report.json }
        return .object(members + [(triageWorkingDays, .object(triage.receivedByWorkingDay.map { ($0.day.iso, .int($0.count)) }))])
    }

    /// Archived figures of one scope, as they were computed before the purge.
    public struct Archived: Sendable {
        public let archivedOn: String
        /// The archived document (`FiguresArchive.document`).
        public let figures: JSONValue

        /// The figures as `metrics` shows them: the document less the triage days.
        public var shown: JSONValue {
            guard case let .object(members) = figures else { return figures }
            return .object(members.filter { $0.0 != FiguresArchive.triageWorkingDays })
        }

        public var note: String { "figures archived on \(archivedOn); case-level data disposed of" }

        /// The archived document with the note as its first member.
        public var json: JSONValue { noted(shown) }

        /// A document made from the archived figures, with the note as its first member.
        public func noted(_ document: JSONValue) -> JSONValue {
            guard case let .object(members) = document else { return document }
            return .object([("archived", .object([("archived_on", .string(archivedOn)), ("note", .string(note))]))] + members)
        }
    }

    /// The archived figures of the scope's panel, area and period, if that period
    /// is an archived quarter; nil when no archived quarter overlaps it. A period
    /// that runs into archived quarters without being one is refused: part of its
    /// case-level data is gone, so computing it would give wrong figures.
    public static func lookup(_ store: Store, scope: MetricScope) throws -> Archived? {
        try store.queue.read { db in
            guard try db.tableExists("archived_figures") else { return nil }
            if let row = try Row.fetchOne(db, sql: """
                SELECT archived_on, figures FROM archived_figures
                WHERE panel = ? AND area = ? AND period_from = ? AND period_to = ?
                """, arguments: [scope.panel, scope.area ?? "", scope.period.from.iso, scope.period.to.iso]) {
                return Archived(archivedOn: row["archived_on"], figures: try JSONText.parse(row["figures"]))
            }
            if let row = try Row.fetchOne(db, sql: """
                SELECT min(period_from) AS lo, max(period_to) AS hi, max(archived_on) AS archived_on
                FROM archived_figures WHERE panel = ? AND period_from <= ? AND period_to >= ?
                HAVING count(*) > 0
                """, arguments: [scope.panel, scope.period.to.iso, scope.period.from.iso]),
               let lo = (row["lo"] as String?).flatMap(Day.init(parsing:)),
               let hi = (row["hi"] as String?).flatMap(Day.init(parsing:)) {
                throw RetentionError.partlyArchived(panel: scope.panel, period: scope.period.label,
                                                    archivedFrom: lo, archivedTo: hi, archivedOn: row["archived_on"])
            }
            return nil
        }
    }

    /// The day a quarter of the panel that `period` overlaps was archived, if
    /// one was: what a board section over such a period (a rolling year, a
    /// comparison) says in place of figures, which its case-level data, partly
    /// gone, can no longer give. Nil when the period overlaps no archived quarter.
    public static func archivedOn(_ store: Store, panel: String, overlapping period: Period) throws -> String? {
        try store.queue.read { db in
            guard try db.tableExists("archived_figures") else { return nil }
            return try String.fetchOne(db, sql: """
                SELECT max(archived_on) FROM archived_figures WHERE panel = ? AND period_from <= ? AND period_to >= ?
                """, arguments: [panel.uppercased(), period.to.iso, period.from.iso])
        }
    }
}
