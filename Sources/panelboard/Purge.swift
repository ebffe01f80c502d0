import ArgumentParser
import Foundation
import PanelboardCore

extension Panelboard {
    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Dispose of old cases for good, keeping the board's figures for the periods they were in.",
            discussion: """
                A case is one person on one panel (its panels.csv `person`: the victim for \
                MARAC and triage panels, the perpetrator for perpetrator panels) with all their referrals to it, the \
                actions agreed on them, their cohort memberships and the incidents naming them. \
                It is due for disposal when its latest activity is older than the panel's \
                retention rule: retention_years in panels.csv, unless a --settings file or \
                --retention-years gives one for this run.

                --due lists how many cases are due, per panel and quarter of their latest \
                activity (never an id). --before DATE removes a panel's cases whose latest \
                activity is before DATE, in one transaction: first the figures of every quarter \
                they were in are archived (metrics then reads them from the archive), \
                then the cases, their actions, meetings left with no case, cohort memberships \
                and incidents no longer linked to a kept case go. The store is then rewritten \
                so that no byte of them is left in it, its WAL or its free pages. Every purge \
                is logged (panelboard imports). --dry-run says what would go and changes nothing.

                Examples:
                  panelboard purge --due --retention-years 6
                  panelboard purge --due --panel MARAC --retention-years 6
                  panelboard purge --before 2019-04-01 --panel MARAC --dry-run
                  panelboard purge --before 2019-04-01 --panel MARAC
                """)

        @OptionGroup var store: StoreOptions

        @Flag(name: .long, help: "List the cases due for disposal (counts per panel and quarter).")
        var due = false

        @Option(name: .long, help: ArgumentHelp("Remove the panel's cases whose latest activity is before DATE.", valueName: "DATE"),
                transform: Day.argument)
        var before: Day?

        @Option(name: .long, help: "The panel code. With --due, default: every panel.")
        var panel: String?

        @Flag(name: .long, help: "Say what would be removed, and change nothing.")
        var dryRun = false

        @Flag(name: .long, help: "Finish a purge a reading program held up: rewrite the store so no old page is left.")
        var finish = false

        @Option(name: .long, help: "Cases whose latest activity is older than this many years are due (overrides the settings).")
        var retentionYears: Int?

        @Option(name: .long, help: ArgumentHelp("A JSON file of settings (retention_years, and the metric settings for the archived figures).", valueName: "FILE"))
        var settings: String?

        @Option(name: .long, help: ArgumentHelp("The day the retention rule counts back from. Default: today.", valueName: "DATE"),
                transform: Day.argument)
        var asOf: Day?

        func validate() throws {
            let modes = [due, before != nil, finish].filter { $0 }.count
            if modes != 1 { throw ValidationError("give one of --due, --before DATE --panel P, or --finish") }
            if before != nil && panel == nil { throw ValidationError("--before needs --panel: a purge removes one panel's cases") }
            if dryRun && before == nil { throw ValidationError("--dry-run goes with --before") }
            if let retentionYears, retentionYears < 1 { throw ValidationError("--retention-years takes a number of 1 or more") }
        }

        func run() throws {
            do {
                guard FileManager.default.fileExists(atPath: store.path) else { throw StoreError.notFound(path: store.path) }
                var resolved = try settings.map { try MetricSettings.load(from: URL(fileURLWithPath: $0)) } ?? MetricSettings()
                if let retentionYears { resolved.retentionYears = retentionYears }
                let today = asOf ?? .today()
                if finish {
                    let handle = try Store.openForWriting(at: store.path)
                    try PanelboardCore.Purge.scrub(handle)
                    print("The store holds no page of purged data.")
                    return
                }
                if due {
                    let handle = try Store.openReadOnly(at: store.path)
                    let panels = try panel.map { [$0] } ?? RetentionCases.panels(handle)
                    let rules = try panels.map { try RetentionRule.of($0, in: handle, settings: resolved) }
                    guard rules.contains(where: { $0.years != nil }) else { throw RetentionError.noRetentionRule(panel: panel) }
                    let table = try RetentionCases.due(handle, rules: rules, today: today)
                    print("Cases due for disposal as of \(today.iso): latest activity before the panel's cut-off")
                    print(OutputFormat.table.render(table), terminator: "")
                    let kept = rules.filter { $0.years == nil }.map(\.panel)
                    if !kept.isEmpty { print("No retention rule (kept): \(kept.joined(separator: ", "))") }
                    return
                }
                let handle = try Store.openForWriting(at: store.path)
                var purge = PanelboardCore.Purge(store: handle, panel: panel!, cutOff: before!)
                purge.settings = resolved
                purge.today = today
                let counts = try purge.run(dryRun: dryRun)
                print(dryRun
                      ? "Dry run: nothing was changed. A purge of \(panel!) before \(before!.iso) would remove:"
                      : counts.cases == 0
                      ? "Nothing to purge: no \(panel!) case has its latest activity before \(before!.iso). The purge is logged (panelboard imports --purges):"
                      : "Purged \(panel!) cases with no activity since before \(before!.iso); the store holds no page of them:")
                print(OutputFormat.table.render(counts.table), terminator: "")
            } catch let error as ValidationError {
                throw error
            } catch {
                throw fail(error, store: store.path)
            }
        }
    }
}
