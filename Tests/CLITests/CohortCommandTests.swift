import Foundation
import Testing

/// `panelboard cohort`: the exit review counting referrals as signs of harm
/// (Fixtures/metrics/exit_review/) and the exits that should be back at MARAC
/// (Fixtures/metrics/post_exit_harm/), whole outputs.
@Suite struct CohortCommandTests {
    func store(_ fixture: String, asOf: String) throws -> CLI {
        let cli = try CLI()
        let bundle = CLI.repository.appendingPathComponent("Fixtures/metrics/\(fixture)").path
        let imported = try cli.run(["import", bundle, "--db", "store.sqlite", "--as-of", asOf])
        #expect(imported.status == 0, "\(imported.stderr)")
        return cli
    }

    /// P0110, referred to MARAC after adoption with no incident, is not due; P0102's
    /// latest sign is a DRAMM referral on the day of an incident.
    @Test func exitReviewShowsTheLatestSignOfHarm() throws {
        let cli = try store("exit_review", asOf: "2025-02-28")
        defer { cli.cleanUp() }
        #expect(try cli.run(["cohort", "--panel", "DAPP", "--exit-review", "--as-of", "2025-02-28", "--db", "store.sqlite",
                             "--format", "csv"]) == CLI.Result(status: 0, stdout: """
            perpetrator_ref,panel,area,adopted_date,adoption_source,days_on_cohort,last_harm_date,last_harm_kind,last_harm_panel,review_due_on,exit_review_due\r
            P0101,DAPP,North,2024-10-01,marac,150,,,,2025-01-01,1\r
            P0112,DAPP,South,2024-10-01,professional_judgement,150,,,,2025-01-01,1\r
            P0102,DAPP,North,2024-09-02,marac,179,2024-11-28,referral,DRAMM,2025-02-28,1\r

            """, stderr: ""))
        let all = try cli.run(["cohort", "--panel", "DAPP", "--as-of", "2025-02-28", "--db", "store.sqlite", "--format", "csv"])
        #expect(all.stdout.contains("P0110,DAPP,North,2024-10-01,marac,150,2024-12-20,referral,MARAC,2025-03-20,0\r\n"))
    }

    @Test func postExitHarmListsExitsWithAnUnreferredIncident() throws {
        let cli = try store("post_exit_harm", asOf: "2025-06-30")
        defer { cli.cleanUp() }
        #expect(try cli.run(["cohort", "--panel", "DAPP", "--post-exit-harm", "--as-of", "2025-06-30", "--db", "store.sqlite"])
                == CLI.Result(status: 0, stdout: """
            perpetrator_ref  panel  area   adopted_date  exit_date   exit_reason      incident_id  incident_date  incident_type        days_since_incident
            ---------------  -----  -----  ------------  ----------  ---------------  -----------  -------------  -------------------  -------------------
            P0201            DAPP   North  2024-01-08    2024-06-03  no_further_harm  J01          2024-09-10     threats                              293
            P0204            DAPP   North  2024-02-05    2024-08-01  stepped_down     J05          2024-10-01     stalking_harassment                  272
            P0209            DAPP   North  2024-04-01    2024-10-01  no_further_harm  J10          2024-11-01     threats                              241
            P0202            DAPP   North  2024-01-08    2024-05-01  no_further_harm  J03          2025-01-20     breach_of_order                      161
            (4 rows)

            """, stderr: ""))
        #expect(try cli.run(["cohort", "--panel", "DAPP", "--post-exit-harm", "--as-of", "2025-01-01", "--area", "South",
                             "--db", "store.sqlite", "--format", "csv"]) == CLI.Result(status: 0, stdout: """
            perpetrator_ref,panel,area,adopted_date,exit_date,exit_reason,incident_id,incident_date,incident_type,days_since_incident\r
            P0207,DAPP,South,2023-11-06,2024-03-01,moved_out_of_area,J08,2024-12-12,threats,20\r

            """, stderr: ""))
    }

    @Test func postExitHarmIsNotAnExitReview() throws {
        let cli = try store("post_exit_harm", asOf: "2025-06-30")
        defer { cli.cleanUp() }
        let both = try cli.run(["cohort", "--panel", "DAPP", "--post-exit-harm", "--exit-review", "--db", "store.sqlite"])
        #expect(both.status == 64)
        #expect(both.stdout == "")
        #expect(both.stderr.hasPrefix(
            "Error: --post-exit-harm is not the exit review: leave out --exit-review and --exit-review-months\n"))
        let lists = try cli.run(["cohort", "--panel", "DAPP", "--post-exit-harm", "--mappa-conflicts", "--db", "store.sqlite"])
        #expect(lists.status == 64 && lists.stdout == "")
        #expect(lists.stderr.hasPrefix("Error: --post-exit-harm and --mappa-conflicts are two different lists: ask for one at a time\n"))
    }

    /// Fixtures/metrics/mappa_conflicts/README.md works both days by hand.
    @Test func mappaConflictsListsMembersUnderMappa() throws {
        let cli = try store("mappa_conflicts", asOf: "2025-03-31")
        defer { cli.cleanUp() }
        #expect(try cli.run(["cohort", "--panel", "DAPP", "--mappa-conflicts", "--as-of", "2025-03-31", "--db", "store.sqlite",
                             "--format", "csv"]) == CLI.Result(status: 0, stdout: """
            perpetrator_ref,panel,area,adopted_date,referral_id,referral_panel,referral_date\r
            P0501,DAPP,North,2024-06-03,M01,MARAC,2024-05-20\r
            P0506,DAPP,South,2024-06-03,M09,MARAC,2024-07-01\r
            P0504,DAPP,North,2024-06-03,M06,MARAC,2024-09-02\r
            P0503,DAPP,North,2024-06-03,M05,MARAC,2025-01-15\r

            """, stderr: ""))
        // M05 has not happened yet; P0505 has not yet left.
        #expect(try cli.run(["cohort", "--panel", "DAPP", "--mappa-conflicts", "--as-of", "2024-12-15", "--db", "store.sqlite"])
                == CLI.Result(status: 0, stdout: """
            perpetrator_ref  panel  area   adopted_date  referral_id  referral_panel  referral_date
            ---------------  -----  -----  ------------  -----------  --------------  -------------
            P0501            DAPP   North  2024-06-03    M01          MARAC           2024-05-20
            P0506            DAPP   South  2024-06-03    M09          MARAC           2024-07-01
            P0504            DAPP   North  2024-06-03    M06          MARAC           2024-09-02
            P0505            DAPP   North  2024-06-03    M08          MARAC           2024-11-01
            (4 rows)

            """, stderr: ""))
        #expect(try cli.run(["cohort", "--panel", "DAPP", "--mappa-conflicts", "--as-of", "2025-03-31", "--area", "South",
                             "--db", "store.sqlite", "--format", "csv"]).stdout == """
            perpetrator_ref,panel,area,adopted_date,referral_id,referral_panel,referral_date\r
            P0506,DAPP,South,2024-06-03,M09,MARAC,2024-07-01\r

            """)
    }
}
