import ArgumentParser
import PanelboardCore

/// `--force`, for every command that writes a file or a folder.
struct WriteOptions: ParsableArguments {
    @Flag(name: .long, help: """
        Replace an existing file, or write into a non-empty folder, that Panelboard did not write. \
        Never the store, its journal, or a file being imported; never through a symbolic link.
        """)
    var force = false

    /// The policy for a command using the store at `storePath`.
    func policy(protectingStore storePath: String) -> OutputPolicy {
        var policy = OutputPolicy(force: force)
        policy.protectStore(storePath)
        return policy
    }
}
