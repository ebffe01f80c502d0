import Foundation

/// One chart of the dashboard as SVG primitives, worked out in Swift: axes with
/// ticks, marks, direct labels and the legend are all inside the SVG, so that the
/// chart prints without background graphics and reads without colour alone. The
/// template (`Reports/chart.mustache`) only draws the lists.
///
/// The viewBox is narrow (460 units) and chart text is 14 units, so that at 390 px
/// (about 366 px of chart) it still renders at 11 px or more.
public struct Chart {
    public struct Rect { public let x, y, width, height: Int; public let cls: String }
    public struct Line { public let x1, y1, x2, y2: Int; public let cls: String }
    public struct Text { public let x, y: Int; public let anchor: String; public let cls: String; public let text: String }
    public struct Polyline { public let points: String; public let cls: String }
    public struct Dot { public let cx, cy: Int; public let cls: String }

    public static let width = 460
    /// Stored, not computed: the template reads properties by reflection.
    public let width = Chart.width
    public var height: Int
    public var label: String
    public var rects: [Rect] = []
    public var lines: [Line] = []
    public var polylines: [Polyline] = []
    public var dots: [Dot] = []
    public var texts: [Text] = []

    init(height: Int, label: String) {
        self.height = height
        self.label = label
    }

    /// One line of a chart's key: the hidden mark's swatch (`cls`) and what it means,
    /// drawn in the SVG so that it prints without background graphics.
    mutating func key(_ text: String, mark cls: String, at y: Int) {
        rects.append(.init(x: 1, y: y - 12, width: 10, height: 14, cls: cls))
        self.text(18, y, text, "legend")
    }

    mutating func text(_ x: Int, _ y: Int, _ text: String, _ cls: String, anchor: String = "start") {
        texts.append(Text(x: x, y: y, anchor: anchor, cls: cls, text: text))
    }

    /// A period's label under the axis at `bottom`: one or two lines (`Q1`, `FY2024`).
    mutating func periodLabel(_ label: (String, String), at centre: Int, below bottom: Int) {
        text(centre, bottom + 18, label.0, "tick", anchor: "middle")
        if !label.1.isEmpty { text(centre, bottom + 34, label.1, "tick", anchor: "middle") }
    }

    /// Tick values from 0 up to at least `maximum`, at a step of 1, 2 or 5 times a
    /// power of ten, four or five of them.
    static func ticks(_ maximum: Double) -> [Double] {
        let top = max(maximum, 1)
        let raw = top / 4
        let power = pow(10, floor(log10(raw)))
        // Counts: a step under 1 would draw ticks no count can reach.
        let step = max(1, [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? raw)
        let count = Int((top / step).rounded(.up))
        return (0...count).map { Double($0) * step }
    }
}

/// The marks a hidden figure gets: drawn, never dropped, and labelled with its
/// symbol; its size is fixed, so it says nothing about the number.
enum ChartMark {
    static let hiddenSize = 16
}

extension DashboardModel {
    /// Whole numbers with thousands separators, as every figure on the page.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// The periods' labels in two short lines under their columns: "Q1" over its
    /// year (the year under the first column and each Q1 only, as on a printed
    /// axis), a year's label alone, or the year and "to 06-09" for a period of days.
    static func axisLabels(_ periods: [Period]) -> [(String, String)] {
        periods.enumerated().map { i, period in
            let label = period.label
            if let q = label.lastIndex(of: "Q"), period.quarterIndex != nil, label.distance(from: q, to: label.endIndex) == 2 {
                let quarter = String(label[q...])
                return (quarter, i == 0 || quarter == "Q1" ? String(label[..<q]) : "")
            }
            if label.count <= 8 { return (label, "") }
            return (String(period.to.iso.prefix(4)), "to " + String(period.to.iso.suffix(5)))
        }
    }

