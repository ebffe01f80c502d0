import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `panelboard query` as a hostile or careless analyst would use it: huge results,
/// cells that would take over the terminal, two statements, a damaged store,
/// functions that read memory, a NULL parameter.
@Suite struct QueryRobustnessTests {
    static func storeCLI() throws -> CLI {
        let cli = try CLI()
        try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        return cli
    }

    /// Runs the binary with its output thrown away and returns its exit status and
    /// peak resident memory in KiB, measured for that process alone.
    static func peakMemory(_ arguments: [String]) throws -> (status: Int32, kib: Int) {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([CLI.binary.path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, CLI.binary.path, &actions, nil, argv, environ)
        try #require(spawned == 0)
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        return ((status >> 8) & 0xFF, usage.ru_maxrss)
    }

    @Test(arguments: ["table", "json"])
    func manyRowsStreamInFlatMemory(format: String) throws {
        let cli = try Self.storeCLI()
        defer { cli.cleanUp() }
        func run(_ rows: Int) throws -> Int {
            let sql = """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(rows))
                SELECT i, printf('%0100d', i) AS pad FROM n
                """
            let result = try Self.peakMemory(["query", sql, "--db", cli.path("store.sqlite"), "--format", format])
            #expect(result.status == 0)
            return result.kib
        }
        let small = try run(1_000), large = try run(300_000)
        // Held in memory, 300,000 such rows take over 100 MB; streamed, the large
        // run costs what the small one does, give or take the allocator.
        #expect(large < small + 24 * 1024, "\(format): \(small) KiB for 1,000 rows, \(large) KiB for 300,000")
    }

    @Test func aStreamedTableIsSizedOnItsFirstRowsAndCountsThemAll() throws {
        let cli = try Self.storeCLI()
        defer { cli.cleanUp() }
        let sql = """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1002)
            SELECT i, CASE WHEN i > 1000 THEN 'a much longer cell than any before' ELSE 'short' END AS t FROM n
            """
        let result = try cli.run(["query", sql, "--db", "store.sqlite"])
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "   i  t")
        #expect(lines[2] == "   1  short")
        #expect(lines[1002] == "1001  a mu…")
        #expect(lines[1004] == "(1002 rows)")
    }

    @Test func controlCharactersAreShownNeverSent() throws {
        let cli = try Self.storeCLI()
        defer { cli.cleanUp() }
        // Clear the screen, an OSC 8 hyperlink, a bare CR, a C1 CSI, a direction override.
        let sql = """
            SELECT char(27) || '[2J' AS clear,
                   char(27) || ']8;;http://x.example/' || char(27) || '\\' || 'click' AS link,
                   'a' || char(13) || 'b' AS cr, char(155) || '31m' AS csi, 'abc' || char(8238) || 'def' AS bidi
            """
        let table = try cli.run(["query", sql, "--db", "store.sqlite"])
        #expect(table.stdout == #"""
            clear    link                                 cr      csi      bidi
            -------  -----------------------------------  ------  -------  ------------
            \x1b[2J  \x1b]8;;http://x.example/\x1b\click  a\x0db  \x9b31m  abc\u202edef
            (1 row)

            """#)
        let markdown = try cli.run(["query", sql, "--db", "store.sqlite", "--format", "markdown"])
        #expect(!markdown.stdout.unicodeScalars.contains { $0.value == 27 || $0.value == 13 || $0.value == 155 })
        let json = try cli.run(["query", sql, "--db", "store.sqlite", "--format", "json"])
        #expect(json.stdout.contains(#""csi": "\u009b31m""#))
        #expect(!json.stdout.unicodeScalars.contains { $0.value == 27 || $0.value == 155 })
    }

    @Test func errorsAreSaidPlainly() throws {
        let cli = try Self.storeCLI()
        defer { cli.cleanUp() }
        let two = try cli.run(["query", "SELECT 1; SELECT 2", "--db", "store.sqlite"])
        #expect(two == CLI.Result(status: 1, stdout: "", stderr: "panelboard: give one SQL statement at a time (there is more after the first ';')\n"))
        let memory = try cli.run(["query", "SELECT fts3_tokenizer('simple')", "--db", "store.sqlite"])
        #expect(memory == CLI.Result(status: 1, stdout: "", stderr: "panelboard: SQL error: fts3_tokenizer is not available in panelboard queries\n"))
        let null = try cli.run(["query", "SELECT :area IS NULL AS none, coalesce(:area, 'all') AS area", "--param", "area=",
                                "--db", "store.sqlite", "--format", "csv"])
        #expect(null.stdout == "none,area\r\n1,all\r\n")
        // The metric queries' :area defaults to NULL (every area); given empty, the same.
        let saved = try cli.run(["query", "--saved", "metric-volumes", "--param", "panel=MARAC", "--param", "from=2024-01-01",
                                 "--param", "to=2024-03-31", "--param", "area=", "--db", "store.sqlite", "--format", "csv"])
        let all = try cli.run(["query", "--saved", "metric-volumes", "--param", "panel=MARAC", "--param", "from=2024-01-01",
                               "--param", "to=2024-03-31", "--db", "store.sqlite", "--format", "csv"])
        #expect(saved.status == 0)
        #expect(saved.stdout == all.stdout)
    }

    @Test func aDamagedStoreGetsAShortMessageWithWhatToDo() throws {
        let cli = try Self.storeCLI()
        defer { cli.cleanUp() }
        // Overwrite every page but the first: the file is still a SQLite database,
        // its schema and tables are not.
        let url = URL(fileURLWithPath: cli.path("store.sqlite"))
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        let handle = try FileHandle(forUpdating: url)
        try handle.seek(toOffset: 4096)
        handle.write(Data(repeating: 0xFF, count: size - 4096))
        try handle.close()
        let advice = "panelboard: store.sqlite is damaged (SQLite says: database disk image is malformed). "
            + "Check it with: panelboard check --db store.sqlite; "
            + "then restore your latest backup (panelboard backup), or import the exports again into a new store\n"
        for args in [["metrics", "--panel", "MARAC", "--period", "2024Q1", "--as-of", "2024-04-01"],
                     ["query", "SELECT count(*) FROM actions WHERE agency > ''"]] {
            let result = try cli.run(args + ["--db", "store.sqlite"])
            #expect(result.status == 1)
            #expect(result.stderr == advice, "\(args[0])")
        }
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7) }).write(to: URL(fileURLWithPath: cli.path("noise.sqlite")))
        let noise = try cli.run(["query", "SELECT 1", "--db", "noise.sqlite"])
        #expect(noise.stderr == "panelboard: noise.sqlite is not a SQLite database, or its first page is damaged: name the store with --db FILE, or restore your latest backup (panelboard backup)\n")
    }
}
