import Foundation
import GRDB
import Testing
@testable import PanelboardCore

/// panels.csv, members.csv, holidays.csv and the version 2 columns (panels.md):
/// stored when valid, refused with the rule when not, and upserted by their keys
/// (an empty member area or holiday area is a value of the key).
@Suite struct PanelProfilesImportTests {
    static let referrals = """
        referral_id,panel,area,victim_ref,referral_date,referring_agency,screening_decision,children_services_status
        R1,DRAMM,North,V0001,2024-01-03,police,Accepted,child in need
        R2,DRAMM,North,V0002,2024-01-04,police,redirected,
        R3,MARAC,North,V0003,2024-01-05,police,,Looked-After

        """
    static let meetings = """
        meeting_id,panel,area,meeting_date,meeting_type
        M1,MARAC,North,2024-01-10,scheduled
        M2,MARAC,North,2024-01-12,Emergency
        M3,MARAC,North,2024-01-17,

        """
    static let panels = """
        panel,kind,person,day_count,holidays,agenda_days_before,minutes_days_after,late_referral_days,repeat_window_months,repeat_panels,exit_review_months,meeting_every_days,not_same_day_as,quorum,escalation_days,retention_years
        dramm,triage,,working,england_and_wales,,0,1,12,  marac   dramm ,,1,,3,14,7
        MARAC,marac,victim,Working,Scotland,5,7,7,,,,28,igp,4,,
        DAPP,perpetrator,,,,,,,,,3,,,,,

        """
    static let members = """
        panel,area,agency,role,from_date,to_date
        MARAC,,police,core,,
        MARAC,,IDVA,core,2024-01-01,
        MARAC,North,housing,when_involved,2023-04-01,2024-03-31
        MARAC,North,police,core,,

        """
    static let holidays = """
        date,area
        2024-12-24,
        2024-12-23,North

        """

    static func storedRows(_ harness: MetricsHarness, _ sql: String) throws -> [String] {
        try harness.store.queue.read { db in try Row.fetchAll(db, sql: sql).map(\.description) }
    }

