import ArgumentParser
import Foundation
import PanelboardCore

extension Panelboard {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A first look on built-in synthetic data: a bundle, a fresh store, the dashboard and the CSV pack.",
            discussion: """
                Writes a synthetic, pseudonymous export bundle (several areas, a MARAC \
                in each, a daily triage meeting (DRAMM) in the North and the South, and \
                a DAPP perpetrator panel with its cohort, each with its terms in \
                panels.csv and members.csv) into DIR/bundle, imports it into a fresh \
                store DIR/panelboard.sqlite, writes the quarterly dashboards of the \
                three panels (DIR/marac-dashboard.html, DIR/dramm-dashboard.html, \
                DIR/dapp-dashboard.html) and the MARAC's CSV board pack \
                (DIR/board-pack/), and prints where everything is. Nothing in it is \
                about a real person.

                Example:
                  panelboard demo --out panelboard-demo
                """)

        @Option(name: .long, help: ArgumentHelp("The folder to write into: new, empty, or the demo's own from an earlier run.", valueName: "DIR"))
        var out: String = "panelboard-demo"

        @OptionGroup var write: WriteOptions

        @Option(name: .long, help: "The generator's seed: the same seed writes the same bundle.")
        var seed: UInt64 = 2024

        func run() throws {
            do {
                // The default store is never touched, whatever the folder or --force.
                let folder = try OutputFolder.prepare(out, kind: .demo, policy: write.policy(protectingStore: Store.defaultPath()))
                let storePath = folder.filePath("panelboard.sqlite")
                // A fresh store each time, replacing the demo's own only: one that
                // holds imports of the user's since is not the demo's any more.
                if FileManager.default.fileExists(atPath: storePath) {
                    let imports = Store.importCount(at: storePath)
                    if imports != 1 {
                        throw OutputError.changedSinceWritten(
                            path: storePath, detail: imports.map { "its import log holds \($0) entries, the demo made one" } ?? "it is not a store the demo can read")
                    }
                }
                for suffix in ["", "-wal", "-shm", "-journal"] { try folder.removeOwnFile("panelboard.sqlite" + suffix) }
                let bundleFolder = try folder.subfolder("bundle", kind: .bundle, replacing: true)

                var synthetic = SyntheticOptions()
                synthetic.seed = seed
                let counts = try SyntheticBundle.write(to: bundleFolder, options: synthetic)
                // Paths as the user gave them, so the printed commands can be pasted.
                func shown(_ name: String) -> String { (out as NSString).appendingPathComponent(name) }
                print("Wrote a synthetic bundle of \(counts.referrals) referrals and \(counts.actions) actions to \(shown("bundle"))")
                print("")

                let store = try Store.openForWriting(at: storePath)
                var options = ImportOptions()
                options.asOf = synthetic.to
                let summary = try BundleImporter(store: store, options: options)
                    .run(try ExportBundle(paths: [bundleFolder.path]))
                print(summary.text)

                // The board pack for the last quarter of the data, as a coordinator
                // would table it.
                let scope = MetricScope(panel: "MARAC", period: try Period(parsing: "FY2024Q4"), asOf: synthetic.to)
                guard let reports = ReportsFolder.locate() else { throw DashboardError.missingTemplates("the Reports folder") }
                let readOnly = try Store.openReadOnly(at: storePath)
                let dashboard = Dashboard(store: readOnly, scope: scope, reports: reports, title: "MARAC quarterly board pack (synthetic demo)")
                let rendered = try dashboard.render()
                try folder.write(rendered.html, to: "marac-dashboard.html")
                for (panel, kind) in [("DRAMM", "daily triage"), ("DAPP", "perpetrator panel")] {
                    var panelScope = scope
                    panelScope.panel = panel
                    try folder.write(
                        try Dashboard(store: readOnly, scope: panelScope, reports: reports,
                                      title: "\(panel) (\(kind)) quarterly board pack (synthetic demo)").html(),
                        to: "\(panel.lowercased())-dashboard.html")
                }
                try rendered.pack.write(to: try folder.subfolder("board-pack", kind: .boardPack, replacing: false))
                let db = "--db \(shown("panelboard.sqlite"))"
                print("""

                    Bundle:     \(shown("bundle"))
                    Store:      \(shown("panelboard.sqlite"))
                    Dashboard:  \(shown("marac-dashboard.html"))  (MARAC, FY2024Q4; open it in a browser)
                                \(shown("dramm-dashboard.html"))  (DRAMM, daily triage)
                                \(shown("dapp-dashboard.html"))  (DAPP, perpetrator panel)
                    CSV pack:   \(shown("board-pack"))

                    Try next:
                      panelboard metrics --panel MARAC --period FY2024Q4 --as-of \(synthetic.to.iso) \(db)
                      panelboard metrics --panel DRAMM --period FY2024Q4 --as-of \(synthetic.to.iso) \(db)
                      panelboard actions --overdue --as-of \(synthetic.to.iso) \(db)
                      panelboard cohort --panel DAPP --exit-review --as-of \(synthetic.to.iso) \(db)
                      panelboard query "SELECT area, count(*) AS cases FROM referrals GROUP BY area" \(db)
                    """)
            } catch {
                throw fail(error)
            }
        }
    }
}
