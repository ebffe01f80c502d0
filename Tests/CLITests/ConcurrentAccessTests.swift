import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Reads never wait on an import, nor on a dead one: the store stays in WAL mode,
/// so readers see the last committed state while an import runs and after one is
/// killed part-way. The import is held part-way by feeding its referrals.csv
/// through a FIFO: the test decides when the importer gets the rest, or a kill -9.
@Suite(.serialized) struct ConcurrentAccessTests {
    /// The read-only commands, each with the output it must give on the example
    /// bundle's store (5 referrals).
    static func readsAnswer(_ cli: CLI) throws {
        let count = try cli.run(["query", "SELECT count(*) AS n FROM referrals", "--db", "store.sqlite", "--format", "csv"])
        #expect(count == CLI.Result(status: 0, stdout: "n\r\n5\r\n", stderr: ""))
        for args in [["metrics", "--panel", "MARAC", "--period", "2024Q1", "--as-of", "2024-04-01"],
                     ["imports"], ["schema"], ["actions", "--overdue", "--as-of", "2024-04-01"],
                     ["cohort", "--panel", "DAPP", "--as-of", "2024-04-01"],
                     ["report", "--panel", "MARAC", "--period", "2024Q1", "--as-of", "2024-04-01", "--out", "r.html"]] {
            let result = try cli.run(args + ["--db", "store.sqlite"])
            #expect(result.status == 0, "\(args[0]): \(result.stderr)")
            #expect(result.stderr == "", "\(args[0])")
        }
    }

    @Test func readersSeeTheLastCommittedStateDuringAndAfterAKilledImport() throws {
        signal(SIGPIPE, SIG_IGN)
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"]).status == 0)
        #expect(try cli.run(["generate", "--out", "big", "--referrals", "20000"]).status == 0)
        let referrals = try #require(FileManager.default.contents(atPath: cli.path("big/referrals.csv")))
        #expect(referrals.count > 1_500_000)
        // No reader is open when the import begins; the importer opens the FIFO
        // when it reaches the file.
        let (importer, fd) = try cli.holdImport(db: "store.sqlite", asOf: "2026-01-01")
        _ = fcntl(fd, F_SETFL, 0)
        // 1.5 MB: more than the importer's first 1 MiB read, so rows are in its
        // transaction when the write returns; the rest never comes.
        let written = referrals.prefix(1_500_000).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        #expect(written == 1_500_000)
        usleep(500_000)
        #expect(importer.isRunning)

        try Self.readsAnswer(cli)
        // A backup taken meanwhile is the store as it was before the import.
        #expect(try cli.run(["backup", "--db", "store.sqlite", "--to", "during.sqlite"]).status == 0)
        let copied = try cli.run(["query", "SELECT count(*) AS n FROM referrals", "--db", "during.sqlite", "--format", "csv"])
        #expect(copied.stdout == "n\r\n5\r\n")

        kill(importer.processIdentifier, SIGKILL)
        importer.waitUntilExit()
        close(fd)
        #expect(importer.terminationReason == .uncaughtSignal)

        // At once, and as before the import.
        try Self.readsAnswer(cli)
        let upgrade = try cli.run(["upgrade", "--db", "store.sqlite"])
        #expect(upgrade.status == 0)

        // The next import goes through, and readers see it.
        #expect(try cli.run(["import", "big", "--db", "store.sqlite", "--as-of", "2026-01-01"]).status == 0)
        let count = try cli.run(["query", "SELECT count(*) > 15000 AS more FROM referrals", "--db", "store.sqlite", "--format", "csv"])
        #expect(count.stdout == "more\r\n1\r\n")
    }

    @Test func aStoreInAFolderNobodyMayWriteCanBeQueried() throws {
        let cli = try CLI()
        defer {
            chmod(cli.path("ro"), 0o700)
            cli.cleanUp()
        }
        try FileManager.default.createDirectory(atPath: cli.path("ro"), withIntermediateDirectories: false)
        #expect(try cli.run(["import", CLI.exampleBundle, "--db", "ro/store.sqlite", "--as-of", "2024-04-01"]).status == 0)
        // Root may write anywhere, so as root the reader runs as nobody, owning the
        // store; otherwise the folder's write bit is enough.
        let asNobody = getuid() == 0
        if asNobody {
            #expect(chown(cli.path("ro"), 65534, 65534) == 0)
            #expect(chown(cli.path("ro/store.sqlite"), 65534, 65534) == 0)
            chmod(cli.directory.path, 0o755)
        }
        chmod(cli.path("ro"), 0o555)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: asNobody ? "/usr/bin/setpriv" : CLI.binary.path)
        let query = ["query", "SELECT count(*) AS n FROM referrals", "--db", cli.path("ro/store.sqlite"), "--format", "csv"]
        process.arguments = asNobody
            ? ["--reuid=65534", "--regid=65534", "--clear-groups", CLI.binary.path] + query : query
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(stderr == "")
        #expect(stdout == "n\r\n5\r\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.path("ro")) == ["store.sqlite"])
    }
}
