import Foundation
import GRDB
import Testing
@testable import PanelboardCore

/// A later export that leaves out an optional column changes nothing stored in it,
/// derived values (an action's status) included.
@Suite struct OmittedColumnsTests {
    static let asOf = Day(year: 2024, month: 4, day: 1)!

    /// Every column of every file, each with a value.
    static let fullBundle: [ExportTable: String] = [
        .areas: """
            area,adult_female_population,group
            Stockton,78000,North Tees
            North,150000,Tees Valley
            """,
        .meetings: """
            meeting_id,panel,area,meeting_date,agenda_sent_date,minutes_sent_date,meeting_type
            M01,MARAC,Stockton,2024-01-10,2024-01-03,2024-01-12,scheduled
            """,
        .referrals: """
            referral_id,panel,area,victim_ref,perpetrator_ref,referral_date,meeting_id,meeting_date,referring_agency,referral_reason,risk_level,dash_score,rfg_score,discussion_type,children_count,victim_gender,victim_age_band,victim_ethnic_minority,victim_disabled,victim_lgbt,perpetrator_under_18,recorded_repeat,outcome,mappa,screening_decision,children_services_status
            R001,MARAC,Stockton,V0001,P0001,2024-01-03,M01,2024-01-10,police,visible_high_risk,high,16,12,full,2,F,25-34,Y,Y,Y,Y,Y,safety plan agreed,N,accepted,child_in_need
            """,
        .actions: """
            action_id,referral_id,agency,agreed_date,due_date,completed_date,status,action_type
            A001,R001,police,2024-01-10,2024-01-24,2024-01-20,completed,enforcement
            """,
        .attendance: """
            meeting_id,agency,status
            M01,police,attended
            """,
        .cohort: """
            perpetrator_ref,panel,area,adopted_date,adoption_source,exit_date,exit_reason,rfg_at_adoption,rfg_at_exit
            P0009,DAPP,North,2023-09-14,probation,2024-01-18,no_further_harm,48,21
            """,
        .incidents: """
            incident_id,incident_date,perpetrator_ref,victim_ref,incident_type
            I001,2024-02-25,P0001,V0001,threats
            """,
        .panels: """
            panel,kind,person,day_count,holidays,agenda_days_before,minutes_days_after,late_referral_days,repeat_window_months,repeat_panels,exit_review_months,meeting_every_days,not_same_day_as,quorum,escalation_days,retention_years
            DRAMM,triage,victim,working,scotland,1,0,1,12,MARAC DRAMM,3,1,IGP,3,10,7
            """,
        .members: """
            panel,area,agency,role,from_date,to_date
            MARAC,Stockton,police,core,2023-04-01,2025-03-31
            """,
        .holidays: """
            date,area
            2024-12-24,Stockton
            """,
    ]

    struct OptionalColumn: Sendable, CustomStringConvertible {
        let table: ExportTable
        let column: String
        var description: String { "\(table.rawValue).\(column)" }
    }

    /// Every optional column of the contract: a column added later is tested too.
    static let optionalColumns: [OptionalColumn] = ExportTable.allCases.flatMap { table in
        // An optional key column (a member's area) is the row's identity: without
        // it the row is another row, as panels.md means.
        table.columns.filter { !$0.required && !table.optionalKeyColumns.contains($0.name) }
            .map { OptionalColumn(table: table, column: $0.name) }
    }

    struct Workspace {
        let folder: URL
        let store: Store

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("pb-omitted-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            store = try Store.openForWriting(at: folder.appendingPathComponent("store.sqlite").path)
        }

        /// Writes a bundle folder: the full bundle with `files` in place of its files.
        func bundle(_ name: String, _ files: [ExportTable: String] = [:]) throws -> String {
            let target = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            for (table, text) in OmittedColumnsTests.fullBundle.merging(files, uniquingKeysWith: { $1 }) {
                try (text + "\n").write(to: target.appendingPathComponent("\(table.rawValue).csv"), atomically: true, encoding: .utf8)
            }
            return target.path
        }

