/// How a figure appears in a board output.
public enum CellStatus: String, Sendable, CaseIterable {
    /// The figure as computed.
    case shown
    /// A protected count from 1 to threshold-1, shown as `<5`.
    case primary
    /// Hidden so that no hidden count can be worked out from the rest (or a share
    /// or rate of a hidden count), shown as `[c]`.
    case secondary
    /// Not known (no population figures, no cases to take a share of): empty in
    /// CSV, "not recorded" in HTML, never a suppression mark.
    case unknown
}

/// The protected counts of one board output and the additive relations the output
/// shows between them (parts and their total, the cohort balance), as the
/// disclosure check sees them: each relation says `sum(coefficient * value) = 0`.
struct DisclosureTable: Sendable {
    struct Cell: Sendable {
        let id: String
        let value: Int
        /// False for a cell the output does not print but a reader knows exists
        /// (the exits with no recorded reason): always hidden, never a candidate.
        let displayed: Bool
    }

    struct Term: Sendable {
        let cell: Int
        let coefficient: Int
    }

    private(set) var cells: [Cell] = []
    private(set) var relations: [[Term]] = []
    private var index: [String: Int] = [:]

    /// The cell named `id`, added on first use: a figure shown in several tables is
    /// one cell, hidden or shown everywhere alike.
    @discardableResult
    mutating func cell(_ id: String, _ value: Int, displayed: Bool = true) -> Int {
        if let i = index[id] {
            precondition(cells[i].value == value, "one figure, two values: \(id)")
            return i
        }
        cells.append(Cell(id: id, value: value, displayed: displayed))
        index[id] = cells.count - 1
        return cells.count - 1
    }

    func position(of id: String) -> Int? { index[id] }

    /// `parts` add up to `total`. Where the data's parts fall short of the total
    /// (a value the output does not list), an undisplayed cell takes the rest, so
    /// the reader's knowledge (the parts are at most the total) is still modelled.
    mutating func sum(_ parts: [Int], equals total: Int, remainder id: String) {
        let gap = cells[total].value - parts.reduce(0) { $0 + cells[$1].value }
        // Parts beyond their total (data the contract refuses): a reader who
        // subtracts gets a wrong number, not a person.
        guard gap >= 0 else { return }
        var all = parts
        if gap > 0 { all.append(cell(id, gap, displayed: false)) }
        relate(all.map { Term(cell: $0, coefficient: 1) } + [Term(cell: total, coefficient: -1)])
    }

    mutating func relate(_ terms: [Term]) {
        // A relation the figures do not satisfy (data the contract refuses) tells
        // a reader nothing true.
        guard terms.reduce(0, { $0 + $1.coefficient * cells[$1.cell].value }) == 0 else { return }
        // A relation with one distinct cell (a period that is its own only quarter)
        // says nothing.
        guard Set(terms.map(\.cell)).count > 1 else { return }
        relations.append(terms)
    }
}

public enum DisclosureError: Error, CustomStringConvertible {
    /// No further cell could be hidden to protect a hidden count: the output is
    /// refused rather than printed with a count that can be worked out.
    case cannotProtect(figure: String)

    public var description: String {
        switch self {
        case let .cannotProtect(figure):
            "cannot protect the small number in \(figure): no other figure in its table can be hidden; the board output was not written"
        }
    }
}

/// Primary, then secondary suppression over a `DisclosureTable` (metrics.md, "Small
/// numbers in board outputs", version 2).
struct CellSuppression {
    let threshold: Int

    /// The status of every cell: shown, primary or secondary.
    func statuses(_ table: DisclosureTable) throws -> [CellStatus] {
        var status = table.cells.map { cell -> CellStatus in
            if !cell.displayed { return .secondary }
            return (1..<threshold).contains(cell.value) ? .primary : .shown
        }
        let touching = relationsByCell(table)
        while let exposed = firstExposed(table, status, touching) {
            // The cells beside it first; failing those, any shown cell of a relation
            // linked to it through other hidden cells.
            let near = touching[exposed]
            let linked = component(of: exposed, table, status, touching).relations
            // Where every part of a tiny table is already under 5, the `<5`s pin
            // each other down (four reasons, each at least 1, in four cases), and
            // no shown cell is left to hide: one of them is then shown as [c],
            // which says nothing of its value, so `<5` still means 1 to 4.
            guard let next = candidate(near, table, status, .shown, nonZero: true)
                ?? candidate(linked, table, status, .shown, nonZero: true)
                ?? candidate(near, table, status, .primary, nonZero: true)
                ?? candidate(linked, table, status, .primary, nonZero: true)
                ?? candidate(linked, table, status, .shown, nonZero: false) else {
                throw DisclosureError.cannotProtect(figure: table.cells[exposed].id)
            }
            status[next] = .secondary
        }
        return status
    }

