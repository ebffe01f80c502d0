import Foundation
import GRDB

/// The board pack as CSV: one file per section of the dashboard, shaped as on the
/// page (`PANEL_PERIOD_section.csv`, from `DashboardModel.packTables`: the trend and
/// the national return among them), `figures.csv`, one tidy row per figure the
/// board outputs show (`family,field,breakdown,value,status`), and `about.csv` (the
/// scope, when and by what it was made, the source files and their checksums, the
/// settings, the protective marking, the key to the symbols).
///
/// Every value is as `BoardFigures` says, the same as on the dashboard: the number,
/// `<5`, `[c]`, or empty when the figure is not known. An unsuppressed pack has a
/// `circulation` column saying so on every row of every file.
public struct BoardPack {
    /// A file of the import log behind the figures: the latest imported of each table.
    public struct Source: Sendable {
        public let file: String
        public let sha256: String
        public let importedAt: String

        public init(file: String, sha256: String, importedAt: String) {
            self.file = file
            self.sha256 = sha256
            self.importedAt = importedAt
        }
    }

    public let report: MetricsReport
    public let figures: BoardFigures
    public var sections: [PackTable]
    public var sources: [Source]
    public var generatedAt: String
    public var toolVersion: String
    /// The page's glossary and settings, for the spreadsheet's Notes sheet.
    public var definitions: [(String, String)] = []
    public var settings: [(String, String)] = []
    /// What the pack says of figures read from a purge's archive.
    public var archiveNotice: String?

    public init(report: MetricsReport, figures: BoardFigures, sections: [PackTable] = [], sources: [Source] = [],
                generatedAt: String = "", toolVersion: String = PanelboardVersion.current) {
        self.report = report
        self.figures = figures
        self.sections = sections
        self.sources = sources
        self.generatedAt = generatedAt
        self.toolVersion = toolVersion
    }

    /// The dashboard's tables and provenance with its figures.
    public init(report: MetricsReport, figures: BoardFigures, model: DashboardModel, sources: [Source]) {
        self.init(report: report, figures: figures, sections: model.packTables, sources: sources,
                  generatedAt: model.generatedAt, toolVersion: model.toolVersion)
        definitions = model.glossary.map { ($0.term, $0.meaning) }
        settings = model.settingsRows.map { row in (row.cells.first?.text ?? "", row.cells.dropFirst().first?.text ?? "") }
        archiveNotice = model.archived ? model.archiveNotice : nil
    }

