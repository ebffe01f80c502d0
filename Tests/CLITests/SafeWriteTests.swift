import Foundation
import Testing

/// Every option that writes a file, pointed where a careless or hostile user would
/// point it: at the store, at the export being imported, through a link, into a
/// folder of someone else's files, onto a full disk. Nothing may be lost.
@Suite struct SafeWriteTests {
    static let scope = ["--panel", "MARAC", "--period", "2024Q1", "--as-of", "2024-04-01", "--db", "store.sqlite"]

    /// A store holding the example bundle, and a copy of the bundle at B/ with one
    /// invalid referral row (a date that names no day).
    static func setUp() throws -> CLI {
        let cli = try CLI()
        try FileManager.default.copyItem(atPath: CLI.exampleBundle, toPath: cli.path("B"))
        try cli.run(["import", "B", "--db", "store.sqlite", "--as-of", "2024-04-01"])
        let referrals = cli.path("B/referrals.csv")
        var text = try String(contentsOfFile: referrals, encoding: .utf8)
        text += "R900,MARAC,Stockton,V0900,,2024-31-01,,,police,,,,,,,,,,,,,,\n"
        try text.write(toFile: referrals, atomically: true, encoding: .utf8)
        return cli
    }

    static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    @Test func rejectsNeverLandOnTheStoreItsJournalOrAnInput() throws {
        let cli = try Self.setUp()
        defer { cli.cleanUp() }
        let store = try #require(Self.bytes(cli.path("store.sqlite")))
        let input = try #require(Self.bytes(cli.path("B/referrals.csv")))
        for (target, role) in [("store.sqlite", "the store"), ("./store.sqlite", "the store"),
                               ("store.sqlite-wal", "the store's journal"), ("store.sqlite-journal", "the store's journal"),
                               ("B/referrals.csv", "a file being read"), ("B/../B/actions.csv", "a file being read")] {
            for force in [[], ["--force"]] {
                let result = try cli.run(["import", "B", "--db", "store.sqlite", "--as-of", "2024-04-01",
                                          "--skip-invalid", "--rejects", target] + force)
                #expect(result.status == 1)
                #expect(result.stderr == "panelboard: will not write \(target): it is \(role); choose another name\n")
            }
        }
        #expect(Self.bytes(cli.path("store.sqlite")) == store)
        #expect(Self.bytes(cli.path("B/referrals.csv")) == input)
        // The store still answers.
        let query = try cli.run(["query", "SELECT count(*) AS n FROM referrals", "--db", "store.sqlite", "--format", "csv"])
        #expect(query.stdout == "n\r\n5\r\n")
    }

    @Test func rejectsNeverGoThroughALinkNorOverSomeoneElsesFile() throws {
        let cli = try Self.setUp()
        defer { cli.cleanUp() }
        try cli.write("notes.txt", "my own notes\n")
        chmod(cli.path("notes.txt"), 0o644)
        try FileManager.default.createSymbolicLink(atPath: cli.path("link.csv"), withDestinationPath: cli.path("notes.txt"))
        let args = ["import", "B", "--db", "store.sqlite", "--as-of", "2024-04-01", "--skip-invalid", "--rejects"]

        let link = try cli.run(args + ["link.csv", "--force"])
        #expect(link.status == 1)
        #expect(link.stderr == "panelboard: will not write link.csv: it is a symbolic link; name the file or folder itself\n")
        let other = try cli.run(args + ["notes.txt"])
        #expect(other.stderr == "panelboard: notes.txt already exists and Panelboard did not write it; choose another name, or add --force to replace it\n")
        #expect(try String(contentsOfFile: cli.path("notes.txt"), encoding: .utf8) == "my own notes\n")
        #expect(Self.mode(cli.path("notes.txt")) == 0o644)

        // Its own rejects file of an earlier run is replaced without --force.
        #expect(try cli.run(args + ["rejects.csv"]).status == 0)
        #expect(try cli.run(args + ["rejects.csv"]).status == 0)
        #expect(Self.mode(cli.path("rejects.csv")) == 0o600)
        // With --force, someone else's file is replaced.
        #expect(try cli.run(args + ["notes.txt", "--force"]).status == 0)
        #expect(try String(contentsOfFile: cli.path("notes.txt"), encoding: .utf8).hasPrefix("file,line,problems,record"))
    }

