import Foundation
import PanelboardCore

enum FileHandleOutput {
    static func stderr(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Progress for long work, shown only on a terminal and never in CI: one line,
/// redrawn at most four times a second.
final class TerminalProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var started: [String: Date] = [:]
    private var drew = false

    static var isWanted: Bool {
        isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
    }

    func update(file: String, bytes: Int, total: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        let start = started[file] ?? now
        started[file] = start
        guard now.timeIntervalSince(lastDraw) >= 0.25 || bytes == total else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(start), 0.001)
        let rate = Double(bytes) / elapsed
        var line = String(format: "%@  %.1f of %.1f MB  %.1f MB/s", file, Double(bytes) / 1e6, Double(total) / 1e6, rate / 1e6)
        if total > bytes, rate > 0 {
            let eta = Int((Double(total - bytes) / rate).rounded())
            line += String(format: "  ETA %d:%02d", eta / 60, eta % 60)
        }
        FileHandleOutput.stderr("\r\u{1B}[K" + line)
        drew = true
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drew { FileHandleOutput.stderr("\r\u{1B}[K") }
    }
}

/// Standard output, buffered, for output written a row at a time.
final class StandardOutputSink: TextSink {
    private var buffer: [UInt8] = []

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
