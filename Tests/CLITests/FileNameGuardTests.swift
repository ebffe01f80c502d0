import Foundation
import Testing

/// File names are printed in the summary and kept in the import log, so they are
/// checked like cells.
@Suite struct FileNameGuardTests {
    @Test func aFileNameHoldingIdentifyingDataIsRefusedAndNotLogged() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        let referrals = try String(contentsOfFile: CLI.exampleBundle + "/referrals.csv", encoding: .utf8)
        let name = "notes for SW1A 1AA.csv"
        try cli.write(name, referrals)
        try cli.write("B/referrals.csv", referrals)
        try cli.write("B/call 07700 900123.csv", "x\n1\n")
        let expected = "panelboard: a file name: 'n**** *** **** ***.***' looks like a UK postcode; exports must be anonymised; "
            + "file names are printed and logged, so rename the file (a name such as referrals.csv, or any name with --file TABLE=PATH)\n"
        for args in [["import", "--file", "referrals=\(name)"], ["import", "--raw", name, "--table", "notes"]] {
            let result = try cli.run(args + ["--db", "store.sqlite", "--as-of", "2024-04-01"].filter { args[1] != "--raw" || $0 != "--as-of" && $0 != "2024-04-01" })
            #expect(result.status == 1, "\(args[1])")
            #expect(result.stderr == expected, "\(args[1])")
        }
        // Refused before a store is created for it.
        let raw = try cli.run(["import", "--raw", name, "--table", "notes", "--db", "new.sqlite"])
        #expect(raw.status == 1)
        #expect(!FileManager.default.fileExists(atPath: cli.path("new.sqlite")))
        // A file the bundle folder holds but does not import is listed: it is checked too.
        let folder = try cli.run(["import", "B", "--db", "store.sqlite", "--as-of", "2024-04-01"])
        #expect(folder.status == 1)
        #expect(!folder.stderr.contains("07700"))
        let log = try cli.run(["query", "SELECT group_concat(file) AS files FROM import_files", "--db", "store.sqlite", "--format", "csv"])
        #expect(!log.stdout.contains("SW1A") && !log.stdout.contains("07700"))
    }
}