    /// The smallest cell of `relations` with status `from`; zero is shown as 0
    /// whenever another cell will do.
    private func candidate<S: Sequence<Int>>(
        _ relations: S, _ table: DisclosureTable, _ status: [CellStatus], _ from: CellStatus, nonZero: Bool
    ) -> Int? {
        Set(relations.flatMap { table.relations[$0].map(\.cell) })
            .filter { status[$0] == from && table.cells[$0].displayed && (table.cells[$0].value > 0) == nonZero }
            .min { (table.cells[$0].value, $0) < (table.cells[$1].value, $1) }
    }

    /// The hidden cells linked to `target` through relations, and those relations.
    private func component(of target: Int, _ table: DisclosureTable, _ status: [CellStatus], _ touching: [[Int]])
        -> (members: [Int], relations: Set<Int>) {
        var members = [target]
        var seen: Set<Int> = [target]
        var relations: Set<Int> = []
        var k = 0
        while k < members.count {
            for r in touching[members[k]] where relations.insert(r).inserted {
                for term in table.relations[r] where status[term.cell] != .shown && seen.insert(term.cell).inserted {
                    members.append(term.cell)
                }
            }
            k += 1
        }
        return (members, relations)
    }

    private func relationsByCell(_ table: DisclosureTable) -> [[Int]] {
        var touching = [[Int]](repeating: [], count: table.cells.count)
        for (r, terms) in table.relations.enumerated() {
            for cell in Set(terms.map(\.cell)) { touching[cell].append(r) }
        }
        return touching
    }

    private func firstExposed(_ table: DisclosureTable, _ status: [CellStatus], _ touching: [[Int]]) -> Int? {
        table.cells.indices.first { i in
            status[i] != .shown && table.cells[i].displayed && range(of: i, table, status, touching).isSingle
        }
    }

    struct Range: Equatable {
        let low: Int
        /// Nil when the figures put no ceiling on the cell.
        let high: Int?
        var isSingle: Bool { high.map { $0 <= low } ?? false }
    }

    /// The least and greatest value cell `target` can take, given every shown cell,
    /// every relation, each primary cell in 1...threshold-1 and each other hidden
    /// cell 0 or more. Exact: a linear programme over the hidden cells connected to
    /// `target`, rounded inwards to whole numbers.
    func range(of target: Int, _ table: DisclosureTable, _ status: [CellStatus], _ touching: [[Int]]) -> Range {
        let (members, relations) = component(of: target, table, status, touching)
        let lower = members.map { status[$0] == .primary ? 1 : 0 }
        let primaries = members.indices.filter { status[members[$0]] == .primary }
        let columns = members.count + primaries.count
        let column = Dictionary(uniqueKeysWithValues: members.enumerated().map { ($1, $0) })
        var rows: [[Rational]] = []
        var rhs: [Rational] = []
        for r in relations.sorted() {
            var row = [Rational](repeating: .zero, count: columns)
            var constant = 0
            for term in table.relations[r] {
                if let c = column[term.cell] {
                    row[c] = row[c] + Rational(term.coefficient)
                    constant += term.coefficient * lower[c]
                } else {
                    constant += term.coefficient * table.cells[term.cell].value
                }
            }
            rows.append(row)
            rhs.append(Rational(-constant))
        }
        // y + slack = upper - lower for each primary cell.
        for (s, c) in primaries.enumerated() {
            var row = [Rational](repeating: .zero, count: columns)
            row[c] = .one
            row[members.count + s] = .one
            rows.append(row)
            rhs.append(Rational(threshold - 1 - 1))
        }
        let program = LinearProgram(rows: rows, rightHandSide: rhs)
        var objective = [Rational](repeating: .zero, count: columns)
        objective[0] = .one
        guard case let .optimal(least) = program.minimise(objective) else {
            // The true figures satisfy every constraint, so this cannot be empty.
            preconditionFailure("the disclosure check found no values for \(table.cells[target].id)")
        }
        objective[0] = -.one
        let high: Int?
        switch program.minimise(objective) {
        case let .optimal(negated): high = lower[0] + (-negated).floor
        case .unbounded: high = nil
        case .infeasible: preconditionFailure("the disclosure check found no values for \(table.cells[target].id)")
        }
        return Range(low: lower[0] + least.ceiling, high: high)
    }
}
