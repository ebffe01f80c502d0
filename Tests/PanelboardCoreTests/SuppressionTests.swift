import Testing
@testable import PanelboardCore

@Suite struct SuppressionTests {
    let s = Suppression()

    @Test func smallCountsAreHiddenZeroIsNot() {
        #expect(s.count(0) == .shown(0))
        #expect((1...4).allSatisfy { s.count($0) == .hidden })
        #expect(s.count(5) == .shown(5))
        #expect(s.text(s.count(3)) == "<5")
    }

    @Test func aLoneSmallCellTakesTheNextSmallestWithItWhenTheTotalIsShown() {
        // police 30, idva 12, housing 2, education 0: housing could be worked out
        // from the total, so idva (the next smallest non-zero) is hidden too.
        #expect(s.breakdown([30, 12, 2, 0], totalShown: true) == [.shown(30), .hidden, .hidden, .shown(0)])
        #expect(s.breakdown([30, 12, 2, 0], totalShown: false) == [.shown(30), .shown(12), .hidden, .shown(0)])
    }

    @Test func twoSmallCellsAlreadyProtectEachOther() {
        #expect(s.breakdown([30, 3, 2], totalShown: true) == [.shown(30), .hidden, .hidden])
    }

    @Test func nothingSmallNothingHidden() {
        #expect(s.breakdown([30, 0, 7], totalShown: true) == [.shown(30), .shown(0), .shown(7)])
    }

    @Test func sharesFollowTheirCounts() {
        #expect(s.share(0.25, of: .hidden) == nil)
        #expect(s.share(0.25, of: .shown(10)) == 0.25)
    }

    @Test func unsuppressedShowsEverything() {
        let off = Suppression(enabled: false)
        #expect(off.breakdown([30, 12, 2], totalShown: true) == [.shown(30), .shown(12), .shown(2)])
    }
}