    /// What every section's file name starts with: the panel, the area when there
    /// is one, and the period (`MARAC_2024Q4`, `DAPP_North_FY2024`), in letters,
    /// digits, hyphens and underscores only, so no value can make a path.
    public var fileStem: String {
        let scope = report.scope
        return ([scope.panel] + (scope.area.map { [$0] } ?? []) + [scope.period.label]).map { part in
            String(part.unicodeScalars.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
                ? Character($0) : "-" })
        }.joined(separator: "_")
    }

    var unsuppressedNotice: String? { figures.suppression.enabled ? nil : Suppression.unsuppressedNotice }

    /// The pack's files, by name, in the order written: nothing is written here.
    public var files: [(name: String, contents: String)] {
        [("about.csv", CSVFormat.render(about)), ("figures.csv", CSVFormat.render(figures.table))]
            + sections.map { ("\(fileStem)_\($0.name).csv", CSVFormat.render($0.result(unsuppressedNotice: unsuppressedNotice))) }
    }

    /// about.csv's rows (`item,value`), for the spreadsheet's Notes sheet too.
    public var aboutRows: [(item: String, value: String)] {
        var rows: [(String, String)] = [("generated_at", generatedAt), ("tool_version", toolVersion)]
        var settingRows: [(String, String)] = []
        if case let .object(members) = report.json {
            for (key, value) in members {
                if case let .object(settings) = value, key == "settings" {
                    for (name, setting) in settings { settingRows.append(("setting.\(name)", JSONValue.plain(setting))) }
                } else if case let .object(sources) = value, key == "settings_sources" {
                    // Where each setting came from: default, panels.csv, settings file or flag.
                    for (name, source) in sources { settingRows.append(("setting_source.\(name)", JSONValue.plain(source))) }
                } else if case .object = value {
                    continue
                } else {
                    rows.append((key, JSONValue.plain(value)))
                }
            }
        }
        if let archiveNotice { rows.append(("archived", archiveNotice)) }
        rows.append(("protective_marking", report.scope.settings.protectiveMarking))
        for source in sources {
            rows.append(("source \(source.file) sha256", source.sha256))
            rows.append(("source \(source.file) imported_at", source.importedAt))
        }
        rows += settingRows
        rows.append(("suppression", figures.suppression.summary))
        for entry in figures.suppression.key {
            rows.append(("key \(entry.symbol)", entry.meaning))
        }
        return rows
    }

    var about: ResultTable {
        var rows = aboutRows.map { [$0.item.databaseValue, $0.value.databaseValue] }
        var columns = ["item", "value"]
        if let unsuppressedNotice {
            columns.append("circulation")
            rows = rows.map { $0 + [unsuppressedNotice.databaseValue] }
        }
        return ResultTable(columns: columns, rows: rows)
    }

    /// Writes the pack into a folder prepared by `OutputFolder` (new, empty or its
    /// own from an earlier run); returns the files written.
    @discardableResult
    public func write(to folder: OutputFolder) throws -> [String] {
        let files = files
        try removeEarlierPacks(from: folder, keeping: Set(files.map(\.name)))
        return try files.map { file in
            try folder.write(file.contents, to: file.name)
            return folder.filePath(file.name)
        }
    }
}

extension BoardPack {
    /// A pack written again into its own folder for another panel or period would
    /// leave the other's section files beside an about.csv that no longer describes
    /// them: the files an earlier pack wrote (a section of any scope, or a family
    /// file of the earlier one-file-per-family layout) go first. Nothing goes from
    /// a folder Panelboard did not make.
    func removeEarlierPacks(from folder: OutputFolder, keeping: Set<String>) throws {
        guard folder.isOwn else { return }
        let sectionNames = Set(sections.map(\.name)).union(Self.sectionNames)
        let families = Set(figures.figures.map(\.family))
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where !keeping.contains(name) {
            guard name.hasSuffix(".csv") else { continue }
            let stem = String(name.dropLast(4))
            let earlier = families.contains(stem)
                || sectionNames.contains { stem.hasSuffix("_" + $0) && stem.count > $0.count + 1 }
            if earlier { try folder.removeOwnFile(name) }
        }
    }

    /// Whether a file's name is one a board pack writes, of any layout: about.csv,
    /// figures.csv, a section's file of the scope `fileStem` names
    /// (`MARAC_FY2024Q4_trend.csv`), or a family's file of the earlier
    /// one-file-per-family layout (`volumes.csv`).
    public static func isPackFileName(_ name: String, fileStem: String) -> Bool {
        guard name.hasSuffix(".csv") else { return false }
        let stem = String(name.dropLast(4))
        let families = Set(MetricsReport.descriptions.map(\.member)).union(["trend", "previous", "year_ago", "rolling", "by_area"])
        return ["about", "figures"].contains(stem) || families.contains(stem)
            || sectionNames.contains { stem == fileStem + "_" + $0 }
    }

    /// Every section a pack may have, whatever the panel.
    static let sectionNames: Set<String> = Set<String>([
        "headline", "trend", "referral_sources", "referral_reasons", "actions", "cohort", "cohort_exits", "meetings",
        "attendance", "demographics", "national_return", "data_quality", "adopted_by_source", "harm_after_exit",
        "exit_reviews_rfg", "actions_by_type", "cohort_trend",
        // A MARAC's (`DashboardMarac.swift`).
        "by_area", "discussion_types", "children_linked", "children_services", "quoracy", "core_attendance",
    ]).union(DashboardModel.triageSectionNames)
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