    /// Cases discussed per period as columns, on a scale of the numbers shown: a
    /// hidden count is a dashed box of fixed size, labelled with its symbol; given
    /// the `suppression`, a `<5` is an outline up to the threshold instead (the
    /// count is below that line), with the key under the axis.
    static func trendCasesChart(_ columns: [(period: Period, figure: BoardFigure, text: String)],
                                title: String = "Cases discussed", suppression: Suppression? = nil) -> Chart {
        let small = suppression.flatMap { s in columns.contains { $0.figure.status == .primary } ? s : nil }
        let dashed = columns.contains { $0.figure.status == .secondary || ($0.figure.status == .primary && small == nil) }
        let keys = suppression == nil ? 0 : (small == nil ? 0 : 1) + (dashed ? 1 : 0)
        var chart = Chart(height: 224 + 20 * keys, label: "\(title) per period, as columns with their numbers")
        let left = 48, right = Chart.width - 6, top = 36, bottom = 172
        let shown = columns.compactMap { $0.figure.status == .shown ? $0.figure.value : nil }
        let ticks = Chart.ticks(max(shown.max() ?? 1, small.map { Double($0.threshold) } ?? 0))
        let scale = Double(bottom - top) / (ticks.last ?? 1)
        chart.text(0, 16, title, "axis-title")
        var keyY = 238
        if let small {
            chart.key("\(small.primaryMark) outlined to \(small.threshold): a count of 1 to \(small.threshold - 1)", mark: "hidden-small", at: keyY)
            keyY += 20
        }
        if suppression != nil, dashed {
            chart.key("\(Suppression.secondaryMark) dashed: hidden to protect a small count", mark: "hidden", at: keyY)
        }
        for t in ticks {
            let y = bottom - Int((t * scale).rounded())
            chart.lines.append(.init(x1: left, y1: y, x2: right, y2: y, cls: t == 0 ? "axis-line" : "grid"))
            chart.text(left - 6, y + 5, grouped(Int(t)), "tick", anchor: "end")
        }
        let slot = Double(right - left) / Double(max(columns.count, 1))
        let width = min(44, Int(slot * 0.62))
        let labels = axisLabels(columns.map(\.period))
        for (i, c) in columns.enumerated() {
            let centre = left + Int(slot * (Double(i) + 0.5))
            chart.periodLabel(labels[i], at: centre, below: bottom)
            if c.figure.status == .shown, let value = c.figure.value {
                let height = Int((value * scale).rounded())
                chart.rects.append(.init(x: centre - width / 2, y: bottom - height, width: width, height: height, cls: "column"))
                chart.text(centre, bottom - height - 5, c.text, "value", anchor: "middle")
            } else if c.figure.status == .primary, let small {
                let h = Int((Double(small.threshold) * scale).rounded())
                chart.rects.append(.init(x: centre - width / 2, y: bottom - h, width: width, height: h, cls: "hidden-small"))
                chart.text(centre, bottom - h - 5, c.text, "value", anchor: "middle")
            } else {
                let h = ChartMark.hiddenSize
                chart.rects.append(.init(x: centre - width / 2, y: bottom - h, width: width, height: h, cls: "hidden"))
                chart.text(centre, bottom - h - 5, c.text, "value", anchor: "middle")
            }
        }
        return chart
    }

