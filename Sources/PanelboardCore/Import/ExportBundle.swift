import Foundation

/// The files an import was asked to read, each recognised as a table.
public struct ExportBundle: Sendable {
    public struct File: Sendable {
        public let table: ExportTable
        public let url: URL
    }

    public private(set) var files: [File] = []
    /// Agency mapping files found in a bundle folder (`agency-mapping.csv`).
    public private(set) var mappings: [URL] = []
    /// Files in a bundle folder that are not part of the contract, listed in the
    /// summary rather than silently passed over.
    public private(set) var ignored: [String] = []

    /// - Parameters:
    ///   - paths: folders (every recognised file in them) and files (by name stem).
    ///   - explicit: files named as a table whatever they are called.
    public init(paths: [String], explicit: [(ExportTable, String)] = []) throws {
        var byTable: [ExportTable: [URL]] = [:]
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ImportError.cannotRead(path: path, reason: "no such file or folder")
            }
            let url = URL(fileURLWithPath: path)
            if isDirectory.boolValue {
                let names: [String]
                do {
                    names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
                } catch {
                    throw ImportError.cannotRead(path: path, reason: "cannot list the folder")
                }
                for name in names where !name.hasPrefix(".") {
                    let file = url.appendingPathComponent(name)
                    if let table = ExportTable(fileName: name) {
                        byTable[table, default: []].append(file)
                    } else if name.lowercased() == "agency-mapping.csv" {
                        mappings.append(file)
                    } else if name.lowercased().hasSuffix(".csv") {
                        ignored.append(name)
                    }
                }
            } else if let table = ExportTable(fileName: url.lastPathComponent) {
                byTable[table, default: []].append(url)
            } else if url.lastPathComponent.lowercased() == "agency-mapping.csv" {
                mappings.append(url)
            } else {
                throw ImportError.notABundleFile(path: path)
            }
        }
        for (table, path) in explicit {
            byTable[table, default: []].append(URL(fileURLWithPath: path))
        }
        for (table, urls) in byTable where urls.count > 1 {
            throw ImportError.duplicateTable(table, urls.map(\.path))
        }
        // A bundle of panel profiles alone (a new panels.csv) needs no referrals.
        let profiles: Set<ExportTable> = [.panels, .members, .holidays]
        guard byTable[.referrals] != nil || (!byTable.isEmpty && byTable.keys.allSatisfy(profiles.contains)) else {
            throw ImportError.noReferralsFile(given: paths + explicit.map(\.1))
        }
        files = byTable.keys.sorted().map { File(table: $0, url: byTable[$0]![0]) }
        // File names are printed in the summary and kept in the import log: a name
        // is checked like a cell.
        for name in files.map(\.url.lastPathComponent) + mappings.map(\.lastPathComponent) + ignored {
            try Self.checkName(name)
        }
    }

    /// Refuses a file name that holds identifying data or a control character.
    static func checkName(_ name: String) throws {
        if let finding = CellCheck.check(name) {
            throw ImportError.identifyingFileName(CellCheck.message(finding, name))
        }
    }
}
