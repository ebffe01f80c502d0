import Foundation
import Testing
@testable import PanelboardCore

/// The dashboard's settings table and meetings rows say which value each figure
/// used and where it came from (Fixtures/metrics/working_days: a MARAC whose
/// panels.csv row counts deadlines in working days).
@Suite struct DashboardSettingsTests {
    @Test func theSettingsTableSaysWhereEachValueCameFrom() throws {
        let harness = try MetricsHarness(fixture: "working_days", importAsOf: day("2024-07-31"))
        var settings = MetricSettings()
        settings.setFromFlag(\.repeatWindowMonths, 6, name: "repeat_window_months")
        let dashboard = Dashboard(store: harness.store, scope: scope("MARAC", "2024Q2", asOf: "2024-07-31", settings: settings),
                                  reports: MetricsHarness.repository.appendingPathComponent("Reports"))
        let html = try dashboard.html()
        for text in ["working days (bank holidays: england_and_wales) (panels.csv)", "6 months (flag)",
                     "5 working days before the meeting (panels.csv)", "within 2 working days (panels.csv)",
                     "marac (panels.csv)", "Agenda sent 5+ working days before", "victim (default)"] {
            #expect(html.contains(text), "\(text)")
        }
    }
}