        func run(_ path: String) throws -> ImportSummary {
            var options = ImportOptions()
            options.asOf = OmittedColumnsTests.asOf
            return try BundleImporter(store: store, options: options).run(try ExportBundle(paths: [path]))
        }

        func dump() throws -> String {
            try store.queue.read { db in
                try ExportTable.allCases.map { table in
                    let order = table.keyColumns.map { $0 == "group" ? "area_group" : $0 }.joined(separator: ", ")
                    return try Row.fetchAll(db, sql: "SELECT * FROM \(table.rawValue) ORDER BY \(order)").map(\.description).joined(separator: "\n")
                }.joined(separator: "\n--\n")
            }
        }

        func value(_ sql: String) throws -> String? {
            try store.queue.read { try String.fetchOne($0, sql: sql) }
        }

        func cleanUp() { try? FileManager.default.removeItem(at: folder) }
    }

    /// The file's text without one column (no cell of these files holds a comma).
    static func without(_ column: String, in text: String) -> String {
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let index = lines[0].firstIndex { ColumnName.normalise(String($0)) == column }!
        return lines.map { cells in
            var cells = cells
            cells.remove(at: index)
            return cells.joined(separator: ",")
        }.joined(separator: "\n")
    }

    static func replacing(_ column: String, with value: String, in text: String) -> String {
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let index = lines[0].firstIndex { ColumnName.normalise($0) == column }!
        return lines.enumerated().map { k, cells in
            var cells = cells
            if k > 0 { cells[index] = value }
            return cells.joined(separator: ",")
        }.joined(separator: "\n")
    }

    @Test(arguments: optionalColumns)
    func aReimportWithoutTheColumnKeepsItsStoredValue(_ omitted: OptionalColumn) throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        _ = try w.run(try w.bundle("full"))
        let stored = omitted.table.columns.first { $0.name == omitted.column }!.storedName
        // The full bundle gives the column a value, so keeping it is a real test.
        #expect(try w.value("SELECT \(stored) FROM \(omitted.table.rawValue)") != nil)
        let before = try w.dump()

        let trimmed = Self.without(omitted.column, in: Self.fullBundle[omitted.table]!)
        let summary = try w.run(try w.bundle("trimmed", [omitted.table: trimmed]))

