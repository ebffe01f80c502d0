/// Small-number suppression for board outputs, so that no victim can be recognised.
///
/// A count from 1 to threshold-1 is shown as `<threshold` and any share derived from
/// it is hidden. Where a breakdown shows its total too, one hidden cell could be
/// worked out by subtraction, so the next smallest non-zero cell is hidden as well
/// (secondary suppression). Zero is shown as 0: it identifies no one.
public struct Suppression: Sendable {
    public let threshold: Int
    /// False for the unsuppressed exports (which say so on every page).
    public let enabled: Bool

    public init(threshold: Int = 5, enabled: Bool = true) {
        self.threshold = threshold
        self.enabled = enabled
    }

    public enum Cell: Sendable, Equatable {
        case shown(Int)
        case hidden

        public var isHidden: Bool { self == .hidden }
    }

    /// A single count shown on its own (a tile).
    public func count(_ n: Int) -> Cell {
        enabled && n > 0 && n < threshold ? .hidden : .shown(n)
    }

    /// The cells of a breakdown. With `totalShown`, a lone hidden cell takes the next
    /// smallest non-zero cell with it.
    public func breakdown(_ counts: [Int], totalShown: Bool) -> [Cell] {
        var cells = counts.map(count)
        guard enabled, totalShown else { return cells }
        let hiddenCount = cells.filter(\.isHidden).count
        if hiddenCount == 1 {
            let candidates = counts.indices.filter { !cells[$0].isHidden && counts[$0] > 0 }
            if let next = candidates.min(by: { (counts[$0], $0) < (counts[$1], $1) }) {
                cells[next] = .hidden
            }
        }
        return cells
    }

    /// The text for a cell: the number, or `<5`.
    public func text(_ cell: Cell) -> String {
        switch cell {
        case let .shown(n): String(n)
        case .hidden: "<\(threshold)"
        }
    }

    /// A share is shown only when the count it comes from is.
    public func share(_ share: Double?, of cell: Cell) -> Double? {
        cell.isHidden ? nil : share
    }
}
