/// The small-number rule for board outputs (metrics.md, "Small numbers in board
/// outputs", version 2): its threshold, whether it applies, and its symbols. The
/// cells it hides are worked out once per output by `BoardFigures`.
public struct Suppression: Sendable, Equatable {
    /// Below 3, `<T` would say "between 1 and 1" (or nothing at all): a count given away.
    public static let minimumThreshold = MetricSettings.minimumSuppressionThreshold

    public let threshold: Int
    /// False for the unsuppressed outputs (which say so on every page and in every file).
    public let enabled: Bool

    public init(threshold: Int = 5, enabled: Bool = true) {
        self.threshold = threshold
        self.enabled = enabled
    }

    /// What a board output says when it is not suppressed.
    public static let unsuppressedNotice = "Unsuppressed: not for circulation"

    /// A count from 1 to threshold-1.
    public var primaryMark: String { "<\(threshold)" }
    /// A cell hidden to protect another, or a share of a hidden count.
    public static let secondaryMark = "[c]"

    /// The key every suppressed board output carries, one line per symbol.
    public var key: [(symbol: String, meaning: String)] {
        // Unsuppressed, there are no symbols: every page and file says so instead.
        guard enabled else { return [] }
        return [
            (primaryMark, "a count from 1 to \(threshold - 1), hidden so that no one can be recognised"),
            (Self.secondaryMark, "hidden so that a small count cannot be worked out from the other figures (or a share of a hidden count)"),
            ("empty / not recorded", "the figure is not known; never a hidden number"),
        ]
    }

    /// One line for footers and about.csv.
    public var summary: String {
        enabled
            ? "small numbers suppressed: \(primaryMark) is a count from 1 to \(threshold - 1); \(Self.secondaryMark) is hidden to protect it"
            : Self.unsuppressedNotice
    }

    func validated() throws -> Suppression {
        if enabled && threshold < Self.minimumThreshold { throw SuppressionError.thresholdTooLow(threshold) }
        return self
    }
}

public enum SuppressionError: Error, CustomStringConvertible {
    case thresholdTooLow(Int)

    public var description: String {
        switch self {
        case let .thresholdTooLow(n):
            "suppression threshold \(n) is below \(Suppression.minimumThreshold): board outputs would give small counts away; use \(Suppression.minimumThreshold) or more (default 5), or --no-suppression for an unsuppressed, not-for-circulation pack"
        }
    }
}
