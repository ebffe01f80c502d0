import Foundation
import Testing

/// A version 1 bundle (no panels.csv, members.csv or holidays.csv, none of the
/// version 2 columns) imports and reports exactly as it did before panel profiles:
/// the outputs in Fixtures/example-bundle-v1-outputs were written by the release
/// before them. The settings block may say more (where each value came from); the
/// values a version 1 run printed, and every figure, stay the same.
@Suite struct VersionOneBundleTests {
    static let expected = CLI.repository.appendingPathComponent("Fixtures/example-bundle-v1-outputs")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: expected.appendingPathComponent(name), encoding: .utf8)
    }

    /// The JSON object without its `settings` and `settings_sources` members, and
    /// the settings' values.
    static func split(_ json: String) throws -> (figures: NSDictionary, settings: [String: Any]) {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        var figures = object
        figures.removeValue(forKey: "settings")
        figures.removeValue(forKey: "settings_sources")
        return (figures as NSDictionary, object["settings"] as! [String: Any])
    }

    @Test func theExampleBundleImportsAndReportsAsBefore() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let imported = try cli.run(["import", "--db", "s.sqlite", "--as-of", "2024-04-01", CLI.exampleBundle])
        #expect(imported.status == 0)
        #expect(imported.stdout == (try Self.text("import.txt")))
        for panel in ["MARAC", "DAPP"] {
            let arguments = ["metrics", "--db", "s.sqlite", "--panel", panel, "--period", "2024Q1", "--as-of", "2024-04-01"]
            let json = try cli.run(arguments + ["--format", "json"])
            let now = try Self.split(json.stdout), before = try Self.split(try Self.text("metrics-\(panel).json"))
            #expect(Self.keeps(before.figures, in: now.figures), "\(panel) figures")
            for (key, value) in before.settings {
                #expect(now.settings[key].map { "\($0)" } == "\(value)", "\(panel) setting \(key)")
            }
            let csv = try cli.run(arguments + ["--format", "csv"]).stdout
            let figureRows = { (text: String) in text.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("settings,") } }
            #expect(Self.isSubsequence(figureRows(try Self.text("metrics-\(panel).csv")), of: figureRows(csv)), "\(panel) CSV")
        }
    }

    /// Every figure of `before` is in `now` with the same value; version 2 figures
    /// (panels.md: quoracy, gaps, ... zeros where the data is absent) may be added
    /// beside them.
    static func keeps(_ before: Any, in now: Any?) -> Bool {
        if let before = before as? [String: Any] {
            guard let now = now as? [String: Any] else { return false }
            return before.allSatisfy { key, value in keeps(value, in: now[key]) }
        }
        guard let now else { return false }
        return NSArray(array: [before]).isEqual(to: [now])
    }

    /// The rows of `before`, in order, among the rows of `now`.
    static func isSubsequence(_ before: [Substring], of now: [Substring]) -> Bool {
        var rest = now[...]
        for row in before {
            guard let i = rest.firstIndex(of: row) else { return false }
            rest = rest[(i + 1)...]
        }
        return true
    }
}
