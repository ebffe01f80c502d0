import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `panelboard purge` and what it leaves for `imports`, `metrics` and `report`, run
/// as a user runs them.
@Suite struct PurgeCommandTests {
    static let bundle = CLI.repository.appendingPathComponent("Fixtures/retention").path

    func imported() throws -> CLI {
        let cli = try CLI()
        #expect(try cli.run(["import", Self.bundle, "--db", "s.sqlite", "--as-of", "2025-01-01"]).status == 0)
        return cli
    }

    @Test func dueCountsPerPanelAndQuarterWithNoIDs() throws {
        let cli = try imported()
        defer { cli.cleanUp() }
        let due = try cli.run(["purge", "--due", "--retention-years", "6", "--as-of", "2026-01-01", "--db", "s.sqlite"])
        #expect(due == CLI.Result(status: 0, stdout: """
            Cases due for disposal as of 2026-01-01: latest activity before the panel's cut-off
            panel  retention_years  cut_off     latest_activity_quarter  cases_due
            -----  ---------------  ----------  -----------------------  ---------
            MARAC                6  2020-01-01  2018Q2                           1
            (1 row)

            """, stderr: ""))
        #expect(!due.stdout.contains("V18") && !due.stdout.contains("R18"))

        let noRule = try cli.run(["purge", "--due", "--db", "s.sqlite"])
        #expect(noRule.status == 1)
        #expect(noRule.stderr == "panelboard: there is no retention rule: set retention_years in panels.csv, or give --retention-years N (or retention_years in a --settings file) for this run\n")

        try cli.write("settings.json", #"{"retention_years": 2}"#)
        let fromSettings = try cli.run(["purge", "--due", "--settings", "settings.json", "--as-of", "2026-01-01", "--db", "s.sqlite"])
        #expect(fromSettings.stdout.contains("MARAC                2  2024-01-01  2020Q1                           1"))
    }

    static let removed = """
        removed           rows
        ----------------  ----
        cases                1
        referrals            2
        actions              2
        meetings             1
        attendance           2
        cohort               0
        incidents            1
        import_changes       0
        periods archived     6
        (9 rows)

        """

    @Test func purgesAfterADryRunThatChangesNothingAndIsLogged() throws {
        let cli = try imported()
        defer { cli.cleanUp() }
        let args = ["purge", "--before", "2020-01-01", "--panel", "MARAC", "--as-of", "2026-01-01", "--db", "s.sqlite"]
        let before = try cli.run(["query", "--db", "s.sqlite", "SELECT referral_id FROM referrals ORDER BY 1"])
        let dry = try cli.run(args + ["--dry-run"])
        #expect(dry == CLI.Result(status: 0, stdout: "Dry run: nothing was changed. A purge of MARAC before 2020-01-01 would remove:\n" + Self.removed, stderr: ""))
        #expect(try cli.run(["query", "--db", "s.sqlite", "SELECT referral_id FROM referrals ORDER BY 1"]) == before)
        #expect(try cli.run(["imports", "--purges", "--db", "s.sqlite", "--format", "csv"]).stdout.components(separatedBy: "\r\n") == [
            "purge_id,purged_at,os_user,tool_version,panel,cut_off,cases,referrals,actions,meetings,attendance,cohort,incidents,import_changes,periods_archived", ""])

        let purge = try cli.run(args)
        #expect(purge == CLI.Result(status: 0, stdout: "Purged MARAC cases with no activity since before 2020-01-01; the store holds no page of them:\n" + Self.removed, stderr: ""))

        let log = try cli.run(["imports", "--db", "s.sqlite"])
        #expect(log.stdout.contains("\nPurges, newest first:\n"))
        let purges = try cli.run(["imports", "--purges", "--db", "s.sqlite", "--format", "csv"]).stdout
        let lines = purges.components(separatedBy: "\r\n")
        #expect(lines.first == "purge_id,purged_at,os_user,tool_version,panel,cut_off,cases,referrals,actions,meetings,attendance,cohort,incidents,import_changes,periods_archived")
        #expect(lines.count == 3 && lines[1].hasSuffix(",MARAC,2020-01-01,1,2,2,1,2,0,1,0,6"))
    }

    /// A purge that finds nothing is still a purge the retention rule asked for:
    /// logged with its cut-off and zero counts. A dry run logs nothing.
    @Test func aPurgeThatFindsNothingIsLogged() throws {
        let cli = try imported()
        defer { cli.cleanUp() }
        let args = ["purge", "--before", "2016-01-01", "--panel", "MARAC", "--as-of", "2026-01-01", "--db", "s.sqlite"]
        let purgesCSV = ["imports", "--purges", "--db", "s.sqlite", "--format", "csv"]
        let header = "purge_id,purged_at,os_user,tool_version,panel,cut_off,cases,referrals,actions,meetings,attendance,cohort,incidents,import_changes,periods_archived"

        let dry = try cli.run(args + ["--dry-run"])
        #expect(dry.status == 0 && dry.stdout.hasPrefix("Dry run: nothing was changed."))
        #expect(try cli.run(purgesCSV).stdout.components(separatedBy: "\r\n") == [header, ""])

        let purge = try cli.run(args)
        #expect(purge == CLI.Result(status: 0, stdout: """
            Nothing to purge: no MARAC case has its latest activity before 2016-01-01. The purge is logged (panelboard imports --purges):
            removed           rows
            ----------------  ----
            cases                0
            referrals            0
            actions              0
            meetings             0
            attendance           0
            cohort               0
            incidents            0
            import_changes       0
            periods archived     0
            (9 rows)

            """, stderr: ""))
        let lines = try cli.run(purgesCSV).stdout.components(separatedBy: "\r\n")
        #expect(lines.count == 3 && lines[0] == header)
        #expect(lines[1].hasPrefix("1,") && lines[1].hasSuffix(",MARAC,2016-01-01,0,0,0,0,0,0,0,0,0"))
        #expect(try cli.run(["imports", "--db", "s.sqlite"]).stdout.contains("\nPurges, newest first:\n"))
        // Only the log's row was written: every case is still there.
        #expect(try cli.run(["query", "--db", "s.sqlite", "--format", "csv", "SELECT count(*) AS n FROM referrals"]).stdout
                == "n\r\n6\r\n")
    }

    @Test func metricsForAnArchivedQuarterReadTheArchiveAndSaySo() throws {
        let cli = try imported()
        defer { cli.cleanUp() }
        let metrics = ["metrics", "--panel", "MARAC", "--period", "2018Q2", "--as-of", "2018-07-01", "--db", "s.sqlite", "--format", "csv"]
        let before = try cli.run(metrics)
        let later = ["metrics", "--panel", "MARAC", "--period", "2024Q1", "--as-of", "2024-04-01", "--db", "s.sqlite", "--format", "csv"]
        let laterBefore = try cli.run(later)
        #expect(try cli.run(["purge", "--before", "2020-01-01", "--panel", "MARAC", "--as-of", "2026-01-01", "--db", "s.sqlite"]).status == 0)

        let after = try cli.run(metrics)
        #expect(after.status == 0)
        let afterLines = after.stdout.components(separatedBy: "\r\n")
        #expect(afterLines.prefix(3) == [
            "family,field,breakdown,value",
            "archived,archived_on,,2026-01-01",
            "archived,note,,figures archived on 2026-01-01; case-level data disposed of",
        ])
        // The same figures as before the purge, line for line, after the note.
        #expect(afterLines.dropFirst(3) == before.stdout.components(separatedBy: "\r\n").dropFirst(1))
        #expect(afterLines.count > 40)
        #expect(try cli.run(later) == laterBefore)

        let table = try cli.run(["metrics", "--panel", "MARAC", "--period", "2018Q2", "--db", "s.sqlite"])
        #expect(table.stdout.hasPrefix("figures archived on 2026-01-01; case-level data disposed of\n"))

        let year = try cli.run(["metrics", "--panel", "MARAC", "--period", "2018", "--db", "s.sqlite"])
        #expect(year == CLI.Result(status: 1, stdout: "", stderr: "panelboard: MARAC 2018 runs into quarters whose figures were archived on 2026-01-01 (2018-01-01 to 2018-06-30); case-level data disposed of: ask for each archived quarter on its own (--period 2019Q1) for its archived figures\n"))

    }

    /// The board pack of a quarter whose trend runs back into purged quarters
    /// shows the same figures after the purge as before it.
    @Test func aTrendAcrossTheCutOffIsUnchanged() throws {
        let cli = try imported()
        defer { cli.cleanUp() }
        let report = ["report", "--panel", "MARAC", "--period", "2019Q4", "--as-of", "2026-01-01", "--db", "s.sqlite",
                      "--no-suppression"]
        #expect(try cli.run(report + ["--out", "before.html", "--csv", "before"]).status == 0)
        let before = try String(contentsOfFile: cli.path("before/figures.csv"), encoding: .utf8)
        #expect(before.contains("2018Q2"))
        #expect(try cli.run(["purge", "--before", "2020-01-01", "--panel", "MARAC", "--as-of", "2026-01-01", "--db", "s.sqlite"]).status == 0)
        #expect(try cli.run(report + ["--out", "after.html", "--csv", "after"]).status == 0)
        #expect(try String(contentsOfFile: cli.path("after/figures.csv"), encoding: .utf8) == before)
    }

    @Test func changesListsWhatAReimportCorrected() throws {
        let cli = try imported()
        defer { cli.cleanUp() }
        let referrals = try String(contentsOfFile: Self.bundle + "/referrals.csv", encoding: .utf8)
        try cli.write("again/referrals.csv", referrals
            .replacingOccurrences(of: "R18002,MARAC,North,V18002,P18002,2018-04-20,M18002,2018-05-16,idva,high",
                                  with: "R18002,MARAC,North,V18002,P18002,2018-04-20,M18002,2018-05-16,idva,medium")
            .replacingOccurrences(of: "R18004,MARAC,South,V18004,P18004,2018-05-02,M18003,2018-05-17,police,high\n", with: ""))
        #expect(try cli.run(["import", "again", "--db", "s.sqlite", "--as-of", "2025-01-01"]).status == 0)
        #expect(try cli.run(["imports", "--changes", "2", "--db", "s.sqlite"]) == CLI.Result(status: 0, stdout: """
            file           id      kind         columns_changed
            -------------  ------  -----------  ---------------
            referrals.csv  R18002  changed      risk_level
            referrals.csv  R18004  disappeared
            (2 rows)

            """, stderr: ""))
        let unknown = try cli.run(["imports", "--changes", "7", "--db", "s.sqlite"])
        #expect(unknown == CLI.Result(status: 1, stdout: "", stderr: "panelboard: there is no import 7 in the log: see the import numbers with panelboard imports\n"))
    }

    @Test func refusesCleanlyWhileAnImportRuns() throws {
        signal(SIGPIPE, SIG_IGN)
        let cli = try imported()
        defer { cli.cleanUp() }
        // An import held part-way: its referrals.csv is a FIFO the test never
        // writes, so the importer waits inside its transaction.
        let (importer, fd) = try cli.holdImport(db: "s.sqlite", asOf: "2025-01-01")

        let purge = try cli.run(["purge", "--before", "2020-01-01", "--panel", "MARAC", "--as-of", "2026-01-01", "--db", "s.sqlite"])
        close(fd)
        importer.waitUntilExit()
        #expect(purge == CLI.Result(status: 1, stdout: "", stderr: """
            panelboard: another program is writing s.sqlite (an import still running?); wait for it to finish and try again (reading commands need not wait)

            """))
        // Nothing was purged, and it goes ahead once the import is over.
        #expect(try cli.run(["purge", "--before", "2020-01-01", "--panel", "MARAC", "--as-of", "2026-01-01", "--db", "s.sqlite"]).status == 0)
    }
}
