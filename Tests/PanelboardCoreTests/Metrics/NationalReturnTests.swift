import Testing
@testable import PanelboardCore

/// Fixtures/metrics/national_return/README.md: the SafeLives return rows for MARAC,
/// 2024Q1.
@Suite struct NationalReturnTests {
    let harness: MetricsHarness

    /// A row as the return prints it: its label comes from Export.
    struct Want: Equatable {
        let key: String, label: String
        let count: Double?, share: Double?
    }

    init() throws {
        harness = try MetricsHarness(fixture: "national_return", importAsOf: day("2024-04-30"))
    }

    @Test func everyRowInOrder() throws {
        let lines = try NationalReturn.compute(harness.store, scope: scope("MARAC", "2024Q1", asOf: "2024-04-30")).lines
        let routes: [String: Double] = ["police": 2, "idva": 1, "mental_health": 1, "housing": 1]
        let expected: [Want] = [
            Want(key: "cases_discussed", label: "Cases discussed", count: 5, share: nil),
            Want(key: "children_in_households", label: "Children in households", count: 6, share: nil),
            Want(key: "cases_per_10k_adult_females", label: "Cases per 10,000 adult females (annualised)",
                  count: 5 * 10_000.0 / 50_000 * 365 / 91, share: nil),
            Want(key: "repeat_cases", label: "Repeat cases", count: 1, share: 1.0 / 5.0),
            Want(key: "partner_agency_referrals", label: "Partner agency referrals", count: 3, share: 3.0 / 5.0),
        ] + zip(Agency.codes, [
            "police", "IDVA", "children's social care", "adult social care", "primary care", "secondary care",
            "mental health", "substance misuse", "probation", "voluntary sector", "MASH", "education", "housing", "other",
        ]).map { code, name in
            Want(key: "route_\(code)", label: "Referrals from \(name)", count: routes[code] ?? 0,
                  share: (routes[code] ?? 0) / 5.0)
        } + [
            Want(key: "bame_victims", label: "Victims Black, Asian or racially minoritised", count: 2, share: 2.0 / 5.0),
            Want(key: "lgbt_victims", label: "Victims LGBT+", count: 2, share: 2.0 / 5.0),
            Want(key: "disabled_victims", label: "Victims with a disability", count: 1, share: 1.0 / 5.0),
            Want(key: "male_victims", label: "Male victims", count: 1, share: 1.0 / 5.0),
            Want(key: "victims_aged_16_17", label: "Victims aged 16-17", count: 2, share: 2.0 / 5.0),
            Want(key: "perpetrators_under_18", label: "Perpetrators aged 17 or under", count: 1, share: nil),
        ]
        #expect(lines.map(\.key) == expected.map(\.key))
        for (line, want) in zip(lines, expected) {
            #expect(Want(key: line.key, label: line.label, count: line.count, share: line.share) == want)
        }
    }

    @Test func jsonRowsKeepTheirShapeWithNoCases() throws {
        for period in ["2024Q1", "2023Q1"] {
            let json = try NationalReturn.compute(harness.store, scope: scope("MARAC", period, asOf: "2024-04-30")).json
            guard case let .object(rows) = json else { Issue.record("not an object"); return }
            for (key, value) in rows {
                let isObject = if case .object = value { true } else { false }
                #expect(isObject == !NationalReturn.numberOnly.contains(key), "\(period): \(key) = \(value.rendered(indent: nil))")
            }
        }
        let none = try NationalReturn.compute(harness.store, scope: scope("MARAC", "2023Q1", asOf: "2024-04-30")).json
        #expect(none["repeat_cases"] == .object([("count", .double(0)), ("share", .null)]))
        #expect(none["cases_discussed"] == .double(0))
    }
}
