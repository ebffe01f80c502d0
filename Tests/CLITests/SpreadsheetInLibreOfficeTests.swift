import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The demo's three spreadsheets as a spreadsheet program reads them (issue 16):
/// LibreOffice (Debian `libreoffice-calc-nogui`, installed by
/// `scripts/install-deps.sh --test`) converts each to flat ODS, and every sheet is
/// held against the CSV pack the demo wrote beside it: numbers are numbers
/// (`float`, or `percentage` for a rate), `<5` and `[c]` are text, the sheets and
/// headings are the CSV pack's. (Frozen headings are view settings, which
/// LibreOffice without a window neither reads nor writes: they are read from the
/// file's own sheets, as `SpreadsheetPackTests` does.) Runs wherever LibreOffice is
/// installed, and in CI (`CI` set) fails rather than skips without it.
@Suite(.serialized) struct SpreadsheetInLibreOfficeTests {
    static let soffice = BrowserCheckTests.tool("soffice") ?? BrowserCheckTests.tool("libreoffice")

    struct Cell: Equatable {
        let type: String?
        let value: String?
        let text: String
    }

    struct Sheet {
        let name: String
        var rows: [[Cell]]
    }

    /// The sheets of a flat ODS file, as LibreOffice read them.
    static func read(_ fods: URL) throws -> [Sheet] {
        let document = try XMLDocument(contentsOf: fods, options: [])
        func attribute(_ e: XMLElement, _ name: String) -> String? { e.attribute(forName: name)?.stringValue }
        var sheets: [Sheet] = []
        for table in try document.nodes(forXPath: "//*[name()='table:table']").compactMap({ $0 as? XMLElement }) {
            var sheet = Sheet(name: attribute(table, "table:name") ?? "", rows: [])
            for row in try table.nodes(forXPath: ".//*[name()='table:table-row']").compactMap({ $0 as? XMLElement }) {
                let repeatRows = min(Int(attribute(row, "table:number-rows-repeated") ?? "1") ?? 1, 50)
                var cells: [Cell] = []
                for cell in (row.children ?? []).compactMap({ $0 as? XMLElement }) where cell.name == "table:table-cell" {
                    let repeatColumns = min(Int(attribute(cell, "table:number-columns-repeated") ?? "1") ?? 1, 50)
                    let text = (cell.children ?? []).compactMap { ($0 as? XMLElement)?.name == "text:p" ? $0.stringValue : nil }
                        .joined(separator: "\n")
                    let value = Cell(type: attribute(cell, "office:value-type"), value: attribute(cell, "office:value"), text: text)
                    cells += Array(repeating: value, count: repeatColumns)
                }
                while cells.last.map({ $0.type == nil && $0.text.isEmpty }) == true { cells.removeLast() }
                sheet.rows += Array(repeating: cells, count: repeatRows)
            }
            while sheet.rows.last?.isEmpty == true { sheet.rows.removeLast() }
            sheets.append(sheet)
        }
        return sheets
    }

