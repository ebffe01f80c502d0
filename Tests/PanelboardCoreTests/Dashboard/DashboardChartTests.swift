import Foundation
import Testing
@testable import PanelboardCore

/// Charts that can be read on paper and by colour-blind readers (issue 16, item
/// 4): axes with ticks, the rate in its own panel against its band, legends inside
/// the SVG, hidden parts drawn and labelled, every colour at 3:1 against white.
@Suite(.serialized) struct DashboardChartTests {
    func figure(_ value: Double?, _ status: CellStatus) -> BoardFigure {
        BoardFigure(family: "trend", field: "cases_discussed", breakdown: nil, value: value, isCount: true, status: status, inReport: false)
    }

    @Test func ticksAreRoundAndCoverTheMaximum() {
        #expect(Chart.ticks(455) == [0, 200, 400, 600])
        #expect(Chart.ticks(490) == [0, 200, 400, 600])
        #expect(Chart.ticks(7) == [0, 2, 4, 6, 8])
        #expect(Chart.ticks(0) == [0, 1])
        #expect(Chart.ticks(100) == [0, 50, 100])
    }

    /// A hidden count is a dashed box of fixed size with its symbol, and the scale
    /// is of the numbers shown only: a hidden maximum would move the axis.
    @Test func aHiddenColumnIsDrawnAndLabelledAndTheScaleIgnoresIt() throws {
        let periods = try ["2024Q1", "2024Q2", "2024Q3"].map { try Period(parsing: $0) }
        let chart = DashboardModel.trendCasesChart([
            (periods[0], figure(40, .shown), "40"), (periods[1], figure(3, .primary), "<5"), (periods[2], figure(90, .secondary), "[c]"),
        ])
        let hidden = chart.rects.filter { $0.cls == "hidden" }
        #expect(hidden.count == 2 && hidden.allSatisfy { $0.height == ChartMark.hiddenSize })
        #expect(chart.rects.filter { $0.cls == "column" }.count == 1)
        #expect(chart.texts.filter { $0.cls == "value" }.map(\.text) == ["40", "<5", "[c]"])
        // Ticks from 0 to 40, not to 90.
        #expect(chart.texts.filter { $0.cls == "tick" && $0.anchor == "end" }.map(\.text) == ["0", "10", "20", "30", "40"])
        #expect(chart.texts.contains { $0.cls == "axis-title" && $0.text == "Cases discussed" })
        #expect(chart.texts.filter { $0.anchor == "middle" && $0.cls == "tick" }.map(\.text) == ["Q1", "2024", "Q2", "Q3"])
    }

