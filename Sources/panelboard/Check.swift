import ArgumentParser
import PanelboardCore

extension Panelboard {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the store file for damage (SQLite's integrity check).",
            discussion: """
                Reads every page of the store and checks every index against its table, \
                without needing the store to be readable otherwise: the command to run \
                when another says the store is damaged. Exits 0 and prints ok when the \
                store is sound; otherwise lists what SQLite found (page numbers and \
                indexes, no cell values) and exits 1: restore the latest backup \
                (panelboard backup), or import the exports again into a new store.

                Examples:
                  panelboard check --db panelboard.sqlite
                """)

        @OptionGroup var store: StoreOptions

        func run() throws {
            do {
                let result = try StoreCheck.run(at: store.path)
                if result.isSound {
                    print("\(store.path): ok (SQLite's integrity check found nothing wrong).")
                    return
                }
                var stderr = StandardError()
                print("\(store.path) is damaged; SQLite's integrity check found:", to: &stderr)
                for finding in result.findings { print("  \(TerminalText.visible(finding))", to: &stderr) }
                print("Restore your latest backup (panelboard backup), or import the exports again into a new store.", to: &stderr)
                throw ExitCode(1)
            } catch let exit as ExitCode {
                throw exit
            } catch {
                throw fail(error, store: store.path)
            }
        }
    }
}
