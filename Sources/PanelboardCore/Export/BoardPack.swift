import Foundation
import GRDB

/// The board pack as CSV: `figures.csv`, one tidy row per figure the board
/// outputs show (`family,field,breakdown,value,status`), the same rows split into
/// one file per family of `metrics --format json`, and `about.csv` (the scope, the
/// settings, the key to the symbols).
///
/// Every value is as `BoardFigures` says, the same as on the dashboard: the number,
/// `<5`, `[c]`, or empty when the figure is not known; the status column says which.
/// An unsuppressed pack has a `circulation` column saying so on every row.
public struct BoardPack {
    public let report: MetricsReport
    public let figures: BoardFigures

    public init(report: MetricsReport, figures: BoardFigures) {
        self.report = report
        self.figures = figures
    }

    /// The pack's files, by name, in the order written: nothing is written here.
    public var files: [(name: String, contents: String)] {
        var files: [(String, String)] = [("about.csv", CSVFormat.render(about)), ("figures.csv", CSVFormat.render(figures.table))]
        var families: [String] = []
        for f in figures.figures where f.inReport && !families.contains(f.family) { families.append(f.family) }
        let all = figures.table
        for family in families {
            var table = all
            table.rows = zip(figures.figures, all.rows).filter { $0.0.inReport && $0.0.family == family }.map(\.1)
            files.append(("\(family).csv", CSVFormat.render(table)))
        }
        return files
    }

    var about: ResultTable {
        var rows: [[DatabaseValue]] = []
        if case let .object(members) = report.json {
            for (key, value) in members {
                if case let .object(settings) = value, key == "settings" {
                    for (name, setting) in settings { rows.append(["setting.\(name)".databaseValue, JSONValue.plain(setting).databaseValue]) }
                } else if case let .object(sources) = value, key == "settings_sources" {
                    // Where each setting came from: default, panels.csv, settings file or flag.
                    for (name, source) in sources { rows.append(["setting_source.\(name)".databaseValue, JSONValue.plain(source).databaseValue]) }
                } else if case .object = value {
                    continue
                } else {
                    rows.append([key.databaseValue, JSONValue.plain(value).databaseValue])
                }
            }
        }
        rows.append(["suppression".databaseValue, figures.suppression.summary.databaseValue])
        for entry in figures.suppression.key {
            rows.append(["key \(entry.symbol)".databaseValue, entry.meaning.databaseValue])
        }
        var columns = ["item", "value"]
        if !figures.suppression.enabled {
            columns.append("circulation")
            rows = rows.map { $0 + [Suppression.unsuppressedNotice.databaseValue] }
        }
        return ResultTable(columns: columns, rows: rows)
    }

    /// Writes the pack into a folder prepared by `OutputFolder` (new, empty or its
    /// own from an earlier run); returns the files written.
    @discardableResult
    public func write(to folder: OutputFolder) throws -> [String] {
        try files.map { file in
            try folder.write(file.contents, to: file.name)
            return folder.filePath(file.name)
        }
    }
}

extension JSONValue {
    /// A scalar as plain text (no quotes), for CSV cells.
    static func plain(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case let .string(s): s
        default: value.rendered(indent: nil)
        }
    }
}
