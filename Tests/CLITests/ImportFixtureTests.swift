import Foundation
import Testing

/// Every case in Fixtures/import/: one rule of the data contract broken (or one
/// allowed variation), imported with the real binary into a fresh store, its whole
/// output compared with the case's expected.txt.
@Suite struct ImportFixtureTests {
    static let root = CLI.repository.appendingPathComponent("Fixtures/import")

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: root.appendingPathComponent("\($0)/bundle").path) }.sorted()
    }()

    @Test func everyRuleHasACase() {
        #expect(Self.cases.count >= 30)
    }

    @Test(arguments: ImportFixtureTests.cases)
    func importGivesExactlyTheExpectedOutput(name: String) throws {
        let folder = Self.root.appendingPathComponent(name)
        let expected = try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
        let argsFile = folder.appendingPathComponent("args")
        let args = FileManager.default.fileExists(atPath: argsFile.path)
            ? try String(contentsOf: argsFile, encoding: .utf8).split(separator: "\n").map(String.init) : []
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.run(["import", folder.appendingPathComponent("bundle").path, "--db", "store.sqlite",
                                  "--as-of", "2024-04-01"] + args)
        let actual = "exit: \(result.status)\n--- stdout\n\(result.stdout)--- stderr\n\(result.stderr)"
        #expect(actual == expected)

        // A refused import leaves no rows behind; a successful one stores what it read.
        if result.status != 0, FileManager.default.fileExists(atPath: cli.path("store.sqlite")) {
            let count = try cli.run(["query", """
                SELECT (SELECT count(*) FROM referrals) + (SELECT count(*) FROM actions) + (SELECT count(*) FROM meetings)
                     + (SELECT count(*) FROM attendance) + (SELECT count(*) FROM cohort) + (SELECT count(*) FROM incidents)
                     + (SELECT count(*) FROM areas) AS n
                """, "--db", "store.sqlite", "--format", "csv"])
            #expect(count.stdout == "n\r\n0\r\n")
        }
    }
}
