import GRDB

/// The tabular forms of the metric results (`metrics --format csv`, `--safelives`,
/// `--by`): presentation, so here in Export; Metrics only computes.
extension MetricsReport {
    /// One row per (family, field, breakdown): the CSV form of the same figures.
    public var longTable: ResultTable { Self.longTable(json, settings: scope.settingsLines) }

    /// The same for a metrics document read back (an archived quarter's), its
    /// settings and their sources taken from the document.
    public static func longTable(_ json: JSONValue) -> ResultTable {
        var lines: [(name: String, value: String, source: String)] = []
        if case let .object(members)? = json["settings"] {
            for (name, value) in members {
                let shown: String = switch value {
                case .null: ""
                case let .string(text): text
                default: value.rendered(indent: nil)
                }
                var source = ""
                if case let .string(s)? = json["settings_sources"]?[name] { source = s }
                lines.append((name, shown, source))
            }
        }
        return longTable(json, settings: lines)
    }

    static func longTable(_ json: JSONValue, settings lines: [(name: String, value: String, source: String)]) -> ResultTable {
        var rows: [[DatabaseValue]] = []
        func walk(_ family: String, _ value: JSONValue, path: [String]) {
            switch value {
            case let .object(members):
                for (key, child) in members { walk(family, child, path: path + [key]) }
            default:
                let field = path.last ?? ""
                let breakdown = path.dropLast().joined(separator: ".")
                let cell: DatabaseValue
                switch value {
                case let .int(n): cell = n.databaseValue
                case let .double(d): cell = d.databaseValue
                case let .string(s): cell = s.databaseValue
                case let .bool(b): cell = (b ? 1 : 0).databaseValue
                // A list of dates (triage's busiest_day): one cell, space-separated.
                case let .array(items): cell = items.map(JSONValue.plain).joined(separator: " ").databaseValue
                default: cell = .null
                }
                rows.append([family.databaseValue, field.databaseValue,
                             breakdown.isEmpty ? DatabaseValue.null : breakdown.databaseValue, cell])
            }
        }
        guard case let .object(members) = json else { return ResultTable(columns: [], rows: []) }
        for (key, value) in members {
            if case .object = value, key != "settings", key != "settings_sources" { walk(key, value, path: []) }
        }
        // The settings last, with where each came from in the breakdown column.
        for line in lines {
            rows.append(["settings".databaseValue, line.name.databaseValue, line.source.databaseValue, line.value.databaseValue])
        }
        return ResultTable(columns: ["family", "field", "breakdown", "value"], rows: rows)
    }
}

extension MetricsBreakdown {
    /// By agency: what each agency referred, and how it did with its actions and at
    /// meetings, one row per agency of `keys`.
    var agencyTable: ResultTable? {
        guard byAgency, let report = reports.first else { return nil }
        let rows: [[DatabaseValue]] = keys.map { agency in
            let referred = report.referralSources[agency]
            let actions = report.actions.byAgency.first { $0.agency == agency }?.counts
            let attendance = report.meetings.attendance[agency]
            return [
                agency.databaseValue, (referred?.count ?? 0).databaseValue, referred?.share?.databaseValue ?? .null,
                (actions?.due ?? 0).databaseValue, (actions?.completedOnTime ?? 0).databaseValue,
                (actions?.completedLate ?? 0).databaseValue, (actions?.openOverdue ?? 0).databaseValue,
                actions?.onTimeRate?.databaseValue ?? .null, actions?.medianDaysToComplete?.databaseValue ?? .null,
                attendance?.attendanceRate?.databaseValue ?? .null,
            ]
        }
        return ResultTable(columns: [
            "agency", "cases_referred", "share_of_cases", "actions_due", "completed_on_time", "completed_late",
            "open_overdue", "on_time_rate", "median_days_to_complete", "attendance_rate",
        ], rows: rows)
    }

