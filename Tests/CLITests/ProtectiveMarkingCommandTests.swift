import Foundation
import Testing

/// `report` prints the protective marking from the settings on the page and in
/// every printed page's header, and refuses a marking that is not plain words.
@Suite struct ProtectiveMarkingCommandTests {
    @Test func theMarkingComesFromTheSettingsFile() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        _ = try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        let scope = ["report", "--panel", "MARAC", "--period", "2024Q1", "--as-of", "2024-04-01", "--db", "store.sqlite"]
        let plain = try cli.run(scope + ["--out", "default.html"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(try String(contentsOfFile: cli.path("default.html"), encoding: .utf8).contains("<p class=\"marking\">OFFICIAL-SENSITIVE</p>"))
        try cli.write("settings.json", #"{"protective_marking": "OFFICIAL"}"#)
        let marked = try cli.run(scope + ["--out", "official.html", "--settings", "settings.json"])
        #expect(marked.status == 0, "\(marked.stderr)")
        let html = try String(contentsOfFile: cli.path("official.html"), encoding: .utf8)
        #expect(html.contains("<p class=\"marking\">OFFICIAL</p>"))
        #expect(html.contains(#"@bottom-left { content: "OFFICIAL"; }"#))
        #expect(html.contains("<th scope=\"row\">Protective marking</th><td>OFFICIAL</td>"))
        try cli.write("settings.json", #"{"protective_marking": "OFFICIAL</style>"}"#)
        let refused = try cli.run(scope + ["--out", "bad.html", "--settings", "settings.json"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("protective_marking must be 1 to 60 letters, digits, spaces, hyphens or colons"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("</style>"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("bad.html")))
    }
}
