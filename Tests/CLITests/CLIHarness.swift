import Foundation
import Testing

/// Runs the real `panelboard` binary, as a user would, in a temporary folder.
struct CLI {
    struct Result: Equatable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary beside the test bundle (`.build/debug/panelboard`).
    static let binary: URL = {
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("panelboard")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return repository.appendingPathComponent(".build/debug/panelboard")
    }()

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("panelboard-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Runs `panelboard ARGS` in the temporary folder, with no terminal and CI set so
    /// that no progress is drawn.
    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["CI"] = "true"
        environment.removeValue(forKey: "PANELBOARD_DB")
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting, so a large output cannot fill the pipe and stall.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Writes a small CSV file into the temporary folder.
    func write(_ name: String, _ text: String) throws {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    static let exampleBundle = repository.appendingPathComponent("Fixtures/example-bundle").path
}

extension CLI {
    /// An import held part-way: `held/referrals.csv` is a FIFO the importer waits
    /// on inside its transaction. Returns the running importer and the FIFO's
    /// write end (non-blocking), open once the importer has reached the file.
    func holdImport(db: String, asOf: String) throws -> (importer: Process, fifo: Int32) {
        try FileManager.default.createDirectory(atPath: path("held"), withIntermediateDirectories: true)
        #expect(mkfifo(path("held/referrals.csv"), 0o600) == 0)
        let importer = Process()
        importer.executableURL = CLI.binary
        importer.arguments = ["import", "held", "--db", db, "--as-of", asOf]
        importer.currentDirectoryURL = directory
        importer.environment = ProcessInfo.processInfo.environment.merging(["CI": "true"]) { $1 }
        importer.standardOutput = Pipe()
        importer.standardError = Pipe()
        try importer.run()
        var fd: Int32 = -1
        for _ in 0..<600 where fd < 0 {
            fd = open(path("held/referrals.csv"), O_WRONLY | O_NONBLOCK)
            if fd < 0 { usleep(50_000) }
        }
        try #require(fd >= 0, "the importer never opened its input")
        return (importer, fd)
    }
}
