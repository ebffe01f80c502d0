import ArgumentParser
import PanelboardCore

extension Panelboard {
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the store to a file, consistently, while others go on reading it.",
            discussion: """
                Uses SQLite's online backup API: the copy is the store as of one moment, \
                even while dashboards are read or an import runs, and it is kept only if \
                SQLite's integrity check passes on it. The copy is owner-only (0600), one \
                file that can be moved or archived on its own, and opens like any store \
                (panelboard query --db COPY). It never replaces the store, and replaces \
                an existing file only when it is an earlier backup (or with --force).

                Examples:
                  panelboard backup --to backups/panelboard-2025-04-01.sqlite
                  panelboard backup --db /data/marac.sqlite --to /mnt/archive/marac.sqlite
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var write: WriteOptions

        @Option(name: .long, help: ArgumentHelp("The file to write the copy to.", valueName: "FILE"))
        var to: String

        func run() throws {
            let progress = TerminalProgress.isWanted ? TerminalProgress() : nil
            do {
                // An earlier store is backed up as it is: the moment to have a copy
                // is before an upgrade.
                let source = try Store.openReadOnly(at: store.path, acceptingOlder: true)
                let result = try StoreBackup.copy(source, to: to, policy: write.policy(protectingStore: store.path)) { done, total in
                    progress?.update(file: "backup", bytes: done * 4096, total: total * 4096)
                }
                progress?.finish()
                let megabytes = Double(result.bytes) / 1_000_000
                print("Backed up \(store.path) to \(result.path) (\(megabytes < 10 ? String(format: "%.1f", megabytes) : String(Int(megabytes))) MB); integrity check ok.")
            } catch {
                progress?.finish()
                throw fail(error, store: store.path)
            }
        }
    }
}
