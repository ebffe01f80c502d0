/// The files of an export bundle, as the data contract (version 1, with the
/// version 2 additions of panels.md) defines them.
///
/// Each table knows its columns, their types, which are required and which form the
/// row's key. The importer is driven entirely by these descriptions, so a rule that
/// belongs to a column (a type, a range, an enumeration) is written once, here.
public enum ExportTable: String, CaseIterable, Sendable, Comparable {
    // Declared in import order: a table comes after the tables it refers to.
    // The panel profiles come last: nothing refers to them, and a version 1
    // bundle's files keep their places.
    case areas, meetings, referrals, actions, attendance, cohort, incidents
    case panels, members, holidays

    public static func < (lhs: ExportTable, rhs: ExportTable) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The file name stem that identifies this table in a bundle folder.
    public var fileStem: String { rawValue }

    public var columns: [ColumnSpec] {
        switch self {
        case .referrals:
            return [
                .init("referral_id", .id, required: true),
                .init("panel", .panelCode, required: true),
                .init("area", .text, required: true),
                .init("victim_ref", .text),
                .init("perpetrator_ref", .text),
                .init("referral_date", .date, required: true),
                .init("meeting_id", .text),
                .init("meeting_date", .date),
                .init("referring_agency", .agency, required: true),
                .init("referral_reason", .enumeration(.referralReason)),
                .init("risk_level", .enumeration(.riskLevel)),
                // Every whole number has a plausible range, far beyond any real
                // value, so that no sum over a store can overflow 64 bits.
                .init("dash_score", .integer(min: 0, max: 27)),
                .init("rfg_score", .integer(min: 0, max: 10_000)),
                .init("discussion_type", .enumeration(.discussionType)),
                .init("children_count", .integer(min: 0, max: 30)),
                .init("victim_gender", .enumeration(.gender)),
                .init("victim_age_band", .enumeration(.ageBand)),
                .init("victim_ethnic_minority", .boolean),
                .init("victim_disabled", .boolean),
                .init("victim_lgbt", .boolean),
                .init("perpetrator_under_18", .boolean),
                .init("recorded_repeat", .boolean),
                .init("outcome", .text),
                // Managed under MAPPA at referral: a perpetrator panel does not
                // hear MAPPA cases (the mappa_conflicts list).
                .init("mappa", .boolean),
                .init("screening_decision", .enumeration(.screeningDecision)),
                .init("children_services_status", .enumeration(.childrenServicesStatus)),
            ]
        case .actions:
            return [
                .init("action_id", .id, required: true),
                .init("referral_id", .text, required: true),
                .init("agency", .agency, required: true),
                .init("agreed_date", .date, required: true),
                // A due date is a plan, not an event: it may lie after the export.
                .init("due_date", .date, mayBeAfterAsOf: true),
                .init("completed_date", .date),
                .init("status", .enumeration(.actionStatus)),
                .init("action_type", .enumeration(.actionType)),
            ]
        case .meetings:
            return [
                .init("meeting_id", .id, required: true),
                .init("panel", .panelCode, required: true),
                .init("area", .text, required: true),
                .init("meeting_date", .date, required: true),
                .init("agenda_sent_date", .date),
                .init("minutes_sent_date", .date),
                .init("meeting_type", .enumeration(.meetingType)),
            ]
        case .attendance:
            return [
                .init("meeting_id", .text, required: true),
                .init("agency", .agency, required: true),
                .init("status", .enumeration(.attendanceStatus), required: true),
            ]
        case .cohort:
            return [
                .init("perpetrator_ref", .text, required: true),
                .init("panel", .panelCode, required: true),
                .init("area", .text, required: true),
                .init("adopted_date", .date, required: true),
                .init("adoption_source", .enumeration(.adoptionSource)),
                .init("exit_date", .date),
                .init("exit_reason", .enumeration(.exitReason)),
                // The same score, and so the same range, as referrals' rfg_score.
                .init("rfg_at_adoption", .integer(min: 0, max: 10_000)),
                .init("rfg_at_exit", .integer(min: 0, max: 10_000)),
            ]
        case .incidents:
            return [
                .init("incident_id", .id, required: true),
                .init("incident_date", .date, required: true),
                .init("perpetrator_ref", .text),
                .init("victim_ref", .text),
                .init("incident_type", .enumeration(.incidentType)),
            ]
        case .areas:
            return [
                .init("area", .id, required: true),
                // More than the whole UK's adult female population.
                .init("adult_female_population", .integer(min: 1, max: 50_000_000)),
                // `group` is an SQL keyword; the store calls it area_group.
                .init("group", .text, storedAs: "area_group"),
            ]
        case .panels:
            // Each panel's terms of reference (panels.md); an empty cell takes the
            // default, so the ranges are those of the settings they stand for.
            return [
                .init("panel", .panelCode, required: true),
                .init("kind", .enumeration(.panelKind), required: true),
                .init("person", .enumeration(.person)),
                .init("day_count", .enumeration(.dayCount)),
                .init("holidays", .enumeration(.holidayNation)),
                .init("agenda_days_before", .integer(min: 0, max: 365)),
                .init("minutes_days_after", .integer(min: 0, max: 365)),
                .init("late_referral_days", .integer(min: 0, max: 365)),
                .init("repeat_window_months", .integer(min: 0, max: 120)),
                .init("repeat_panels", .panelCodeList),
                .init("exit_review_months", .integer(min: 0, max: 120)),
                .init("meeting_every_days", .integer(min: 1, max: 365)),
                .init("not_same_day_as", .panelCode),
                .init("quorum", .integer(min: 1, max: 100)),
                .init("escalation_days", .integer(min: 0, max: 365)),
                .init("retention_years", .integer(min: 1, max: 100)),
            ]
        case .members:
            return [
                .init("panel", .panelCode, required: true),
                .init("area", .text),
                .init("agency", .agency, required: true),
                .init("role", .enumeration(.memberRole), required: true),
                // Membership is planned ahead: a change may be dated after the export.
                .init("from_date", .date, mayBeAfterAsOf: true),
                .init("to_date", .date, mayBeAfterAsOf: true),
            ]
        case .holidays:
            return [
                // Closures are announced ahead (a training day, Christmas).
                .init("date", .date, required: true, mayBeAfterAsOf: true),
                .init("area", .text),
            ]
        }
    }

