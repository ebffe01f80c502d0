import ArgumentParser
import Foundation
import PanelboardCore

extension Panelboard {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A first look on built-in synthetic data: a bundle, a fresh store, and a board pack for each kind of panel.",
            discussion: """
                Writes a synthetic, pseudonymous export bundle (several areas, a MARAC \
                in each, a daily triage meeting (DRAMM) in the North and the South, and \
                a DAPP perpetrator panel with its cohort, each with its terms in \
                panels.csv and members.csv) into DIR/bundle, imports it into a fresh \
                store DIR/panelboard.sqlite, writes the quarterly board pack of each of \
                the three panels (the dashboard DIR/marac-dashboard.html, the CSV pack \
                DIR/marac-board-pack/ and the spreadsheet DIR/marac-board-pack.xlsx, \
                and the same for dramm and dapp), and prints where everything is. \
                Nothing in it is about a real person.

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

                // Each panel's board pack for the last quarter of the data, as its
                // coordinator would table it: dashboard, CSV pack and spreadsheet.
                guard let reports = ReportsFolder.locate() else { throw DashboardError.missingTemplates("the Reports folder") }
                let readOnly = try Store.openReadOnly(at: storePath)
                let period = try Period(parsing: "FY2024Q4")
                var packs: [String] = []
                for (panel, kind) in [("MARAC", "risk conference"), ("DRAMM", "daily triage"), ("DAPP", "perpetrator panel")] {
                    let scope = MetricScope(panel: panel, period: period, asOf: synthetic.to)
                    let name = panel.lowercased()
                    // A MARAC is what a reader expects a board pack of: its kind goes unsaid.
                    let title = "\(panel)\(panel == "MARAC" ? "" : " (\(kind))") quarterly board pack (synthetic demo)"
                    let rendered = try Dashboard(store: readOnly, scope: scope, reports: reports, title: title).render()
                    try folder.write(rendered.html, to: "\(name)-dashboard.html")
                    try rendered.pack.write(to: try folder.subfolder("\(name)-board-pack", kind: .boardPack, replacing: false))
                    try SpreadsheetPack(pack: rendered.pack).write(
                        into: SafeFileWriter(path: folder.filePath("\(name)-board-pack.xlsx"), policy: folder.policy,
                                             marker: .spreadsheet, inOwnFolder: true))
                    packs.append("""
                        \((panel + ":").padding(toLength: 12, withPad: " ", startingAt: 0))\(shown("\(name)-dashboard.html"))  (\(kind), \(period.label); open it in a browser)
                                    \(shown("\(name)-board-pack"))  (CSV pack)
                                    \(shown("\(name)-board-pack.xlsx"))  (spreadsheet)
                        """)
                }
                // An older demo wrote the MARAC's CSV pack into DIR/board-pack (now
                // DIR/marac-board-pack): its own files go; a file of the user's
                // stays, and so does the folder, which the demo then names.
                var oldPack = ""
                if let left = try folder.removeEarlierSubfolder("board-pack", kind: .boardPack, wrote: { BoardPack.isPackFileName($0, fileStem: "MARAC_\(period.label)") }),
                   !left.isEmpty {
                    oldPack = "\nLeft \(shown("board-pack")), an older demo's CSV pack: it holds files the demo did not write "
                        + "(\(left.prefix(5).joined(separator: ", "))\(left.count > 5 ? ", ..." : "")); the demo removed its own.\n"
                }
                let db = "--db \(shown("panelboard.sqlite"))"
                print("""

                    Bundle:     \(shown("bundle"))
                    Store:      \(shown("panelboard.sqlite"))
                    \(packs.joined(separator: "\n"))\(oldPack)

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
