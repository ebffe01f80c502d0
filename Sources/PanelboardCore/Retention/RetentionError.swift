import Foundation

/// Why a purge, or a read of archived figures, cannot go ahead: each says what to do.
public enum RetentionError: Error, CustomStringConvertible {
    case noRetentionRule(panel: String?)
    case cutOffNotPast(cutOff: Day, today: Day)
    case noSuchImport(Int64)
    case readerHeldStore(path: String)
    case partlyArchived(panel: String, period: String, archivedFrom: Day, archivedTo: Day, archivedOn: String)
    case needsCaseData(panel: String, period: String, archivedOn: String)
    case archivedFigureUnreadable(field: String)
    case archivedSettingsDiffer(panel: String, period: String, archivedOn: String, setting: String, archived: String, now: String)

    public var description: String {
        switch self {
        case let .noRetentionRule(panel):
            "\(panel.map { "panel \($0) has" } ?? "there is") no retention rule: set retention_years in panels.csv, or give --retention-years N (or retention_years in a --settings file) for this run"
        case let .cutOffNotPast(cutOff, today):
            "--before \(cutOff.iso) is not before today (\(today.iso)): a purge removes cases whose latest activity is before a day that has passed"
        case let .noSuchImport(id):
            "there is no import \(id) in the log: see the import numbers with panelboard imports"
        case let .readerHeldStore(path):
            "the purge is committed, but another program was reading \(path), so its old pages could not yet be overwritten; "
                + "close the other program and run: panelboard purge --finish --db \(path)"
        case let .partlyArchived(panel, period, from, to, on):
            "\(panel) \(period) runs into quarters whose figures were archived on \(on) (\(from.iso) to \(to.iso)); "
                + "case-level data disposed of: ask for each archived quarter on its own (--period 2019Q1) for its archived figures"
        case let .archivedFigureUnreadable(field):
            "the archived figures have no readable \(field): the store may be damaged or written by another version of panelboard; run panelboard check"
        case let .archivedSettingsDiffer(panel, period, on, setting, archived, now):
            "\(panel) \(period): figures archived on \(on) were computed with \(setting) \(archived), and this run's is \(now); "
                + "case-level data disposed of, so they cannot be computed again: give the settings the archive used (--settings FILE with \(setting)) "
                + "to show them, or see them with panelboard metrics --panel \(panel) --period \(period) --format json"
        case let .needsCaseData(panel, period, on):
            "\(panel) \(period): figures archived on \(on); case-level data disposed of. The archive holds the quarter's figures "
                + "for the panel and each area, not its days or months: ask --by quarter, area or agency, or see the archived "
                + "figures with panelboard metrics --panel \(panel) --period \(period)"
        }
    }
}
