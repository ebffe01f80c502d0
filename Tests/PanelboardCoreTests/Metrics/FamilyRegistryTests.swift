import Testing
@testable import PanelboardCore

/// Every output loops over the registered family descriptions: the JSON members,
/// the text sections, the CSV rows, the saved queries, the board's figures and its
/// glossary all follow the one list, in its order.
@Suite struct FamilyRegistryTests {
    static let report: MetricsReport = {
        let harness = try! MetricsHarness(files: RandomMetricsBundle(seed: 11).files, importAsOf: RandomMetricsBundle.importAsOf)
        return try! harness.report(MetricScope(panel: "MARAC", period: try! Period(parsing: "2023"), asOf: day("2024-06-30")))
    }()

    var members: [String] { MetricsReport.descriptions.map(\.member) }

    @Test func jsonHasOneMemberPerFamilyInOrder() throws {
        guard case let .object(top) = Self.report.json else { Issue.record("not an object"); return }
        let afterSettings = top.drop { $0.0 != "settings_sources" }.dropFirst().map(\.0)
        #expect(afterSettings == members)
        #expect(Set(members).count == members.count, "two families share a member name")
    }

    @Test func textHasOneSectionPerFamilyWithItsTitle() {
        let text = MetricsText.render(Self.report)
        // A section is a title after a blank line.
        // The settings section (with where each value came from) is the report's, not a family's.
        let titles = text.components(separatedBy: "\n\n").dropFirst().map { $0.prefix { $0 != "\n" } }.map(String.init)
            .filter { !$0.hasPrefix("Settings") }
        #expect(titles == MetricsReport.descriptions.map { $0.title(Self.report.scope.settings) })
    }

    @Test func csvRowsFollowTheFamilies() {
        var seen: [String] = []
        for row in Self.report.longTable.rows {
            let family = row[0].plainText
            // The settings rows are the report's, not a family's.
            if family != "settings" && seen.last != family { seen.append(family) }
        }
        #expect(seen == members)
    }

    @Test func savedQueriesAreTheFamiliesQueries() {
        let names = MetricQueries.all.map(\.name)
        for query in MetricsReport.descriptions.flatMap(\.queries) {
            #expect(names.contains(MetricQueries.prefix + query.name.replacingOccurrences(of: "_", with: "-")))
        }
    }

    @Test func theBoardCarriesOnlyFamiliesOnTheBoard() throws {
        let figures = try BoardFigures.build(report: Self.report, suppression: Suppression())
        // A MARAC's board: the families on every board, and those designed into
        // its own layout (the case profile).
        let onBoard = Set(MetricsReport.descriptions.filter { $0.isOnBoard(.marac) }.map(\.member))
        #expect(onBoard.contains("case_profile"))
        let inReport = Set(figures.figures.filter(\.inReport).map(\.family))
        #expect(inReport == onBoard)
    }

    @Test func theGlossaryIsTheBoardFamiliesTermsThenSmallNumbers() {
        let settings = Self.report.scope.settings
        let expected = MetricsReport.descriptions.filter(\.onBoard).flatMap { $0.glossary(settings).map(\.term) } + ["Small numbers"]
        #expect(Glossary.terms(settings: settings).map(\.0) == expected)
    }
}
