import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a command may write over. Every file Panelboard writes goes through one of
/// these: a careless or hostile `--out`, `--csv` or `--rejects` must never cost a
/// coordinator the store (often the only copy of years of governance history) or
/// the export being imported.
///
/// - Protected files (the store, its `-wal`, `-shm` and `-journal`, every file being
///   read) are never written, whatever the flags.
/// - An existing file, or a folder that is not empty, is written over only when it
///   is Panelboard's own earlier output (recognised by a marker) or with `--force`.
/// - A symbolic link at the target is never followed, nor replaced.
public struct OutputPolicy: Sendable {
    public enum Role: String, Sendable {
        case store = "the store"
        case storeJournal = "the store's journal"
        case input = "a file being read"
    }

    public struct Protected: Sendable {
        public let path: String
        public let role: Role
    }

    public private(set) var protected: [Protected] = []
    /// Replace an existing file, or write into a non-empty folder, that Panelboard
    /// did not write. Never a protected file.
    public var force = false

    public init(force: Bool = false) {
        self.force = force
    }

    /// Protects the store and the files SQLite keeps beside it.
    public mutating func protectStore(_ path: String) {
        protected.append(Protected(path: path, role: .store))
        for suffix in ["-wal", "-shm", "-journal"] {
            protected.append(Protected(path: path + suffix, role: .storeJournal))
        }
    }

    public mutating func protectInput(_ path: String) {
        protected.append(Protected(path: path, role: .input))
    }

    /// Throws when `path` is protected (by name, or as the same file under another
    /// name: a hard link, `./x` against `x`, a link in a parent folder).
    func checkNotProtected(_ path: String) throws {
        let target = FilePath.canonical(path)
        let targetID = FilePath.identity(path, followLink: false)
        for p in protected {
            if FilePath.canonical(p.path) == target {
                throw OutputError.protected(path: path, role: p.role)
            }
            if let targetID, let id = FilePath.identity(p.path, followLink: true), id == targetID {
                throw OutputError.protected(path: path, role: p.role)
            }
        }
    }
}

public enum OutputError: Error, Sendable, CustomStringConvertible {
    case protected(path: String, role: OutputPolicy.Role)
    case exists(path: String)
    case folderNotEmpty(path: String)
    case symbolicLink(path: String)
    case notAFolder(path: String)
    case notAFile(path: String)
    case cannotWrite(path: String, reason: String)
    case notOwn(path: String)
    case changedSinceWritten(path: String, detail: String)

    public var description: String {
        switch self {
        case let .protected(path, role):
            "will not write \(path): it is \(role.rawValue); choose another name"
        case let .exists(path):
            "\(path) already exists and Panelboard did not write it; choose another name, or add --force to replace it"
        case let .folderNotEmpty(path):
            "\(path) is a folder that holds files Panelboard did not write; choose an empty or new folder, or add --force to write into it"
        case let .symbolicLink(path):
            "will not write \(path): it is a symbolic link; name the file or folder itself"
        case let .notAFolder(path):
            "\(path) exists and is not a folder; choose another name"
        case let .notAFile(path):
            "\(path) exists and is not a file; choose another name"
        case let .changedSinceWritten(path, detail):
            "will not replace \(path): it has changed since Panelboard wrote it (\(detail)); move it away, or choose another folder"
        case let .notOwn(path):
            "will not remove \(path): it is in a folder Panelboard did not make; choose a new or empty folder"
        case let .cannotWrite(path, reason):
            "could not write \(path): \(reason); nothing was left half written"
        }
    }
}

/// Small helpers over the file system, in system calls: Foundation follows links
/// where we must not.
enum FilePath {
    struct Identity: Equatable { let device: UInt64; let inode: UInt64 }

    static func identity(_ path: String, followLink: Bool) -> Identity? {
        var s = stat()
        let result = followLink ? stat(path, &s) : lstat(path, &s)
        guard result == 0 else { return nil }
        return Identity(device: UInt64(s.st_dev), inode: UInt64(s.st_ino))
    }

    enum Kind { case none, file, folder, link, other }

    static func kind(_ path: String) -> Kind {
        var s = stat()
        guard lstat(path, &s) == 0 else { return .none }
        switch s.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .link
        default: return .other
        }
    }

    /// The path with its folder resolved (links, `.`, `..`) and its last component
    /// kept as written, so a file that does not exist yet still compares.
    static func canonical(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        guard let resolved = realpath(folder, nil) else { return url.standardized.path }
        defer { free(resolved) }
        let base = String(cString: resolved)
        return base == "/" ? "/" + name : base + "/" + name
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}
