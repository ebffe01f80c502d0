import GRDB

/// The rows of the SafeLives quarterly MARAC return and national dataset, filled
/// from the families, so a coordinator need not count them by hand.
///
/// Cases discussed; children in households; cases per 10,000 adult females
/// (annualised); % repeat cases; % partner agency referrals; referrals by route (the
/// agency codes); % victims Black, Asian or racially minoritised; % LGBT+;
/// % disabled; % male; number and % aged 16-17; perpetrators aged 17 or under.
public struct NationalReturn: Sendable {
    public struct Line: Sendable, Equatable {
        /// Snake-case key for JSON (`repeat_cases`).
        public let key: String
        /// The row as the return names it.
        public let label: String
        public let count: Double?
        /// A fraction (0.32 for 32%), when the row is a percentage.
        public let share: Double?
    }

    public let lines: [Line]

    /// Published national figures, for comparison on the report.
    public static let nationalReference = """
        National figures for the 12 months to June 2024: 282 MARACs, 127,594 cases, 159,710 children, \
        48 cases per 10,000 adult females, 32% repeat, 35% partner agency referrals. SafeLives recommends \
        40 cases per 10,000 adult females a year.
        """

    public static func from(_ report: MetricsReport) -> NationalReturn {
        let v = report.volumes, d = report.demographics
        func int(_ n: Int) -> Double { Double(n) }
        var lines: [Line] = [
            Line(key: "cases_discussed", label: "Cases discussed", count: int(v.casesDiscussed), share: nil),
            Line(key: "children_in_households", label: "Children in households", count: int(v.childrenInHouseholds), share: nil),
            Line(key: "cases_per_10k_adult_females", label: "Cases per 10,000 adult females (annualised)",
                 count: v.casesPer10kAdultFemalesAnnualised, share: nil),
            Line(key: "repeat_cases", label: "Repeat cases", count: int(report.repeats.repeatCases), share: report.repeats.repeatRate),
            Line(key: "partner_agency_referrals", label: "Partner agency referrals",
                 count: int(v.casesDiscussed - (report.referralSources["police"]?.count ?? 0)), share: v.partnerAgencyShare),
        ]
        for (code, value) in report.referralSources {
            lines.append(Line(key: "route_\(code)", label: "Referrals from \(displayName(code).lowercasedFirstUnlessAcronym)", count: int(value.count), share: value.share))
        }
        let demographic: [(String, String, String)] = [
            ("ethnic_minority", "bame_victims", "Victims Black, Asian or racially minoritised"),
            ("lgbt", "lgbt_victims", "Victims LGBT+"),
            ("disabled", "disabled_victims", "Victims with a disability"),
            ("male", "male_victims", "Male victims"),
            ("age_16_17", "victims_aged_16_17", "Victims aged 16-17"),
        ]
        for (field, key, label) in demographic {
            let value = d[field]!
            lines.append(Line(key: key, label: label, count: int(value.count), share: value.share))
        }
        lines.append(Line(key: "perpetrators_under_18", label: "Perpetrators aged 17 or under",
                          count: int(d["perpetrator_under_18"]!.count), share: nil))
        return NationalReturn(lines: lines)
    }

    public static func compute(_ store: Store, scope: MetricScope) throws -> NationalReturn {
        from(try MetricsReport.compute(store, scope: scope))
    }

    /// The rows that are a number only; every other row is a number and a share.
    static let numberOnly: Set<String> = [
        "cases_discussed", "children_in_households", "cases_per_10k_adult_females", "perpetrators_under_18",
    ]

    /// Each row is a number, or `{count, share}` for a percentage row, whatever the
    /// data: with no cases discussed a share is null, but the row keeps its shape.
    public var json: JSONValue {
        .object(lines.map { line in
            (line.key, Self.numberOnly.contains(line.key)
                ? .number(line.count)
                : .object([("count", .number(line.count)), ("share", .number(line.share))]))
        })
    }

    /// For a terminal or CSV: the row, the number, and the percentage (one decimal).
    public var table: ResultTable {
        ResultTable(columns: ["row", "number", "percent"], rows: lines.map { line in
            let number: DatabaseValue = line.count.map { $0 == $0.rounded() ? Int64($0).databaseValue : (($0 * 10).rounded() / 10).databaseValue } ?? .null
            let percent: DatabaseValue = line.share.map { (($0 * 1000).rounded() / 10).databaseValue } ?? .null
            return [line.label.databaseValue, number, percent]
        })
    }
}

extension String {
    /// "Police" reads "police" mid-sentence; "IDVA" stays "IDVA".
    var lowercasedFirstUnlessAcronym: String {
        guard let first = first, count > 1, !self[index(after: startIndex)].isUppercase else { return self }
        return first.lowercased() + dropFirst()
    }
}
