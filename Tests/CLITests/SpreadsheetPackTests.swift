import Foundation
import Testing

/// `report --xlsx`: the spreadsheet pack, unzipped and read back with Python's
/// zipfile (not with the library that wrote it).
@Suite struct SpreadsheetPackTests {
    static let scope = ["--panel", "MARAC", "--period", "2024Q1", "--as-of", "2024-04-01", "--db", "store.sqlite"]

    static func setUp() throws -> CLI {
        let cli = try CLI()
        try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        return cli
    }

    /// Every sheet of `book` as JSON: `{sheet: {"frozen": bool, "cells": {"B5": ["n", "12"] | ["s", "<5"]}}}`.
    static func read(_ cli: CLI, _ book: String) throws -> [String: Any] {
        try cli.write("read.py", """
            import json, re, sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            strings = [re.sub(r"<[^>]+>", "", si) for si in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S)]
            unescape = lambda t: t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
            names = re.findall(r'<sheet name="([^"]+)" sheetId="(\\d+)"', z.read("xl/workbook.xml").decode())
            out = {"_order": [unescape(n) for n, _ in names], "_comment": z.comment.decode()}
            for name, i in names:
                xml = z.read("xl/worksheets/sheet%s.xml" % i).decode()
                cells = {}
                for ref, attrs, body in re.findall(r'<c r="([A-Z]+\\d+)"([^>]*?)(?:/>|>(.*?)</c>)', xml):
                    v = re.search(r"<v>(.*?)</v>", body or "")
                    if v is None:
                        continue
                    cells[ref] = ["s", unescape(strings[int(v.group(1))])] if 't="s"' in attrs else ["n", v.group(1)]
                out[unescape(name)] = {"frozen": 'state="frozen"' in xml, "cells": cells}
            print(json.dumps(out))
            """)
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "read.py", book]
        python.currentDirectoryURL = cli.directory
        let out = Pipe(), err = Pipe()
        python.standardOutput = out
        python.standardError = err
        try python.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let problems = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        #expect(python.terminationStatus == 0, "\(problems)")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func column(_ i: Int) -> String { String(UnicodeScalar(UInt8(65 + i))) }