    @Test func profilesAndNewColumnsAreStoredCanonically() throws {
        let harness = try MetricsHarness(files: [
            "referrals.csv": Self.referrals, "meetings.csv": Self.meetings, "panels.csv": Self.panels,
            "members.csv": Self.members, "holidays.csv": Self.holidays,
        ], importAsOf: day("2024-06-30"))
        #expect(try Self.storedRows(harness, "SELECT * FROM panels ORDER BY panel") == [
            #"[panel:"DAPP" kind:"perpetrator" person:NULL day_count:NULL holidays:NULL agenda_days_before:NULL minutes_days_after:NULL late_referral_days:NULL repeat_window_months:NULL repeat_panels:NULL exit_review_months:3 meeting_every_days:NULL not_same_day_as:NULL quorum:NULL escalation_days:NULL retention_years:NULL]"#,
            #"[panel:"DRAMM" kind:"triage" person:NULL day_count:"working" holidays:"england_and_wales" agenda_days_before:NULL minutes_days_after:0 late_referral_days:1 repeat_window_months:12 repeat_panels:"MARAC DRAMM" exit_review_months:NULL meeting_every_days:1 not_same_day_as:NULL quorum:3 escalation_days:14 retention_years:7]"#,
            #"[panel:"MARAC" kind:"marac" person:"victim" day_count:"working" holidays:"scotland" agenda_days_before:5 minutes_days_after:7 late_referral_days:7 repeat_window_months:NULL repeat_panels:NULL exit_review_months:NULL meeting_every_days:28 not_same_day_as:"IGP" quorum:4 escalation_days:NULL retention_years:NULL]"#,
        ])
        #expect(try Self.storedRows(harness, "SELECT * FROM members ORDER BY rowid") == [
            #"[panel:"MARAC" area:NULL agency:"police" role:"core" from_date:NULL to_date:NULL]"#,
            #"[panel:"MARAC" area:NULL agency:"idva" role:"core" from_date:"2024-01-01" to_date:NULL]"#,
            #"[panel:"MARAC" area:"North" agency:"housing" role:"when_involved" from_date:"2023-04-01" to_date:"2024-03-31"]"#,
            #"[panel:"MARAC" area:"North" agency:"police" role:"core" from_date:NULL to_date:NULL]"#,
        ])
        #expect(try Self.storedRows(harness, "SELECT date, area FROM holidays ORDER BY date") == [
            #"[date:"2024-12-23" area:"North"]"#, #"[date:"2024-12-24" area:NULL]"#,
        ])
        #expect(try Self.storedRows(harness, "SELECT referral_id, screening_decision, children_services_status FROM referrals ORDER BY 1") == [
            #"[referral_id:"R1" screening_decision:"accepted" children_services_status:"child_in_need"]"#,
            #"[referral_id:"R2" screening_decision:"redirected" children_services_status:NULL]"#,
            #"[referral_id:"R3" screening_decision:NULL children_services_status:"looked_after"]"#,
        ])
        #expect(try Self.storedRows(harness, "SELECT meeting_id, meeting_type FROM meetings ORDER BY 1") == [
            #"[meeting_id:"M1" meeting_type:"scheduled"]"#, #"[meeting_id:"M2" meeting_type:"emergency"]"#,
            #"[meeting_id:"M3" meeting_type:NULL]"#,
        ])
    }

    /// The same profiles again change nothing, even the rows whose key has an
    /// empty area or from_date; a changed role updates its row.
    @Test func reimportingUpsertsByKeyWithEmptyKeyValues() throws {
        let harness = try MetricsHarness(files: [
            "referrals.csv": Self.referrals, "members.csv": Self.members, "holidays.csv": Self.holidays,
        ], importAsOf: day("2024-06-30"))
        let bundle = FileManager.default.temporaryDirectory.appendingPathComponent("pb-bundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: bundle) }
        try Self.members.replacingOccurrences(of: "MARAC,,police,core", with: "MARAC,,police,when_involved")
            .write(to: bundle.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
        try Self.holidays.write(to: bundle.appendingPathComponent("holidays.csv"), atomically: true, encoding: .utf8)
        var options = ImportOptions()
        options.asOf = day("2024-06-30")
        // A bundle of profiles alone needs no referrals.csv.
        let summary = try BundleImporter(store: harness.store, options: options).run(try ExportBundle(paths: [bundle.path]))
        let counts = summary.files.map { "\($0.file) \($0.new) \($0.changed) \($0.unchanged)" }
        #expect(counts == ["members.csv 0 1 3", "holidays.csv 0 0 2"])
        #expect(try Self.storedRows(harness, "SELECT count(*) AS n FROM members WHERE role = 'when_involved'") == ["[n:2]"])
    }

    @Test(arguments: [
        ("panels.csv", "panel,kind\nMARAC,conference\n",
         "panels.csv:2:2: error: kind: 'c*********' is not a panel kind (use marac, triage, perpetrator)"),
        ("panels.csv", "panel,kind,day_count\nMARAC,marac,weekdays\n",
         "panels.csv:2:3: error: day_count: 'w*******' is not a day count (use calendar, working)"),
        ("panels.csv", "panel,kind,holidays\nMARAC,marac,wales\n",
         "panels.csv:2:3: error: holidays: 'w****' is not a bank holiday nation (use england_and_wales, scotland, northern_ireland)"),
        ("panels.csv", "panel,kind,repeat_panels\nMARAC,marac,MARAC+DRAMM\n",
         "panels.csv:2:3: error: repeat_panels: 'M****+*****' is not a list of panel codes (codes separated by spaces, e.g. MARAC DRAMM)"),
        ("panels.csv", "panel,kind,quorum\nMARAC,marac,0\n",
         "panels.csv:2:3: error: quorum: '0' is not a whole number (1 to 100)"),
        ("panels.csv", "panel,kind\nMARAC,marac\nmarac,triage\n",
         "panels.csv:3: error: a second row with the same panel as line 2"),
        ("panels.csv", "panel,kind\nMARAC,\n", "panels.csv:2:2: error: kind: required, but empty"),
        ("members.csv", "panel,agency,role\nMARAC,police,chair\n",
         "members.csv:2:3: error: role: 'c****' is not a member role (use core, when_involved)"),
        ("members.csv", "panel,agency,role,from_date,to_date\nMARAC,police,core,2024-02-01,2024-01-31\n",
         "members.csv:2:5: error: to_date: the to_date is before the from_date"),
        ("members.csv", "panel,area,agency,role\nMARAC,,police,core\nMARAC, ,Police,when_involved\n",
         "members.csv:3: error: a second row with the same panel, area, agency, from_date as line 2"),
        ("holidays.csv", "date,area\n2024-12-24,\n24/12/2024,\n",
         "holidays.csv:3: error: a second row with the same date, area as line 2"),
        ("holidays.csv", "date\n2024-13-01\n", "holidays.csv:2:1: error: date:"),
        ("referrals.csv", "referral_id,panel,area,victim_ref,referral_date,referring_agency,screening_decision\nR9,MARAC,North,V1,2024-01-03,police,maybe\n",
         "referrals.csv:2:7: error: screening_decision: 'm****' is not a screening decision (use accepted, declined, deferred, redirected)"),
        ("meetings.csv", "meeting_id,panel,area,meeting_date,meeting_type\nM9,MARAC,North,2024-01-03,urgent\n",
         "meetings.csv:2:5: error: meeting_type: 'u*****' is not a meeting type (use scheduled, emergency)"),
    ])
    func invalidProfilesAreRefusedWithTheRule(file: String, text: String, message: String) throws {
        var files = ["referrals.csv": Self.referrals]
        files[file] = text
        do {
            _ = try MetricsHarness(files: files, importAsOf: day("2024-06-30"))
            Issue.record("an invalid \(file) was imported")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    /// The identifying-data guard reads the new files as it reads every file.
    @Test func identifyingDataInAProfileIsRefusedAndNotEchoed() throws {
        do {
            _ = try MetricsHarness(files: [
                "referrals.csv": Self.referrals,
                "members.csv": "panel,area,agency,role\nMARAC,SW1A 1AA,police,core\n",
            ], importAsOf: day("2024-06-30"))
            Issue.record("a postcode in members.csv was imported")
        } catch {
            #expect("\(error)".contains("members.csv:2:2: error: area:"), "\(error)")
            #expect(!"\(error)".contains("SW1A 1AA"))
        }
    }

    @Test func aPanelsKindIsItsRowElseItsCode() throws {
        for code in ["MARAC", "DRAMM", "DAPP", "IDAP", "IGP"] {
            #expect(PanelKind.default(forCode: code.lowercased()) == ["DRAMM": .triage, "DAPP": .perpetrator, "IDAP": .perpetrator][code] ?? .marac)
        }
        let harness = try MetricsHarness(files: [
            "referrals.csv": Self.referrals, "panels.csv": "panel,kind\nDRAMM,marac\nIGP,perpetrator\n",
        ], importAsOf: day("2024-06-30"))
        let kinds = try harness.store.queue.read { db in
            try ["DRAMM", "IGP", "DAPP", "IDAP", "MARAC", "OTHER"].map { code in
                try String.fetchOne(db, sql: "SELECT \(MetricSQL.panelKind("?"))", arguments: [code, code])!
            }
        }
        #expect(kinds == ["marac", "perpetrator", "perpetrator", "perpetrator", "marac", "marac"])
    }
}