    /// By weekday: one row per day of the week, Monday first.
    var weekdayTable: ResultTable? {
        guard let weekdays else { return nil }
        return ResultTable(columns: [
            "weekday", "days", "referrals_received", "referrals_per_day", "cases_discussed", "meetings_held",
            "repeat_cases", "repeat_rate", "late_referrals",
        ], rows: weekdays.map { w in
            let counts: [Int] = [w.casesDiscussed, w.meetingsHeld, w.repeatCases]
            var row: [DatabaseValue] = [w.weekday.databaseValue, w.days.databaseValue, w.referralsReceived.databaseValue,
                                        w.referralsPerDay?.databaseValue ?? .null]
            row += counts.map(\.databaseValue)
            row += [w.repeatRate?.databaseValue ?? .null, w.lateReferrals.databaseValue]
            return row
        })
    }

    public var table: ResultTable {
        if let agencyTable { return agencyTable }
        if let weekdayTable { return weekdayTable }
        return ResultTable(columns: [
            by, "referrals_received", "cases_discussed", "repeat_cases", "repeat_rate", "partner_agency_share",
            "actions_due", "on_time_rate", "overdue_as_of", "cohort_at_end",
        ], rows: zip(keys, reports).map { key, r in
            [key.databaseValue, r.volumes.referralsReceived.databaseValue, r.volumes.casesDiscussed.databaseValue,
             r.repeats.repeatCases.databaseValue, r.repeats.repeatRate?.databaseValue ?? .null,
             r.volumes.partnerAgencyShare?.databaseValue ?? .null, r.actions.total.due.databaseValue,
             r.actions.total.onTimeRate?.databaseValue ?? .null, r.actions.total.overdueAsOf.databaseValue,
             r.cohort.atEnd.databaseValue]
        })
    }

    public var json: JSONValue {
        if let flat = agencyTable ?? weekdayTable {
            return .object([("by", .string(by)), ("rows", .array(flat.rows.map { row in
                .object(zip(flat.columns, row).map { ($0, JSONValue(databaseValue: $1)) })
            }))])
        }
        return .object([("by", .string(by)), ("rows", .array(zip(keys, reports).map { key, report in
            guard case let .object(members) = report.json else { return report.json }
            return .object([(by, .string(key))] + members)
        }))])
    }
}

extension NationalReturn {
    /// Published national figures, for comparison on the report.
    public static let nationalReference = """
        National figures for the 12 months to June 2024: 282 MARACs, 127,594 cases, 159,710 children, \
        48 cases per 10,000 adult females, 32% repeat, 35% partner agency referrals. SafeLives recommends \
        40 cases per 10,000 adult females a year.
        """

    /// For a terminal or CSV: the row, the number, and the percentage (one decimal).
    public var table: ResultTable {
        ResultTable(columns: ["row", "number", "percent"], rows: lines.map { line in
            let number: DatabaseValue = line.count.map { $0 == $0.rounded() ? Int64($0).databaseValue : (($0 * 10).rounded() / 10).databaseValue } ?? .null
            let percent: DatabaseValue = line.share.map { (($0 * 1000).rounded() / 10).databaseValue } ?? .null
            return [line.label.databaseValue, number, percent]
        })
    }
}

extension NationalReturn.Line {
    /// The row as the return names it.
    public var label: String {
        let labels = [
            "cases_discussed": "Cases discussed", "children_in_households": "Children in households",
            "cases_per_10k_adult_females": "Cases per 10,000 adult females (annualised)", "repeat_cases": "Repeat cases",
            "partner_agency_referrals": "Partner agency referrals",
            "bame_victims": "Victims Black, Asian or racially minoritised", "lgbt_victims": "Victims LGBT+",
            "disabled_victims": "Victims with a disability", "male_victims": "Male victims",
            "victims_aged_16_17": "Victims aged 16-17", "perpetrators_under_18": "Perpetrators aged 17 or under",
        ]
        if let label = labels[key] { return label }
        if key.hasPrefix("route_") { return "Referrals from \(displayName(String(key.dropFirst("route_".count))).lowercasedFirstUnlessAcronym)" }
        return displayName(key)
    }
}

extension JSONValue {
    init(databaseValue value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case let .int64(n): self = .int(Int(n))
        case let .double(d): self = .double(d)
        case let .string(s): self = .string(s)
        case .blob: self = .string(value.plainText)
        }
    }
}