    /// Each section's sheet holds its CSV file's table, from row 4 (three rows of
    /// heading above): numbers as numbers (a percentage as its fraction), `<5` and
    /// `[c]` as text, nothing where the CSV is empty; headings frozen.
    @Test(arguments: [[], ["--no-suppression"]])
    func sheetsHoldTheSectionsWithNumbersAsNumbers(flags: [String]) throws {
        let cli = try Self.setUp()
        defer { cli.cleanUp() }
        let result = try cli.run(["report"] + Self.scope + ["--out", "d.html", "--csv", "pack", "--xlsx", "pack.xlsx"] + flags)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Spreadsheet: pack.xlsx"))
        let book = try Self.read(cli, cli.path("pack.xlsx"))
        let sections = ["headline", "trend", "referral_sources", "referral_reasons", "actions", "by_area", "discussion_types",
                        "children_linked", "children_services", "quoracy", "core_attendance", "meetings", "attendance",
                        "demographics", "national_return", "data_quality"]
        #expect(book["_order"] as? [String] == ["Notes"] + sections)
        #expect(book["_comment"] as? String == "panelboard board pack")
        var numbers = 0, symbols = 0
        for section in sections {
            let sheet = try #require(book[section] as? [String: Any], "\(section)")
            #expect(sheet["frozen"] as? Bool == true, "\(section)")
            let cells = try #require(sheet["cells"] as? [String: [String]])
            let csv = try String(contentsOfFile: cli.path("pack/MARAC_2024Q1_\(section).csv"), encoding: .utf8)
            let rows = try CSVRows.parse(csv)
            let header = flags.isEmpty ? rows[0] : Array(rows[0].dropLast())
            #expect(header.enumerated().allSatisfy { cells["\(Self.column($0.offset))4"] == ["s", $0.element] }, "\(section)")
            for (r, row) in rows.dropFirst().enumerated() {
                for (c, text) in row.prefix(header.count).enumerated() {
                    let cell = cells["\(Self.column(c))\(5 + r)"]
                    let plain = text.replacingOccurrences(of: "%", with: "")
                    if text.isEmpty {
                        #expect(cell == nil, "\(section) \(Self.column(c))\(5 + r)")
                    } else if let number = Double(plain), c > 0 {
                        let expected = text.hasSuffix("%") ? number / 100 : number
                        #expect(cell?.first == "n", "\(section) \(Self.column(c))\(5 + r): \(text) is not a number")
                        #expect(abs((Double(cell?.last ?? "") ?? .nan) - expected) < 1e-9, "\(section): \(text) as \(cell ?? [])")
                        numbers += 1
                    } else {
                        #expect(cell == ["s", text], "\(section) \(Self.column(c))\(5 + r)")
                        if text == "<5" || text == "[c]" { symbols += 1 }
                    }
                }
            }
        }
        #expect(numbers > 50)
        if flags.isEmpty { #expect(symbols > 0) }
        let notes = try #require((book["Notes"] as? [String: Any])?["cells"] as? [String: [String]])
        let texts = Set(notes.values.map { $0[1] })
        #expect(texts.isSuperset(of: ["Key to the symbols", "What the figures mean", "Settings used", "Where the figures come from",
                                      "protective_marking", "OFFICIAL-SENSITIVE", "Repeat window", "source referrals.csv sha256"]))
        #expect(notes["A2"]?[1].contains(flags.isEmpty ? "small numbers suppressed" : "Unsuppressed: not for circulation") == true)
    }

    /// The spreadsheet follows the safe writer's rules: owner-only, never the store,
    /// never through a link, someone else's file only with --force, its own
    /// replaced without.
    @Test func writtenByTheSafeWritersRules() throws {
        let cli = try Self.setUp()
        defer { cli.cleanUp() }
        let report = ["report"] + Self.scope + ["--out", "d.html"]
        #expect(try cli.run(report + ["--xlsx", "p.xlsx"]).status == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: cli.path("p.xlsx"))
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        // Its own file again, without --force.
        #expect(try cli.run(report + ["--xlsx", "p.xlsx"]).status == 0)

        try cli.write("mine.xlsx", "a spreadsheet someone else wrote\n")
        let foreign = try cli.run(report + ["--xlsx", "mine.xlsx"])
        #expect(foreign.status == 1)
        #expect(foreign.stderr.contains("mine.xlsx already exists and Panelboard did not write it"), "\(foreign.stderr)")
        #expect(try String(contentsOfFile: cli.path("mine.xlsx"), encoding: .utf8) == "a spreadsheet someone else wrote\n")
        #expect(try cli.run(report + ["--xlsx", "mine.xlsx", "--force"]).status == 0)
        #expect(try Self.read(cli, cli.path("mine.xlsx"))["_comment"] as? String == "panelboard board pack")

        try FileManager.default.createSymbolicLink(atPath: cli.path("link.xlsx"), withDestinationPath: cli.path("p.xlsx"))
        let link = try cli.run(report + ["--xlsx", "link.xlsx", "--force"])
        #expect(link.status == 1)
        #expect(link.stderr.contains("will not write link.xlsx: it is a symbolic link"), "\(link.stderr)")

        let store = try #require(FileManager.default.contents(atPath: cli.path("store.sqlite")))
        let onStore = try cli.run(report + ["--xlsx", "store.sqlite", "--force"])
        #expect(onStore.status == 1)
        #expect(onStore.stderr.contains("will not write store.sqlite: it is the store"), "\(onStore.stderr)")
        #expect(FileManager.default.contents(atPath: cli.path("store.sqlite")) == store)
        let same = try cli.run(report + ["--xlsx", "d.html"])
        #expect(same.status != 0)
        // A folder that is not there fails before anything is written.
        let missing = try cli.run(["report"] + Self.scope + ["--out", "new.html", "--xlsx", "nowhere/p.xlsx"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "panelboard: could not write nowhere/p.xlsx: No such file or directory; nothing was left half written\n")
        #expect(!FileManager.default.fileExists(atPath: cli.path("new.html")))
        // No working file is left beside the targets.
        let left = try FileManager.default.contentsOfDirectory(atPath: cli.path(".")).filter { $0.hasSuffix(".tmp") || $0.hasPrefix("lxw") }
        #expect(left.isEmpty, "\(left)")
    }
}

/// RFC 4180 rows, enough for the pack's files.
enum CSVRows {
    static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text).makeIterator()
        var pending: Character? = nil
        while let ch = pending ?? chars.next() {
            pending = nil
            if quoted {
                if ch == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(ch) }
            } else if ch == "\"" { quoted = true
            } else if ch == "," { row.append(field); field = ""
            } else if ch == "\r\n" || ch == "\n" { row.append(field); rows.append(row); row = []; field = ""
            } else { field.append(ch) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
