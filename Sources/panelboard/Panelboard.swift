import ArgumentParser
import Foundation
import PanelboardCore

@main
struct Panelboard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "panelboard",
        abstract: "Analytics and governance reporting for multi-agency domestic-abuse risk panels (MARAC, DRAMM, DAPP, IDAP).",
        discussion: """
            Imports anonymised case exports into a SQLite store and reports the figures a \
            steering group reviews each quarter.

            Example:
              panelboard demo --out panelboard-demo
              panelboard import exports/2024-q1/
            """,
        version: PanelboardVersion.current,
        subcommands: [Demo.self, Import.self, Generate.self, Query.self, Schema.self, Imports.self, Purge.self, Metrics.self, Actions.self, Cohort.self, Meetings.self, Report.self, Upgrade.self, Backup.self, Check.self]
    )

    static func main() {
        // A file grown past the process's size limit fails its write with EFBIG,
        // which names the file, rather than killing the process mid-import.
        signal(SIGXFSZ, SIG_IGN)
        main(nil)
    }
}