        #expect(try w.dump() == before)
        let file = summary.files.first { $0.table == omitted.table }!
        #expect((file.rowsRead, file.new, file.changed, file.unchanged, file.rejected) == (file.rowsRead, 0, 0, file.rowsRead, 0))
        #expect(file.rowsRead > 0)
    }

    /// Whatever status an action was stored with, an actions file without the
    /// status column keeps it, with or without its completed_date column.
    @Test(arguments: [("open", ""), ("not_completed", ""), ("cancelled", ""), ("completed", "2024-01-20")])
    func aStoredStatusSurvivesAnActionsFileWithoutStatus(_ status: String, _ completed: String) throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        let actions = Self.replacing("completed_date", with: completed,
                                     in: Self.replacing("status", with: status, in: Self.fullBundle[.actions]!))
        _ = try w.run(try w.bundle("first", [.actions: actions]))
        #expect(try w.value("SELECT status FROM actions") == status)

        for (name, text) in [("no-status", Self.without("status", in: actions)),
                             ("no-status-no-completed", Self.without("completed_date", in: Self.without("status", in: actions)))] {
            let summary = try w.run(try w.bundle(name, [.actions: text]))
            #expect(try w.value("SELECT status FROM actions") == status, "\(name)")
            #expect(summary.files.first { $0.table == .actions }!.unchanged == 1, "\(name)")
        }
    }

    /// Without a status column the completed date still speaks: a completed date
    /// makes the action completed, and a completed action whose date the export
    /// has emptied is open again (a completed action needs its date).
    @Test func aCompletedDateStillDecidesTheStatusWhenThereIsNoStatusColumn() throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        let cancelled = Self.replacing("completed_date", with: "",
                                       in: Self.replacing("status", with: "cancelled", in: Self.fullBundle[.actions]!))
        _ = try w.run(try w.bundle("first", [.actions: cancelled]))

        let completedLater = Self.replacing("completed_date", with: "2024-02-01", in: Self.without("status", in: cancelled))
        var summary = try w.run(try w.bundle("second", [.actions: completedLater]))
        #expect(try w.value("SELECT status || ' ' || completed_date FROM actions") == "completed 2024-02-01")
        #expect(summary.files.first { $0.table == .actions }!.changed == 1)

        let dateEmptied = Self.replacing("completed_date", with: "", in: completedLater)
        summary = try w.run(try w.bundle("third", [.actions: dateEmptied]))
        #expect(try w.value("SELECT status || ' ' || ifnull(completed_date, '-') FROM actions") == "open -")

        // An empty status cell is the export saying the status is not recorded: the
        // completed date alone decides, as for a new action.
        _ = try w.run(try w.bundle("fourth", [.actions: cancelled]))
        _ = try w.run(try w.bundle("fifth", [.actions: Self.replacing("status", with: "", in: cancelled)]))
        #expect(try w.value("SELECT status FROM actions") == "open")
    }

    @Test func aNewActionWithoutStatusIsCompletedByItsDateElseOpen() throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        let actions = Self.without("status", in: Self.fullBundle[.actions]!) + "\nA002,R001,idva,2024-01-10,2024-01-24,,"
        _ = try w.run(try w.bundle("first", [.actions: actions]))
        let statuses = try w.store.queue.read { try String.fetchAll($0, sql: "SELECT status FROM actions ORDER BY action_id") }
        #expect(statuses == ["completed", "open"])
    }

    /// The row rules judge a row as it will be stored: a stored exit keeps its
    /// stored reason, and a stored exit date still ends the membership, so a later
    /// one is no overlap.
    @Test func aCohortFileWithoutExitColumnsIsJudgedWithTheStoredExit() throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        let cohort = Self.fullBundle[.cohort]! + "\nP0009,DAPP,North,2024-02-01,marac,,,52,"
        _ = try w.run(try w.bundle("first", [.cohort: cohort]))
        let before = try w.dump()
        let summary = try w.run(try w.bundle("second", [.cohort: Self.without("exit_reason", in: Self.without("exit_date", in: cohort))]))
        #expect(summary.files.first { $0.table == .cohort }!.unchanged == 2)
        #expect(try w.dump() == before)
    }

    /// A referral date moved past the meeting date an earlier import stored is
    /// refused as a row problem that says so, not by the store's constraint.
    @Test func aRuleBrokenByAStoredValueIsARowProblemThatSaysSo() throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        _ = try w.run(try w.bundle("first"))
        let moved = Self.replacing("referral_date", with: "2024-01-15", in: Self.without("meeting_date", in: Self.fullBundle[.referrals]!))
        #expect {
            try w.run(try w.bundle("second", [.referrals: moved]))
        } throws: { error in
            "\(error)".contains(
                "referrals.csv:2: error: meeting_date: the meeting date is before the referral date (the value stored by an earlier import: this file has no meeting_date column)")
        }
    }
}

extension OmittedColumnsTests {
    /// A new row has no stored value: its message is the rule's own.
    @Test func aNewRowWithoutARuleColumnGetsTheRulesOwnMessage() throws {
        let w = try Workspace()
        defer { w.cleanUp() }
        let cohort = Self.without("exit_reason", in: Self.fullBundle[.cohort]!)
        #expect {
            try w.run(try w.bundle("first", [.cohort: cohort]))
        } throws: { error in
            "\(error)".contains("cohort.csv:2: error: exit_reason: an exit needs an exit_reason\n")
        }
    }
}
