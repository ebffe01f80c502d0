import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder Panelboard writes several files into (a CSV pack, a synthetic bundle,
/// the demo). It is new, empty, or one Panelboard made before (it holds the marker
/// file); any other folder needs `--force`. New folders are owner-only (0700).
public struct OutputFolder: Sendable {
    /// The file that marks a folder as Panelboard's own output, and of which kind.
    public static let markerName = ".panelboard-output"

    /// What Panelboard wrote into a folder. A folder is its own only for the kind
    /// that made it: a board pack never lands in a bundle the generator wrote,
    /// whose files it would replace.
    public enum Kind: String, Sendable {
        case demo
        case bundle
        case boardPack = "board-pack"
    }

    public let path: String
    public let kind: Kind
    public let policy: OutputPolicy
    /// The folder was new, empty or marked: Panelboard's own. A folder written into
    /// with `--force` is not, and Panelboard removes nothing from it.
    public let isOwn: Bool

    /// Makes the folder ready, or says why it may not be written into.
    public static func prepare(_ path: String, kind: Kind, policy: OutputPolicy) throws -> OutputFolder {
        try policy.checkNotProtected(path)
        var own = true
        switch FilePath.kind(path) {
        case .link: throw OutputError.symbolicLink(path: path)
        case .file, .other: throw OutputError.notAFolder(path: path)
        case .none:
            try makeFolders(path)
        case .folder:
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            own = names.isEmpty || markedKind(path) == kind
            if !own && !policy.force { throw OutputError.folderNotEmpty(path: path) }
        }
        let folder = OutputFolder(path: path, kind: kind, policy: policy, isOwn: own)
        let marker = path + "/" + markerName
        // A folder forced open stays unmarked: the next run needs --force again.
        if own && FilePath.kind(marker) != .file {
            try SafeFile.write(
                "kind: \(kind.rawValue)\nThis folder was written by panelboard, which may replace the files it wrote here.\n",
                to: marker, policy: policy, inOwnFolder: true)
        }
        return folder
    }

    /// Whether `file` is this folder, or inside it (a dashboard named into the
    /// board pack's folder would be replaced by the pack).
    public static func holds(_ file: String, folder: String) -> Bool {
        let f = FilePath.canonical(file), d = FilePath.canonical(folder)
        return f == d || f.hasPrefix(d.hasSuffix("/") ? d : d + "/")
    }

    /// The kind a folder's marker names, if it has one.
    static func markedKind(_ path: String) -> Kind? {
        let marker = path + "/" + markerName
        guard FilePath.kind(marker) == .file,
              let text = try? String(contentsOfFile: marker, encoding: .utf8),
              let first = text.split(separator: "\n").first, first.hasPrefix("kind: ") else { return nil }
        return Kind(rawValue: String(first.dropFirst(6)))
    }

    /// Creates the folder and any missing parents, owner-only whatever the umask.
    private static func makeFolders(_ path: String) throws {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if parent != path, FilePath.kind(parent) == .none { try makeFolders(parent) }
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw OutputError.cannotWrite(path: path, reason: FilePath.errorText())
        }
        chmod(path, 0o700)
    }

    public func filePath(_ name: String) -> String {
        path.hasSuffix("/") ? path + name : path + "/" + name
    }

    /// A writer for one file of the folder.
    public func writer(_ name: String) throws -> SafeFileWriter {
        try SafeFileWriter(path: filePath(name), policy: policy, inOwnFolder: true)
    }

    public func write(_ text: String, to name: String) throws {
        try SafeFile.write(text, to: filePath(name), policy: policy, inOwnFolder: true)
    }

    /// A folder inside this one, made by Panelboard too. Its old contents are
    /// removed first when it is Panelboard's own (the demo's bundle of last time).
    public func subfolder(_ name: String, kind: Kind, replacing: Bool) throws -> OutputFolder {
        let sub = filePath(name)
        if replacing, isOwn, FilePath.kind(sub) == .folder, Self.markedKind(sub) == kind {
            try policy.checkNotProtected(sub)
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: sub)) ?? [] {
                let full = sub + "/" + entry
                try policy.checkNotProtected(full)
                if FilePath.kind(full) == .file || FilePath.kind(full) == .link { unlink(full) }
            }
        }
        return try OutputFolder.prepare(sub, kind: kind, policy: policy)
    }

    /// Removes a file of this folder that Panelboard wrote (the demo's old store).
    public func removeOwnFile(_ name: String) throws {
        let full = filePath(name)
        if FilePath.kind(full) == .none { return }
        try policy.checkNotProtected(full)
        switch FilePath.kind(full) {
        case .none: return
        case .file:
            guard isOwn else { throw OutputError.notOwn(path: full) }
            unlink(full)
        case .link: throw OutputError.symbolicLink(path: full)
        case .folder, .other: throw OutputError.notAFile(path: full)
        }
    }
}

extension OutputFolder {
    /// Removes a folder an earlier run of Panelboard made inside this one (the
    /// demo's `board-pack/` of an older layout): the files `isOwn` says it wrote
    /// go; a file it did not write stays, with the folder and its marker, so the
    /// next run can still tell the folder for its own. Nothing happens unless both
    /// folders are Panelboard's own, of their kinds. Returns the names left, empty
    /// when the folder is gone, nil when there was no such folder.
    public func removeEarlierSubfolder(_ name: String, kind: Kind, wrote isOwnFile: (String) -> Bool) throws -> [String]? {
        let sub = filePath(name)
        guard isOwn, FilePath.kind(sub) == .folder, Self.markedKind(sub) == kind else { return nil }
        try policy.checkNotProtected(sub)
        var left: [String] = []
        for entry in ((try? FileManager.default.contentsOfDirectory(atPath: sub)) ?? []).sorted() where entry != Self.markerName {
            let full = sub + "/" + entry
            if FilePath.kind(full) == .file, isOwnFile(entry) {
                try policy.checkNotProtected(full)
                unlink(full)
            } else {
                left.append(entry)
            }
        }
        guard left.isEmpty else { return left }
        unlink(sub + "/" + Self.markerName)
        if rmdir(sub) != 0 { throw OutputError.cannotWrite(path: sub, reason: FilePath.errorText()) }
        return []
    }
}
