import Foundation
import Testing

/// A stray quote near the top of a large file once took in the rest of the file as
/// one field, and the import's memory grew with the file (131 MB for 100 MB).
/// Measured on the real binary: its peak memory stays that of any small import.
@Suite struct FlatMemoryTests {
    /// The process's peak resident memory so far, in KB (Linux's VmHWM).
    static func peakKB(_ pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/status")))
    func aStrayQuoteInALargeFileKeepsMemoryFlat() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try FileManager.default.createDirectory(atPath: cli.path("bundle"), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: cli.path("bundle/referrals.csv"), contents: nil)
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: cli.path("bundle/referrals.csv")))
        file.write(Data("""
            referral_id,panel,area,victim_ref,referral_date,referring_agency
            R1,MARAC,Stockton,V1,2024-01-03,police
            R2,MARAC,"Stockton,V2,2024-01-03,police

            """.utf8))
        var k = 3
        for _ in 0..<100 {
            var chunk = ""
            for _ in 0..<20_000 { chunk += "R\(k),MARAC,Stockton,V\(k),2024-01-03,police\n"; k += 1 }
            file.write(Data(chunk.utf8))
        }
        try file.close()

        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["import", "bundle", "--db", "store.sqlite", "--as-of", "2024-04-01"]
        process.currentDirectoryURL = cli.directory
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        var peak = 0
        while process.isRunning {
            if let kb = Self.peakKB(process.processIdentifier) { peak = max(peak, kb) }
            usleep(2_000)
        }
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(stderr.hasPrefix("panelboard: referrals.csv:3: error: a field longer than 1 MiB (1,048,576 bytes) starts on this line."), "\(stderr)")
        // A small import peaks near 40 MB in a debug build; the file is 80 MB.
        #expect(peak < 64 * 1024, "peak \(peak) KB")
    }
}
