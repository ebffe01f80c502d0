import Testing
@testable import PanelboardCore

/// Cells that once made the scan loop forever, and must simply pass.
@Suite struct IdentifyingDataScanTests {
    @Test(.timeLimit(.minutes(1)), arguments: [
        "alert(1)", "<script>alert(1)</script>", "x(1", "a+1", "f(0)(1)(2)", "(", "+", "((((1", "a(", "V00123(2)",
        "\"><img src=x onerror=alert(1)>", "{{#model}}{{{css}}}{{/model}}", "5(3", "1(2(3(4(5(6(7(8(9(0(1",
        "0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9", "(((((((((((0", "+++++++++1", "Tel", "TelTelTel1",
    ])
    func terminatesAndPasses(cell: String) {
        #expect(IdentifyingData.scan(cell) == nil)
    }
}

/// The guard's patterns, each with its table of positives and near-misses
/// (Support/IdentifyingValues.swift). Tests take an index, so a failure prints no
/// value.
@Suite struct IdentifyingDataTests {
    @Test(arguments: IdentifyingValues.refused.indices)
    func refuses(index: Int) {
        let (value, kind) = IdentifyingValues.refused[index]
        // Judged outside the expectation, which would print the value on failure.
        let found = IdentifyingData.scan(value)
        #expect(found == kind, "value \(index)")
    }

    @Test(arguments: IdentifyingValues.passed)
    func passes(cell: String) {
        #expect(IdentifyingData.scan(cell) == nil)
    }

    /// Two or more dates in one cell, in either accepted form, are never an NHS
    /// number or a phone number: 60 pairs (once, 25 of them were).
    @Test func datesSideBySidePass() {
        var day = Day(year: 2024, month: 1, day: 4)!
        for k in 0..<60 {
            let later = day.adding(days: 14 + k % 9)
            let iso = "reviewed \(day.iso) \(later.iso)"
            let uk = "reviewed \(Self.ukDate(day)) \(Self.ukDate(later)) and \(later.adding(days: 3).iso)"
            #expect(IdentifyingData.scan(iso) == nil, "\(iso)")
            #expect(IdentifyingData.scan(uk) == nil, "\(uk)")
            day = day.adding(days: 11)
        }
    }

    static func ukDate(_ day: Day) -> String {
        let parts = day.iso.split(separator: "-")
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }

    @Test func postcodesFollowRoyalMailsFormat() {
        // Letters no position may hold: Q first, I second, a C in the inward code.
        for cell in ["QA1 1AA", "AI1 1AA", "SW1A 1CA", "SW1A 1AC", "M1I 1AA", "TS18 - 1AA"] {
            #expect(IdentifyingData.scan(cell) == nil, "\(cell)")
        }
        // Three spaces too: typed that way, it is still the postcode.
        for cell in ["W1A 0AX", "w1a 0ax", "EC1A-1BB", "M1  1AE", "gir0aa", "TS18   1AA"] {
            #expect(IdentifyingData.scan(cell) == .postcode, "\(cell)")
        }
    }

    @Test func nationalInsuranceNumbersNeverIssuedPass() {
        for cell in ["QQ123456C", "DA123456A", "AO123456A", "GB123456A", "NK123456B", "TN123456C", "ZZ123456D", "AB123456E"] {
            #expect(IdentifyingData.scan(cell) == nil, "\(cell)")
        }
        #expect(IdentifyingData.scan("CE 12 34 56 D") == .nationalInsurance)
    }

    @Test(arguments: IdentifyingValues.identifyingColumnNames)
    func identifyingColumnNames(header: String) {
        #expect(IdentifyingData.isIdentifyingColumn(header))
    }

    @Test(arguments: IdentifyingValues.passedColumnNames)
    func otherColumnNames(header: String) {
        #expect(!IdentifyingData.isIdentifyingColumn(header))
    }

    /// No rule may refuse a column of the contract.
    @Test func theContractsOwnColumnsPass() {
        for table in ExportTable.allCases {
            for column in table.columns {
                #expect(!IdentifyingData.isIdentifyingColumn(column.name), "\(table.rawValue).\(column.name)")
            }
        }
        #expect(!IdentifyingData.isIdentifyingColumn("local_name"))
    }

    @Test func masking() {
        #expect(Mask.value("SW1A 1AA") == "S*** ***")
        #expect(Mask.value("someone@example.org") == "s******@*******.***")
        #expect(Mask.value("07700 900123") == "0**** ******")
        #expect(Mask.quoted("maybe") == "'m****'")
        #expect(Mask.value("a long sentence of free text that goes on") == "a **** ******** ** **** …")
    }

    @Test func maskingShowsControlCharactersAsEscapes() {
        #expect(Mask.value("North\u{1B}[2J") == "N****\\x1b[**")
        #expect(Mask.value("\u{1B}]8;;x\u{7}") == "\\x1b]*;;*\\x07")
        #expect(Mask.value("a\u{0}b\u{85}c\u{7F}") == "a\\x00*\\x85*\\x7f")
        #expect(Mask.value("two\r\nlines") == "t**\\x0d\\x0a*****")
    }
}

/// The per-cell check: identifying data, and control characters.
@Suite struct CellCheckTests {
    @Test(arguments: [
        ("a\u{0}b", UInt32(0)), ("\u{1B}[2J", 0x1B), ("x\u{7}", 0x07), ("x\u{7F}", 0x7F), ("x\u{85}y", 0x85),
        ("\u{9B}31m", 0x9B), ("back\u{8}", 0x08), ("\u{1F}", 0x1F), ("\u{80}", 0x80), ("\u{9F}", 0x9F),
        // Direction controls: the text would display in another order than stored.
        ("abc\u{202E}fed", 0x202E), ("\u{200F}x", 0x200F), ("x\u{2066}y\u{2069}", 0x2066), ("\u{200E}", 0x200E),
    ])
    func refusesControlCharacters(cell: String, code: UInt32) {
        #expect(CellCheck.check(cell) == .control(code))
    }

    /// Tab and the line breaks a quoted field may hold are text; so are the
    /// characters either side of C1 (`\u{A0}`, `é`, `…`).
    @Test(arguments: ["a\tb", "two\nlines", "two\r\nlines", "bare\rCR", "\u{A0}", "café", "…", "£5", "\u{7E}",
                      "Ysgol Gymraeg – Caerdydd", "naïve 2024–25", "€ 1 200", "M62 J26 – J27", "２０２４年"])
    func passesText(cell: String) {
        #expect(CellCheck.check(cell) == nil)
    }

    @Test func identifyingDataComesFirstAndMessagesAreMasked() {
        let cell = "SW1A 1AA\u{1B}"
        #expect(CellCheck.check(cell) == .identifying(.postcode))
        #expect(CellCheck.message(.identifying(.postcode), cell) == "'S*** ***\\x1b' looks like a UK postcode; exports must be anonymised")
        #expect(CellCheck.message(.control(0x1B), "North\u{1B}[2J")
                == "'N****\\x1b[**' holds a control character (\\x1b); exports must be plain text, remove it")
    }
}