    /// A rate per period as a line in its own panel, against its expected band
    /// when there is one; a hidden rate is its symbol on the axis, and the line
    /// breaks there.
    static func trendRateChart(_ points: [(period: Period, figure: BoardFigure, text: String)], band: ClosedRange<Double>?) -> Chart {
        var chart = Chart(height: 224, label: "Repeat rate per period, as a line" + (band.map {
            ", against the expected range of \(Int(($0.lowerBound * 100).rounded()))–\(Int(($0.upperBound * 100).rounded()))%"
        } ?? ""))
        let left = 48, right = Chart.width - 6, top = 36, bottom = 172
        let shown = points.compactMap { $0.figure.status == .shown ? $0.figure.value : nil }
        let highest = max(shown.max() ?? 0, band?.upperBound ?? 0)
        let ceiling = min(1, max(0.5, ((highest + 0.05) * 10).rounded(.up) / 10))
        let step = ceiling > 0.6 ? 0.2 : 0.1
        func y(_ rate: Double) -> Int { bottom - Int((rate / ceiling * Double(bottom - top)).rounded()) }
        chart.text(0, 16, "Repeat rate (%)", "axis-title")
        if let band {
            chart.rects.append(.init(x: left, y: y(band.upperBound), width: right - left,
                                     height: y(band.lowerBound) - y(band.upperBound), cls: "band"))
            chart.lines.append(.init(x1: left, y1: y(band.upperBound), x2: right, y2: y(band.upperBound), cls: "band-edge"))
            chart.lines.append(.init(x1: left, y1: y(band.lowerBound), x2: right, y2: y(band.lowerBound), cls: "band-edge"))
            chart.text(right, 16, "shaded: expected \(Int((band.lowerBound * 100).rounded()))–\(Int((band.upperBound * 100).rounded()))%",
                       "legend", anchor: "end")
        }
        var t = 0.0
        while t <= ceiling + 1e-9 {
            let ty = y(t)
            chart.lines.append(.init(x1: left, y1: ty, x2: right, y2: ty, cls: t == 0 ? "axis-line" : "grid"))
            chart.text(left - 6, ty + 5, "\(Int((t * 100).rounded()))", "tick", anchor: "end")
            t += step
        }
        let slot = Double(right - left) / Double(max(points.count, 1))
        var run: [String] = []
        let labels = axisLabels(points.map(\.period))
        for (i, p) in points.enumerated() {
            let centre = left + Int(slot * (Double(i) + 0.5))
            chart.periodLabel(labels[i], at: centre, below: bottom)
            if p.figure.status == .shown, let value = p.figure.value {
                run.append("\(centre),\(y(value))")
                chart.dots.append(.init(cx: centre, cy: y(value), cls: "rate-dot"))
                chart.text(centre, y(value) - 9, p.text, "value", anchor: "middle")
            } else {
                if run.count > 1 { chart.polylines.append(.init(points: run.joined(separator: " "), cls: "rate")) }
                run = []
                chart.text(centre, bottom - 6, p.text, "value", anchor: "middle")
            }
        }
        if run.count > 1 { chart.polylines.append(.init(points: run.joined(separator: " "), cls: "rate")) }
        if points.contains(where: { $0.figure.status == .unknown }) {
            chart.text(right, band == nil ? 16 : 32, "–: no rate (no cases)", "legend", anchor: "end")
        }
        return chart
    }

    /// Horizontal bars, one row per category (its name above its bar, the number at
    /// its end), with a scale of the numbers shown below. A hidden count is drawn
    /// and labelled with its symbol: a dashed mark of fixed size; or, given the
    /// `suppression`, a `<5` as an outlined bar up to the threshold (it is
    /// somewhere below that line), with a key under the scale saying so.
    static func barChart(_ rows: [(label: String, figure: BoardFigure, text: String)], label: String, axisTitle: String,
                         suppression: Suppression? = nil) -> Chart {
        let rowHeight = 38, left = 0, right = Chart.width - 110
        let small = suppression.flatMap { s in rows.contains { $0.figure.status == .primary } ? s : nil }
        let dashed = rows.contains { $0.figure.status == .secondary || ($0.figure.status == .primary && small == nil) }
        let keys = suppression == nil ? 0 : (small == nil ? 0 : 1) + (dashed ? 1 : 0)
        var chart = Chart(height: rows.count * rowHeight + 52 + 20 * keys, label: label)
        let shown = rows.compactMap { $0.figure.status == .shown ? $0.figure.value : nil }
        let ticks = Chart.ticks(max(shown.max() ?? 1, small.map { Double($0.threshold) } ?? 0))
        let scale = Double(right - left) / (ticks.last ?? 1)
        let axisY = rows.count * rowHeight + 4
        for t in ticks {
            let x = left + Int((t * scale).rounded())
            chart.lines.append(.init(x1: x, y1: 0, x2: x, y2: axisY, cls: t == 0 ? "axis-line" : "grid"))
            chart.text(x, axisY + 18, grouped(Int(t)), "tick", anchor: t == 0 ? "start" : "middle")
        }
        chart.lines.append(.init(x1: left, y1: axisY, x2: right, y2: axisY, cls: "axis-line"))
        chart.text(left, axisY + 42, axisTitle, "axis-title")
        var keyY = axisY + 62
        if let small {
            chart.key("\(small.primaryMark) outlined to \(small.threshold): a count of 1 to \(small.threshold - 1)", mark: "hidden-small", at: keyY)
            keyY += 20
        }
        if suppression != nil, dashed {
            chart.key("\(Suppression.secondaryMark) dashed: hidden to protect a small count", mark: "hidden", at: keyY)
        }
        for (i, row) in rows.enumerated() {
            let y = i * rowHeight
            chart.text(left + 4, y + 15, row.label, "label")
            let width: Int
            if row.figure.status == .shown, let value = row.figure.value {
                width = max(1, Int((value * scale).rounded()))
                chart.rects.append(.init(x: left, y: y + 20, width: width, height: 14, cls: "bar"))
            } else if row.figure.status == .primary, let small {
                width = Int((Double(small.threshold) * scale).rounded())
                chart.rects.append(.init(x: left, y: y + 20, width: width, height: 14, cls: "hidden-small"))
            } else {
                width = ChartMark.hiddenSize
                chart.rects.append(.init(x: left, y: y + 20, width: width, height: 14, cls: "hidden"))
            }
            chart.text(left + width + 6, y + 32, row.text, "value")
        }
        return chart
    }

