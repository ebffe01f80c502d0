import Foundation
import Testing

/// Every command has help with an example and an entry in the README; the schema
/// reference is current.
@Suite struct DocumentationTests {
    /// The subcommands as `panelboard --help` lists them.
    static func subcommands() throws -> [String] {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let help = try cli.run(["--help"]).stdout
        guard let section = help.range(of: "SUBCOMMANDS:") else { return [] }
        let listing = help[section.upperBound...]
        // The list ends at the first blank line.
        let lines = listing.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().prefix { !$0.isEmpty }
        return lines.compactMap { line in
            let words = line.split(separator: " ")
            // Command names stand two spaces in; wrapped descriptions further.
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let first = words.first, first != "help" else { return nil }
            return String(first)
        }
    }

    /// docs/schema.md is what `schema --format markdown` prints for a store of the
    /// current schema: a column added by a migration shows up there.
    @Test func theSchemaReferenceIsCurrent() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"]).status == 0)
        let printed = try cli.run(["schema", "--db", "store.sqlite", "--format", "markdown"]).stdout
        let written = try String(contentsOf: CLI.repository.appendingPathComponent("docs/schema.md"), encoding: .utf8)
        #expect(printed == written, "docs/schema.md is stale: regenerate it with panelboard schema --format markdown")
    }

    @Test func thereAreCommandsToCheck() throws {
        let commands = try Self.subcommands()
        #expect(commands.contains("import"))
        #expect(commands.contains("query"))
        #expect(commands.count >= 4)
    }

    @Test(arguments: try DocumentationTests.subcommands())
    func commandHasHelpWithAnExample(command: String) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let help = try cli.run([command, "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("OVERVIEW: "))
        #expect(help.stdout.contains("Example"), "\(command) --help has no example")
        #expect(help.stdout.contains("panelboard \(command) "), "\(command) --help has no example of itself")
    }

    @Test(arguments: try DocumentationTests.subcommands())
    func commandIsInTheReadme(command: String) throws {
        let readme = try String(contentsOf: CLI.repository.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("panelboard \(command)"), "README.md does not show panelboard \(command)")
    }
}
