import ArgumentParser
import PanelboardCore

extension Panelboard {
    struct Upgrade: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bring a store written by an earlier panelboard up to the current schema.",
            discussion: """
                A newer panelboard may store more than an earlier one did (a column, an \
                index). Commands that only read a store refuse one that needs upgrading \
                and say so; this applies the missing steps, in one transaction each, and \
                keeps every row. An import does the same before it loads anything. On a \
                national-scale store a step can take a minute or two.

                Examples:
                  panelboard upgrade --db panelboard.sqlite
                """)

        @OptionGroup var store: StoreOptions

        func run() throws {
            do {
                // Opening it read-only says what the file is: a current store (nothing
                // to do), an earlier one (go on), or something this must not touch
                // (no file, a newer store, a database that is not a store at all).
                do {
                    _ = try Store.openReadOnly(at: store.path)
                    print("\(store.path) is up to date.")
                    return
                } catch StoreError.older {}
                var applied: [String] = []
                _ = try Store.openForWriting(at: store.path) { steps in
                    applied = steps
                    announceUpgrade(steps)
                }
                print("Upgraded \(store.path): \(applied.joined(separator: "; ")).")
            } catch {
                throw fail(error, store: store.path)
            }
        }
    }
}

/// Tells the user, on standard error, why the command pauses before it starts.
func announceUpgrade(_ steps: [String]) {
    var stderr = StandardError()
    print("panelboard: upgrading the store's schema (\(steps.joined(separator: "; "))); on a large store this takes a while",
          to: &stderr)
}
