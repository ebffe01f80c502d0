import Foundation
import GRDB

/// The board pack as CSV: one file per family, the same figures as
/// `metrics --format json`, with small numbers suppressed as on the dashboard.
///
/// Counts of people, cases and actions from 1 to threshold-1 become `<5`; a share or
/// rate worked out from a hidden count is left empty; in a breakdown shown with its
/// total (referral sources and reasons, the five action outcomes, exits by reason)
/// a lone hidden cell takes the next smallest with it. Counts of meetings and of
/// attendance are suppressed too: a board output shows no count under the threshold.
public struct BoardPack {
    public let report: MetricsReport
    public let suppression: Suppression

    public init(report: MetricsReport, suppression: Suppression) {
        self.report = report
        self.suppression = suppression
    }

    static let actionBuckets = ["completed_on_time", "completed_late", "not_completed", "open_overdue", "open_not_yet_due"]

    /// The report's JSON with suppression applied: hidden counts are the string
    /// `<5`, hidden shares are null.
    public var suppressedJSON: JSONValue {
        guard case let .object(members) = report.json else { return report.json }
        return .object(members.map { key, value in (key, suppress(family: key, value)) })
    }

    private func hiddenText() -> JSONValue { .string("<\(suppression.threshold)") }

    private func isHidden(_ value: JSONValue?) -> Bool {
        if case let .int(n) = value { return suppression.count(n).isHidden }
        return false
    }

    /// Primary suppression of named counts in an object; returns which were hidden.
    private func primary(_ members: [(String, JSONValue)], counts: Set<String>) -> [(String, JSONValue)] {
        members.map { key, value in
            counts.contains(key) && isHidden(value) ? (key, hiddenText()) : (key, value)
        }
    }

    /// A {code: {count, share}} breakdown, with or without its total shown.
    private func countShares(_ value: JSONValue, totalShown: Bool) -> JSONValue {
        guard case let .object(members) = value else { return value }
        let counts = members.map { _, v -> Int in if case let .int(n)? = v["count"] { return n } else { return 0 } }
        let cells = suppression.breakdown(counts, totalShown: totalShown)
        return .object(zip(members, cells).map { member, cell in
            guard cell.isHidden else { return member }
            return (member.0, .object([("count", hiddenText()), ("share", .null)]))
        })
    }

    /// The five outcomes of actions due, suppressed as a breakdown of `due`.
    private func actionCounts(_ members: [(String, JSONValue)]) -> [(String, JSONValue)] {
        let lookup = Dictionary(members, uniquingKeysWith: { a, _ in a })
        let buckets = Self.actionBuckets.map { key -> Int in if case let .int(n)? = lookup[key] { return n } else { return 0 } }
        let cells = suppression.breakdown(buckets, totalShown: true)
        let hiddenBuckets = Set(zip(Self.actionBuckets, cells).filter { $0.1.isHidden }.map(\.0))
        let completed = buckets[0] + buckets[1]
        return members.map { key, value in
            if hiddenBuckets.contains(key) { return (key, hiddenText()) }
            if ["agreed", "due", "overdue_as_of", "no_due_date"].contains(key), isHidden(value) { return (key, hiddenText()) }
            if key == "on_time_rate", hiddenBuckets.contains("completed_on_time") || isHidden(lookup["due"]) { return (key, .null) }
            if key == "median_days_to_complete", suppression.count(completed).isHidden { return (key, .null) }
            if key == "by_agency", case let .object(agencies) = value {
                return (key, .object(agencies.map { agency, counts in
                    guard case let .object(inner) = counts else { return (agency, counts) }
                    return (agency, .object(actionCounts(inner)))
                }))
            }
            return (key, value)
        }
    }

