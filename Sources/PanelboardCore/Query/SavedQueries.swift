import Foundation
import GRDB

/// Where the files Panelboard ships beside its binary are: `Reports/` (dashboard
/// templates, styles, saved queries).
public enum ReportsFolder {
    /// `$PANELBOARD_REPORTS`; else `share/panelboard/Reports` beside an installed
    /// binary's `bin/`; else the nearest `Reports/` above the binary (a build in a
    /// checkout of the project).
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let path = environment["PANELBOARD_REPORTS"], !path.isEmpty { return URL(fileURLWithPath: path) }
        guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else { return nil }
        var directory = executable.deletingLastPathComponent()
        let installed = directory.deletingLastPathComponent().appendingPathComponent("share/panelboard/Reports")
        if isFolder(installed) { return installed }
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent("Reports")
            if isFolder(candidate.appendingPathComponent("queries")) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

/// Named `.sql` files: the ones Panelboard ships in `Reports/queries/`, and an
/// analyst's own folder, whose files win over shipped ones of the same name. The
/// first comment line of a file is its description.
public struct SavedQueries {
    public let folders: [(source: String, url: URL)]

    public init(userFolder: String?, shipped: URL? = ReportsFolder.locate()?.appendingPathComponent("queries")) {
        var folders: [(String, URL)] = []
        if let shipped { folders.append(("shipped", shipped)) }
        if let userFolder { folders.append(("yours", URL(fileURLWithPath: userFolder))) }
        self.folders = folders
    }

    struct Entry {
        let name: String
        let source: String
        let url: URL
    }

    private func entries() -> [String: Entry] {
        var byName: [String: Entry] = [:]
        for (source, folder) in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for file in names where file.hasSuffix(".sql") {
                let name = String(file.dropLast(4))
                byName[name] = Entry(name: name, source: source, url: folder.appendingPathComponent(file))
            }
        }
        return byName
    }

    /// A saved query's SQL: an analyst's file, a shipped file, or a metric family's
    /// own definition (`metric-...`).
    public func sql(named name: String) throws -> String {
        let all = entries()
        if let entry = all[name] { return try String(contentsOf: entry.url, encoding: .utf8) }
        if let metric = MetricQueries.named(name) { return metric.sql }
        throw QueryError.noSuchSavedQuery(name, available: (all.keys + MetricQueries.all.map(\.name)).sorted())
    }

    public func listing() throws -> ResultTable {
        var rows: [[DatabaseValue]] = entries().values.sorted { $0.name < $1.name }.map { entry in
            let text = (try? String(contentsOf: entry.url, encoding: .utf8)) ?? ""
            let description = text.split(separator: "\n").first { $0.hasPrefix("--") }
                .map { $0.dropFirst(2).trimmingCharacters(in: .whitespaces) } ?? ""
            return [entry.name.databaseValue, entry.source.databaseValue, description.databaseValue]
        }
        rows += MetricQueries.all.map { [$0.name.databaseValue, "metric".databaseValue, $0.summary.databaseValue] }
        return ResultTable(columns: ["name", "source", "description"], rows: rows)
    }
}
