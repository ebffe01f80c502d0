import Foundation
import Testing

/// The import says which files had their indexes built after loading (issue 17);
/// the benchmarks' switch forces either way on one binary, and the store is the same.
@Suite struct ImportIndexBuildCommandTests {
    @Test func theSummaryNamesFilesIndexedAfterLoadingAndTheStoreIsTheSame() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let after = try cli.run(["import", CLI.exampleBundle, "--db", "after.sqlite", "--as-of", "2024-04-01"],
                                environment: ["PANELBOARD_BENCH_INDEXES": "after"])
        #expect(after.status == 0)
        let lines = after.stdout.split(separator: "\n").filter { $0.contains("indexes built after loading") }
        #expect(lines.contains { $0.hasPrefix("referrals.csv: ") && $0.hasSuffix("indexes built after loading (a large file beside what the table held).") })
        #expect(lines.contains { $0.hasPrefix("actions.csv: ") })

        let rowByRow = try cli.run(["import", CLI.exampleBundle, "--db", "row.sqlite", "--as-of", "2024-04-01"],
                                   environment: ["PANELBOARD_BENCH_INDEXES": "row-by-row"])
        #expect(rowByRow.status == 0)
        #expect(!rowByRow.stdout.contains("indexes built after loading"))
        // By default the example bundle is far too small to defer anything.
        let plain = try cli.run(["import", CLI.exampleBundle, "--db", "plain.sqlite", "--as-of", "2024-04-01"])
        #expect(!plain.stdout.contains("indexes built after loading"))

        for table in ["referrals", "actions", "meetings"] {
            let sql = "SELECT * FROM \(table) ORDER BY 1, 2"
            let a = try cli.run(["query", "--db", "after.sqlite", "--format", "csv", sql])
            let b = try cli.run(["query", "--db", "row.sqlite", "--format", "csv", sql])
            #expect(a.status == 0 && a == b)
        }
        let schema = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
        let a = try cli.run(["query", "--db", "after.sqlite", "--format", "csv", schema])
        let b = try cli.run(["query", "--db", "row.sqlite", "--format", "csv", schema])
        #expect(a.status == 0 && a == b)
    }
}
