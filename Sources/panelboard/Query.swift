import ArgumentParser
import Foundation
import PanelboardCore

extension Panelboard {
    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run read-only SQL over the store (tables and metric views).",
            discussion: """
                The store is opened read-only: no statement can change it, attach another \
                file or load an extension. Parameters are bound, never pasted into the SQL: \
                write :name in the SQL and pass --param name=VALUE. A value that reads as a \
                number is bound as a number, an empty one (--param name=) as NULL, anything \
                else as text. One statement at a time; rows are written as they come, so \
                a query of millions of rows needs no more memory than one of ten.

                Examples:
                  panelboard query "SELECT referring_agency, count(*) AS n FROM referrals GROUP BY 1 ORDER BY n DESC"
                  panelboard query "SELECT * FROM referrals WHERE area = :area LIMIT :n" --param area=North --param n=5 --format json
                  panelboard query --saved referrals-by-month-and-agency --format csv > by-month.csv
                  panelboard query --saved metric-repeats --param panel=MARAC --param from=2024-01-01 --param to=2024-03-31
                  panelboard query --list
                  panelboard query --saved metric-repeats --explain
                  panelboard query --saved metric-actions --show-sql

                Every metric family's own SQL is a saved query named metric-FAMILY; the \
                parameters not given take the defaults of panelboard metrics.
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: ListFormatOptions

        @Argument(help: "The SQL to run.")
        var sql: String?

        @Option(name: .long, help: ArgumentHelp("A value for :NAME in the SQL. Repeatable.", valueName: "NAME=VALUE"))
        var param: [String] = []

        @Option(name: .long, help: ArgumentHelp("Run a saved query by name (see --list).", valueName: "NAME"))
        var saved: String?

        @Flag(name: .long, help: "List the saved queries.")
        var list = false

        @Flag(name: .long, help: "Print SQLite's plan for the query (EXPLAIN QUERY PLAN) instead of its rows: which indexes it uses, which tables it scans.")
        var explain = false

        @Flag(name: .long, help: "Print the SQL of a saved query instead of running it.")
        var showSQL = false

        @Option(name: .long, help: ArgumentHelp("A folder of your own saved queries (*.sql), besides the ones Panelboard ships. Default: $PANELBOARD_QUERIES.", valueName: "DIR"))
        var queries: String?

        func validate() throws {
            let modes = [sql != nil, saved != nil, list].filter { $0 }.count
            if modes == 0 { throw ValidationError("give the SQL to run, --saved NAME, or --list") }
            if modes > 1 { throw ValidationError("give one of: the SQL to run, --saved NAME, --list") }
            if showSQL && saved == nil { throw ValidationError("--show-sql prints a saved query: give --saved NAME") }
        }

        func run() throws {
            do {
                let library = SavedQueries(userFolder: queries ?? ProcessInfo.processInfo.environment["PANELBOARD_QUERIES"])
                if list {
                    print(output.format.render(try library.listing()), terminator: "")
                    return
                }
                var parameters: [String: String] = [:]
                for pair in param {
                    let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    guard parts.count == 2, !parts[0].isEmpty else { throw QueryError.badParameter(pair) }
                    parameters[String(parts[0])] = String(parts[1])
                }
                let text = try saved.map { try library.sql(named: $0) } ?? sql!
                if showSQL {
                    print(text.hasSuffix("\n") ? text : text + "\n", terminator: "")
                    return
                }
                let storeHandle = try Store.openReadOnly(at: store.path)
                let defaults = saved.map { $0.hasPrefix(MetricQueries.prefix) } == true
                    ? try MetricQueries.defaults(given: parameters, store: storeHandle) : [:]
                var query = AdHocQuery(sql: text, parameters: parameters, defaults: defaults)
                if !defaults.isEmpty { query.ignorable = MetricQueries.scopeParameters }
                if explain {
                    print(try QueryPlan.explain(query, on: storeHandle), terminator: "")
                    return
                }
                let sink = StandardOutputSink()
                defer { sink.flush() }
                try query.stream(on: storeHandle, format: output.format, to: sink)
            } catch {
                throw fail(error, store: store.path)
            }
        }
    }
}
