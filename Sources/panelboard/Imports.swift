import ArgumentParser
import PanelboardCore

extension Panelboard {
    struct Imports: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the import log, newest first.",
            discussion: """
                Every import is logged, refused ones too: when, which files (with the start \
                of their SHA-256), the row counts, who ran it and the tool version.

                Examples:
                  panelboard imports
                  panelboard imports --format json
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: ListFormatOptions

        func run() throws {
            do {
                let storeHandle = try Store.openReadOnly(at: store.path)
                print(output.format.render(try ImportHistory.fetch(storeHandle)), terminator: "")
            } catch {
                throw fail(error, store: store.path)
            }
        }
    }
}
