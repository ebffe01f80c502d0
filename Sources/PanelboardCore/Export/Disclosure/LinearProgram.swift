/// Minimises a linear objective over `A y = b, y >= 0` exactly (two-phase simplex
/// over fractions, Bland's rule, so it always ends). The disclosure check asks it
/// for the least and greatest value a hidden cell can take.
struct LinearProgram {
    enum Outcome: Equatable {
        case optimal(Rational)
        case unbounded
        case infeasible
    }

    /// Rows of coefficients, one per equation; every row as long as `objective`.
    var rows: [[Rational]]
    var rightHandSide: [Rational]

    func minimise(_ objective: [Rational]) -> Outcome {
        let n = objective.count
        var table = rows
        var rhs = rightHandSide
        // A non-negative right-hand side, so the artificial variables start feasible.
        for i in table.indices where rhs[i].isNegative {
            table[i] = table[i].map { -$0 }
            rhs[i] = -rhs[i]
        }
        let m = table.count
        // Phase 1: one artificial per row, columns n..<n+m.
        for i in 0..<m {
            table[i] += (0..<m).map { $0 == i ? Rational.one : Rational.zero }
        }
        var basis = Array(n..<(n + m))
        let phaseOne = (0..<(n + m)).map { $0 >= n ? Rational.one : Rational.zero }
        guard case let .optimal(infeasibility) = Self.solve(&table, &rhs, &basis, objective: phaseOne, columns: n + m) else {
            preconditionFailure("phase 1 is bounded below by 0")
        }
        if infeasibility.isPositive { return .infeasible }
        // Drive any artificial still in the basis (at 0) out, or drop its row when
        // the row is a combination of the others.
        var i = 0
        while i < table.count {
            if basis[i] >= n {
                if let j = (0..<n).first(where: { !table[i][$0].isZero }) {
                    Self.pivot(&table, &rhs, &basis, row: i, column: j)
                } else {
                    table.remove(at: i)
                    rhs.remove(at: i)
                    basis.remove(at: i)
                    continue
                }
            }
            i += 1
        }
        for r in table.indices { table[r].removeLast(m) }
        return Self.solve(&table, &rhs, &basis, objective: objective, columns: n)
    }

    private static func solve(
        _ table: inout [[Rational]], _ rhs: inout [Rational], _ basis: inout [Int], objective: [Rational], columns: Int
    ) -> Outcome {
        while true {
            // Reduced cost of column j: c_j - sum over rows of c_basis * entry.
            var entering: Int?
            for j in 0..<columns where !basis.contains(j) {
                var reduced = objective[j]
                for r in table.indices where !table[r][j].isZero { reduced = reduced - objective[basis[r]] * table[r][j] }
                if reduced.isNegative { entering = j; break }
            }
            guard let j = entering else {
                var value = Rational.zero
                for r in table.indices { value = value + objective[basis[r]] * rhs[r] }
                return .optimal(value)
            }
            var leaving: Int?
            var best = Rational.zero
            for r in table.indices where table[r][j].isPositive {
                let ratio = rhs[r] / table[r][j]
                if leaving == nil || ratio < best || (ratio == best && basis[r] < basis[leaving!]) {
                    leaving = r
                    best = ratio
                }
            }
            guard let r = leaving else { return .unbounded }
            pivot(&table, &rhs, &basis, row: r, column: j)
        }
    }

    private static func pivot(_ table: inout [[Rational]], _ rhs: inout [Rational], _ basis: inout [Int], row: Int, column: Int) {
        let p = table[row][column]
        table[row] = table[row].map { $0 / p }
        rhs[row] = rhs[row] / p
        for r in table.indices where r != row && !table[r][column].isZero {
            let f = table[r][column]
            for k in table[r].indices where !table[row][k].isZero { table[r][k] = table[r][k] - f * table[row][k] }
            rhs[r] = rhs[r] - f * rhs[row]
        }
        basis[row] = column
    }
}
