import ArgumentParser
import Foundation
import PanelboardCore

extension Panelboard {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The board pack: one self-contained HTML dashboard, and optionally the same figures as CSV files and a spreadsheet.",
            discussion: """
                The dashboard works offline and by secure e-mail: styles and charts are \
                inside the file, nothing is loaded from elsewhere, and it prints on A4. Small \
                numbers are suppressed unless --no-suppression is given: a count of people or \
                cases from 1 to 4 is shown as <5, a figure hidden so that it cannot be \
                worked out from the others as [c]; meetings, attendance and actions are \
                shown in full. --no-suppression marks every page and every file \
                "Unsuppressed: not for circulation".

                --csv writes a folder: a file per section of the dashboard, named by panel, \
                period and section (MARAC_FY2024Q4_trend.csv), figures.csv (every figure, one \
                a row) and about.csv (when, by what and from which files, the settings, the \
                key). --xlsx writes the same sections as one spreadsheet, a sheet each, with a \
                Notes sheet; numbers are numbers, <5 and [c] are text.

                Templates and styles come from the Reports folder (Reports/dashboard.mustache, \
                chart.mustache and dashboard.css beside the project, share/panelboard/Reports beside an \
                installed binary, or $PANELBOARD_REPORTS).

                Examples:
                  panelboard report --panel MARAC --period FY2024Q4 --out marac-fy2024q4.html
                  panelboard report --panel DAPP --period 2024Q4 --area North --csv board-pack/
                  panelboard report --panel MARAC --period FY2024Q4 --xlsx marac-fy2024q4.xlsx
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var write: WriteOptions
        @OptionGroup var scopeOptions: ScopeOptions

        @Option(name: .long, help: ArgumentHelp("Where to write the dashboard. Default: PANEL-PERIOD.html.", valueName: "FILE.html"))
        var out: String?

        @Option(name: .long, help: ArgumentHelp("Also write the figures as CSV files into this folder.", valueName: "DIR"))
        var csv: String?

        @Option(name: .long, help: ArgumentHelp("Also write the figures as a spreadsheet, a sheet per section.", valueName: "FILE.xlsx"))
        var xlsx: String?

        @Flag(name: .long, help: "Show small numbers (marks every page and file 'Unsuppressed: not for circulation').")
        var noSuppression = false

        @Option(name: .long, help: "The dashboard's title.")
        var title: String?

        func run() throws {
            do {
                let scope = try scopeOptions.scope()
                guard let reports = ReportsFolder.locate() else {
                    throw DashboardError.missingTemplates("the Reports folder")
                }
                let storeHandle = try Store.openReadOnly(at: store.path)
                // An archived period (or previous period, or trend quarter) is read
                // from the archive by `Dashboard.figures`, never recomputed from
                // what the purge left.
                if try FiguresArchive.lookup(storeHandle, scope: scope) == nil {
                    try KnownScopes.check(scope, in: storeHandle)
                }
                var dashboard = Dashboard(store: storeHandle, scope: scope, reports: reports, title: title)
                if noSuppression { dashboard.suppression = Suppression(threshold: scope.settings.suppressionThreshold, enabled: false) }
                let path = out ?? "\(scope.panel)-\(scope.period.label.replacingOccurrences(of: " ", with: "-")).html"
                if let csv, OutputFolder.holds(path, folder: csv) {
                    throw ValidationError("--out \(path) is inside --csv \(csv): name the dashboard outside the CSV pack's folder")
                }
                if let xlsx {
                    if OutputFolder.holds(xlsx, folder: path) {
                        throw ValidationError("--xlsx \(xlsx) is the dashboard's name too: name the spreadsheet apart")
                    }
                    if let csv, OutputFolder.holds(xlsx, folder: csv) {
                        throw ValidationError("--xlsx \(xlsx) is inside --csv \(csv): name the spreadsheet outside the CSV pack's folder")
                    }
                }
                let policy = write.policy(protectingStore: store.path)
                // Both targets are checked before the figures are computed.
                let packFolder = try csv.map { try OutputFolder.prepare($0, kind: .boardPack, policy: policy) }
                let writer = try SafeFileWriter(path: path, policy: policy, marker: .dashboard)
                let xlsxWriter = try xlsx.map { try SafeFileWriter(path: $0, policy: policy, marker: .spreadsheet) }
                let rendered = try dashboard.render()
                try writer.write(rendered.html)
                try writer.commit()
                print("Dashboard: \(path)")
                if let csv, let packFolder {
                    let files = try rendered.pack.write(to: packFolder)
                    print("CSV pack:  \(csv) (\(files.count) files)")
                }
                if let xlsx, let xlsxWriter {
                    try SpreadsheetPack(pack: rendered.pack).write(into: xlsxWriter)
                    print("Spreadsheet: \(xlsx)")
                }
            } catch {
                throw fail(error, store: store.path)
            }
        }
    }
}
