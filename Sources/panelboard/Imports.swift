import ArgumentParser
import PanelboardCore

extension Panelboard {
    struct Imports: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the import log, newest first, and the purges.",
            discussion: """
                Every import is logged, refused ones too: when, which files (with the start \
                of their SHA-256), the row counts, who ran it and the tool version. Every \
                purge is logged too (when, who, the panel and cut-off, the rows removed per \
                table, never an id): listed after the imports, or alone with --purges.

                --changes N lists what import N corrected, so that the partners who had the \
                earlier figures can be told: the pseudonymous id of each row it changed, with \
                the columns that changed (never the values), and of each row the export no \
                longer had. A row has disappeared when its file is in the bundle, its panel is \
                one the file names, its date lies within the dates that panel's rows in the \
                file span, and the file has no row with its id.

                Examples:
                  panelboard imports
                  panelboard imports --format json
                  panelboard imports --purges --format csv
                  panelboard imports --changes 3
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: ListFormatOptions

        @Option(name: .long, help: ArgumentHelp("List the rows import N changed or that disappeared from its export.", valueName: "N"))
        var changes: Int64?

        @Flag(name: .long, help: "List only the purges.")
        var purges = false

        func validate() throws {
            if changes != nil && purges { throw ValidationError("give --changes N or --purges, not both") }
        }

        func run() throws {
            do {
                let storeHandle = try Store.openReadOnly(at: store.path)
                if let changes {
                    print(output.format.render(try ImportChanges.list(storeHandle, importID: changes)), terminator: "")
                    return
                }
                let purgeLog = try PurgeLog.fetch(storeHandle)
                if purges {
                    print(output.format.render(purgeLog), terminator: "")
                    return
                }
                print(output.format.render(try ImportHistory.fetch(storeHandle)), terminator: "")
                // A second list would make a CSV or JSON document two: those
                // formats have --purges.
                if !purgeLog.rows.isEmpty && [.table, .markdown].contains(output.format) {
                    print("\nPurges, newest first:")
                    print(output.format.render(purgeLog), terminator: "")
                }
            } catch {
                throw fail(error, store: store.path)
            }
        }
    }
}
