import GRDB

/// One figure of a board output, with how it is shown.
public struct BoardFigure: Sendable {
    public let family: String
    public let field: String
    public let breakdown: String?
    /// Nil when the figure is not known.
    public let value: Double?
    public let isCount: Bool
    public let status: CellStatus
    /// False for the figures the dashboard shows beyond `metrics --format json`
    /// (the trend, the previous period, partner agency referrals).
    public let inReport: Bool
}

/// Every figure a board output shows (the dashboard and the CSV pack alike), each
/// with its status, worked out once from the typed results: the one suppression
/// model every board output reads.
public struct BoardFigures: Sendable {
    public let suppression: Suppression
    public let figures: [BoardFigure]
    let index: [String: Int]

    static func key(_ family: String, _ field: String, _ breakdown: String?) -> String {
        "\(family)|\(breakdown ?? "")|\(field)"
    }

    /// The figure, or an unknown one when the output has no such figure (an agency
    /// with no row this period).
    public func figure(_ family: String, _ field: String, _ breakdown: String? = nil) -> BoardFigure {
        if let i = index[Self.key(family, field, breakdown)] { return figures[i] }
        return BoardFigure(family: family, field: field, breakdown: breakdown, value: nil, isCount: false,
                           status: .unknown, inReport: false)
    }

    /// The rows of `figures.csv`.
    public var table: ResultTable {
        var rows = figures.map { f -> [DatabaseValue] in
            [f.family.databaseValue, f.field.databaseValue, f.breakdown?.databaseValue ?? .null, text(f).databaseValue,
             f.status.rawValue.databaseValue]
        }
        var columns = ["family", "field", "breakdown", "value", "status"]
        if !suppression.enabled {
            columns.append("circulation")
            rows = rows.map { $0 + [Suppression.unsuppressedNotice.databaseValue] }
        }
        return ResultTable(columns: columns, rows: rows)
    }

    /// The figure as the page shows it: the number in `format`, `<5`, `[c]`, or
    /// "not recorded". Every layout's sections and tiles show figures this way.
    func shown(_ f: BoardFigure, _ format: (Double) -> String) -> String {
        switch f.status {
        case .primary: suppression.primaryMark
        case .secondary: Suppression.secondaryMark
        case .unknown: "not recorded"
        case .shown: f.value.map(format) ?? "not recorded"
        }
    }

    /// The figure as CSV text: the number, `<5`, `[c]`, or empty when unknown.
    public func text(_ f: BoardFigure) -> String {
        switch f.status {
        case .primary: suppression.primaryMark
        case .secondary: Suppression.secondaryMark
        case .unknown: ""
        case .shown:
            f.value.map { f.isCount || $0 == $0.rounded() ? String(Int($0)) : JSONFormat.number($0) } ?? ""
        }
    }
}
