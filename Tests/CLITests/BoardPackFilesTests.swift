import Foundation
import Testing

/// `report --csv`: the board pack's files on the example bundle's store, pinned
/// whole: a table per section as on the page, named by panel and period, with
/// `figures.csv` and `about.csv`.
@Suite struct BoardPackFilesTests {
    static let scope = ["--panel", "MARAC", "--period", "2024Q1", "--as-of", "2024-04-01", "--db", "store.sqlite"]

    static let sections: [String: String] = [
            "MARAC_2024Q1_by_area.csv": """
                Area,Referrals received,Cases discussed,Repeat cases,Repeat rate,Actions on time,Overdue actions
                Hartlepool,<5,<5,0,[c],0%,0
                Stockton,<5,<5,<5,[c],50%,1
                All areas,<5,<5,<5,[c],33%,1
                """,
            "MARAC_2024Q1_children_linked.csv": """
                Children,Cases,Share
                With children in the household,<5,[c]
                No children in the household,<5,[c]
                Children not recorded,0,[c]
                """,
            "MARAC_2024Q1_children_services.csv": """
                Children's services status,Cases,Share
                No involvement,0,[c]
                Early help,0,[c]
                Child in need,0,[c]
                Child protection plan,0,[c]
                Looked after,0,[c]
                Recorded as not known,0,[c]
                Not recorded,<5,[c]
                """,
            "MARAC_2024Q1_core_attendance.csv": """
                Agency,Expected,Attended or deputy,Written update,Apologies,Absent,No record (counted absent),Attendance rate
                No core agencies recorded (members.csv),,,,,,,
                """,
            "MARAC_2024Q1_discussion_types.csv": """
                Discussion type,Cases,Share
                Full discussion,<5,[c]
                Significant update,<5,[c]
                Information only,0,[c]
                Not recorded,0,[c]
                """,
            "MARAC_2024Q1_quoracy.csv": """
                Measure,Meetings
                Quorate,0
                Not quorate,0
                Quorum not known (no attendance or no core members recorded),3
                Quoracy rate (of meetings with a known quorum),
                Emergency meetings,0
                """,
            "MARAC_2024Q1_actions.csv": """
                Agency,Due,On time,Late,Not completed,Overdue,Not yet due,On-time rate,Median days to complete
                Children's social care,1,0,1,0,0,0,0%,19
                Housing,1,0,0,0,1,0,0%,
                IDVA,0,0,0,0,0,0,,
                Police,1,1,0,0,0,0,100%,10
                All agencies,3,1,1,0,1,0,33%,14.5
                """,
            "MARAC_2024Q1_attendance.csv": """
                Agency,Expected,Attended,Deputy,Written update,Apologies,Absent,Attendance rate
                Children's social care,1,0,0,1,0,0,0%
                Housing,1,0,0,0,1,0,0%
                IDVA,1,1,0,0,0,0,100%
                Police,2,1,1,0,0,0,100%
                """,
            "MARAC_2024Q1_data_quality.csv": """
                Finding,Number
                Recorded repeat flags that disagree with the computed answer,0
                Open actions with no due date,1
                Cases discussed with no children count,0
                Meetings with no agenda date recorded,0
                Meetings with no minutes date recorded,1
                """,
            "MARAC_2024Q1_demographics.csv": """
                Group,Cases,Share
                Female,<5,[c]
                Male,0,[c]
                Gender: other,0,[c]
                Gender: not recorded,0,[c]
                Aged 16-17,0,[c]
                "Black, Asian or racially minoritised",<5,[c]
                Disabled,<5,[c]
                LGBT+,0,[c]
                Perpetrator aged 17 or under,0,[c]
                """,
            "MARAC_2024Q1_headline.csv": """
                Figure,Value,Detail,Change,Status,Change on a year before,Rolling 12 months
                Cases discussed,<5,<5 referrals received; 3 meetings,no comparison: no data in 2023Q4,,no comparison with 2023Q1: no data,12 months to 2024-03-31: <5
                Repeat rate,[c],<5 repeat cases; expected 28–40%,no comparison: no data in 2023Q4,no status,no comparison with 2023Q1: no data,12 months to 2024-03-31: [c]
                Police share of referrals,[c],partner agencies [c],no comparison: no data in 2023Q4,,no comparison with 2023Q1: no data,12 months to 2024-03-31: [c]
                "Cases per 10,000 adult women",[c],"a year, at this period's rate",no comparison: no data in 2023Q4,no status,no comparison with 2023Q1: no data,12 months to 2024-03-31: [c]
                Children in households,5,in <5 of the cases discussed ([c]),no comparison: no data in 2023Q4,,,
                Actions completed on time,33%,1 of 3 due,no comparison: no data in 2023Q4,,no comparison with 2023Q1: no data,12 months to 2024-03-31: 33%
                Overdue actions,1,open and past due on 2024-04-01,no comparison: no data in 2023Q4,to chase,no comparison with 2023Q1: no data,
                """,
            "MARAC_2024Q1_meetings.csv": """
                Measure,Number,Note
                Meetings held,3,
                Agenda sent 5+ days before,2,0 not recorded
                Minutes sent within 7 days,1,1 not recorded
                Late referrals (under 7 days before the meeting),<5,
                """,
            "MARAC_2024Q1_national_return.csv": """
                Row,Number,Percent,National (12 months to June 2024)
                Cases discussed,<5,,127594
                Children in households,5,,159710
                "Cases per 10,000 adult females (annualised)",[c],,48
                Repeat cases,<5,[c],32%
                Partner agency referrals,<5,[c],35%
                Referrals from police,<5,[c],not published
                Referrals from IDVA,[c],[c],not published
                Referrals from children's social care,[c],[c],not published
                Referrals from adult social care,0,[c],not published
                Referrals from primary care,0,[c],not published
                Referrals from secondary care,0,[c],not published
                Referrals from mental health,0,[c],not published
                Referrals from substance misuse,0,[c],not published
                Referrals from probation,0,[c],not published
                Referrals from voluntary sector,0,[c],not published
                Referrals from MASH,0,[c],not published
                Referrals from education,0,[c],not published
                Referrals from housing,0,[c],not published
                Referrals from other,0,[c],not published
                "Victims Black, Asian or racially minoritised",<5,[c],not published
                Victims LGBT+,0,[c],not published
                Victims with a disability,<5,[c],not published
                Male victims,0,[c],not published
                Victims aged 16-17,0,[c],not published
                Perpetrators aged 17 or under,0,,not published
                """,
            "MARAC_2024Q1_referral_reasons.csv": """
                Reason,Cases,Share
                Visible high risk,[c],[c]
                Professional judgement,<5,[c]
                Potential escalation,<5,[c]
                Repeat,<5,[c]
                Transfer in,0,[c]
                Police incident high,0,[c]
                Police incident medium,0,[c]
                Third party,0,[c]
                DVDS (disclosure scheme),0,[c]
                DVPO (protection order),0,[c]
                Prison release,0,[c]
                Other,0,[c]
                Not recorded,0,[c]
                """,
            "MARAC_2024Q1_referral_sources.csv": """
                Agency,Cases,Share
                Police,<5,[c]
                IDVA,[c],[c]
                Children's social care,[c],[c]
                Adult social care,0,[c]
                Primary care,0,[c]
                Secondary care,0,[c]
                Mental health,0,[c]
                Substance misuse,0,[c]
                Probation,0,[c]
                Voluntary sector,0,[c]
                MASH,0,[c]
                Education,0,[c]
                Housing,0,[c]
                Other,0,[c]
                """,
            "MARAC_2024Q1_trend.csv": """
                Period,Referrals received,Cases discussed,Repeat cases,Repeat rate,Actions on time
                2022Q2,0,0,0,,
                2022Q3,0,0,0,,
                2022Q4,0,0,0,,
                2023Q1,0,0,0,,
                2023Q2,0,0,0,,
                2023Q3,0,0,0,,
                2023Q4,0,0,0,,
                2024Q1,<5,<5,<5,[c],33%
                """,
    ]

