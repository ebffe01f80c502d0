import Foundation
import Testing

/// The identifying-data guard as a user meets it: whole outputs pinned, and what
/// reaches the rejects file and the import log.
@Suite struct IdentifyingDataCommandTests {
    static let header = "referral_id,panel,area,victim_ref,referral_date,referring_agency,children_count,outcome"

    /// A rejected row is written with every flagged cell masked and every other
    /// cell as it was, so the coordinator can find it by file, line and id; the
    /// agency name of a rejected row is not listed (it would reach the log).
    @Test func skipInvalidMasksFlaggedCellsAndListsOnlyKeptAgencies() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.write("bundle/referrals.csv", """
            \(Self.header)
            R001,MARAC,North,V0001,2024-01-03,Northdale Outreach,1,heard
            R002,SW1A1AA,North,V0002,2024-01-04,DC Example Northdale,07700900123,heard
            R003,MARAC,North,V0003,2024-01-05,police,2,"stepped down\u{1B}[2J"

            """)
        let result = try cli.run([
            "import", "bundle", "--db", "store.sqlite", "--as-of", "2024-04-01", "--skip-invalid", "--rejects", "rejects.csv",
        ])
        #expect(result == CLI.Result(status: 0, stdout: """
            file           read  new  changed  unchanged  rejected
            referrals.csv     3    1        0          0         2
            total             3    1        0          0         2
            referrals.csv: agency names no mapping knows, kept as written: Northdale Outreach (1). Add them to a mapping file (--mapping FILE) to count them under an agency code.
            2 rows rejected, written with the reasons to rejects.csv
            Imported into store.sqlite (import 1, as of 2024-04-01).

            """, stderr: ""))
        let rejects = try String(contentsOfFile: cli.path("rejects.csv"), encoding: .utf8)
        #expect(rejects == """
            file,line,problems,record\r
            referrals.csv,3,column 2 (panel): 'S******' looks like a UK postcode; exports must be anonymised; column 7 (children_count): '0**********' looks like a UK phone number; exports must be anonymised,"R002,S******,North,V0002,2024-01-04,DC Example Northdale,0**********,heard"\r
            referrals.csv,4,"column 8 (outcome): 's****** ****\\x1b[**' holds a control character (\\x1b); exports must be plain text, remove it","R003,MARAC,North,V0003,2024-01-05,police,2,s****** ****\\x1b[**"\r

            """)
        let log = try cli.run(["query", "SELECT unmapped_agencies FROM import_files", "--db", "store.sqlite", "--format", "csv"])
        #expect(log.stdout == "unmapped_agencies\r\nNorthdale Outreach\r\n")
    }

    /// A refused bundle may be refused because it was not anonymised: its log
    /// entry names none of its headers or cells.
    @Test func aRefusedImportLogsNoColumnOrAgencyName() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.write("bundle/referrals.csv", """
            \(Self.header),Case notes
            R001,MARAC,North,V0001,2024-01-03,DC Example Northdale,1,heard,seen
            R002,MARAC,TS18 1AA,V0002,2024-01-04,police,0,heard,

            """)
        let result = try cli.run(["import", "bundle", "--db", "store.sqlite", "--as-of", "2024-04-01"])
        #expect(result == CLI.Result(status: 1, stdout: "", stderr: """
            panelboard: referrals.csv:3:3: error: area: 'T*** ***' looks like a UK postcode; exports must be anonymised
            Nothing was imported. Fix these rows, or import with --skip-invalid --rejects FILE to keep the valid rows and write the rest to FILE.

            """))
        let log = try cli.run(["query", """
            SELECT i.status, f.rows_read, f.unknown_columns, f.unmapped_agencies
            FROM imports i JOIN import_files f USING (import_id)
            """, "--db", "store.sqlite", "--format", "csv"])
        #expect(log.stdout == "status,rows_read,unknown_columns,unmapped_agencies\r\nrefused,2,,\r\n")
    }

    /// `import --raw` once turned these headers into column names.
    @Test func rawImportRefusesIdentifyingHeaders() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.write("values.csv", "area,TS18 1AA,07700 900123,\nNorth,1,2,3\n")
        let values = try cli.run(["import", "--raw", "values.csv", "--table", "lookup", "--db", "store.sqlite"])
        #expect(values == CLI.Result(status: 1, stdout: "", stderr: """
            panelboard: values.csv:1:2: error: header 'T*** ***' looks like a UK postcode; exports must be anonymised
            values.csv:1:3: error: header '0**** ******' looks like a UK phone number; exports must be anonymised
            values.csv:1:4: error: the column has no name; name it, or remove it (a comma at the end of the header line makes one)
            Nothing was imported. Every column needs a name, and a header holds column names only: no identifying data, no control characters.