    /// The chart by day (issue 16, item 4): a hidden day is its own mark where it
    /// falls, never dropped: a `<5` an outline up to the threshold on the axis's
    /// scale, a `[c]` a dashed mark, each labelled with its symbol where the column
    /// is wide enough, never with its count; the key inside the SVG says what the
    /// marks are.
    @Test func aHiddenDayIsItsOwnMarkWithItsSymbolAndNoCount() throws {
        let week = ["2025-01-06", "2025-01-07", "2025-01-08", "2025-01-09", "2025-01-10"].map { day($0) }
        let chart = DashboardModel.dayChart([
            (week[0], figure(12, .shown), "12"), (week[1], figure(3, .primary), "<5"), (week[2], figure(8, .secondary), "[c]"),
            (week[3], figure(0, .shown), "0"), (week[4], figure(7, .shown), "7"),
        ], suppression: Suppression(threshold: 5))
        let small = chart.rects.filter { $0.cls == "hidden-small" }, dashed = chart.rects.filter { $0.cls == "hidden" }
        #expect(small.count == 2 && dashed.count == 2, "each hidden day, and each key's swatch")
        #expect(chart.rects.filter { $0.cls == "column" }.count == 2, "12 and 7; a day of 0 has no column")
        // The outline reaches the gridline at 5, and the scale's ticks are of the
        // numbers shown (12), not of the protected 8.
        #expect(chart.texts.filter { $0.cls == "tick" && $0.anchor == "end" }.map(\.text) == ["0", "5", "10", "15"])
        let five = try #require(chart.texts.first { $0.cls == "tick" && $0.text == "5" })
        let mark = small[1], swatch = small[0]
        #expect(mark.y == five.y - 5 && mark.y + mark.height == chart.lines.first { $0.cls == "axis-line" && $0.x1 == 48 }?.y1)
        #expect(swatch.width == 10 && dashed[1].height == ChartMark.hiddenSize)
        // Each symbol over its own day; no hidden count printed anywhere.
        let values = chart.texts.filter { $0.cls == "value" }
        #expect(values.map(\.text) == ["<5", "[c]"])
        #expect(values[0].x == mark.x + mark.width / 2 && values[1].x == dashed[1].x + dashed[1].width / 2)
        #expect(!chart.texts.contains { ["3", "8"].contains($0.text) })
        #expect(chart.texts.filter { $0.cls == "legend" }.map(\.text) == [
            "<5 outlined to 5: 1 day with 1 to 4 referrals", "[c] dashed: 1 day hidden to protect a small count",
        ])
        #expect(chart.label.contains("outlined columns up to 5 are counts of 1 to 4, shown as <5") && chart.label.contains("[c]"))

        // A quarter's thin columns have no room for a symbol each: the key says it.
        let quarter = (0..<63).map { i in
            (day: day("2025-01-01").adding(days: i), figure: figure(i % 3 == 0 ? 2 : 9, i % 3 == 0 ? .primary : .shown),
             text: i % 3 == 0 ? "<5" : "9")
        }
        let thin = DashboardModel.dayChart(quarter, suppression: Suppression(threshold: 5))
        #expect(thin.rects.filter { $0.cls == "hidden-small" }.count == 22)
        #expect(!thin.texts.contains { $0.cls == "value" } && thin.texts.contains { $0.text == "<5 outlined to 5: 21 days with 1 to 4 referrals" })
        // Every day hidden: the scale still reaches the threshold, so each outline stands on it.
        let none = DashboardModel.dayChart(week.map { (day: $0, figure: figure(2, .primary), text: "<7") }, suppression: Suppression(threshold: 7))
        #expect(none.texts.filter { $0.cls == "tick" && $0.anchor == "end" }.map(\.text).last == "8")
        #expect(none.texts.filter { $0.cls == "value" }.map(\.text) == Array(repeating: "<7", count: 5), "the symbol given, over each day")
    }

    /// A year by week: the months' names under the axis never run into each other
    /// (about 8 units a character at 14 px) or out of the chart; the first carries
    /// its year.
    @Test func monthLabelsNeverOverlap() {
        let weeks = (0..<52).map { i in
            (day: day("2024-04-01").adding(days: 7 * i), figure: figure(Double(6 + i % 5), .shown), text: String(6 + i % 5))
        }
        for chart in [DashboardModel.dayChart(weeks, unit: "week"),
                      DashboardModel.dayChart(Array(weeks.prefix(13)), unit: "week"),
                      DashboardModel.dayChart((0..<63).map { i in (day: day("2025-01-01").adding(days: i), figure: figure(7, .shown), text: "7") })] {
            let months = chart.texts.filter { $0.cls == "tick" && $0.anchor == "start" }
            #expect(months.count >= 3)
            #expect(months.first?.text.hasSuffix(" 2024") == true || months.first?.text.hasSuffix(" 2025") == true, "\(months.map(\.text))")
            for (a, b) in zip(months, months.dropFirst()) {
                #expect(b.x >= a.x + 8 * a.text.count, "\(a.text) at \(a.x) runs into \(b.text) at \(b.x)")
            }
            #expect(months.allSatisfy { $0.x + 8 * $0.text.count <= Chart.width }, "\(months.map { ($0.text, $0.x) })")
        }
    }

    /// The weekday chart's `<5` is an outline to the threshold too, with its key.
    @Test func aHiddenWeekdayIsAnOutlineToTheThreshold() {
        let rows: [(label: String, figure: BoardFigure, text: String)] = [("Monday", figure(40, .shown), "40"), ("Tuesday", figure(2, .primary), "<5"), ("Wednesday", figure(30, .secondary), "[c]")]
        let chart = DashboardModel.barChart(rows, label: "by weekday", axisTitle: "Referrals received", suppression: Suppression(threshold: 5))
        let small = chart.rects.filter { $0.cls == "hidden-small" }
        #expect(small.count == 2 && small[1].width == Int((5.0 * Double(Chart.width - 110) / 40).rounded()))
        #expect(chart.rects.filter { $0.cls == "hidden" }.count == 2)
        #expect(chart.texts.filter { $0.cls == "value" }.map(\.text) == ["40", "<5", "[c]"])
        #expect(chart.texts.filter { $0.cls == "legend" }.map(\.text) == ["<5 outlined to 5: a count of 1 to 4", "[c] dashed: hidden to protect a small count"])
        // Without the rule (the other charts), the fixed-size mark and no key, as before.
        let plain = DashboardModel.barChart(rows, label: "by weekday", axisTitle: "Referrals received")
        #expect(plain.rects.filter { $0.cls == "hidden" }.count == 2 && !plain.texts.contains { $0.cls == "legend" })
    }

    /// Given the rule, the trend's `<5` is an outline up to 5 on the scale, a
    /// `[c]` stays a dashed box, and the key under the axis says which is which.
    @Test func aHiddenTrendColumnIsAnOutlineToTheThresholdWithItsKey() throws {
        let periods = try ["2024Q1", "2024Q2", "2024Q3"].map { try Period(parsing: $0) }
        let chart = DashboardModel.trendCasesChart([
            (periods[0], figure(40, .shown), "40"), (periods[1], figure(3, .primary), "<5"), (periods[2], figure(90, .secondary), "[c]"),
        ], suppression: Suppression(threshold: 5))
        let small = chart.rects.filter { $0.cls == "hidden-small" }, dashed = chart.rects.filter { $0.cls == "hidden" }
        #expect(small.count == 2 && dashed.count == 2, "each hidden column, and each key's swatch")
        // Ticks 0 to 40 by 10: the outline stands 5/40 of the way up.
        #expect(small[1].height == Int((5.0 * Double(172 - 36) / 40).rounded()) && dashed[1].height == ChartMark.hiddenSize)
        #expect(chart.texts.filter { $0.cls == "value" }.map(\.text) == ["40", "<5", "[c]"])
        #expect(chart.texts.filter { $0.cls == "legend" }.map(\.text) == ["<5 outlined to 5: a count of 1 to 4", "[c] dashed: hidden to protect a small count"])
        #expect(chart.height == 264 && chart.texts.filter { $0.cls == "legend" }.allSatisfy { $0.y < chart.height })
    }

    @Test func theRateHasItsOwnPanelAgainstItsBandAndBreaksAtAHiddenRate() throws {
        let periods = try ["2024Q1", "2024Q2", "2024Q3", "2024Q4"].map { try Period(parsing: $0) }
        let points = [(periods[0], figure(0.3, .shown), "30%"), (periods[1], figure(0.31, .shown), "31%"),
                      (periods[2], figure(nil, .secondary), "[c]"), (periods[3], figure(0.2, .shown), "20%")]
        let chart = DashboardModel.trendRateChart(points, band: 0.28...0.40)
        #expect(chart.rects.filter { $0.cls == "band" }.count == 1)
        #expect(chart.lines.filter { $0.cls == "band-edge" }.count == 2)
        #expect(chart.texts.contains { $0.cls == "legend" && $0.text == "shaded: expected 28–40%" })
        // One line through the first two points; the last stands alone as a dot.
        #expect(chart.polylines.count == 1 && chart.polylines[0].points.split(separator: " ").count == 2)
        #expect(chart.dots.count == 3)
        #expect(chart.texts.filter { $0.cls == "value" }.map(\.text) == ["30%", "31%", "[c]", "20%"])
        #expect(chart.texts.filter { $0.cls == "tick" && $0.anchor == "end" }.map(\.text) == ["0", "10", "20", "30", "40", "50"])
        // A panel without a band (perpetrator panels) draws none.
        #expect(DashboardModel.trendRateChart(points, band: nil).rects.isEmpty)
    }

    @Test func theActionsKeyIsInsideTheChartAndPartsCarryTheirNumbers() {
        var counts = Actions.Counts()
        counts.due = 100; counts.completedOnTime = 60; counts.completedLate = 20; counts.notCompleted = 5
        counts.openOverdue = 14; counts.openNotYetDue = 1
        let chart = DashboardModel.actionsChart([("Police", counts)])
        #expect(chart.texts.filter { $0.cls == "legend" }.map(\.text) == ["on time", "late", "not completed", "overdue", "not yet due"])
        #expect(chart.rects.filter { $0.cls.hasPrefix("seg ") }.count == 5 + 5)
        #expect(chart.texts.filter { $0.cls.hasPrefix("seg-label") }.map(\.text) == ["60", "20", "5", "14"])
        #expect(chart.texts.contains { $0.cls == "value" && $0.text == "100" })
        #expect(chart.texts.contains { $0.cls == "axis-title" && $0.text == "Actions due in the period" })
    }

    /// Every colour a mark is drawn in, in the shipped stylesheet, is at 3:1 or
    /// more against white (WCAG 1.4.11), and the segment labels are legible on
    /// their segments.
    @Test func chartColoursHaveThreeToOneContrast() throws {
        let css = try String(contentsOf: MetricsHarness.repository.appendingPathComponent("Reports/dashboard.css"), encoding: .utf8)
        func luminance(_ hex: String) -> Double {
            let v = Int(hex, radix: 16)!
            let parts = [v >> 16 & 255, v >> 8 & 255, v & 255].map { c -> Double in
                let s = Double(c) / 255
                return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]
        }
        func contrast(_ a: String, _ b: String) -> Double {
            let (x, y) = (luminance(a), luminance(b))
            return (max(x, y) + 0.05) / (min(x, y) + 0.05)
        }
        var checked = 0
        for line in css.split(separator: "\n") where line.hasPrefix("svg .") {
            guard !line.hasPrefix("svg .grid"), !line.hasPrefix("svg .band {") else { continue }
            for match in line.matches(of: /(fill|stroke): #([0-9A-Fa-f]{6})/) where match.2.lowercased() != "ffffff" {
                if line.hasPrefix("svg .seg-label") { continue }
                #expect(contrast(String(match.2), "ffffff") >= 3, "\(line)")
                checked += 1
            }
        }
        #expect(checked >= 10)
        // White on blue and grey, black on the others.
        for (text, segment) in [("ffffff", "0072B2"), ("ffffff", "595959"), ("000000", "CC79A7"), ("000000", "D55E00"), ("000000", "009E73")] {
            #expect(contrast(text, segment) >= 3, "\(text) on \(segment)")
            #expect(css.contains("fill: #\(segment)"))
        }
    }

    /// On the demo's suppressed MARAC pack: the referral sources hidden as `<5`
    /// are drawn as outlines to 5 with their symbol, and the key is SVG, not CSS
    /// boxes.
    @Test func theDemoDashboardDrawsHiddenBarsAndKeysInSVG() throws {
        let html = try DashboardScopeTests.render("MARAC", "FY2024Q4")
        #expect(html.contains(#"<rect class="hidden-small""#))
        #expect(html.contains(#"<text class="value" x="12" y="#) && html.contains(">&lt;5</text>"))
        #expect(html.contains(#"<text class="legend" x="18" y=""#) && html.contains(">&lt;5 outlined to 5: a count of 1 to 4</text>"))
        #expect(html.contains(#"<text class="legend""#))
        #expect(!html.contains(#"class="key"#))
        // Trend (two panels), sources, actions, and a MARAC's cases by area.
        #expect(html.matches(of: /<svg class="chart" viewBox="0 0 460 \d+"/).count == 5)
    }
}
