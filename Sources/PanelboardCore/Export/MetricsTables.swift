import GRDB

/// The tabular forms of the metric results (`metrics --format csv`, `--safelives`,
/// `--by`): presentation, so here in Export; Metrics only computes.
extension MetricsReport {
    /// One row per (family, field, breakdown): the CSV form of the same figures.
    public var longTable: ResultTable {
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
                default: cell = .null
                }
                rows.append([family.databaseValue, field.databaseValue,
                             breakdown.isEmpty ? DatabaseValue.null : breakdown.databaseValue, cell])
            }
        }
        guard case let .object(members) = json else { return ResultTable(columns: [], rows: []) }
        for (key, value) in members {
            if case .object = value, key != "settings" { walk(key, value, path: []) }
        }
        return ResultTable(columns: ["family", "field", "breakdown", "value"], rows: rows)
    }
}

extension MetricsBreakdown {
    public var table: ResultTable {
        if let agencyTable { return agencyTable }
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
}

extension NationalReturn {
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