    /// The rows of a CSV file as Panelboard writes it (RFC 4180 quoting).
    static func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," { row.append(field); field = ""
            } else if c == "\n" || c == "\r\n" { row.append(field); rows.append(row); row = []; field = ""
            } else if c != "\r" { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    @Test(.enabled(if: soffice != nil || BrowserCheckTests.inCI, "LibreOffice is not installed"))
    func demoSpreadsheetsOpenWithNumbersAsNumbers() throws {
        let soffice = try #require(Self.soffice, "LibreOffice is missing: scripts/install-deps.sh --test installs libreoffice-calc-nogui")
        let cli = try CLI()
        defer { cli.cleanUp() }
        let demo = try cli.run(["demo", "--out", "demo"])
        #expect(demo.status == 0, "\(demo.stderr)")
        // Its own profile: a LibreOffice already open elsewhere is left alone.
        let profile = URL(fileURLWithPath: cli.path("lo-profile"))
        for (panel, stem, triage) in [("marac", "MARAC_FY2024Q4", false), ("dramm", "DRAMM_FY2024Q4", true),
                                      ("dapp", "DAPP_FY2024Q4", false)] {
            let converted = try BrowserCheckTests.run(soffice, [
                "-env:UserInstallation=\(profile.absoluteString)", "--headless", "--convert-to", "fods",
                "--outdir", cli.path("fods"), cli.path("demo/\(panel)-board-pack.xlsx"),
            ])
            #expect(converted.status == 0, "\(panel): soffice failed")
            let sheets = try Self.read(URL(fileURLWithPath: cli.path("fods/\(panel)-board-pack.fods")))
            let book = try SpreadsheetPackTests.read(cli, cli.path("demo/\(panel)-board-pack.xlsx"))
            let csvFolder = cli.path("demo/\(panel)-board-pack")
            let sections = try FileManager.default.contentsOfDirectory(atPath: csvFolder)
                .filter { $0.hasPrefix(stem + "_") && $0.hasSuffix(".csv") }
                .map { String($0.dropFirst(stem.count + 1).dropLast(4)) }
            #expect(sheets.first?.name == "Notes")
            #expect(Set(sheets.dropFirst().map(\.name)) == Set(sections), "\(panel)")
            #expect(sections.contains("reason_by_risk") == triage && sections.contains("national_return") == (panel == "marac"))
            #expect(book["_order"] as? [String] == sheets.map(\.name))
            var numbers = 0, symbols = 0
            for sheet in sheets.dropFirst() {
                #expect((book[sheet.name] as? [String: Any])?["frozen"] as? Bool == true, "\(panel) \(sheet.name): headings not frozen")
                let csv = try String(contentsOfFile: "\(csvFolder)/\(stem)_\(sheet.name).csv", encoding: .utf8)
                let rows = Self.csvRows(csv)
                #expect(sheet.rows.count == rows.count + 3, "\(panel) \(sheet.name): \(sheet.rows.count) rows")
                #expect(sheet.rows.count > 3 && sheet.rows[3].map(\.text) == rows[0], "\(panel) \(sheet.name): headings")
                for (cells, expected) in zip(sheet.rows.dropFirst(4), rows.dropFirst()) {
                    for (i, text) in expected.enumerated() {
                        let cell = i < cells.count ? cells[i] : Cell(type: nil, value: nil, text: "")
                        let where_ = "\(panel) \(sheet.name) \(expected.first ?? "") column \(i + 1): \(text)"
                        if text.isEmpty {
                            #expect(cell.type == nil && cell.text.isEmpty, "\(where_)")
                        } else if text == "[c]" || (text.hasPrefix("<") && Int(text.dropFirst()) != nil) {
                            #expect(cell.type == "string" && cell.text == text, "\(where_): \(cell)")
                            symbols += 1
                        } else if i > 0, let number = Double(text.hasSuffix("%") ? String(text.dropLast()) : text) {
                            let expectedValue = text.hasSuffix("%") ? number / 100 : number
                            #expect(cell.type == (text.hasSuffix("%") ? "percentage" : "float"), "\(where_): \(cell)")
                            #expect(abs((Double(cell.value ?? "") ?? .nan) - expectedValue) < 1e-9, "\(where_): \(cell)")
                            numbers += 1
                        } else {
                            // The CSV's text that a spreadsheet would take for a formula
                            // has a leading ': the spreadsheet holds it as text already.
                            let plain = text.hasPrefix("'") && "=+-@".contains(text.dropFirst().first ?? " ") ? String(text.dropFirst()) : text
                            #expect(cell.type == "string" && cell.text == plain, "\(where_): \(cell)")
                        }
                    }
                }
            }
            #expect(numbers > 100 && symbols > 0, "\(panel): \(numbers) numbers, \(symbols) symbols")
        }
    }
}
