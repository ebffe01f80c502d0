import Foundation
import Testing

/// `panelboard import`, run as a user runs it, with its whole output pinned.
@Suite struct ImportCommandTests {
    static let firstImport = """
        file            read  new  changed  unchanged  rejected
        areas.csv          3    3        0          0         0
        meetings.csv       4    4        0          0         0
        referrals.csv      5    5        0          0         0
        actions.csv        4    4        0          0         0
        attendance.csv     5    5        0          0         0
        cohort.csv         2    2        0          0         0
        incidents.csv      1    1        0          0         0
        total             24   24        0          0         0
        Imported into store.sqlite (import 1, as of 2024-04-01).

        """

    @Test func importsTheExampleBundleAndAgainChangesNothing() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let args = ["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"]
        let first = try cli.run(args)
        #expect(first == CLI.Result(status: 0, stdout: Self.firstImport, stderr: ""))

        let second = try cli.run(args)
        #expect(second == CLI.Result(status: 0, stdout: """
            file            read  new  changed  unchanged  rejected
            areas.csv          3    0        0          3         0
            meetings.csv       4    0        0          4         0
            referrals.csv      5    0        0          5         0
            actions.csv        4    0        0          4         0
            attendance.csv     5    0        0          5         0
            cohort.csv         2    0        0          2         0
            incidents.csv      1    0        0          1         0
            total             24    0        0         24         0
            Imported into store.sqlite (import 2, as of 2024-04-01).

            """, stderr: ""))

        let attributes = try FileManager.default.attributesOfItem(atPath: cli.path("store.sqlite"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func usesPanelboardDBWhenNoDBIsGiven() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.run(["import", CLI.exampleBundle, "--as-of", "2024-04-01"],
                                 environment: ["PANELBOARD_DB": "from-env.sqlite"])
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: cli.path("from-env.sqlite")))
    }

    @Test func refusesABadRowNamingFileLineAndColumnAndImportsNothing() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.write("bundle/referrals.csv", """
            referral_id,panel,area,victim_ref,referral_date,referring_agency
            R001,MARAC,North,V0001,2024-01-03,police
            R002,MARAC,North,V0002,31/02/2024,police

            """)
        let result = try cli.run(["import", "bundle", "--db", "store.sqlite", "--as-of", "2024-04-01"])
        #expect(result == CLI.Result(status: 1, stdout: "", stderr: """
            panelboard: referrals.csv:3:5: error: referral_date: '3*/**/****' is not a day of the calendar (no such month, or no such day in that month)
            Nothing was imported. Fix these rows, or import with --skip-invalid --rejects FILE to keep the valid rows and write the rest to FILE.

            """))
        let count = try cli.run(["import", "--help"])
        #expect(count.status == 0)
    }

    @Test func skipInvalidAccountsForEveryRow() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.write("bundle/referrals.csv", """
            referral_id,panel,area,victim_ref,referral_date,referring_agency
            R001,MARAC,North,V0001,2024-01-03,police
            R002,MARAC,North,V0002,2024-01-04,Northdale Constabulary
            R003,MARAC,North,V0003,2024-01-05,

            """)
        let result = try cli.run([
            "import", "bundle", "--db", "store.sqlite", "--as-of", "2024-04-01",
            "--skip-invalid", "--rejects", "rejects.csv",
        ])
        #expect(result == CLI.Result(status: 0, stdout: """
            file           read  new  changed  unchanged  rejected
            referrals.csv     3    2        0          0         1
            total             3    2        0          0         1
            referrals.csv: agency names no mapping knows, kept as written: Northdale Constabulary (1). Add them to a mapping file (--mapping FILE) to count them under an agency code.
            1 row rejected, written with the reasons to rejects.csv
            Imported into store.sqlite (import 1, as of 2024-04-01).

            """, stderr: ""))
        let rejects = try String(contentsOfFile: cli.path("rejects.csv"), encoding: .utf8)
        #expect(rejects == """
            file,line,problems,record\r
            referrals.csv,4,"column 6 (referring_agency): required, but empty","R003,MARAC,North,V0003,2024-01-05,"\r

            """)
        let attributes = try FileManager.default.attributesOfItem(atPath: cli.path("rejects.csv"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func optionMistakesAreCaughtBeforeAnythingRuns() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.run(["import", "bundle", "--skip-invalid"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--skip-invalid needs --rejects FILE"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("panelboard.sqlite")))
    }
}
