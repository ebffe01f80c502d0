/// The enumerations of the data contract.
///
/// Matching is forgiving in the ways exports differ in practice and strict
/// otherwise: case is ignored, surrounding spaces are trimmed, and spaces and
/// hyphens count as underscores (`Visible high risk` is `visible_high_risk`).
public enum Vocabulary: String, Sendable, CaseIterable {
    case referralReason, riskLevel, discussionType, gender, ageBand
    case actionStatus, actionType, attendanceStatus, adoptionSource, exitReason, incidentType
    // Panel profiles and the version 2 columns (panels.md).
    case panelKind, person, dayCount, holidayNation, memberRole
    case screeningDecision, childrenServicesStatus, meetingType

    /// The canonical values, as stored.
    public var values: [String] {
        switch self {
        case .referralReason:
            ["visible_high_risk", "professional_judgement", "potential_escalation", "repeat",
             "transfer_in", "police_incident_high", "police_incident_medium", "third_party",
             "dvds", "dvpo", "prison_release", "other"]
        case .riskLevel: ["standard", "medium", "high", "very_high"]
        case .discussionType: ["full", "significant_update", "information_only"]
        case .gender: ["female", "male", "other"]
        case .ageBand: ["16-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"]
        case .actionStatus: ["open", "completed", "not_completed", "cancelled"]
        case .actionType:
            ["enforcement", "disruption", "engagement", "safeguarding_victim",
             "safeguarding_children", "housing", "health", "information_sharing", "other"]
        case .attendanceStatus: ["attended", "deputy", "written_update", "apologies", "absent"]
        case .adoptionSource: ["marac", "probation", "professional_judgement", "other"]
        case .exitReason:
            ["no_further_harm", "custody", "moved_out_of_area", "mappa", "stepped_down",
             "deceased", "other"]
        case .incidentType:
            ["violence", "threats", "stalking_harassment", "sexual", "breach_of_order", "other"]
        case .panelKind: PanelKind.allCases.map(\.rawValue)
        case .person: ["victim", "perpetrator"]
        case .dayCount: ["calendar", "working"]
        case .holidayNation: Nation.allCases.map(\.rawValue)
        case .memberRole: ["core", "when_involved"]
        case .screeningDecision: ["accepted", "declined", "deferred", "redirected"]
        case .childrenServicesStatus:
            ["none", "early_help", "child_in_need", "child_protection_plan", "looked_after", "not_known"]
        case .meetingType: ["scheduled", "emergency"]
        }
    }

    /// Extra spellings accepted for a value.
    var aliases: [String: String] {
        switch self {
        case .gender: ["f": "female", "m": "male"]
        default: [:]
        }
    }

    /// A noun for messages: "'x' is not a risk level".
    public var noun: String {
        switch self {
        case .referralReason: "referral reason"
        case .riskLevel: "risk level"
        case .discussionType: "discussion type"
        case .gender: "gender"
        case .ageBand: "age band"
        case .actionStatus: "action status"
        case .actionType: "action type"
        case .attendanceStatus: "attendance status"
        case .adoptionSource: "adoption source"
        case .exitReason: "exit reason"
        case .incidentType: "incident type"
        case .panelKind: "panel kind"
        case .person: "person (victim or perpetrator)"
        case .dayCount: "day count"
        case .holidayNation: "bank holiday nation"
        case .memberRole: "member role"
        case .screeningDecision: "screening decision"
        case .childrenServicesStatus: "children's services status"
        case .meetingType: "meeting type"
        }
    }

    /// The noun with its article: "an attendance status", "a risk level".
    public var withArticle: String {
        ("aeiou".contains(noun.first!) ? "an " : "a ") + noun
    }

    /// The canonical value for a cell, or nil when the cell is not one of them.
    public func canonical(_ raw: String) -> String? {
        let key = Vocabulary.fold(raw)
        if let alias = aliases[key] { return alias }
        return lookup[key]
    }

    /// The same, on a trimmed cell's bytes, as the canonical value's bytes. A cell
    /// written as stored (any case) is matched against `values` (this vocabulary's
    /// `valueBytes`, looked up once by the caller) without making a String.
    func canonical(bytes: UnsafeBufferPointer<UInt8>, values: [[UInt8]]) -> [UInt8]? {
        if let exact = values.first(where: { bytes.equalsIgnoringASCIICase($0) }) {
            return exact
        }
        return canonical(bytes.string).map { Array($0.utf8) }
    }

    /// The canonical values as bytes.
    var valueBytes: [[UInt8]] { values.map { Array($0.utf8) } }

    private var lookup: [String: String] {
        Vocabulary.lookups[self]!
    }

    private static let lookups: [Vocabulary: [String: String]] = {
        var all: [Vocabulary: [String: String]] = [:]
        for vocabulary in Vocabulary.allCases {
            var map: [String: String] = [:]
            for value in vocabulary.values { map[fold(value)] = value }
            all[vocabulary] = map
        }
        return all
    }()

    /// Case, surrounding space, and the space/hyphen/underscore distinction folded away.
    public static func fold(_ raw: String) -> String {
        var out = ""
        out.reserveCapacity(raw.utf8.count)
        for ch in raw.trimmingSpaces().lowercased() {
            out.append(ch == " " || ch == "-" ? "_" : ch)
        }
        return out
    }
}

extension String {
    /// Trims spaces and tabs (not a Foundation call: this runs once per cell).
    func trimmingSpaces() -> String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        let last = utf8.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })!
        if first == utf8.startIndex && last == utf8.index(before: utf8.endIndex) { return self }
        return String(self[first...last])
    }
}
