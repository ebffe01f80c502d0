import ArgumentParser
import Foundation
import PanelboardCore

extension Panelboard {
    struct Metrics: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The figures of the metric definitions for a panel and period.",
            discussion: """
                Volumes, repeats, referral sources and reasons, actions, cohort, meetings \
                and demographics, each computed by the SQL that defines it (see \
                panelboard schema and docs/metrics.md). JSON gives shares and rates as \
                fractions, null for unknown, and states the settings used.

                Settings: the panel's row in panels.csv, then --settings FILE, then \
                the flags below; every output says which value it used and where it \
                came from (default, panels.csv, settings file, flag). With \
                --day-count working (or day_count in panels.csv) deadlines are counted \
                in working days: weekends, the bank holidays of --holidays (2015 to \
                2030) and holidays.csv's closures are not counted.

                Examples:
                  panelboard metrics --panel MARAC --period 2024Q1
                  panelboard metrics --panel MARAC --period FY2024 --area "North Tees" --format json
                  panelboard metrics --panel DAPP --rolling-12-months-to 2025-03-31 --as-of 2025-04-01
                  panelboard metrics --panel MARAC --period 2024 --by quarter --format csv
                  panelboard metrics --panel DRAMM --from 2024-04-01 --to 2024-04-30 --by weekday
                  panelboard metrics --panel MARAC --period 2024Q1 --safelives
                  panelboard metrics --panel DRAMM --period 2024Q2 --day-count working --late-referral-days 5
                """)

        enum Breakdown: String, ExpressibleByArgument, CaseIterable { case area, agency, quarter, month, day, weekday }
        enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

        @OptionGroup var store: StoreOptions
        @OptionGroup var scopeOptions: ScopeOptions

        @Option(name: .long, help: "Break the figures down by area, agency, quarter, month, day, or weekday (each day's figures summed per day of the week).")
        var by: Breakdown?

        @Flag(name: .long, help: "The rows of the SafeLives quarterly MARAC return.")
        var safelives = false

        @Option(name: .long, help: "table (for a terminal), csv (one row per family, field and breakdown), or json.")
        var format: Format = .table

        func validate() throws {
            if safelives && by != nil { throw ValidationError("--safelives gives the national return rows; it has no --by") }
        }

        func run() throws {
            do {
                let scope = try scopeOptions.scope()
                let storeHandle = try Store.openReadOnly(at: store.path)
                // A purged quarter's figures come from the archive, as they were
                // before its case-level data went.
                if let archived = try FiguresArchive.lookup(storeHandle, scope: scope) {
                    if safelives || by != nil {
                        let (table, json) = try safelives
                            ? FiguresArchive.nationalReturn(storeHandle, scope: scope, archived: archived).outputs
                            : FiguresArchive.breakdown(storeHandle, scope: scope, by: by!.rawValue, archived: archived).outputs
                        switch format {
                        case .json: print(archived.noted(json).rendered())
                        // A CSV file is rows only: the note goes beside it, on standard error.
                        case .csv:
                            FileHandle.standardError.write(Data((archived.note + "\n").utf8))
                            print(OutputFormat.csv.render(table), terminator: "")
                        case .table:
                            print(archived.note)
                            print(OutputFormat.table.render(table), terminator: "")
                        }
                        return
                    }
                    switch format {
                    case .json: print(archived.json.rendered())
                    case .csv: print(OutputFormat.csv.render(MetricsReport.longTable(archived.json)), terminator: "")
                    case .table:
                        print(archived.note)
                        print(OutputFormat.table.render(MetricsReport.longTable(archived.shown)), terminator: "")
                    }
                    return
                }
                try KnownScopes.check(scope, in: storeHandle)
                if safelives {
                    let rows = try NationalReturn.compute(storeHandle, scope: scope)
                    switch format {
                    case .json: print(rows.json.rendered())
                    case .csv: print(OutputFormat.csv.render(rows.table), terminator: "")
                    case .table: print(OutputFormat.table.render(rows.table), terminator: "")
                    }
                    return
                }
                if let by {
                    let breakdown = try MetricsBreakdown.compute(storeHandle, scope: scope, by: by.rawValue)
                    switch format {
                    case .json: print(breakdown.json.rendered())
                    case .csv: print(OutputFormat.csv.render(breakdown.table), terminator: "")
                    case .table: print(OutputFormat.table.render(breakdown.table), terminator: "")
                    }
                    return
                }
                let report = try MetricsReport.compute(storeHandle, scope: scope)
                switch format {
                case .json: print(report.json.rendered())
                case .csv: print(OutputFormat.csv.render(report.longTable), terminator: "")
                case .table: print(MetricsText.render(report), terminator: "")
                }
            } catch {
                throw fail(error, store: store.path)
            }
        }
    }
}

extension NationalReturn {
    var outputs: (ResultTable, JSONValue) { (table, json) }
}

extension MetricsBreakdown {
    var outputs: (ResultTable, JSONValue) { (table, json) }
}