    static func text(_ cli: CLI, _ name: String) throws -> String {
        try String(contentsOfFile: cli.path(name), encoding: .utf8)
    }

    @Test func packFilesArePinned() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        _ = try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        let result = try cli.run(["report"] + Self.scope + ["--out", "d.html", "--csv", "pack"])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: cli.path("pack")).sorted()
        #expect(names == ([".panelboard-output", "about.csv", "figures.csv"] + Self.sections.keys).sorted())
        for (name, expected) in Self.sections {
            let lines = expected.split(separator: "\n", omittingEmptySubsequences: false).map { $0 + "\r\n" }.joined()
            #expect(try Self.text(cli, "pack/\(name)") == lines, "\(name)")
        }
        // about.csv: when, by what and from which files (the checksums are the
        // example bundle's own), the scope, the settings, the marking and the key.
        let about = try Self.text(cli, "pack/about.csv").split(separator: "\r\n").map(String.init)
        #expect(about.first == "item,value")
        #expect(try Regex(#"^generated_at,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$"#).wholeMatch(in: about[1]) != nil, "\(about[1])")
        #expect(about[2] == "tool_version,\(try cli.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines))")
        for file in ["actions", "areas", "attendance", "cohort", "incidents", "meetings", "referrals"] {
            let data = try #require(FileManager.default.contents(atPath: CLI.exampleBundle + "/\(file).csv"))
            #expect(about.contains("source \(file).csv sha256,\(Self.sha256(data))"), "\(file)")
            #expect(about.contains { $0.hasPrefix("source \(file).csv imported_at,20") }, "\(file)")
        }
        for line in ["panel,MARAC", "period,2024Q1", "from,2024-01-01", "to,2024-03-31", "as_of,2024-04-01",
                     "protective_marking,OFFICIAL-SENSITIVE", "setting.repeat_window_months,12", "setting.suppression_threshold,5",
                     "key <5,\"a count from 1 to 4, hidden so that no one can be recognised\""] {
            #expect(about.contains(line), "\(line)")
        }
        // figures.csv keeps the tidy long form.
        #expect(try Self.text(cli, "pack/figures.csv").hasPrefix("family,field,breakdown,value,status\r\nvolumes,referrals_received,,<5,primary\r\n"))
    }

    /// A pack written again into its own folder for another period replaces the
    /// earlier pack's files (and the one-file-per-family layout's), and keeps the
    /// user's own.
    @Test func aNewPackReplacesTheEarlierOne() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        _ = try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        #expect(try cli.run(["report"] + Self.scope + ["--out", "d.html", "--csv", "pack"]).status == 0)
        try cli.write("pack/volumes.csv", "family,field,breakdown,value,status\n")
        try cli.write("pack/my-notes.csv", "note\nmine\n")
        var scope = Self.scope
        scope[3] = "2023Q4"
        let again = try cli.run(["report"] + scope + ["--out", "d.html", "--csv", "pack"])
        #expect(again.status == 0, "\(again.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: cli.path("pack")).sorted()
        #expect(names == ([".panelboard-output", "about.csv", "figures.csv", "my-notes.csv"]
                          + Self.sections.keys.map { $0.replacingOccurrences(of: "2024Q1", with: "2023Q4") }).sorted())
    }

    /// Each section file has the columns of the page's table with the same caption.
    @Test(arguments: ["MARAC", "DAPP"])
    func sectionsHaveThePagesColumns(panel: String) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        _ = try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"])
        var scope = Self.scope
        scope[1] = panel
        #expect(try cli.run(["report"] + scope + ["--out", "d.html", "--csv", "pack"]).status == 0)
        let html = try Self.text(cli, "d.html")
        let tables = try Regex(#"<caption>([^<]*)</caption>\s*<thead><tr>(.*?)</tr></thead>"#)
        var pageColumns: [String: [String]] = [:]
        for match in html.matches(of: tables) {
            let caption = String(match.output[1].substring ?? "")
            let heads = String(match.output[2].substring ?? "").matches(of: try Regex(#"<th scope="col">([^<]*)</th>"#))
                .map { String($0.output[1].substring ?? "").replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'") }
            pageColumns[caption.replacingOccurrences(of: "&#39;", with: "'")] = heads
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.path("pack"))
            .filter { $0.hasPrefix("\(panel)_2024Q1_") && !$0.hasSuffix("_headline.csv") }
        #expect(files.count >= 8)
        let captions = [
            "trend": "Trends, as numbers", "referral_sources": "Referring agency", "referral_reasons": "Referral reason",
            "actions": "Actions due in the period", "cohort": "Cohort in the period", "cohort_exits": "Exits by reason", "adopted_by_source": "Adopted by source",
            "harm_after_exit": "Harm after exit, for the period's exits", "exit_reviews_rfg": "Exit reviews and RFG scores",
            "actions_by_type": "Actions by type", "cohort_trend": "Cohort flow by period",
            "meetings": "Meetings", "attendance": "Attendance by agency",
            "demographics": "Cases discussed (shares are lower bounds: unknowns stay in the total)",
            "national_return": "SafeLives quarterly MARAC return", "data_quality": "Findings to take back to the source",
            "by_area": "Cases and actions by area", "discussion_types": "Cases discussed by discussion type",
            "children_linked": "Cases discussed with and without children",
            "children_services": "Cases discussed by children's services status", "quoracy": "Meetings by quoracy",
            "core_attendance": "Core agencies' attendance",
        ]
        for file in files {
            let section = String(file.dropFirst("\(panel)_2024Q1_".count).dropLast(4))
            let caption = try #require(captions[section], "\(file)")
            let header = try Self.text(cli, "pack/\(file)").components(separatedBy: "\r\n")[0]
            #expect(pageColumns[caption].map { $0.joined(separator: ",") } == header, "\(file)")
        }
    }

    static func sha256(_ data: Data) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try? process.run()
        input.fileHandleForWriting.write(data)
        try? input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }
}
