import Foundation
import Testing

/// `query`, `schema`, `imports` and `import --raw`: the analyst's command line.
@Suite struct QueryCommandTests {
    /// A store holding the example bundle, in a fresh temporary folder.
    func storeWithExample() throws -> CLI {
        let cli = try CLI()
        let result = try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        #expect(result.status == 0)
        return cli
    }

    @Test func answersInEveryFormat() throws {
        let cli = try storeWithExample()
        defer { cli.cleanUp() }
        let sql = "SELECT referring_agency, count(*) AS n, avg(dash_score) AS mean_dash FROM referrals WHERE panel = :panel GROUP BY 1 ORDER BY n DESC, 1"
        let base = ["query", sql, "--param", "panel=MARAC", "--db", "store.sqlite"]
        #expect(try cli.run(base) == CLI.Result(status: 0, stdout: """
            referring_agency      n  mean_dash
            --------------------  -  ---------
            police                2         16
            children_social_care  1         18
            idva                  1         11
            (3 rows)

            """, stderr: ""))
        #expect(try cli.run(base + ["--format", "json"]).stdout == """
            [
              {"referring_agency": "police", "n": 2, "mean_dash": 16},
              {"referring_agency": "children_social_care", "n": 1, "mean_dash": 18},
              {"referring_agency": "idva", "n": 1, "mean_dash": 11}
            ]

            """)
        #expect(try cli.run(base + ["--format", "csv"]).stdout == "referring_agency,n,mean_dash\r\npolice,2,16\r\nchildren_social_care,1,18\r\nidva,1,11\r\n")
        #expect(try cli.run(base + ["--format", "markdown"]).stdout == """
            | referring_agency | n | mean_dash |
            | --- | ---: | ---: |
            | police | 2 | 16 |
            | children_social_care | 1 | 18 |
            | idva | 1 | 11 |

            """)
    }

    @Test(arguments: [
        "DELETE FROM referrals", "DROP TABLE referrals", "INSERT INTO areas (area) VALUES ('X')",
        "UPDATE referrals SET area = 'X'", "CREATE TABLE t (a)", "CREATE TEMP TABLE t (a)",
        "ATTACH 'other.sqlite' AS other", "PRAGMA user_version = 7", "PRAGMA journal_mode = DELETE",
        "SELECT load_extension('libm.so')", "VACUUM", "REINDEX", "ANALYZE",
        "CREATE INDEX i ON referrals (area)", "DELETE FROM imports",
    ])
    func cannotChangeTheStore(sql: String) throws {
        let cli = try storeWithExample()
        defer { cli.cleanUp() }
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.path("store.sqlite")))
        let result = try cli.run(["query", sql, "--db", "store.sqlite"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("panelboard: SQL error"))
        let after = try Data(contentsOf: URL(fileURLWithPath: cli.path("store.sqlite")))
        #expect(before == after)
        #expect(!FileManager.default.fileExists(atPath: cli.path("other.sqlite")))
        let count = try cli.run(["query", "SELECT count(*) AS n FROM referrals", "--db", "store.sqlite", "--format", "csv"])
        #expect(count.stdout == "n\r\n5\r\n")
    }

    @Test func pointsAtTheMistakeInTheSQL() throws {
        let cli = try storeWithExample()
        defer { cli.cleanUp() }
        let result = try cli.run(["query", "SELECT referral_id,\n       nope FROM referrals", "--db", "store.sqlite"])
        #expect(result == CLI.Result(status: 1, stdout: "", stderr: """
            panelboard: SQL error at line 2, column 8: no such column: nope
                     nope FROM referrals
                     ^

            """))
        let missing = try cli.run(["query", "SELECT * FROM referrals WHERE area = :area", "--db", "store.sqlite"])
        #expect(missing.stderr == "panelboard: the SQL needs a value for :area: pass --param NAME=VALUE\n")
    }

    @Test func noStoreSaysWhatToDo() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.run(["query", "SELECT 1"])
        #expect(result == CLI.Result(status: 1, stdout: "", stderr: """
            panelboard: no store at panelboard.sqlite: import a bundle first (panelboard import BUNDLE), or name the store with --db FILE

            """))
    }

    /// `upgrade` on a current store changes nothing and says so; with no store it
    /// creates none. (An earlier store's upgrade: StoreSchemaTests.)
    @Test func upgradeSaysWhereTheStoreStands() throws {
        let cli = try storeWithExample()
        defer { cli.cleanUp() }
        #expect(try cli.run(["upgrade", "--db", "store.sqlite"]) == CLI.Result(
            status: 0, stdout: "store.sqlite is up to date.\n", stderr: ""))
        #expect(try cli.run(["upgrade", "--db", "elsewhere.sqlite"]) == CLI.Result(status: 1, stdout: "", stderr: """
            panelboard: no store at elsewhere.sqlite: import a bundle first (panelboard import BUNDLE), or name the store with --db FILE

            """))
        #expect(!FileManager.default.fileExists(atPath: cli.path("elsewhere.sqlite")))
        // Another program's database is left as it was, not given a store's tables.
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: cli.path("notes.txt")))
        let other = try cli.run(["upgrade", "--db", "notes.txt"])
        #expect(other.status == 1)
        #expect(try String(contentsOfFile: cli.path("notes.txt"), encoding: .utf8) == "not a database")
        let empty = cli.path("empty.sqlite")
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(try cli.run(["upgrade", "--db", "empty.sqlite"]) == CLI.Result(status: 1, stdout: "", stderr: """
            panelboard: empty.sqlite is not a panelboard store (it has no referrals table); name the store with --db FILE

            """))
        #expect(try FileManager.default.attributesOfItem(atPath: empty)[.size] as? Int == 0)
    }

    @Test func savedQueriesRunByName() throws {
        let cli = try storeWithExample()
        defer { cli.cleanUp() }
        let list = try cli.run(["query", "--list", "--format", "csv"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("\r\nreferrals-by-month-and-agency,shipped,"))
        let saved = try cli.run(["query", "--saved", "referrals-by-month-and-agency", "--param", "panel=marac",
                                 "--db", "store.sqlite", "--format", "csv"])
        #expect(saved.stdout == """
            month,referring_agency,referrals\r
            2024-01,children_social_care,1\r
            2024-01,idva,1\r
            2024-01,police,1\r
            2024-03,police,1\r

            """)
    }

    @Test func metricQueriesTakeTheWholeScope() throws {
        let cli = try storeWithExample()
        defer { cli.cleanUp() }
        let scope = ["--param", "panel=MARAC", "--param", "from=2024-01-01", "--param", "to=2024-03-31",
                     "--param", "as_of=2024-04-01", "--db", "store.sqlite", "--format", "csv"]
        #expect(try cli.run(["query", "--saved", "metric-repeats"] + scope).stdout
            == "cases_discussed,repeat_cases,repeat_rate,recorded_flag_disagrees\r\n4,1,0.25,0\r\n")
        #expect(try cli.run(["query", "--saved", "metric-chase-list"] + scope).stdout
            == "action_id,referral_id,panel,area,agency,agreed_date,due_date,days_overdue,action_type\r\nA002,R001,MARAC,Stockton,housing,2024-01-10,2024-01-24,68,housing\r\n")
        // Ad-hoc SQL stays strict: a parameter it does not use is a mistake.
        let adHoc = try cli.run(["query", "SELECT 1 AS one", "--param", "panel=MARAC", "--db", "store.sqlite"])
        #expect(adHoc.status == 1)
    }

    @Test func rawLoadJoinsWithTheStore() throws {
        let cli = try storeWithExample()
        defer { cli.cleanUp() }
        try cli.write("idva.csv", "\u{FEFF}Area,IDVA caseload,Note\r\nStockton,41,\"busy, \"\"very\"\"\r\nindeed\"\r\nHartlepool,17,\r\n")
        let load = try cli.run(["import", "--raw", "idva.csv", "--table", "idva", "--db", "store.sqlite"])
        #expect(load == CLI.Result(status: 0, stdout: """
            Loaded 2 rows into idva in store.sqlite:
              area TEXT
              idva_caseload INTEGER
              note TEXT

            """, stderr: ""))
        let joined = try cli.run(["query", """
            SELECT r.area, count(*) AS cases, i.idva_caseload, i.note
            FROM referrals r JOIN idva i ON i.area = r.area GROUP BY r.area ORDER BY r.area
            """, "--db", "store.sqlite", "--format", "json"])
        #expect(joined.stdout == """
            [
              {"area": "Hartlepool", "cases": 1, "idva_caseload": 17, "note": null},
              {"area": "Stockton", "cases": 3, "idva_caseload": 41, "note": "busy, \\"very\\"\\r\\nindeed"}
            ]

            """)
        let again = try cli.run(["import", "--raw", "idva.csv", "--table", "idva", "--db", "store.sqlite"])
        #expect(again.stderr == "panelboard: a table idva already exists; add --replace to load the file in its place\n")
        #expect(try cli.run(["import", "--raw", "idva.csv", "--table", "idva", "--replace", "--db", "store.sqlite"]).status == 0)
    }

    @Test func rawLoadRefusesIdentifyingData() throws {
        let cli = try storeWithExample()
        defer { cli.cleanUp() }
        try cli.write("contacts.csv", "area,contact\nStockton,someone@example.com\n")
        let result = try cli.run(["import", "--raw", "contacts.csv", "--table", "contacts", "--db", "store.sqlite"])
        #expect(result == CLI.Result(status: 1, stdout: "", stderr: """
            panelboard: contacts.csv:2:2: error: contact: 's******@*******.***' looks like an e-mail address; exports must be anonymised
            Nothing was loaded. Fix these rows and load the file again.

            """))
        #expect(!result.stderr.contains("someone"))
    }

    @Test func schemaAndImportLog() throws {
        let cli = try storeWithExample()
        defer { cli.cleanUp() }
        let schema = try cli.run(["schema", "--db", "store.sqlite"])
        #expect(schema.status == 0)
        #expect(schema.stdout.hasPrefix("areas (table): Reference figures per area"))
        #expect(schema.stdout.contains("\nreferrals (table): One row per case referred to a panel (referrals.csv).\n  referral_id "))
        #expect(!schema.stdout.contains("import_keys"))
        let markdown = try cli.run(["schema", "--db", "store.sqlite", "--format", "markdown"])
        #expect(markdown.stdout.contains("| `dash_score` | INTEGER | Ticks on the DASH risk checklist, 0-27. |"))
        let log = try cli.run(["imports", "--db", "store.sqlite", "--format", "json"])
        #expect(log.stdout.contains("\"status\": \"imported\", \"mode\": \"strict\", \"as_of\": \"2024-04-01\""))
        #expect(log.stdout.contains("\"rows_read\": 24, \"rows_new\": 24"))
    }
}

/// Query plans: every metric family reads a quarter by index, never a whole table
/// of referrals or actions. SQLite's planner has no statistics here (no ANALYZE),
/// so the plan on the example store is the plan on a national one.
@Suite struct QueryPlanTests {
    static let families = [
        "metric-volumes", "metric-repeats", "metric-referral-sources", "metric-referral-reasons",
        "metric-actions", "metric-cohort", "metric-meetings", "metric-demographics",
        "metric-case-profile", "metric-referral-quality",
    ]

    @Test func everyMetricFamilySeeksByIndex() throws {
        let cli = try QueryCommandTests().storeWithExample()
        defer { cli.cleanUp() }
        for family in Self.families {
            let result = try cli.run(["query", "--saved", family, "--explain", "--db", "store.sqlite"])
            #expect(result.status == 0, "\(family): \(result.stderr)")
            #expect(result.stdout.hasPrefix("QUERY PLAN\n- "), "\(family)")
            for line in result.stdout.split(separator: "\n") {
                // A scan of a CTE, a constant row or the small areas and meetings
                // tables is fine; a scan of the two big tables is not.
                let words = line.split(separator: " ").map(String.init)
                let scanned = words.firstIndex(of: "SCAN").flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil }
                // The metric SQL calls referrals r and actions a (repeats' earlier
                // referrals, p, are checked below).
                let scansBigTable = ["r", "a", "referrals", "actions"].contains(scanned ?? "")
                #expect(!scansBigTable, "\(family) scans: \(line)")
            }
        }
    }

    /// The perpetrator-panel families and lists: the cohort by panel and date,
    /// each person's incidents and referrals by person and date; no scan of the
    /// cohort, incidents, referrals or actions.
    @Test(arguments: [
        ("metric-adopted-by-source", ["cohort_panel_adopted"]),
        ("metric-exit-review-due", ["cohort_panel_adopted", "incidents_perpetrator", "referrals_perpetrator"]),
        ("metric-cohort-members", ["cohort_panel_adopted", "incidents_perpetrator", "referrals_perpetrator"]),
        ("metric-harm-after-exit", ["cohort_panel_exit", "incidents_perpetrator", "referrals_perpetrator"]),
        ("metric-post-exit-incidents-without-marac", ["cohort_panel_exit", "incidents_perpetrator", "referrals_perpetrator"]),
        ("metric-post-exit-harm", ["cohort_panel_exit", "incidents_perpetrator", "referrals_perpetrator"]),
        ("metric-rfg", ["cohort_panel_exit"]),
        ("metric-actions-by-type", ["actions_panel_"]),
        ("metric-mappa-conflicts", ["cohort_panel_adopted", "referrals_perpetrator"]),
        ("metric-mappa-conflict-list", ["cohort_panel_adopted", "referrals_perpetrator"]),
    ])
    func perpetratorFamiliesSeekByIndex(query: String, indexes: [String]) throws {
        let cli = try QueryCommandTests().storeWithExample()
        defer { cli.cleanUp() }
        let result = try cli.run(["query", "--saved", query, "--explain", "--db", "store.sqlite"])
        #expect(result.status == 0, "\(result.stderr)")
        for index in indexes { #expect(result.stdout.contains("INDEX \(index)"), "\(query) does not use \(index)") }
        let lines = result.stdout.split(separator: "\n")
        for line in lines {
            let words = line.split(separator: " ").map(String.init)
            let scanned = words.firstIndex(of: "SCAN").flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil }
            #expect(!["c", "i", "r", "cohort", "incidents", "referrals", "actions"].contains(scanned ?? ""), "\(query) scans: \(line)")
        }
        // Each member's latest incident and referral are looked up once, not once
        // per expression that names them.
        #expect(lines.filter { $0.contains("SEARCH i USING") }.count <= 1, "\(query) looks incidents up repeatedly")
    }

    @Test func theRepeatRuleSeeksThePersonsEarlierReferrals() throws {
        let cli = try QueryCommandTests().storeWithExample()
        defer { cli.cleanUp() }
        let plan = try cli.run(["query", "--saved", "metric-repeats", "--explain", "--db", "store.sqlite"]).stdout
        #expect(plan.contains("USING INDEX referrals_victim (victim_ref=? AND referral_date>? AND referral_date<?)"))
        #expect(plan.contains("USING INDEX referrals_perpetrator (perpetrator_ref=? AND referral_date>? AND referral_date<?)"))
    }

    /// Each actions figure reads one index that leads with the panel and holds
    /// every column it needs: no action row, no referral, is visited; and each
    /// agency's figures are one range of it.
    @Test func theActionsFiguresReadOnlyCoveringIndexes() throws {
        let cli = try QueryCommandTests().storeWithExample()
        defer { cli.cleanUp() }
        let plan = try cli.run(["query", "--saved", "metric-actions", "--explain", "--db", "store.sqlite"]).stdout
        let reads = plan.split(separator: "\n").filter { $0.contains(" actions ") || $0.contains(" a ") || $0.contains("referrals") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        // Which of two fitting indexes SQLite picks for a figure may differ from
        // store to store; what must hold is that every read is one covering range.
        // (The completed actions' index holds days_to_complete, a computed column,
        // and SQLite's plan does not call it covering; its bytecode reads every
        // column from the index all the same, never the table.)
        #expect(reads.count == 11, "\(reads)")
        // Each agency's due actions are one range read once, every outcome counted
        // in that one pass (a count per outcome read it six times: on a national
        // MARAC quarter, 139,000 index rows each time).
        #expect(reads.filter { $0.contains("due_date>? AND due_date<?") }.count == 1, "\(reads)")
        for read in reads {
            #expect(read.contains("USING COVERING INDEX actions_panel_") || read.contains("USING INDEX actions_panel_completed"),
                    "\(read)")
        }
        // The first agency is a seek for the smallest; every other read is bound to
        // an agency.
        #expect(reads.filter { $0.hasSuffix("(panel=?)") }.count == 1, "\(reads)")
        for read in reads where !read.hasSuffix("(panel=?)") {
            #expect(read.contains("(panel=? AND agency"), "\(read)")
        }
    }

    /// Actions by type reads each agency's quarter as one range of a (panel,
    /// agency, date) index: never the panel's every action (on a national store,
    /// ten years of them for one quarter took 4 s and 1.3 GB).
    @Test func actionsByTypeReadsEachAgencysQuarterOnly() throws {
        let cli = try QueryCommandTests().storeWithExample()
        defer { cli.cleanUp() }
        let plan = try cli.run(["query", "--saved", "metric-actions-by-type", "--explain", "--db", "store.sqlite"]).stdout
        let reads = plan.split(separator: "\n").filter { $0.contains(" actions ") || $0.contains(" a ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(reads.filter { $0.contains("agreed_date>? AND agreed_date<?") }.count == 1, "\(plan)")
        #expect(reads.filter { $0.contains("due_date>? AND due_date<?") }.count == 1, "\(plan)")
        for read in reads where !read.hasSuffix("(panel=?)") {
            #expect(read.contains("(panel=? AND agency"), "\(read)")
            // The type is in the index: no action row is read (a national
            // quarter's 300,000 of them took most of the family's half second).
            #expect(read.contains("USING COVERING INDEX actions_panel_"), "\(read)")
        }
        // Each range is grouped by type on its own: the sort for the grouping sits
        // under the range's own MATERIALIZE, so the rows of the two ranges are not
        // sorted again together (half the family's time on a national quarter).
        for range in ["agreed", "due"] {
            #expect(Self.lines(under: "MATERIALIZE \(range)", in: plan).contains("USE TEMP B-TREE FOR GROUP BY"), "\(plan)")
        }
    }

    /// The lines of a plan nested under the first line that is `node`.
    static func lines(under node: String, in plan: String) -> [String] {
        let lines = plan.split(separator: "\n").map(String.init)
        let depth = { (line: String) in line.prefix { $0 == " " }.count }
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "- \(node)" }) else { return [] }
        let nested = lines[(start + 1)...].prefix { depth($0) > depth(lines[start]) }
        return nested.map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "- ", with: "", options: .anchored) }
    }

    /// Referrals received are read area by area, each area's period one range of
    /// (panel, area, referral_date): never the panel's every referral through the
    /// (panel, meeting_date) index, which is what SQLite picks for `panel = ? AND
    /// referral_date BETWEEN ...` (on a national store, ten years of a MARAC's
    /// referrals for one quarter).
    @Test(arguments: ["metric-triage", "metric-case-profile"])
    func referralsReceivedAreReadAreaByArea(query: String) throws {
        let cli = try QueryCommandTests().storeWithExample()
        defer { cli.cleanUp() }
        let plan = try cli.run(["query", "--saved", query, "--explain", "--db", "store.sqlite"]).stdout
        #expect(plan.contains("SEARCH r USING INDEX referrals_panel_area_date (panel=? AND area=? AND referral_date>? AND referral_date<?)"), "\(plan)")
        // The panel's areas are each one seek for the smallest after the last
        // (`panel=?`, on the area index); a range bound to the panel alone on any
        // other index reads its every referral.
        for read in plan.split(separator: "\n") where read.contains("SEARCH r ") || read.contains("SEARCH referrals ") {
            #expect(!read.hasSuffix("(panel=?)") || read.contains("COVERING INDEX referrals_panel_area_date"),
                    "\(query) reads the panel's every referral: \(read)")
        }
        // Never copied whole (every column of every referral received) into a
        // temporary table before the figures read a few columns of it.
        #expect(!plan.contains("MATERIALIZE received_referrals"), "\(plan)")
    }

    /// A family that reads the cases discussed twice has SQLite copy them into a
    /// temporary table: only the columns it reads, never every column of every
    /// referral (which took as long as the figures: half of referral reasons' time
    /// on a national quarter).
    @Test(arguments: ["metric-volumes", "metric-referral-sources", "metric-referral-reasons", "metric-meetings"])
    func casesDiscussedAreCopiedWithTheirFiguresColumnsOnly(query: String) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let sql = try cli.run(["query", "--saved", query, "--show-sql"]).stdout
        #expect(sql.contains("discussed AS (\n    SELECT r."), "\(sql)")
        #expect(!sql.contains("SELECT r.* FROM referrals r"), "\(sql)")
    }

    /// The meeting lists read the period's meetings, and the meeting before each
    /// with one seek: never the panel's whole history of meetings (a DRAMM meets
    /// every working day, and `metrics --by day` runs both lists once a day), nor,
    /// for a panel with meetings rows, its cases.
    @Test(arguments: ["metric-meeting-gaps", "metric-meeting-gap-list", "metric-meeting-clashes", "metric-meeting-clash-list"])
    func meetingListsReadThePeriodsMeetings(query: String) throws {
        let cli = try QueryCommandTests().storeWithExample()
        defer { cli.cleanUp() }
        let plan = try cli.run(["query", "--saved", query, "--explain", "--db", "store.sqlite"]).stdout
        #expect(plan.contains("SEARCH meetings USING INDEX meetings_panel_date (panel=? AND meeting_date>? AND meeting_date<?)"), "\(plan)")
        // (Whether the panel has meetings rows at all is one covering seek.)
        for line in plan.split(separator: "\n") {
            #expect(!line.hasSuffix("USING INDEX meetings_panel_date (panel=?)"), "\(query) reads every meeting: \(line)")
        }
        if query.contains("gap") {
            #expect(plan.contains("SEARCH pm USING COVERING INDEX meetings_panel_area_date (panel=? AND area=? AND meeting_date<?)"), "\(plan)")
        }
    }

    /// The areas a panel serves are found one seek per area, not by reading its
    /// every referral.
    @Test func thePanelsAreasAreSoughtNotScanned() throws {
        let cli = try QueryCommandTests().storeWithExample()
        defer { cli.cleanUp() }
        let plan = try cli.run(["query", "--saved", "metric-volumes", "--explain", "--db", "store.sqlite"]).stdout
        #expect(plan.contains("SEARCH r USING COVERING INDEX referrals_panel_area_date (panel=? AND area>?)"))
        #expect(plan.contains("SEARCH r USING COVERING INDEX referrals_panel_area_date (panel=? AND area=? AND referral_date>? AND referral_date<?)"))
    }

    @Test func showsASavedQuerysSQL() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.run(["query", "--saved", "metric-repeats", "--show-sql"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("CASE WHEN :person = 'victim_ref' THEN EXISTS ("))
        let misuse = try cli.run(["query", "SELECT 1", "--show-sql"])
        #expect(misuse.status != 0)
        #expect(misuse.stderr.contains("--show-sql prints a saved query"))
    }
}
