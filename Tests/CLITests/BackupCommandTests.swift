import Foundation
import Testing

/// `panelboard backup`: a consistent, checked, owner-only copy that never lands on
/// the store or on someone else's file.
@Suite struct BackupCommandTests {
    @Test func copiesTheStoreAndReplacesOnlyItsOwnEarlierCopy() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        try FileManager.default.createDirectory(atPath: cli.path("backups"), withIntermediateDirectories: true)

        let first = try cli.run(["backup", "--db", "store.sqlite", "--to", "backups/copy.sqlite"])
        #expect(first == CLI.Result(status: 0, stdout: "Backed up store.sqlite to backups/copy.sqlite (1.5 MB); integrity check ok.\n", stderr: ""))
        let attributes = try FileManager.default.attributesOfItem(atPath: cli.path("backups/copy.sqlite"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        // One file, nothing beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.path("backups")) == ["copy.sqlite"])

        // The copy is a store: the same figures, the same log.
        for args in [["metrics", "--panel", "MARAC", "--period", "2024Q1", "--as-of", "2024-04-01", "--format", "json"],
                     ["query", "SELECT * FROM actions ORDER BY action_id", "--format", "csv"]] {
            let original = try cli.run(args + ["--db", "store.sqlite"])
            let copy = try cli.run(args + ["--db", "backups/copy.sqlite"])
            #expect(copy.status == 0)
            #expect(copy.stdout == original.stdout)
        }
        #expect(try cli.run(["backup", "--db", "store.sqlite", "--to", "backups/copy.sqlite"]).status == 0)
    }

    @Test func neverOverTheStoreItsJournalALinkOrAnotherFile() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        let store = try #require(FileManager.default.contents(atPath: cli.path("store.sqlite")))
        try cli.write("notes.sqlite", "my notes")
        try FileManager.default.createSymbolicLink(atPath: cli.path("link.sqlite"), withDestinationPath: cli.path("notes.sqlite"))
        let cases: [(String, [String], String)] = [
            ("store.sqlite", ["--force"], "will not write store.sqlite: it is the store; choose another name"),
            ("store.sqlite-wal", ["--force"], "will not write store.sqlite-wal: it is the store's journal; choose another name"),
            ("link.sqlite", ["--force"], "will not write link.sqlite: it is a symbolic link; name the file or folder itself"),
            ("notes.sqlite", [], "notes.sqlite already exists and Panelboard did not write it; choose another name, or add --force to replace it"),
        ]
        for (target, extra, message) in cases {
            let result = try cli.run(["backup", "--db", "store.sqlite", "--to", target] + extra)
            #expect(result == CLI.Result(status: 1, stdout: "", stderr: "panelboard: \(message)\n"))
        }
        #expect(FileManager.default.contents(atPath: cli.path("store.sqlite")) == store)
        #expect(try String(contentsOfFile: cli.path("notes.sqlite"), encoding: .utf8) == "my notes")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }
}
