import Foundation
import GRDB
import Testing
@testable import PanelboardCore

@Suite struct ImportChangesTests {
    func rows(_ table: ResultTable) -> [[String]] { table.rows.map { $0.map(\.plainText) } }

    @Test func listsChangedColumnsAndRowsGoneFromWhatTheExportCovers() throws {
        let h = try MetricsHarness(files: RetentionFixture.files, importAsOf: Day(year: 2025, month: 1, day: 1)!)
        var files = RetentionFixture.files
        // R18002 re-graded and moved; R18004 gone (within the span of the file's
        // MARAC dates); A18003 completed on another day; M18002's police row gone.
        files["referrals.csv"] = RetentionFixture.referrals
            .replacingOccurrences(of: "R18002,MARAC,North,V18002,P18002,2018-04-20,M18002,2018-05-16,idva,high",
                                  with: "R18002,MARAC,South,V18002,P18002,2018-04-20,M18002,2018-05-16,idva,medium")
            .replacingOccurrences(of: "R18004,MARAC,South,V18004,P18004,2018-05-02,M18003,2018-05-17,police,high\n", with: "")
        files["actions.csv"] = """
            action_id,referral_id,agency,agreed_date,due_date,completed_date,status
            A18001,R18001,police,2018-02-14,2018-02-28,2018-03-01,completed
            A18002,R18003,housing,2018-05-16,2018-05-30,2018-05-29,completed
            A24001,R24001,police,2024-02-14,2024-02-28,2024-02-21,completed
            """
        files["attendance.csv"] = """
            meeting_id,agency,status
            M18001,police,attended
            M18001,idva,attended
            M24001,police,attended
            """
        // Only the files of this bundle are in its scope: incidents are not sent.
        files["incidents.csv"] = nil
        let summary = try h.importAgain(files)
        let id = try #require(summary.importID)
        #expect(rows(try ImportChanges.list(h.store, importID: id)) == [
            ["actions.csv", "A24001", "changed", "completed_date"],
            ["actions.csv", "A18003", "disappeared", ""],
            ["attendance.csv", "M18002 / police", "disappeared", ""],
            ["referrals.csv", "R18002", "changed", "area, risk_level"],
            ["referrals.csv", "R18004", "disappeared", ""],
        ])
        // The first import changed nothing.
        #expect(try ImportChanges.list(h.store, importID: 1).rows.isEmpty)
    }

    @Test func keepsNoValuesOnlyColumnNames() throws {
        let h = try MetricsHarness(files: RetentionFixture.files, importAsOf: Day(year: 2025, month: 1, day: 1)!)
        var files = RetentionFixture.files
        files["referrals.csv"] = RetentionFixture.referrals.replacingOccurrences(of: "idva,high", with: "idva,medium")
        try h.importAgain(files)
        try h.store.queue.read { (db: Database) throws in
            let stored = try Row.fetchAll(db, sql: "SELECT * FROM import_changes").map { "\($0)" }.joined()
            #expect(stored.contains("risk_level"))
            #expect(!stored.contains("medium") && !stored.contains("\"high\""))
        }
    }

    @Test func aRowOfAnotherPanelOrOutsideTheFilesDatesHasNotDisappeared() throws {
        var files = RetentionFixture.files
        files["referrals.csv"] = RetentionFixture.referrals + "R18901,DRAMM,North,V18901,P18901,2018-03-01,,,police,high\n"
        let h = try MetricsHarness(files: files, importAsOf: Day(year: 2025, month: 1, day: 1)!)
        // A MARAC export of 20 January to 1 March 2024: R24002 (1 February) is
        // gone; the 2018 referrals and the DRAMM one are outside what it covers.
        let summary = try h.importAgain(["referrals.csv": """
            referral_id,panel,area,victim_ref,perpetrator_ref,referral_date,meeting_id,meeting_date,referring_agency,risk_level
            R24001,MARAC,North,V18002,P18002,2024-01-20,M24001,2024-02-14,police,high
            R24003,MARAC,North,V18005,P18005,2024-03-01,,,police,high
            """])
        #expect(rows(try ImportChanges.list(h.store, importID: try #require(summary.importID))) == [
            ["referrals.csv", "R24002", "disappeared", ""],
        ])
    }

    /// The usual re-export: every stored row of what it covers is in it again,
    /// so nothing disappeared (told by counting the span, not row by row), in
    /// every file; a row added while another went is no cover for it (above).
    @Test func theSameExportAgainHasNothingDisappeared() throws {
        let h = try MetricsHarness(files: RetentionFixture.files, importAsOf: Day(year: 2025, month: 1, day: 1)!)
        let summary = try h.importAgain(RetentionFixture.files)
        #expect(summary.files.count == RetentionFixture.files.count)
        #expect(try ImportChanges.list(h.store, importID: try #require(summary.importID)).rows.isEmpty)
    }

    @Test func anUnknownImportIsAnError() throws {
        let h = try MetricsHarness(files: RetentionFixture.files, importAsOf: Day(year: 2025, month: 1, day: 1)!)
        #expect(throws: RetentionError.self) { try ImportChanges.list(h.store, importID: 9) }
    }
}
