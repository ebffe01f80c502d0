import Testing
@testable import PanelboardCore

@Suite struct DayTests {
    @Test(arguments: [
        ("2024-03-01", "2024-03-01"), ("01/03/2024", "2024-03-01"), ("1/3/2024", "2024-03-01"),
        (" 29/02/2024 ", "2024-02-29"), ("2000-02-29", "2000-02-29"),
    ])
    func parsesTheTwoAllowedForms(text: String, iso: String) {
        #expect(Day(parsing: text)?.iso == iso)
    }

    @Test(arguments: [
        "2024/03/01", "01-03-2024", "31/02/2024", "2023-02-29", "1900-02-29", "2024-13-01",
        "2024-00-10", "2024-1-5", "03/01/24", "", "yesterday", "2024-03-01T00:00", "１/3/2024",
    ])
    func refusesEverythingElse(text: String) {
        #expect(Day(parsing: text) == nil)
    }

    @Test func twelveMonthsBackClampsToTheMonthsEnd() {
        #expect(Day(year: 2024, month: 3, day: 15)!.addingMonths(-12).iso == "2023-03-15")
        #expect(Day(year: 2024, month: 2, day: 29)!.addingMonths(-12).iso == "2023-02-28")
        #expect(Day(year: 2024, month: 1, day: 31)!.addingMonths(1).iso == "2024-02-29")
        #expect(Day(year: 2024, month: 12, day: 31)!.addingMonths(2).iso == "2025-02-28")
    }

    @Test func ordinalsRoundTripAndCountDays() {
        let day = Day(year: 2024, month: 3, day: 1)!
        #expect(Day(year: 1970, month: 1, day: 1)!.ordinal == 0)
        #expect(day.ordinal - Day(year: 2024, month: 2, day: 28)!.ordinal == 2)
        for offset in stride(from: -800, through: 800, by: 37) {
            #expect(Day(ordinal: day.ordinal + offset).ordinal == day.ordinal + offset)
        }
        #expect(day.adding(days: 365).iso == "2025-03-01")
    }

    @Test(arguments: [("Y", true), ("yes", true), ("TRUE", true), ("1", true),
                      ("n", false), ("No", false), ("false", false), ("0", false)])
    func booleans(text: String, value: Bool) {
        #expect(BooleanCell.parse(text) == value)
    }

    @Test(arguments: ["2", "maybe", "yep", "T", ""])
    func notBooleans(text: String) {
        #expect(BooleanCell.parse(text) == nil)
    }
}

@Suite struct VocabularyTests {
    @Test func foldsCaseSpacesAndHyphens() {
        #expect(Vocabulary.referralReason.canonical("Visible high risk") == "visible_high_risk")
        #expect(Vocabulary.discussionType.canonical(" significant-update ") == "significant_update")
        #expect(Vocabulary.gender.canonical("F") == "female")
        #expect(Vocabulary.gender.canonical("m") == "male")
        #expect(Vocabulary.ageBand.canonical("16-17") == "16-17")
        #expect(Vocabulary.ageBand.canonical("16 17") == "16-17")
        #expect(Vocabulary.ageBand.canonical("65+") == "65+")
        #expect(Vocabulary.actionStatus.canonical("done") == nil)
    }

    @Test func agencies() {
        #expect(Agency.canonical("POLICE") == "police")
        #expect(Agency.canonical("Mental Health") == "mental_health")
        #expect(Agency.canonical("Children's Social Care") == nil)
        var mapping = AgencyMapping()
        mapping.add(localName: "Children's Social Care", agency: "children_social_care")
        #expect(mapping.resolve(" children's social care ") == "children_social_care")
        #expect(mapping.resolve("IDVA") == "idva")
        #expect(mapping.resolve("CGL") == nil)
    }
}
