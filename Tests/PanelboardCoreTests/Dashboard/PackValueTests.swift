import Testing
@testable import PanelboardCore

/// A page cell read back as a typed pack value: what a spreadsheet holds as a
/// number, what stays text, and the CSV text of each.
@Suite struct PackValueTests {
    @Test(arguments: [
        ("1,234", true, PackValue.number(1234, .whole), "1234"),
        ("27.9%", true, .number(0.279, .percent(1)), "27.9%"),
        ("33%", true, .number(0.33, .percent(0)), "33%"),
        ("-6.0", true, .number(-6, .decimal(1)), "-6.0"),
        ("<5", true, .symbol("<5"), "<5"),
        ("<3", true, .symbol("<3"), "<3"),
        ("[c]", true, .symbol("[c]"), "[c]"),
        ("not recorded", true, .blank, ""),
        ("–", true, .blank, ""),
        ("50 in, <5 out", true, .text("50 in, <5 out"), "50 in, <5 out"),
        ("12", false, .text("12"), "12"),
        ("", false, .blank, ""),
    ] as [(String, Bool, PackValue, String)])
    func pageCellsReadBack(text: String, numeric: Bool, value: PackValue, csv: String) {
        let read = PackValue(cell: DashboardModel.Cell(text: text, numeric: numeric))
        if case let .number(a, styleA) = read, case let .number(b, styleB) = value {
            #expect(abs(a - b) < 1e-12 && styleA == styleB, "\(text)")
        } else {
            #expect(read == value, "\(text)")
        }
        #expect(read.csvText == csv)
    }

    /// In a CSV file a negative decimal is a number, not text a spreadsheet would
    /// take for a formula (and the neutraliser would quote).
    @Test func aNegativeDecimalIsWrittenAsANumber() {
        let table = PackTable(name: "t", title: "t", columns: ["Measure", "Score"],
                              rows: [DashboardModel.Row(cells: [.init(text: "Change", numeric: false), .init(text: "-6.5", numeric: true)])])
        #expect(CSVFormat.render(table.result(unsuppressedNotice: nil)) == "Measure,Score\r\nChange,-6.5\r\n")
    }
}
