import GRDB

/// One section of the board pack as a table, shaped as on the page: the page's own
/// rows (`DashboardModel.Row`), so a cell in a CSV file or a spreadsheet is the cell
/// the dashboard shows, suppressed the same way.
public struct PackTable: Sendable {
    /// The file's and the sheet's name: `referral_sources`.
    public let name: String
    /// The page's caption for the table.
    public let title: String
    public let columns: [String]
    public let rows: [[PackValue]]

    public init(name: String, title: String, columns: [String], rows: [DashboardModel.Row]) {
        self.name = name
        self.title = title
        self.columns = columns
        self.rows = rows.map { $0.cells.map(PackValue.init(cell:)) }
    }

    /// The table for a CSV file: numbers without thousands separators, the symbols
    /// as text, nothing where the page says "not recorded".
    public func result(unsuppressedNotice: String?) -> ResultTable {
        var columns = columns
        var rows = rows.map { $0.map(\.databaseValue) }
        if let unsuppressedNotice {
            columns.append("circulation")
            rows = rows.map { $0 + [unsuppressedNotice.databaseValue] }
        }
        return ResultTable(columns: columns, rows: rows)
    }
}

/// A cell of a pack table, typed so a spreadsheet can hold numbers as numbers.
public enum PackValue: Sendable, Equatable {
    case text(String)
    case number(Double, NumberStyle)
    /// `<5` or `[c]`: a figure the page does not show.
    case symbol(String)
    /// "not recorded", an empty cell, or a dash.
    case blank

    public enum NumberStyle: Sendable, Equatable {
        case whole
        case decimal(Int)
        /// The value is a fraction (0.279), shown as a percentage with this many decimals.
        case percent(Int)
    }

    /// The value of a page cell, read back from the text the page shows: the page's
    /// formatting is the one presentation, so the pack cannot round, group or hide a
    /// figure differently from it.
    init(cell: DashboardModel.Cell) {
        let text = cell.text
        guard cell.numeric else {
            self = text.isEmpty ? .blank : .text(text)
            return
        }
        if text == Suppression.secondaryMark || (text.hasPrefix("<") && Int(text.dropFirst()) != nil) {
            self = .symbol(text)
            return
        }
        if text.isEmpty || text == "not recorded" || text == "–" {
            self = .blank
            return
        }
        var digits = text.replacingOccurrences(of: ",", with: "")
        let percent = digits.hasSuffix("%")
        if percent { digits.removeLast() }
        guard let value = Double(digits), digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }) else {
            self = .text(text)
            return
        }
        let decimals = digits.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first?.count ?? 0
        if percent {
            self = .number(value / 100, .percent(decimals))
        } else {
            self = .number(value, decimals == 0 ? .whole : .decimal(decimals))
        }
    }

    /// The cell as text: a number in plain digits (a percentage as on the page, `27.9%`).
    public var csvText: String {
        switch self {
        case let .text(t), let .symbol(t): t
        case .blank: ""
        case let .number(value, style):
            switch style {
            case .whole: String(Int(value.rounded()))
            case let .decimal(d): String(format: "%.\(d)f", value)
            case let .percent(d): String(format: "%.\(d)f%%", value * 100)
            }
        }
    }

    var databaseValue: DatabaseValue {
        switch self {
        case let .number(value, .whole): Int64(value.rounded()).databaseValue
        // A number, so that a negative one ("-6.0", a change in RFG) is not taken
        // for a formula and quoted.
        case let .number(value, .decimal): value.databaseValue
        default: csvText.databaseValue
        }
    }
}
