import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rows an import with `--skip-invalid` leaves out, with their reasons, as CSV.
/// Written through a `SafeFileWriter`, so it is owner-only and never lands over the
/// store or an input; it is in place exactly when the import's rows are committed.
final class RejectsFile {
    static let header = ["file", "line", "problems", "record"]

    let path: String
    private let writer: SafeFileWriter
    private var placed = false

    init(path: String, policy: OutputPolicy) throws {
        self.path = path
        writer = try SafeFileWriter(path: path, policy: policy, marker: .rejects)
        try write(Self.header)
    }

    func write(_ cells: [String]) throws {
        try writer.write(CSVText.record(cells))
    }

    /// Puts the file in place (before the import commits).
    func commit() throws {
        try writer.commit()
        placed = true
    }

    /// The import did not commit after all: the file must not claim rows were left out.
    func withdraw() {
        writer.discard()
        if placed { unlink(path); placed = false }
    }

    func discard() { writer.discard() }
}
