import Foundation
import Testing

/// Random arguments to the real binary: every run exits with a status (0, or a
/// refusal with a message), never by a signal. Seeded like FuzzTests
/// (`PANELBOARD_FUZZ_SEED`, `PANELBOARD_FUZZ_RUNS`); a failing run prints its
/// seed, run number and arguments.
@Suite struct ArgumentFuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let seed = environment["PANELBOARD_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_126
    static let runs = environment["PANELBOARD_FUZZ_RUNS"].flatMap { Int($0) } ?? 64

    /// SplitMix64: the same seed, the same runs.
    struct Random: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let dates = ["0001-01-01", "1899-12-31", "1900-01-01", "2024-01-01", "2024-02-29", "2023-02-29", "2999-12-31",
                        "3000-01-01", "9999-12-31", "31/12/2999", "32/01/2024", "", "x", "-1"]
    static let numbers = ["0", "-1", "1", "5", "120", "121", "366", "9223372036854775807", "-9223372036854775808",
                          "99999999999999999999", "1e9", "nan", "inf", "", "x"]
    static let periods = ["2024Q1", "FY2024", "1900Q1", "FY2999Q4", "2999", "1899", "3000Q1", "FY0001", "2024Q5", "Q1", ""]
    static let texts = ["MARAC", "marac", "DAPP", "NOPE", "", " ", "North Tees", "Stockton", "'; DROP TABLE referrals; --",
                        "\u{1B}[2J", "é", String(repeating: "A", count: 5000)]

    /// Each command with the options it takes and what to try in them. Outputs go
    /// into the run's own temporary folder.
    static let commands: [String: [(String, [String])]] = [
        "metrics": [("--panel", texts), ("--period", periods), ("--from", dates), ("--to", dates),
                    ("--rolling-12-months-to", dates), ("--as-of", dates), ("--area", texts), ("--by", ["area", "agency", "quarter", "month", "x"]),
                    ("--format", ["table", "csv", "json", "x"]), ("--repeat-window-months", numbers), ("--agenda-days-before", numbers),
                    ("--minutes-days-after", numbers), ("--late-referral-days", numbers), ("--exit-review-months", numbers),
                    ("--settings", ["settings.json", "missing.json"])],
        "report": [("--panel", texts), ("--period", periods), ("--from", dates), ("--to", dates),
                   ("--rolling-12-months-to", dates), ("--as-of", dates), ("--area", texts), ("--out", ["d.html", "out/d.html"]),
                   ("--title", texts), ("--repeat-window-months", numbers), ("--settings", ["settings.json"])],
        "actions": [("--panel", texts), ("--as-of", dates), ("--agency", texts), ("--area", texts)],
        "cohort": [("--panel", texts), ("--as-of", dates), ("--area", texts), ("--exit-review-months", numbers),
                   ("--settings", ["settings.json"])],
        "query": [("--param", ["a=1", "a=", "=", "x"]), ("--format", ["table", "csv", "json", "x"])],
        "import": [("--as-of", dates), ("--encoding", ["utf-8", "windows-1252", "x"]), ("--file", ["referrals=bundle/referrals.csv", "x=y"])],
        "generate": [("--referrals", ["0", "1", "-1", "20", "9223372036854775807", "x"]), ("--from", dates), ("--to", dates),
                     ("--actions-per-referral", ["0", "nan", "inf", "-1", "2.5", "1e300"]), ("--seed", numbers)],
        "imports": [],
        "schema": [("--format", ["text", "markdown", "x"])],
    ]

    /// Settings files at and past the edges of their ranges.
    static let settingsFiles = [
        #"{"repeat_window_months": 9223372036854775807}"#, #"{"suppression_threshold": -5}"#, #"{"repeat_rate_target_low": 1e308}"#,
        #"{"exit_review_months": 120, "agenda_days_before": 365}"#, "[]", "", #"{"victim_panels": [1]}"#,
    ]

    @Test func randomArgumentsNeverEndInASignal() throws {
        print("ArgumentFuzzTests seed \(Self.seed), \(Self.runs) runs (replay: PANELBOARD_FUZZ_SEED=\(Self.seed))")
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["import", CLI.exampleBundle, "--db", "store.sqlite", "--as-of", "2024-04-01"]).status == 0)
        try FileManager.default.copyItem(atPath: CLI.exampleBundle, toPath: cli.path("bundle"))
        var random = Random(state: Self.seed)
        let names = Self.commands.keys.sorted()
        for run in 0..<Self.runs {
            try Self.settingsFiles.randomElement(using: &random)!.write(toFile: cli.path("settings.json"), atomically: true, encoding: .utf8)
            let command = names.randomElement(using: &random)!
            var arguments = [command]
            for (option, values) in Self.commands[command]! where Int.random(in: 0..<5, using: &random) < 2 {
                arguments += [option, values.randomElement(using: &random)!]
            }
            switch command {
            case "query": arguments.append(["SELECT sum(children_count) * 9223372036854775807 FROM referrals", "SELECT 1/0", "x", ""].randomElement(using: &random)!)
            case "import": arguments.append(["bundle", "missing", "bundle/referrals.csv"].randomElement(using: &random)!)
            case "generate": arguments += ["--out", "generated-\(run)"]
            default: break
            }
            // Now and then a stray argument, or the arguments shuffled.
            if Int.random(in: 0..<5, using: &random) == 0 { arguments.append(Self.texts.randomElement(using: &random)!) }
            if Int.random(in: 0..<8, using: &random) == 0 { arguments[1...].shuffle(using: &random) }
            arguments += ["--db", "store.sqlite"]
            let result = try cli.runReportingSignal(arguments)
            #expect(result.signal == nil, "seed \(Self.seed) run \(run): \(arguments) ended by signal \(result.signal ?? 0): \(result.stderr)")
            if result.status != 0 {
                #expect(!result.stderr.isEmpty, "seed \(Self.seed) run \(run): \(arguments) failed with no message")
            }
        }
    }
}

extension CLI {
    /// Runs the binary, telling an exit from a signal.
    func runReportingSignal(_ arguments: [String]) throws -> (status: Int32, signal: Int32?, stderr: String) {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["CI"] = "true"
        environment.removeValue(forKey: "PANELBOARD_DB")
        process.environment = environment
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let signal = process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil
        return (process.terminationStatus, signal, String(decoding: stderr, as: UTF8.self))
    }
}
