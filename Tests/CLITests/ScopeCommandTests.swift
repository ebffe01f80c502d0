import Foundation
import Testing

/// A typo in a panel or area is an error naming what the store holds, never a
/// board pack of zeros that reads as good news.
@Suite struct ScopeCommandTests {
    static let period = ["--period", "2024Q1", "--as-of", "2024-04-01", "--db", "store.sqlite"]

    @Test func anUnknownPanelOrAreaIsAnErrorListingTheKnownOnes() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        let panel = "panelboard: the store holds no panel DRAMM; it holds DAPP, MARAC\n"
        for command in [["metrics"], ["report", "--out", "r.html"]] {
            let result = try cli.run(command + ["--panel", "dramm"] + Self.period)
            #expect(result == CLI.Result(status: 1, stdout: "", stderr: panel), "\(command[0])")
        }
        let area = "panelboard: MARAC has no area or area group 'Stokton'; it has Hartlepool, North, North Tees, Stockton\n"
        for command in [["metrics"], ["report", "--out", "r.html"]] {
            let result = try cli.run(command + ["--panel", "MARAC", "--area", "Stokton"] + Self.period)
            #expect(result == CLI.Result(status: 1, stdout: "", stderr: area), "\(command[0])")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.path("r.html")))
        let cohort = try cli.run(["cohort", "--panel", "IDAP", "--db", "store.sqlite"])
        #expect(cohort.stderr == "panelboard: the store holds no panel IDAP; it holds DAPP, MARAC\n")
        let actions = try cli.run(["actions", "--overdue", "--panel", "MARAC", "--area", "Nowhere", "--db", "store.sqlite"])
        #expect(actions.status == 1)

        // Known names, an area group, a panel in lower case: as before.
        for args in [["--panel", "marac"], ["--panel", "MARAC", "--area", "Stockton"], ["--panel", "MARAC", "--area", "North Tees"]] {
            #expect(try cli.run(["metrics"] + args + Self.period).status == 0, "\(args)")
        }
    }

    @Test func anEmptyStoreSaysToImportFirst() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.write("empty/referrals.csv", "referral_id,panel,area,victim_ref,referral_date,referring_agency\n")
        #expect(try cli.run(["import", "empty", "--db", "store.sqlite", "--as-of", "2024-04-01"]).status == 0)
        let result = try cli.run(["metrics", "--panel", "MARAC"] + Self.period)
        #expect(result.stderr == "panelboard: the store holds no panel yet (no referrals, meetings or cohort): import a bundle first\n")
    }
}