    private func suppress(family: String, _ value: JSONValue) -> JSONValue {
        guard suppression.enabled, case let .object(members) = value else { return value }
        let lookup = Dictionary(members, uniquingKeysWith: { a, _ in a })
        switch family {
        case "volumes":
            let cases = isHidden(lookup["cases_discussed"])
            let police = report.referralSources["police"]?.count ?? 0
            let partnerHidden = cases || suppression.count(police).isHidden
                || suppression.count(report.volumes.casesDiscussed - police).isHidden
            return .object(primary(members, counts: ["referrals_received", "cases_discussed", "meetings_held", "children_in_households", "children_unknown"]).map { key, v in
                if cases && ["cases_per_meeting", "cases_per_10k_adult_females_annualised"].contains(key) { return (key, .null) }
                if key == "partner_agency_share" && partnerHidden { return (key, .null) }
                return (key, v)
            })
        case "repeats":
            let rateHidden = isHidden(lookup["repeat_cases"]) || isHidden(lookup["cases_discussed"])
            return .object(primary(members, counts: ["cases_discussed", "repeat_cases", "recorded_flag_disagrees"]).map { key, v in
                key == "repeat_rate" && rateHidden ? (key, .null) : (key, v)
            })
        case "referral_sources", "referral_reasons":
            return countShares(value, totalShown: true)
        case "demographics":
            return countShares(value, totalShown: false)
        case "actions":
            return .object(actionCounts(members))
        case "cohort":
            let exitsHidden = isHidden(lookup["exited"])
            return .object(primary(members, counts: ["at_start", "adopted", "exited", "at_end", "re_referred_within_12_months_of_exit"]).map { key, v in
                if key == "exits_by_reason", case let .object(reasons) = v {
                    let counts = reasons.map { _, n -> Int in if case let .int(x) = n { return x } else { return 0 } }
                    let cells = suppression.breakdown(counts, totalShown: true)
                    return (key, .object(zip(reasons, cells).map { r, c in c.isHidden ? (r.0, hiddenText()) : r }))
                }
                if key == "median_days_on_cohort_at_exit" && exitsHidden { return (key, .null) }
                return (key, v)
            })
        case "meetings":
            return .object(primary(members, counts: ["held", "agenda_on_time", "agenda_unknown", "minutes_on_time",
                                                     "minutes_unknown", "late_referrals"]).map { key, v in
                guard key == "attendance", case let .object(agencies) = v else { return (key, v) }
                return (key, .object(agencies.map { agency, counts in
                    guard case let .object(inner) = counts else { return (agency, counts) }
                    let names = ["attended", "deputy", "written_update", "apologies", "absent"]
                    let lookup = Dictionary(inner, uniquingKeysWith: { a, _ in a })
                    let cells = suppression.breakdown(names.map { if case let .int(n)? = lookup[$0] { return n } else { return 0 } }, totalShown: true)
                    let hidden = Set(zip(names, cells).filter { $0.1.isHidden }.map(\.0))
                    let rowsHidden = isHidden(lookup["rows"])
                    return (agency, .object(inner.map { k, value in
                        if hidden.contains(k) || (k == "rows" && rowsHidden) { return (k, hiddenText()) }
                        if k == "attendance_rate", rowsHidden || hidden.contains("attended") || hidden.contains("deputy") { return (k, .null) }
                        return (k, value)
                    }))
                }))
            })
        default:
            return value
        }
    }

    /// One row per (family, field, breakdown), as `metrics --format csv`.
    func table(for family: String, _ value: JSONValue) -> ResultTable {
        var rows: [[DatabaseValue]] = []
        func walk(_ v: JSONValue, _ path: [String]) {
            if case let .object(members) = v {
                for (k, child) in members { walk(child, path + [k]) }
                return
            }
            let cell: DatabaseValue
            switch v {
            case let .int(n): cell = n.databaseValue
            case let .double(d): cell = d.databaseValue
            case let .string(s): cell = s.databaseValue
            default: cell = .null
            }
            let breakdown = path.dropLast().joined(separator: ".")
            rows.append([family.databaseValue, (path.last ?? "").databaseValue,
                         breakdown.isEmpty ? DatabaseValue.null : breakdown.databaseValue, cell])
        }
        walk(value, [])
        return ResultTable(columns: ["family", "field", "breakdown", "value"], rows: rows)
    }

    /// Writes `about.csv` (scope, settings, whether suppressed) and one file per
    /// family into `directory`; returns the files written.
    @discardableResult
    public func write(to folder: OutputFolder) throws -> [String] {
        guard case let .object(members) = suppressedJSON else { return [] }
        var written: [String] = []
        var about: [[DatabaseValue]] = []
        for (key, value) in members {
            if case .object = value, key != "settings" {
                try folder.write(CSVFormat.render(table(for: key, value)), to: "\(key).csv")
                written.append(folder.filePath("\(key).csv"))
            } else if case let .object(settings) = value {
                for (name, setting) in settings { about.append(["setting.\(name)".databaseValue, JSONValue.plain(setting).databaseValue]) }
            } else {
                about.append([key.databaseValue, JSONValue.plain(value).databaseValue])
            }
        }
        about.append(["suppression".databaseValue, (suppression.enabled
            ? "counts of 1 to \(suppression.threshold - 1) shown as <\(suppression.threshold)"
            : "Unsuppressed — not for circulation").databaseValue])
        try folder.write(CSVFormat.render(ResultTable(columns: ["item", "value"], rows: about)), to: "about.csv")
        return [folder.filePath("about.csv")] + written
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
