import GRDB
import Testing
@testable import PanelboardCore

@Suite struct OutputFormatTests {
    let result = ResultTable(
        columns: ["agency", "n", "share", "note"],
        rows: [
            ["police".databaseValue, 39.databaseValue, 0.57.databaseValue, "=HYPERLINK(\"x\")".databaseValue],
            ["idva".databaseValue, (-3).databaseValue, DatabaseValue.null, "a, \"quoted\"\nline".databaseValue],
        ])

    @Test func csvNeutralisesFormulasButNotNumbers() {
        #expect(CSVFormat.render(result) == """
            agency,n,share,note\r
            police,39,0.57,"'=HYPERLINK(""x"")"\r
            idva,-3,,"a, ""quoted""\nline"\r

            """)
    }

    @Test(arguments: ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
    func everyFormulaPrefixIsNeutralised(text: String) {
        #expect(CSVText.neutralised(text) == "'" + text)
    }

    @Test func jsonIsTyped() {
        #expect(JSONFormat.render(result) == """
            [
              {"agency": "police", "n": 39, "share": 0.57, "note": "=HYPERLINK(\\"x\\")"},
              {"agency": "idva", "n": -3, "share": null, "note": "a, \\"quoted\\"\\nline"}
            ]

            """)
        #expect(JSONFormat.render(ResultTable(columns: ["a"], rows: [])) == "[]\n")
    }

    @Test func markdownEscapesPipesAndLineBreaks() {
        let table = ResultTable(columns: ["a|b", "n"], rows: [["x|y\nz".databaseValue, 2.databaseValue]])
        #expect(OutputFormat.markdown.render(table) == """
            | a\\|b | n |
            | --- | ---: |
            | x\\|y<br>z | 2 |

            """)
    }

    @Test func tableAlignsAndCutsLongCells() {
        let long = String(repeating: "x", count: 60)
        let table = ResultTable(columns: ["id", "n"], rows: [[long.databaseValue, 5.databaseValue], ["b".databaseValue, 120.databaseValue]])
        #expect(OutputFormat.table.render(table) == """
            id                                          n
            ----------------------------------------  ---
            \(String(repeating: "x", count: 39))…    5
            b                                         120
            (2 rows)

            """)
    }
}