    /// The parts of each agency's actions due as stacked bars, with the key drawn
    /// in the chart and each part wide enough labelled with its number.
    static func actionsChart(_ agencies: [(label: String, counts: Actions.Counts)]) -> Chart {
        let kinds: [(cls: String, name: String, count: (Actions.Counts) -> Int)] = [
            ("on-time", "on time", \.completedOnTime), ("late", "late", \.completedLate),
            ("not-done", "not completed", \.notCompleted), ("overdue", "overdue", \.openOverdue),
            ("not-due", "not yet due", \.openNotYetDue),
        ]
        let legendHeight = 52, rowHeight = 46, right = Chart.width - 70
        var chart = Chart(height: legendHeight + agencies.count * rowHeight + 52,
                          label: "Actions due by agency: on time, late, not completed, overdue, not yet due")
        for (i, kind) in kinds.enumerated() {
            let x = (i % 3) * 150, y = (i / 3) * 22
            chart.rects.append(.init(x: x, y: y + 2, width: 14, height: 14, cls: "seg \(kind.cls)"))
            chart.text(x + 20, y + 14, kind.name, "legend")
        }
        let ticks = Chart.ticks(Double(agencies.map(\.counts.due).max() ?? 1))
        let scale = Double(right) / (ticks.last ?? 1)
        let axisY = legendHeight + agencies.count * rowHeight + 4
        for t in ticks {
            let x = Int((t * scale).rounded())
            chart.lines.append(.init(x1: x, y1: legendHeight, x2: x, y2: axisY, cls: t == 0 ? "axis-line" : "grid"))
            chart.text(x, axisY + 18, grouped(Int(t)), "tick", anchor: t == 0 ? "start" : "middle")
        }
        chart.lines.append(.init(x1: 0, y1: axisY, x2: right, y2: axisY, cls: "axis-line"))
        chart.text(0, axisY + 42, "Actions due in the period", "axis-title")
        for (i, agency) in agencies.enumerated() {
            let y = legendHeight + i * rowHeight
            chart.text(4, y + 15, agency.label, "label")
            var x = 0.0
            for kind in kinds {
                let n = kind.count(agency.counts)
                guard n > 0 else { continue }
                let from = Int(x.rounded()), to = Int((x + Double(n) * scale).rounded())
                chart.rects.append(.init(x: from, y: y + 20, width: max(1, to - from), height: 20, cls: "seg \(kind.cls)"))
                if to - from >= 8 * grouped(n).count + 6 {
                    chart.text((from + to) / 2, y + 35, grouped(n), "seg-label \(kind.cls)", anchor: "middle")
                }
                x += Double(n) * scale
            }
            chart.text(Int(x.rounded()) + 6, y + 35, grouped(agency.counts.due), "value")
        }
        return chart
    }
}
