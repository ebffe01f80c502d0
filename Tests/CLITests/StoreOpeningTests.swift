import Foundation
import Testing

/// What happens when `--db` or an option names the wrong thing: found by trying the
/// tool as a careless user would.
@Suite struct StoreOpeningTests {
    @Test func anotherProgramsDatabaseIsNeverMadeAStore() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        // Another program's database: one table of its own, made with Python's sqlite3.
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import sqlite3; c = sqlite3.connect('theirs.sqlite'); "
            + "c.execute('CREATE TABLE notes (note TEXT)'); c.execute(\"INSERT INTO notes VALUES ('keep me')\"); c.commit()"]
        python.currentDirectoryURL = cli.directory
        try python.run()
        python.waitUntilExit()
        try #require(python.terminationStatus == 0)
        let before = try #require(FileManager.default.contents(atPath: cli.path("theirs.sqlite")))
        try cli.write("idva.csv", "area,idva_caseload\nStockton,12\n")
        let message = "panelboard: theirs.sqlite is not a panelboard store (it has no referrals table); name the store with --db FILE\n"
        for args in [["import", CLI.exampleBundle, "--as-of", "2024-04-01"], ["import", "--raw", "idva.csv", "--table", "idva"],
                     ["upgrade"]] {
            let result = try cli.run(args + ["--db", "theirs.sqlite"])
            #expect(result == CLI.Result(status: 1, stdout: "", stderr: message), "\(args)")
        }
        #expect(FileManager.default.contents(atPath: cli.path("theirs.sqlite")) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).sorted() == ["idva.csv", "theirs.sqlite"])
    }

    @Test func checkSaysOkOrWhatIsDamaged() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        let sound = try cli.run(["check", "--db", "store.sqlite"])
        #expect(sound == CLI.Result(status: 0, stdout: "store.sqlite: ok (SQLite's integrity check found nothing wrong).\n", stderr: ""))
        let url = URL(fileURLWithPath: cli.path("store.sqlite"))
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        let handle = try FileHandle(forUpdating: url)
        try handle.seek(toOffset: 4096)
        handle.write(Data(repeating: 0xFF, count: size - 4096))
        try handle.close()
        let damaged = try cli.run(["check", "--db", "store.sqlite"])
        #expect(damaged.status == 1)
        #expect(damaged.stdout == "")
        #expect(damaged.stderr.hasPrefix("store.sqlite is damaged; SQLite's integrity check found:\n  "))
        #expect(damaged.stderr.hasSuffix("Restore your latest backup (panelboard backup), or import the exports again into a new store.\n"))
        // The advice other commands give leads here.
        let metrics = try cli.run(["metrics", "--panel", "MARAC", "--period", "2024Q1", "--db", "store.sqlite"])
        #expect(metrics.stderr.contains("Check it with: panelboard check --db store.sqlite"))
        // An import into it says the same, not a bare SQLite error.
        let importing = try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        #expect(importing.status == 1)
        #expect(importing.stderr.contains("is damaged") || importing.stderr.contains("not a SQLite database"))
    }

    @Test func aMisspeltSettingIsRefused() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        try cli.write("settings.json", #"{"supression_threshold": 10}"#)
        let result = try cli.run(["report", "--panel", "MARAC", "--period", "2024Q1", "--db", "store.sqlite",
                                  "--settings", "settings.json", "--out", "r.html"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("settings.json: no setting named supression_threshold; the settings are agenda_days_before, "))
        #expect(!FileManager.default.fileExists(atPath: cli.path("r.html")))
    }

    @Test func theDashboardCannotBeNamedIntoItsOwnPack() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        let result = try cli.run(["report", "--panel", "MARAC", "--period", "2024Q1", "--db", "store.sqlite",
                                  "--out", "pk/figures.csv", "--csv", "pk"])
        #expect(result == CLI.Result(status: 1, stdout: "",
                                     stderr: "panelboard: --out pk/figures.csv is inside --csv pk: name the dashboard outside the CSV pack's folder\n"))
    }
}
