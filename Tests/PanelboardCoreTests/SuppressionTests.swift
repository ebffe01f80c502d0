import Testing
@testable import PanelboardCore

/// The suppression model on small hand-made tables: primary cells, then secondary
/// cells until no hidden count has a single possible value.
@Suite struct SuppressionTests {
    let five = CellSuppression(threshold: 5)

    /// A breakdown whose parts add up to a total shown with it.
    func breakdown(_ parts: [Int], threshold: Int = 5) throws -> (parts: [CellStatus], total: CellStatus) {
        var table = DisclosureTable()
        let cells = parts.enumerated().map { table.cell("part \($0)", $1) }
        let total = table.cell("total", parts.reduce(0, +))
        table.sum(cells, equals: total, remainder: "unlisted")
        let status = try CellSuppression(threshold: threshold).statuses(table)
        return (cells.map { status[$0] }, status[total])
    }

    @Test func smallCountsArePrimaryZeroIsShown() throws {
        var table = DisclosureTable()
        for n in 0...6 { table.cell("n\(n)", n) }
        #expect(try five.statuses(table) == [.shown, .primary, .primary, .primary, .primary, .shown, .shown])
        #expect(try CellSuppression(threshold: 7).statuses(table) == [.shown] + Array(repeating: .primary, count: 6))
    }

    @Test func aLoneSmallCellTakesTheSmallestOtherCellWithIt() throws {
        // police 30, idva 12, housing 2, education 0, total 44: housing = 44 - 30 - 12,
        // so idva (the smallest non-zero cell) is hidden too, as [c].
        let result = try breakdown([30, 12, 2, 0])
        #expect(result.parts == [.shown, .secondary, .primary, .shown])
        #expect(result.total == .shown)
    }

    @Test func twoSmallCellsProtectEachOtherOnlyWhenTheirSumAllowsIt() throws {
        // 3 + 2 = 5 could be 1 + 4, 2 + 3, ...: safe.
        #expect(try breakdown([30, 3, 2]).parts == [.shown, .primary, .primary])
        // 1 + 1 = 2 can only be 1 + 1; 4 + 4 = 8 can only be 4 + 4.
        #expect(try breakdown([30, 1, 1]).parts == [.secondary, .primary, .primary])
        #expect(try breakdown([30, 4, 4]).parts == [.secondary, .primary, .primary])
    }

    @Test func nothingSmallNothingHidden() throws {
        #expect(try breakdown([30, 0, 7]).parts == [.shown, .shown, .shown])
    }

    @Test func theCohortBalanceIsARelation() throws {
        var table = DisclosureTable()
        let start = table.cell("start", 20), adopted = table.cell("adopted", 3)
        let exited = table.cell("exited", 6), end = table.cell("end", 17)
        table.relate([.init(cell: start, coefficient: 1), .init(cell: adopted, coefficient: 1),
                      .init(cell: exited, coefficient: -1), .init(cell: end, coefficient: -1)])
        // adopted = 17 - 20 + 6: exited (the smallest other cell) goes too.
        #expect(try five.statuses(table) == [.shown, .primary, .secondary, .shown])
    }

    @Test func aFigureInTwoTablesIsOneCell() throws {
        // Cases discussed is the total of two breakdowns: hidden in one, hidden in both.
        var table = DisclosureTable()
        let cases = table.cell("cases", 6)
        let a = [table.cell("a1", 3), table.cell("a2", 3)]
        let b = [table.cell("b1", 6), table.cell("b2", 0)]
        table.sum(a, equals: cases, remainder: "a rest")
        table.sum(b, equals: cases, remainder: "b rest")
        #expect(table.cell("cases", 6) == cases)
        // a1 + a2 = 6 with each 1..4 is open (2+4, 3+3, 4+2): nothing more to hide.
        #expect(try five.statuses(table) == [.shown, .primary, .primary, .shown, .shown])
    }

    @Test func partsShortOfTheirTotalStillBoundThem() throws {
        // 10 exits, reasons 7 and 2 listed, 1 with no reason: the 2 is not 10 - 7,
        // but it is at most 3, and the reader knows it.
        var table = DisclosureTable()
        let parts = [table.cell("custody", 7), table.cell("mappa", 2)]
        let exited = table.cell("exited", 10)
        table.sum(parts, equals: exited, remainder: "unrecorded")
        let status = try five.statuses(table)
        #expect(status[parts[1]] == .primary)
        #expect(table.cells.count == 4 && !table.cells[3].displayed)
        let touching = table.cells.indices.map { i in table.relations.indices.filter { r in table.relations[r].contains { $0.cell == i } } }
        #expect(five.range(of: parts[1], table, status, touching) == .init(low: 1, high: 3))
    }

    @Test func smallCountsThatPinEachOtherDownAreShownAsC() throws {
        // Four reasons, each at least 1, in under five cases: each is 1. With nothing
        // shown left to hide, one of the four becomes [c] (0 or more), never a
        // wrong <5: then each of the others could be 1 or 2.
        let result = try breakdown([1, 1, 1, 1])
        #expect(result.total == .primary)
        #expect(result.parts == [.secondary, .primary, .primary, .primary])
    }

    @Test func aSumTheDataDoesNotKeepIsNoRelation() throws {
        // Parts beyond their total, or a balance that does not balance, would lead a
        // reader to a wrong number: not modelled, and nothing hidden for it.
        var table = DisclosureTable()
        let parts = [table.cell("a", 2), table.cell("b", 9)]
        table.sum(parts, equals: table.cell("t", 10), remainder: "rest")
        table.relate([.init(cell: parts[0], coefficient: 1), .init(cell: parts[1], coefficient: -1)])
        #expect(table.relations.isEmpty)
        #expect(try five.statuses(table) == [.primary, .shown, .shown])
    }

    @Test func theRangeIsExact() throws {
        var table = DisclosureTable()
        let parts = [table.cell("a", 2), table.cell("b", 9), table.cell("c", 3)]
        let total = table.cell("t", 14)
        table.sum(parts, equals: total, remainder: "rest")
        let status: [CellStatus] = [.primary, .secondary, .primary, .shown]
        let touching = [[0], [0], [0], [0]]
        // b = 14 - a - c, with a, c in 1..4: 6 to 12.
        #expect(five.range(of: 1, table, status, touching) == .init(low: 6, high: 12))
        #expect(five.range(of: 0, table, status, touching) == .init(low: 1, high: 4))
        // With the total hidden too, b has no ceiling.
        #expect(five.range(of: 1, table, [.primary, .secondary, .primary, .secondary], touching).high == nil)
    }

    @Test func boardFiguresRefuseAThresholdBelowThree() throws {
        let h = try MetricsHarness(fixture: "volumes", importAsOf: day("2024-12-31"))
        let report = try h.report(scope("MARAC", "2024Q1", asOf: "2024-12-31"))
        #expect(throws: SuppressionError.self) { try BoardFigures.build(report: report, suppression: Suppression(threshold: 2)) }
        #expect(throws: SuppressionError.self) { try BoardFigures.build(report: report, suppression: Suppression(threshold: 0)) }
        // Unsuppressed, the threshold is not used.
        _ = try BoardFigures.build(report: report, suppression: Suppression(threshold: 0, enabled: false))
    }
}