    /// The columns whose values identify a row; a later export with the same key
    /// updates the row.
    public var keyColumns: [String] {
        switch self {
        case .referrals: ["referral_id"]
        case .actions: ["action_id"]
        case .meetings: ["meeting_id"]
        case .attendance: ["meeting_id", "agency"]
        case .cohort: ["perpetrator_ref", "panel", "adopted_date"]
        case .incidents: ["incident_id"]
        case .areas: ["area"]
        case .panels: ["panel"]
        // An empty area is every area of the panel, an empty from_date "since
        // always": both are part of the key as empty values (`optionalKeyColumns`).
        case .members: ["panel", "area", "agency", "from_date"]
        case .holidays: ["date", "area"]
        }
    }

    /// Key columns that may be empty: an empty cell is a value of the key (the
    /// store matches it with IS), not a missing key.
    public var optionalKeyColumns: [String] {
        keyColumns.filter { key in !columns.contains { $0.name == key && $0.required } }
    }

    /// "referrals.csv, actions.csv, ... or holidays.csv", for messages.
    static var fileList: String {
        let names = ExportTable.allCases.sorted { ($0 == .referrals ? 0 : 1, $0) < ($1 == .referrals ? 0 : 1, $1) }.map { $0.fileStem + ".csv" }
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// Recognises a bundle file by its name stem (`Referrals.CSV` counts).
    public init?(fileName: String) {
        let lower = fileName.lowercased()
        guard lower.hasSuffix(".csv") else { return nil }
        self.init(rawValue: String(lower.dropLast(4)))
    }
}

public struct ColumnSpec: Sendable {
    public let name: String
    public let type: ColumnType
    public let required: Bool
    /// The column's name in the store, when it differs from the export's.
    public let storedName: String
    /// A date that may be after the import's as-of date (only due dates).
    public let mayBeAfterAsOf: Bool

    init(_ name: String, _ type: ColumnType, required: Bool = false, storedAs: String? = nil, mayBeAfterAsOf: Bool = false) {
        self.name = name
        self.type = type
        self.required = required
        self.storedName = storedAs ?? name
        self.mayBeAfterAsOf = mayBeAfterAsOf
    }
}

public enum ColumnType: Sendable {
    /// A row id: text. (Every cell, of every type, is scanned for identifying data.)
    case id
    case text
    /// A panel code: letters, digits, `_` or `-`; stored upper-case.
    case panelCode
    /// Panel codes separated by spaces (`MARAC DRAMM`); stored upper-case, one
    /// space apart.
    case panelCodeList
    case date
    case boolean
    /// A whole number from `min` to `max`, both included.
    case integer(min: Int64, max: Int64)
    case enumeration(Vocabulary)
    case agency
}
