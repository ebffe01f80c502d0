/// An exact fraction, for the feasible-range solver: a range computed in floating
/// point could round a single value into an interval and call a disclosure safe.
/// Arithmetic traps on overflow rather than wrap (the tables are small; a trap is
/// a refused output, never a wrong one).
struct Rational: Comparable, Hashable, Sendable, CustomStringConvertible {
    let numerator: Int
    let denominator: Int

    init(_ numerator: Int, _ denominator: Int = 1) {
        precondition(denominator != 0, "a fraction over zero")
        let sign = denominator < 0 ? -1 : 1
        let divisor = Swift.max(1, Self.gcd(abs(numerator), abs(denominator)))
        self.numerator = sign * numerator / divisor
        self.denominator = sign * denominator / divisor
    }

    static let zero = Rational(0)
    static let one = Rational(1)

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    var isZero: Bool { numerator == 0 }
    var isNegative: Bool { numerator < 0 }
    var isPositive: Bool { numerator > 0 }

    /// The largest integer at or below.
    var floor: Int { numerator >= 0 ? numerator / denominator : -((-numerator + denominator - 1) / denominator) }
    /// The smallest integer at or above.
    var ceiling: Int { -Rational(-numerator, denominator).floor }

    static func + (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }
    static func - (a: Rational, b: Rational) -> Rational { a + Rational(-b.numerator, b.denominator) }
    static func * (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.numerator, a.denominator * b.denominator)
    }
    static func / (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.denominator, a.denominator * b.numerator)
    }
    static prefix func - (a: Rational) -> Rational { Rational(-a.numerator, a.denominator) }
    static func < (a: Rational, b: Rational) -> Bool { a.numerator * b.denominator < b.numerator * a.denominator }

    var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }
}
