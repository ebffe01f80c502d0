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
        /// Snake-case key for JSON (`repeat_cases`); its wording on a page is
        /// `label`, in Export.
        public let key: String
        public let count: Double?
        /// A fraction (0.32 for 32%), when the row is a percentage.
        public let share: Double?
    }

    public let lines: [Line]

    public static func from(_ report: MetricsReport) -> NationalReturn {
        let v = report.volumes, d = report.demographics
        func int(_ n: Int) -> Double { Double(n) }
        var lines: [Line] = [
            Line(key: "cases_discussed", count: int(v.casesDiscussed), share: nil),
            Line(key: "children_in_households", count: int(v.childrenInHouseholds), share: nil),
            Line(key: "cases_per_10k_adult_females",
                 count: v.casesPer10kAdultFemalesAnnualised, share: nil),
            Line(key: "repeat_cases", count: int(report.repeats.repeatCases), share: report.repeats.repeatRate),
            Line(key: "partner_agency_referrals",
                 count: int(v.casesDiscussed - (report.referralSources["police"]?.count ?? 0)), share: v.partnerAgencyShare),
        ]
        for (code, value) in report.referralSources {
            lines.append(Line(key: "route_\(code)", count: int(value.count), share: value.share))
        }
        let demographic: [(String, String)] = [
            ("ethnic_minority", "bame_victims"), ("lgbt", "lgbt_victims"), ("disabled", "disabled_victims"),
            ("male", "male_victims"), ("age_16_17", "victims_aged_16_17"),
        ]
        for (field, key) in demographic {
            let value = d[field]!
            lines.append(Line(key: key, count: int(value.count), share: value.share))
        }
        lines.append(Line(key: "perpetrators_under_18",
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
}
