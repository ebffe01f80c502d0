import Testing
@testable import PanelboardCore

/// The cell parser on its own: bytes in, a typed value in the row or a masked
/// problem out, with no store, no row rules and no guard.
@Suite struct CellParserTests {
    static let specs = ExportTable.referrals.columns
    static let parser = CellParser(specs: specs, asOf: Day(year: 2024, month: 4, day: 1)!)
    static func column(_ name: String) -> Int { specs.firstIndex { $0.name == name }! }

    /// Parses `text` into column `name`: the stored value, or the problem.
    static func parse(_ name: String, _ text: String) -> (value: String?, problem: String?) {
        var row = RowValues(count: specs.count)
        var text = text
        let outcome = text.withUTF8 { parser.parse(column(name), $0, into: &row) }
        switch outcome {
        case .parsed: return (row.string(column(name)), nil)
        case let .agency(bytes): return (bytes.string, "agency")
        case let .problem(message): return (nil, message)
        }
    }

    @Test(arguments: [
        ("panel", " marac ", "MARAC"),
        ("referral_date", "2024-02-29", "2024-02-29"),
        ("referral_date", "01/03/2024", "2024-03-01"),
        ("victim_disabled", "Yes", "1"),
        ("victim_disabled", "n", "0"),
        ("dash_score", "27", "27"),
        ("children_count", "007", "7"),
        ("referral_reason", "Visible high-risk", "visible_high_risk"),
        ("victim_gender", "F", "female"),
        ("victim_ref", "  V00123 ", "V00123"),
        ("outcome", "", nil),
    ])
    func parsesEachType(column: String, text: String, stored: String?) {
        let result = Self.parse(column, text)
        #expect(result.problem == nil)
        #expect(result.value == stored)
    }

    @Test(arguments: [
        ("panel", "MA RAC", "'M* ***' is not a panel code (letters, digits, _ or -, e.g. MARAC, DRAMM, DAPP, IDAP)"),
        ("referral_date", "31/02/2024", "'3*/**/****' is not a day of the calendar (no such month, or no such day in that month)"),
        ("referral_date", "2024-04-02", "the date is after the as-of date 2024-04-01; a date in the future is a mistake in the export (or set --as-of)"),
        ("dash_score", "28", "'2*' is not a whole number (0 to 27)"),
        ("children_count", "9223372036854775807", "'9******************' is not a whole number (0 to 30)"),
        ("victim_disabled", "maybe", "'m****' is not a yes/no value (use Y/N, Yes/No, TRUE/FALSE or 1/0)"),
        ("referral_id", " ", "required, but empty"),
    ])
    func refusesWithAMaskedMessage(column: String, text: String, message: String) {
        let result = Self.parse(column, text)
        #expect(result.value == nil)
        #expect(result.problem == message)
    }

    @Test func anAgencyCellIsLeftToTheMapping() {
        let result = Self.parse("referring_agency", " West Yorkshire Police ")
        #expect(result.problem == "agency")
        #expect(result.value == "West Yorkshire Police")
    }
}

/// The contract's row rules on their own, on rows built by hand.
@Suite struct RowRulesTests {
    static func row(_ table: ExportTable, _ values: [String: String]) -> (RowValues, RuleColumns, [ColumnSpec]) {
        let specs = table.columns
        var row = RowValues(count: specs.count)
        for (name, value) in values { row.setText(specs.firstIndex { $0.name == name }!, value) }
        return (row, RuleColumns(specs), specs)
    }

    static func problems(_ table: ExportTable, _ values: [String: String], absent: Set<String> = []) -> [String] {
        var (row, _, specs) = Self.row(table, values)
        var out: [String] = []
        RowRules(table: table, specs: specs).check(&row, given: { s in
            absent.contains(specs[s].name) ? .absent : (values[specs[s].name] == nil ? .blank : .written)
        }, problem: { spec, message in out.append((spec.map { specs[$0].name + ": " } ?? "") + message) })
        return out
    }

    @Test func referralsNeedAPersonAndAMeetingAfterTheReferral() {
        #expect(Self.problems(.referrals, ["referral_date": "2024-02-01"]) == ["needs a victim_ref or a perpetrator_ref (or both)"])
        #expect(Self.problems(.referrals, ["victim_ref": "V1", "referral_date": "2024-02-01", "meeting_date": "2024-01-31"])
            == ["meeting_date: the meeting date is before the referral date"])
        #expect(Self.problems(.referrals, ["perpetrator_ref": "P1", "referral_date": "2024-02-01", "meeting_date": "2024-02-01"]).isEmpty)
    }

    @Test func anActionsStatusIsDerivedWhenNotGiven() {
        var (row, columns, specs) = Self.row(.actions, ["agreed_date": "2024-01-01", "completed_date": "2024-01-05"])
        RowRules(table: .actions, specs: specs).check(&row, given: { _ in .absent }, problem: { _, _ in Issue.record("no problem expected") })
        #expect(row.string(columns[.status]) == "completed")
        // A stored cancelled action stays cancelled when the file has no status column.
        (row, columns, specs) = Self.row(.actions, ["agreed_date": "2024-01-01", "status": "cancelled"])
        RowRules(table: .actions, specs: specs).check(&row, given: { specs[$0].name == "status" ? .absent : .written },
                                                     problem: { _, _ in Issue.record("no problem expected") })
        #expect(row.string(columns[.status]) == "cancelled")
    }

    @Test func actionsDatesAndStatusAgree() {
        #expect(Self.problems(.actions, ["agreed_date": "2024-01-10", "status": "completed"])
            == ["status: status is completed but there is no completed_date"])
        #expect(Self.problems(.actions, ["agreed_date": "2024-01-10", "completed_date": "2024-01-09", "due_date": "2024-01-01"])
            == ["completed_date: the completed date is before the agreed date", "due_date: the due date is before the agreed date"])
        #expect(Self.problems(.actions, ["agreed_date": "2024-01-10", "completed_date": "2024-01-12", "status": "open"])
            == ["completed_date: a completed_date needs status completed (or no status), not open"])
    }

    @Test func cohortExitsComeAfterAdoptionWithAReason() {
        #expect(Self.problems(.cohort, ["adopted_date": "2024-03-01", "exit_date": "2024-02-01", "exit_reason": "custody"])
            == ["exit_date: the exit date is before the adopted date"])
        #expect(Self.problems(.cohort, ["adopted_date": "2024-03-01", "exit_date": "2024-04-01"])
            == ["exit_reason: an exit needs an exit_reason"])
    }
}
