import Foundation
import GRDB
import Testing
@testable import PanelboardCore

/// cohort.csv's `rfg_at_adoption` and `rfg_at_exit`, referrals.csv's `mappa`
/// (panels.md, "New columns"): stored when valid, refused with the rule when not.
@Suite struct PerpetratorColumnsImportTests {
    static let referrals = """
        referral_id,panel,area,perpetrator_ref,referral_date,referring_agency,mappa
        R1,DAPP,North,P0001,2024-01-03,police,Yes
        R2,DAPP,North,P0002,2024-01-04,police,n
        R3,DAPP,North,P0003,2024-01-05,police,

        """

    static func cohort(_ rows: String) -> String {
        "perpetrator_ref,panel,area,adopted_date,adoption_source,exit_date,exit_reason,rfg_at_adoption,rfg_at_exit\n" + rows
    }

    @Test func validValuesAreStored() throws {
        let harness = try MetricsHarness(files: [
            "referrals.csv": Self.referrals,
            "cohort.csv": Self.cohort("""
                P0001,DAPP,North,2024-01-10,marac,2024-06-01,no_further_harm,0,10000
                P0002,DAPP,North,2024-01-10,marac,,,57,

                """),
        ], importAsOf: day("2024-12-31"))
        let stored = try harness.store.queue.read { db in
            (try Row.fetchAll(db, sql: "SELECT referral_id, mappa FROM referrals ORDER BY referral_id").map(\.description),
             try Row.fetchAll(db, sql: "SELECT perpetrator_ref, rfg_at_adoption, rfg_at_exit FROM cohort ORDER BY 1").map(\.description))
        }
        #expect(stored.0 == [#"[referral_id:"R1" mappa:1]"#, #"[referral_id:"R2" mappa:0]"#, #"[referral_id:"R3" mappa:NULL]"#])
        #expect(stored.1 == [#"[perpetrator_ref:"P0001" rfg_at_adoption:0 rfg_at_exit:10000]"#,
                             #"[perpetrator_ref:"P0002" rfg_at_adoption:57 rfg_at_exit:NULL]"#])
    }

    @Test(arguments: [
        ("-1", "", "cohort.csv:2:8: error: rfg_at_adoption: '-*' is not a whole number (0 to 10000)"),
        ("5", "10001", "cohort.csv:2:9: error: rfg_at_exit: '1****' is not a whole number (0 to 10000)"),
    ])
    func scoresOutsideTheRfgRangeAreRefused(adoption: String, exit: String, message: String) throws {
        do {
            _ = try MetricsHarness(files: [
                "referrals.csv": Self.referrals,
                "cohort.csv": Self.cohort("P0001,DAPP,North,2024-01-10,marac,,,\(adoption),\(exit)\n"),
            ], importAsOf: day("2024-12-31"))
            Issue.record("an RFG score out of range was imported")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    @Test func mappaIsAYesNoValue() throws {
        do {
            _ = try MetricsHarness(files: [
                "referrals.csv": "referral_id,panel,area,perpetrator_ref,referral_date,referring_agency,mappa\nR1,DAPP,North,P0001,2024-01-03,police,maybe\n",
            ], importAsOf: day("2024-12-31"))
            Issue.record("a mappa value that is not yes/no was imported")
        } catch {
            #expect("\(error)".contains("referrals.csv:2:7: error: mappa: 'm****' is not a yes/no value"), "\(error)")
        }
    }
}