    @Test func aFullDiskRollsTheImportBackAndLeavesNoRejectsFile() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        // One valid new referral and 3000 invalid ones: the rejects file outgrows the
        // file-size limit set below, the store does not.
        var text = "referral_id,panel,area,victim_ref,referral_date,referring_agency,outcome\n"
        text += "R800,MARAC,Stockton,V0800,2024-02-01,police,\n"
        let filler = String(repeating: "words ", count: 40)
        for i in 0..<3000 { text += "X\(i),MARAC,Stockton,V\(i),2024-31-01,police,\(filler)\n" }
        try cli.write("C/referrals.csv", text)
        let before = try #require(Self.bytes(cli.path("store.sqlite")))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        // bash counts ulimit -f in KiB.
        process.arguments = ["-c", "ulimit -f 256; exec \"$0\" \"$@\"", CLI.binary.path,
                             "import", "C", "--db", "store.sqlite", "--as-of", "2024-04-01", "--skip-invalid", "--rejects", "rejects.csv"]
        process.currentDirectoryURL = cli.directory
        var environment = ProcessInfo.processInfo.environment
        environment["CI"] = "true"
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        #expect(process.terminationStatus == 1)
        #expect(stderr == "panelboard: could not write rejects.csv: File too large; nothing was left half written\n")
        #expect(!FileManager.default.fileExists(atPath: cli.path("rejects.csv")))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.path(".")).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
        let count = try cli.run(["query", "SELECT count(*) AS n FROM referrals", "--db", "store.sqlite", "--format", "csv"])
        #expect(count.stdout == "n\r\n5\r\n")
        _ = before
    }

    @Test func theReportNeverReplacesTheStoreNorWritesIntoABundle() throws {
        let cli = try Self.setUp()
        defer { cli.cleanUp() }
        let store = try #require(Self.bytes(cli.path("store.sqlite")))
        let actions = try #require(Self.bytes(cli.path("B/actions.csv")))

        let out = try cli.run(["report"] + Self.scope + ["--out", "store.sqlite", "--force"])
        #expect(out.status == 1)
        #expect(out.stderr == "panelboard: will not write store.sqlite: it is the store; choose another name\n")
        let csv = try cli.run(["report"] + Self.scope + ["--out", "d.html", "--csv", "B"])
        #expect(csv.status == 1)
        #expect(csv.stderr == "panelboard: B is a folder that holds files Panelboard did not write; choose an empty or new folder, or add --force to write into it\n")
        #expect(!FileManager.default.fileExists(atPath: cli.path("d.html")))
        #expect(Self.bytes(cli.path("store.sqlite")) == store)
        #expect(Self.bytes(cli.path("B/actions.csv")) == actions)
        try FileManager.default.createSymbolicLink(atPath: cli.path("pack"), withDestinationPath: cli.path("B"))
        let linked = try cli.run(["report"] + Self.scope + ["--out", "d.html", "--csv", "pack", "--force"])
        #expect(linked.stderr == "panelboard: will not write pack: it is a symbolic link; name the file or folder itself\n")
        #expect(Self.bytes(cli.path("B/actions.csv")) == actions)
    }

    @Test func theReportReplacesItsOwnOutputAndIsOwnerOnlyWhateverTheUmask() throws {
        let cli = try Self.setUp()
        defer { cli.cleanUp() }
        for _ in 0..<2 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", "umask 000; exec \"$0\" \"$@\"", CLI.binary.path, "report"] + Self.scope
                + ["--out", "d.html", "--csv", "pack", "--no-suppression"]
            process.currentDirectoryURL = cli.directory
            process.standardOutput = Pipe()
            process.standardError = Pipe()
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        #expect(Self.mode(cli.path("d.html")) == 0o600)
        #expect(Self.mode(cli.path("pack")) == 0o700)
        for name in try FileManager.default.contentsOfDirectory(atPath: cli.path("pack")) {
            #expect(Self.mode(cli.path("pack/" + name)) == 0o600, "\(name)")
        }
        // Someone else's HTML file is not replaced.
        try cli.write("mine.html", "<p>mine</p>")
        let result = try cli.run(["report"] + Self.scope + ["--out", "mine.html"])
        #expect(result.status == 1)
        #expect(try String(contentsOfFile: cli.path("mine.html"), encoding: .utf8) == "<p>mine</p>")
    }

    @Test func demoAndGenerateKeepTheirHandsOffOtherFiles() throws {
        let cli = try Self.setUp()
        defer { cli.cleanUp() }
        try FileManager.default.copyItem(atPath: cli.path("B"), toPath: cli.path("bundle"))
        try FileManager.default.copyItem(atPath: cli.path("store.sqlite"), toPath: cli.path("panelboard.sqlite"))
        let store = try #require(Self.bytes(cli.path("panelboard.sqlite")))
        let referrals = try #require(Self.bytes(cli.path("bundle/referrals.csv")))

        let demo = try cli.run(["demo", "--out", "."])
        #expect(demo.status == 1)
        #expect(demo.stderr == "panelboard: . is a folder that holds files Panelboard did not write; choose an empty or new folder, or add --force to write into it\n")
        let forced = try cli.run(["demo", "--out", ".", "--force"])
        #expect(forced.status == 1)
        #expect(forced.stderr == "panelboard: will not write ./panelboard.sqlite: it is the store; choose another name\n")
        let generate = try cli.run(["generate", "--out", "bundle", "--referrals", "50"])
        #expect(generate.status == 1)
        #expect(Self.bytes(cli.path("panelboard.sqlite")) == store)
        #expect(Self.bytes(cli.path("bundle/referrals.csv")) == referrals)

        // Into a new folder, twice: the second run replaces the first's files.
        for _ in 0..<2 {
            let fresh = try cli.run(["generate", "--out", "new/bundle", "--referrals", "50"])
            #expect(fresh.status == 0)
        }
        #expect(Self.mode(cli.path("new/bundle")) == 0o700)
        #expect(Self.mode(cli.path("new/bundle/referrals.csv")) == 0o600)
    }
}