            """))
        try cli.write("names.csv", "area,Victim's name,Mobile No,Date of Birth (DD/MM/YYYY),agency_name\nNorth,x,y,z,police\n")
        let names = try cli.run(["import", "--raw", "names.csv", "--table", "lookup", "--db", "store.sqlite"])
        #expect(names == CLI.Result(status: 1, stdout: "", stderr: """
            panelboard: names.csv:1:2: error: column 'Victim's name' identifies a person
            names.csv:1:3: error: column 'Mobile No' identifies a person
            names.csv:1:4: error: column 'Date of Birth (DD/MM/YYYY)' identifies a person
            Exports must be anonymised. Remove these columns, or import with --drop-identifying-columns to leave them out (they are never stored).

            """))
        // --drop-identifying-columns takes the same list.
        let dropped = try cli.run(["import", "--raw", "names.csv", "--table", "lookup", "--db", "store.sqlite",
                                   "--drop-identifying-columns"])
        #expect(dropped == CLI.Result(status: 0, stdout: """
            Loaded 1 row into lookup in store.sqlite:
              area TEXT
              agency_name TEXT
            identifying columns dropped, never stored: Victim's name, Mobile No, Date of Birth (DD/MM/YYYY)

            """, stderr: ""))
    }

    @Test func aMappingFileIsCheckedCellByCell() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.write("bundle/referrals.csv", "\(Self.header)\nR001,MARAC,North,V0001,2024-01-03,police,1,heard\n")
        try cli.write("mapping.csv", "local_name,agency\nNorthdale Outreach,voluntary_sector\nOutreach 07700 900123,idva\n")
        let result = try cli.run(["import", "bundle", "--mapping", "mapping.csv", "--db", "store.sqlite", "--as-of", "2024-04-01"])
        #expect(result == CLI.Result(status: 1, stdout: "", stderr: """
            panelboard: mapping.csv:3:1: error: 'O******* ***** ******' looks like a UK phone number; exports must be anonymised
            Nothing was imported. Fix these rows, or import with --skip-invalid --rejects FILE to keep the valid rows and write the rest to FILE.

            """))
    }

    /// One value of each kind, and a control sequence, in every cell of one row of
    /// every file, through the real binary: refused in strict mode, and with
    /// --skip-invalid nowhere in what the terminal shows or in any file left behind.
    /// (The full table runs in-process: IdentifyingDataEverywhereTests.)
    @Test(arguments: 0..<8)
    func aValueInEveryCellReachesNeitherTheTerminalNorADisk(index: Int) throws {
        let secret = ["TS18  1AA", "jo.bloggs@example.com", "07700.900.123", "Tel07700900123", "943 4765 919",
                      "AB 12 34 56 C", "+44 (0)20 7946 0018", "North\u{1B}]8;;https://example.com\u{7}"][index]
        let cli = try CLI()
        defer { cli.cleanUp() }
        let tables = ["areas", "meetings", "referrals", "actions", "attendance", "cohort", "incidents"]
        for table in tables {
            let header = try #require(try String(contentsOfFile: CLI.exampleBundle + "/\(table).csv", encoding: .utf8)
                .split(separator: "\n").first).split(separator: ",").map(String.init) + ["notes"]
            let row = header.map { _ in "\"\(secret)\"" }.joined(separator: ",")
            try cli.write("bundle/\(table).csv", header.joined(separator: ",") + "\n" + row + "\n")
        }
        let strict = try cli.run(["import", "bundle", "--db", "store.sqlite", "--as-of", "2024-04-01"])
        #expect(strict.status == 1)
        let skip = try cli.run(["import", "bundle", "--db", "store.sqlite", "--as-of", "2024-04-01",
                                "--skip-invalid", "--rejects", "rejects.csv"])
        #expect(skip.status == 0)
        #expect(skip.stdout.contains("total              7    0        0          0         7"))
        let shown = strict.stdout + strict.stderr + skip.stdout + skip.stderr
        let rejects = try String(contentsOfFile: cli.path("rejects.csv"), encoding: .utf8)
        // Judged outside the expectations, which would print what they compare.
        let escaped = (shown + rejects).unicodeScalars.contains("\u{1B}")
        #expect(!escaped, "value \(index): an escape reached the terminal or the rejects file")
        var everything = Data(shown.utf8)
        for name in try FileManager.default.contentsOfDirectory(atPath: cli.directory.path) where name != "bundle" {
            everything.append(try Data(contentsOf: cli.directory.appendingPathComponent(name)))
        }
        for form in [secret, secret.uppercased(), secret.lowercased()] {
            let leaked = everything.range(of: Data(form.utf8)) != nil
            #expect(!leaked, "value \(index) reached the terminal or a file")
        }
    }
}
