import ArgumentParser
import PanelboardCore

/// `--db`, shared by every command that reads or writes the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The store: a SQLite file. Default: $PANELBOARD_DB, else ./panelboard.sqlite.",
        valueName: "FILE"))
    var db: String?

    var path: String { db ?? Store.defaultPath() }
}

extension Day {
    /// A date given as an argument, refused with what is wrong with it (not a
    /// date, no such day, or outside the supported dates) rather than a trap later.
    static func argument(_ text: String) throws -> Day {
        try Day(validating: text)
    }
}

extension TextEncoding: ExpressibleByArgument {}

/// Prints a failure the way the contract asks: one clear message on standard error,
/// a non-zero exit.
///
func fail(_ error: Error, store: String? = nil) -> ExitCode {
    var stderr = StandardError()
    let message = FailureText.describe(error, store: store)
    print("panelboard: \(message)", to: &stderr)
    return ExitCode(1)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleOutput.stderr(string)
    }
}