/// A folder is Panelboard's own only for the kind of output that made it, and the
/// demo replaces its store only while that store is the demo's.
@Suite struct OwnOutputTests {
    @Test func aBoardPackNeverLandsInABundleTheGeneratorWrote() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["generate", "--out", "exp", "--referrals", "300"]).status == 0)
        #expect(try cli.run(["import", "exp", "--db", "store.sqlite", "--as-of", "2025-03-31"]).status == 0)
        let actions = try #require(FileManager.default.contents(atPath: cli.path("exp/actions.csv")))
        let report = try cli.run(["report", "--panel", "MARAC", "--period", "FY2024Q4", "--as-of", "2025-03-31",
                                  "--db", "store.sqlite", "--out", "r.html", "--csv", "exp"])
        #expect(report.status == 1)
        #expect(report.stderr == "panelboard: exp is a folder that holds files Panelboard did not write; choose an empty or new folder, or add --force to write into it\n")
        #expect(FileManager.default.contents(atPath: cli.path("exp/actions.csv")) == actions)
        // Its own earlier pack it replaces.
        for _ in 0..<2 {
            #expect(try cli.run(["report", "--panel", "MARAC", "--period", "FY2024Q4", "--as-of", "2025-03-31",
                                 "--db", "store.sqlite", "--out", "r.html", "--csv", "pack"]).status == 0)
        }
    }

    @Test func theDemoRunsTwiceButKeepsAStoreSomeoneAddedTo() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["demo", "--out", "dm"]).status == 0)
        #expect(try cli.run(["demo", "--out", "dm"]).status == 0)
        try cli.write("mine.csv", "area,idva_caseload\nNorthdale,12\n")
        #expect(try cli.run(["import", "--raw", "mine.csv", "--table", "mine", "--db", "dm/panelboard.sqlite"]).status == 0)
        let again = try cli.run(["demo", "--out", "dm"])
        #expect(again.status == 1)
        #expect(again.stderr == "panelboard: will not replace dm/panelboard.sqlite: it has changed since Panelboard wrote it (its import log holds 2 entries, the demo made one); move it away, or choose another folder\n")
        let mine = try cli.run(["query", "SELECT idva_caseload FROM mine", "--db", "dm/panelboard.sqlite", "--format", "csv"])
        #expect(mine.stdout == "idva_caseload\r\n12\r\n")
    }
}
