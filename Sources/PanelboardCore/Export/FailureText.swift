import GRDB

/// What a command says when it fails: the error's own text, except that a SQLite
/// error is said in SQLite's words only, never with the SQL that met it (a
/// metric's SQL runs to a hundred lines), and one that means the store is damaged
/// says what to do about it.
public enum FailureText {
    ///
    /// A message may repeat what the user typed (a panel code, a file name, their
    /// SQL): its lines keep their breaks, and any other control character is shown
    /// as `\x1b`, never sent to the terminal.
    public static func describe(_ error: Error, store: String?) -> String {
        raw(error, store: store).split(separator: "\n", omittingEmptySubsequences: false)
            .map { TerminalText.visible(String($0)) }.joined(separator: "\n")
    }

    private static func raw(_ error: Error, store: String?) -> String {
        guard let error = error as? DatabaseError else { return "\(error)" }
        if let damaged = StoreError.damaged(error, path: store ?? "the store") { return "\(damaged)" }
        return "SQLite error: " + (error.message ?? "\(error.resultCode)")
    }
}
