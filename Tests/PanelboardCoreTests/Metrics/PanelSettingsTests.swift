import Foundation
import GRDB
import Testing
@testable import PanelboardCore

/// A panel's settings: its panels.csv row, then a settings file, then flags, each
/// value with where it came from (docs/metrics.md, "Settings").
@Suite struct PanelSettingsTests {
    static func file(_ json: String) throws -> MetricSettings {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pb-settings-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try json.write(to: url, atomically: true, encoding: .utf8)
        return try MetricSettings.load(from: url)
    }

    static let profile = """
        panel,kind,person,day_count,holidays,repeat_panels,quorum,escalation_days,retention_years
        DRAMM,triage,,working,northern_ireland,DRAMM MARAC,4,10,7
        IGP,perpetrator,,,,,,,

        """

    static func harness() throws -> MetricsHarness {
        try MetricsHarness(files: [
            "referrals.csv": "referral_id,panel,area,victim_ref,perpetrator_ref,referral_date,referring_agency\nR1,DRAMM,North,V00001,P00001,2024-03-01,police\n",
            "panels.csv": profile,
        ], importAsOf: day("2024-07-31"))
    }

    static func resolved(_ harness: MetricsHarness, _ panel: String, _ settings: MetricSettings = MetricSettings()) throws -> MetricSettings {
        try harness.store.queue.read { db in
            try scope(panel, "2024Q1", asOf: "2024-07-31", settings: settings).resolvingProfile(db).settings
        }
    }

    @Test func aPanelsRowReplacesTheDefaults() throws {
        let harness = try Self.harness()
        let dramm = try Self.resolved(harness, "DRAMM")
        #expect(dramm.kind == .triage && dramm.person == "victim" && dramm.dayCount == .working)
        #expect(dramm.holidays == .northernIreland && dramm.repeatPanels == ["DRAMM", "MARAC"])
        #expect(dramm.quorum == 4 && dramm.escalationDays == 10 && dramm.retentionYears == 7)
        #expect(dramm.source("kind") == .panelsCSV && dramm.source("person") == .default && dramm.source("quorum") == .panelsCSV)
        // A perpetrator panel by its row, not its code: repeats follow the perpetrator.
        let igp = try Self.resolved(harness, "IGP")
        #expect(igp.kind == .perpetrator && igp.personColumn(panel: "IGP") == "perpetrator_ref")
        #expect(igp.repeatPanels == ["IGP"] && igp.dayCount == .calendar && igp.source("day_count") == .default)
        // No row: by code.
        let dapp = try Self.resolved(harness, "DAPP")
        #expect(dapp.kind == .perpetrator && dapp.source("kind") == .default)
        let parameters = scope("DRAMM", "2024Q1", asOf: "2024-07-31", settings: dramm).parameters
        #expect(parameters["day_count"] as? String == "working" && parameters["holidays"] as? String == "northern_ireland")
        #expect(parameters["repeat_panels"] as? String == "DRAMM MARAC" && parameters["kind"] as? String == "triage")
    }

    @Test func aSettingsFileAndFlagsOutrankTheRow() throws {
        let harness = try Self.harness()
        var settings = try Self.file(#"{"day_count": "Calendar", "repeat_panels": "dramm", "quorum": 3, "person": "perpetrator"}"#)
        try settings.setFromFlag("quorum", text: "2")
        let dramm = try Self.resolved(harness, "DRAMM", settings)
        #expect(dramm.dayCount == .calendar && dramm.source("day_count") == .settingsFile)
        #expect(dramm.repeatPanels == ["DRAMM"] && dramm.person == "perpetrator" && dramm.source("person") == .settingsFile)
        #expect(dramm.quorum == 2 && dramm.source("quorum") == .flag)
        #expect(dramm.holidays == .northernIreland && dramm.source("holidays") == .panelsCSV)
    }

    /// victim_panels and perpetrator_panels still work, for the panels they name.
    @Test func theDeprecatedListsStillSetThePerson() throws {
        let harness = try Self.harness()
        let settings = try Self.file(#"{"perpetrator_panels": ["dramm"]}"#)
        let dramm = try Self.resolved(harness, "DRAMM", settings)
        #expect(dramm.personColumn(panel: "DRAMM") == "perpetrator_ref" && dramm.source("person") == .settingsFile)
        let igp = try Self.resolved(harness, "IGP", settings)
        #expect(igp.personColumn(panel: "IGP") == "perpetrator_ref" && igp.source("person") == .default)
        let marac = try Self.resolved(harness, "MARAC", try Self.file(#"{"victim_panels": ["MARAC"], "perpetrator_panels": ["MARAC"]}"#))
        #expect(marac.personColumn(panel: "MARAC") == "victim_ref")
    }

    @Test(arguments: [
        (#"{"day_count": "weekdays"}"#, "the setting day_count must be one of: calendar, working"),
        (#"{"kind": "conference"}"#, "the setting kind must be one of: marac, triage, perpetrator"),
        (#"{"repeat_panels": "MARAC+DRAMM"}"#, "the setting repeat_panels must be one of: panel codes separated by spaces"),
        (#"{"holiday": "scotland"}"#, "no setting named holiday"),
    ])
    func aBadSettingsFileIsRefusedNamingTheSetting(json: String, message: String) throws {
        do {
            _ = try Self.file(json)
            Issue.record("\(json) was accepted")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    @Test func profileRangesAreChecked() throws {
        var settings = MetricSettings()
        try settings.setFromFlag("quorum", text: "0")
        #expect(throws: SettingsError.self) { try settings.validate() }
        settings = MetricSettings()
        try settings.setFromFlag("escalation_days", text: "400")
        #expect(throws: SettingsError.self) { try settings.validate() }
    }
}
