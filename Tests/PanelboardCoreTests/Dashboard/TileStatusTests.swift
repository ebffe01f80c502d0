import Foundation
import Testing
@testable import PanelboardCore

/// A tile's status agrees with the number it shows (issue 16, item 3): "28%"
/// beside "below the expected range (28-40%)" reads as a mistake.
@Suite(.serialized) struct TileStatusTests {
    /// Eastbrook's repeat rate that quarter, 28.125%, would read "28%": on the band's edge.
    @Test func eastbrooksRepeatRateShowsTheDecimalItsStatusNeeds() throws {
        let scope = MetricScope(panel: "MARAC", area: "Eastbrook", period: try Period(parsing: "FY2024Q3"), asOf: day("2025-03-31"))
        let model = try Dashboard(store: DemoStoreDisclosureTests.demo.store, scope: scope,
                                  reports: URL(fileURLWithPath: "/nonexistent")).model()
        let tile = try #require(model.tiles.first { $0.title == "Repeat rate" })
        #expect(tile.value == "28.1%")
        #expect(tile.statusText == "within the expected range")
    }

    @Test(arguments: [
        (0.279, "27.9"), (0.2799, "27.99"), (0.27999, "27.999"), (0.28, "28"), (0.281, "28.1"), (0.30, "30"),
        (0.4004, "40.04"), (0.40, "40"), (0.395, "39.5"), (0.4049, "40.5"), (0.12, "12"), (0.0, "0"),
    ])
    func aRateShowsAsFewDecimalsAsItsStatusAllows(rate: Double, shown: String) {
        #expect(DashboardModel.agreeing(rate, bounds: [0.28, 0.40], scale: 100) == shown)
    }

    /// Over many values: the number shown is on the same side of each bound as the
    /// value, except below a thousandth of a point from it.
    @Test func theNumberShownIsOnTheSameSideAsTheValue() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let value = Double.random(in: 0...1, using: &generator)
            let text = DashboardModel.agreeing(value, bounds: [0.28, 0.40], scale: 100)
            let shown = Double(text)! / 100
            for bound in [0.28, 0.40] where abs(value - bound) > 0.00001 {
                #expect((shown < bound) == (value < bound) && (shown > bound) == (value > bound), "\(value) shown as \(text)")
            }
        }
        #expect(DashboardModel.agreeing(39.96, bounds: [40], decimals: 1) == "39.96")
        #expect(DashboardModel.agreeing(41.26, bounds: [40], decimals: 1) == "41.3")
    }
}
