import Testing
@testable import PanelboardCore

/// Cells that once made the scan loop forever, and must simply pass.
@Suite struct IdentifyingDataScanTests {
    @Test(.timeLimit(.minutes(1)), arguments: [
        "alert(1)", "<script>alert(1)</script>", "x(1", "a+1", "f(0)(1)(2)", "(", "+", "((((1", "a(", "V00123(2)",
        "\"><img src=x onerror=alert(1)>", "{{#model}}{{{css}}}{{/model}}",
    ])
    func terminatesAndPasses(cell: String) {
        #expect(IdentifyingData.scan(cell) == nil)
    }
}
