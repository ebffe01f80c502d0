/// A MARAC's tiles compared as boards and the national dataset compare: with the
/// same period a year before, and over the rolling 12 months to the period's end;
/// and the published national figure beside each row of the national return.
extension DashboardModel {
    /// What a tile shows, as figures of the one model: the figure now, the field
    /// under which a compared report holds it, whether its change is in points,
    /// and how its rolling value is written.
    struct TileFigures {
        let now: BoardFigure
        let field: String
        let points: Bool
        let format: (Double) -> String
        /// An "as of" figure has no value over 12 months.
        let rolls: Bool
    }

    static func tileFigures(_ title: String, _ figures: BoardFigures) -> TileFigures? {
        func pct(_ d: Double) -> String { String(format: "%.0f%%", d * 100) }
        func whole(_ d: Double) -> String { grouped(Int(d)) }
        switch title {
        case "Cases discussed": return TileFigures(now: figures.figure("volumes", "cases_discussed"), field: "cases_discussed",
                                                   points: false, format: whole, rolls: true)
        case "Repeat rate": return TileFigures(now: figures.figure("repeats", "repeat_rate"), field: "repeat_rate", points: true,
                                               format: { String(format: "%.1f%%", $0 * 100) }, rolls: true)
        case "Police share of referrals":
            return TileFigures(now: figures.figure("referral_sources", "share", "police"), field: "police_share", points: true,
                               format: pct, rolls: true)
        case "Cases per 10,000 adult women":
            return TileFigures(now: figures.figure("volumes", "cases_per_10k_adult_females_annualised"),
                               field: "cases_per_10k_adult_females_annualised", points: false,
                               format: { String(format: "%.1f", $0) }, rolls: true)
        case "Actions completed on time":
            return TileFigures(now: figures.figure("actions", "on_time_rate"), field: "on_time_rate", points: true, format: pct, rolls: true)
        case "Overdue actions":
            return TileFigures(now: figures.figure("actions", "overdue_as_of"), field: "overdue_as_of", points: false, format: whole,
                               rolls: false)
        default: return nil
        }
    }

    /// The tiles with their change on the same period a year before and their
    /// value over the rolling 12 months. A change is shown only when both figures
    /// are (with one, it gives the other away); a period with no data is no
    /// comparison at all.
    static func comparedTiles(_ tiles: [Tile], report: MetricsReport, comparisons: DashboardFigures, figures: BoardFigures) -> [Tile] {
        func show(_ f: BoardFigure, _ format: (Double) -> String) -> String { figures.shown(f, format) }
        let hasData = Self.hasData(report)
        return tiles.map { tile in
            guard let t = tileFigures(tile.title, figures) else { return tile }
            var tile = tile
            if let yearAgo = comparisons.yearAgo {
                let label = yearAgo.period.label
                let then = figures.figure("year_ago", t.field, label)
                tile.yearAgo = {
                    guard hasData, yearAgo.hasData else {
                        return "no comparison with \(label)" + (hasData && !yearAgo.hasData ? ": no data" : "")
                    }
                    guard t.now.status == .shown, then.status == .shown else {
                        return t.now.status == .unknown || then.status == .unknown ? "no comparison with \(label)"
                            : "change on \(label) hidden (small numbers)"
                    }
                    guard let a = t.now.value, let b = then.value else { return "no comparison with \(label)" }
                    if t.points { return String(format: "%@%.1f points on %@", a > b ? "+" : "", (a - b) * 100, label) }
                    if t.now.isCount || t.field == "overdue_as_of" {
                        let d = Int(a) - Int(b)
                        return "\(d > 0 ? "+" : "")\(grouped(d)) on \(label)" + (t.field == "overdue_as_of" ? ", as of its end" : "")
                    }
                    return String(format: "%@%.1f on %@", a > b ? "+" : "", a - b, label)
                }()
            }
            if let rolling = comparisons.rolling, t.rolls {
                let f = figures.figure("rolling", t.field, rolling.period.label)
                tile.rolling = rolling.hasData ? "\(rolling.period.label): \(show(f, t.format))"
                    : "\(rolling.period.label): no data"
            } else if let archived = comparisons.rollingArchived, t.rolls {
                tile.rolling = "\(archived.label): not counted (a quarter in it was archived on \(archived.archivedOn))"
            }
            return tile
        }
    }

    /// The published national figure of a row of the national return (metrics.md,
    /// "The national return": SafeLives, 12 months to June 2024), or "not
    /// published" where the project holds none for it: never an invented one.
    static func nationalFigure(_ key: String) -> String {
        NationalReturn.published[key] ?? "not published"
    }
}

extension NationalReturn {
    /// The national figures the project holds, by the return's row (metrics.md):
    /// SafeLives' national dataset for the 12 months to June 2024.
    static let published: [String: String] = [
        "cases_discussed": "127,594", "children_in_households": "159,710", "cases_per_10k_adult_females": "48",
        "repeat_cases": "32%", "partner_agency_referrals": "35%",
    ]
    static let publishedPeriod = "12 months to June 2024"
}
