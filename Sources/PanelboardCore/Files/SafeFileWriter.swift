import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How Panelboard recognises a file it wrote itself, so that running a command
/// twice replaces its own output without `--force`: a test on the file's first
/// 4 KiB.
public struct OutputMarker: Sendable {
    let matchesHead: @Sendable ([UInt8]) -> Bool
    /// A test on the last 4 KiB instead (a zip's comment is at its end).
    var matchesTail: (@Sendable ([UInt8]) -> Bool)?

    public init(matchesHead: @escaping @Sendable ([UInt8]) -> Bool) {
        self.matchesHead = matchesHead
    }

    /// Bytes the file ends with.
    public init(tail signature: String) {
        let signature = Array(signature.utf8)
        self.init { _ in false }
        matchesTail = { $0.count >= signature.count && $0.suffix(signature.count).elementsEqual(signature) }
    }

    /// Bytes found anywhere in the first 4 KiB, or only at the start.
    public init(_ signature: String, atStart: Bool) {
        let signature = Array(signature.utf8)
        self.init { head in
            if atStart { return head.starts(with: signature) }
            guard head.count >= signature.count else { return false }
            return (0...(head.count - signature.count)).contains { start in
                head[start..<(start + signature.count)].elementsEqual(signature)
            }
        }
    }

    /// The dashboard's `<meta name="generator">`.
    public static let dashboard = OutputMarker(#"<meta name="generator" content="panelboard"#, atStart: false)
    /// The rejects file's header.
    public static let rejects = OutputMarker("file,line,", atStart: true)

    func matches(fileAt path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if let matchesTail {
            let end = lseek(fd, 0, SEEK_END)
            guard end > 0 else { return false }
            let start = max(0, end - 4096)
            var tail = [UInt8](repeating: 0, count: Int(end - start))
            let n = tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, start) }
            return n == tail.count && matchesTail(tail)
        }
        var head = [UInt8](repeating: 0, count: 4096)
        let n = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
        guard n > 0 else { return false }
        return matchesHead(Array(head[0..<n]))
    }
}

/// Writes one file safely: into a temporary file beside it (owner-only, created
/// afresh, never through a link), every write checked, flushed to disk, then
/// renamed over the target. A crash or a full disk leaves the old file or none,
/// never half of one.
public final class SafeFileWriter {
    public let path: String
    /// Where the file is written until `commit()`: for a writer that is not this
    /// one (SQLite's backup) to fill.
    public let temporaryPath: String
    private let policy: OutputPolicy
    private let marker: OutputMarker?
    private let inOwnFolder: Bool
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var finished = false
    /// Bytes handed to `write`, for callers that report sizes.
    public private(set) var bytesWritten = 0

    /// - Parameters:
    ///   - marker: how to recognise this kind of file when Panelboard wrote it, so it
    ///     may be replaced without `--force`.
    ///   - inOwnFolder: the file is in a folder Panelboard made (see `OutputFolder`),
    ///     whose files it may replace.
    public init(path: String, policy: OutputPolicy, marker: OutputMarker? = nil, inOwnFolder: Bool = false) throws {
        self.path = path
        self.policy = policy
        self.marker = marker
        self.inOwnFolder = inOwnFolder
        try Self.checkTarget(path, policy: policy, marker: marker, inOwnFolder: inOwnFolder)
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        Self.removeLeftovers(of: name, in: folder)
        let temp = folder + "/." + name + ".panelboard-" + String(UInt32.random(in: 0...UInt32.max), radix: 36) + ".tmp"
        let descriptor = open(temp, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw OutputError.cannotWrite(path: path, reason: FilePath.errorText())
        }
        // O_CREAT's mode passes through the umask, which may only take bits away;
        // set it outright all the same.
        fchmod(descriptor, 0o600)
        fd = descriptor
        temporaryPath = temp
        buffer.reserveCapacity(1 << 16)
    }

    deinit { discard() }

    /// Refuses a protected file, a link, something that is not a file, and an
    /// existing file Panelboard did not write (unless forced).
    static func checkTarget(_ path: String, policy: OutputPolicy, marker: OutputMarker?, inOwnFolder: Bool) throws {
        try policy.checkNotProtected(path)
        switch FilePath.kind(path) {
        case .none: return
        case .link: throw OutputError.symbolicLink(path: path)
        case .folder, .other: throw OutputError.notAFile(path: path)
        case .file:
            if policy.force || inOwnFolder { return }
            if let marker, marker.matches(fileAt: path) { return }
            throw OutputError.exists(path: path)
        }
    }

    /// A crash mid-write leaves its temporary file; the next write of the same
    /// target removes it.
    private static func removeLeftovers(of name: String, in folder: String) {
        let prefix = "." + name + ".panelboard-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for leftover in names where leftover.hasPrefix(prefix) && leftover.hasSuffix(".tmp") {
            let full = folder + "/" + leftover
            if FilePath.kind(full) == .file { unlink(full) }
        }
    }

    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(bytes: $0) }
    }

    public func write(bytes: UnsafeBufferPointer<UInt8>) throws {
        precondition(!finished, "write after commit or discard")
        buffer.append(contentsOf: bytes)
        bytesWritten += bytes.count
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = FilePath.errorText()
                discard()
                throw OutputError.cannotWrite(path: path, reason: reason)
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Everything written so far is on disk (or an error says why not). An import
    /// calls this before it commits, so its rejects are safe before its rows are.
    public func sync() throws {
        precondition(!finished, "sync after commit or discard")
        try flush()
        if fsync(fd) != 0 {
            let reason = FilePath.errorText()
            discard()
            throw OutputError.cannotWrite(path: path, reason: reason)
        }
    }

    /// Puts the file in place.
    public func commit() throws {
        try sync()
        finished = true
        let closed = close(fd)
        fd = -1
        do {
            if closed != 0 { throw OutputError.cannotWrite(path: path, reason: FilePath.errorText()) }
            // Checked again: the target may have changed while we wrote.
            try Self.checkTarget(path, policy: policy, marker: marker, inOwnFolder: inOwnFolder)
            if rename(temporaryPath, path) != 0 { throw OutputError.cannotWrite(path: path, reason: FilePath.errorText()) }
        } catch {
            unlink(temporaryPath)
            throw error
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let dirFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 { fsync(dirFD); close(dirFD) }
    }

    /// Throws the temporary file away; the target is untouched.
    public func discard() {
        guard !finished else { return }
        finished = true
        if fd >= 0 { close(fd); fd = -1 }
        unlink(temporaryPath)
    }
}

/// Whole files in one call.
public enum SafeFile {
    public static func write(_ text: String, to path: String, policy: OutputPolicy,
                             marker: OutputMarker? = nil, inOwnFolder: Bool = false) throws {
        let writer = try SafeFileWriter(path: path, policy: policy, marker: marker, inOwnFolder: inOwnFolder)
        try writer.write(text)
        try writer.commit()
    }
}
