/// A row as the row rules read it: typed values by spec index (the importer's
/// `RowValues`). Text compares as bytes, so ISO dates compare as dates.
protocol RuleRow {
    func isNull(_ i: Int) -> Bool
    func string(_ i: Int) -> String?
    func textEquals(_ i: Int, _ ascii: StaticString) -> Bool
    func textLess(_ a: Int, _ b: Int) -> Bool
    mutating func setText(_ i: Int, _ string: String)
}

/// The spec index of each column a rule names (-1 when the table has no such
/// column), looked up once rather than by name on every row.
struct RuleColumns: Sendable {
    enum Name: Int, CaseIterable {
        case victimRef, perpetratorRef, meetingDate, referralDate, completedDate, agreedDate, dueDate
        case status, referralID, meetingID, adoptedDate, exitDate, exitReason, panel
        case fromDate, toDate

        var column: String {
            switch self {
            case .victimRef: "victim_ref"
            case .perpetratorRef: "perpetrator_ref"
            case .meetingDate: "meeting_date"
            case .referralDate: "referral_date"
            case .completedDate: "completed_date"
            case .agreedDate: "agreed_date"
            case .dueDate: "due_date"
            case .status: "status"
            case .referralID: "referral_id"
            case .meetingID: "meeting_id"
            case .adoptedDate: "adopted_date"
            case .exitDate: "exit_date"
            case .exitReason: "exit_reason"
            case .panel: "panel"
            case .fromDate: "from_date"
            case .toDate: "to_date"
            }
        }
    }

    private let indexes: [Int]

    init(_ specs: [ColumnSpec]) {
        indexes = Name.allCases.map { name in specs.firstIndex { $0.name == name.column } ?? -1 }
    }

    subscript(_ name: Name) -> Int { indexes[name.rawValue] }
}

extension ExportTable {
    /// Columns the importer fills even when a file does not have them.
    var derivedColumns: [String] {
        self == .actions ? ["status"] : []
    }
}

/// The data contract's row rules (docs/data-contract.md, "Row rules") that need
/// nothing but the row: judged on the row as it will be stored (a column the file
/// leaves out holds its stored value by then). The rules that need the store
/// (references, keys, overlapping memberships) are the importer's `StoreChecks`.
struct RowRules: Sendable {
    let table: ExportTable
    let columns: RuleColumns

    init(table: ExportTable, specs: [ColumnSpec]) {
        self.table = table
        columns = RuleColumns(specs)
    }

    /// How the file gives a rule column.
    enum Given {
        /// The file has no such column.
        case absent
        /// The column is there and this row's cell is empty.
        case blank
        /// The cell holds something (parsed, or already reported as a problem).
        case written
    }

    /// Checks `row`, filling what the contract derives (an action's status), and
    /// reports each broken rule with the spec index of the column it is about.
    func check<Row: RuleRow>(_ row: inout Row, given: (Int) -> Given, problem: (Int?, String) -> Void) {
        /// No cell of the column holds something already reported: "needs one of"
        /// is the right message, not a second one about the same cell.
        func unwritten(_ s: Int) -> Bool { given(s) != .written }
        switch table {
        case .referrals, .incidents:
            let victim = columns[.victimRef], perpetrator = columns[.perpetratorRef]
            if row.isNull(victim) && row.isNull(perpetrator) && unwritten(victim) && unwritten(perpetrator) {
                problem(nil, table == .referrals ? "needs a victim_ref or a perpetrator_ref (or both)"
                                                 : "needs a perpetrator_ref or a victim_ref (or both)")
            }
            if table == .referrals && row.textLess(columns[.meetingDate], columns[.referralDate]) {
                problem(columns[.meetingDate], "the meeting date is before the referral date")
            }
        case .actions:
            let completed = columns[.completedDate], agreed = columns[.agreedDate], due = columns[.dueDate]
            let status = columns[.status]
            switch given(status) {
            case .absent:
                // No status column: the status the store holds (nil for a new row),
                // unless the completed date says otherwise.
                row.setText(status, ActionStatus.derived(stored: row.string(status), completed: !row.isNull(completed)))
            case .blank:
                // An empty status cell: the export says the status is not recorded.
                row.setText(status, ActionStatus.derived(stored: nil, completed: !row.isNull(completed)))
            case .written:
                break
            }
            let isCompleted = row.textEquals(status, "completed")
            if isCompleted && row.isNull(completed) {
                problem(status, "status is completed but there is no completed_date")
            }
            if !row.isNull(status) && !row.isNull(completed) && !isCompleted {
                problem(completed, "a completed_date needs status completed (or no status), not \(row.string(status)!)")
            }
            if row.textLess(completed, agreed) {
                problem(completed, "the completed date is before the agreed date")
            }
            if row.textLess(due, agreed) {
                problem(due, "the due date is before the agreed date")
            }
        case .cohort:
            if let adopted = row.string(columns[.adoptedDate]) {
                let exit = row.string(columns[.exitDate])
                if let exit, exit < adopted {
                    problem(columns[.exitDate], "the exit date is before the adopted date")
                }
                if exit != nil && row.isNull(columns[.exitReason]) && unwritten(columns[.exitReason]) {
                    problem(columns[.exitReason], "an exit needs an exit_reason")
                }
            }
        case .members:
            if row.textLess(columns[.toDate], columns[.fromDate]) {
                problem(columns[.toDate], "the to_date is before the from_date")
            }
        case .meetings, .attendance, .areas, .panels, .holidays:
            break
        }
    }
}

/// An action's status when the export does not give one.
enum ActionStatus {
    /// `completed` when the action has a completed date. Otherwise the stored
    /// status (`open`, `not_completed` or `cancelled` stay as they are), except that
    /// a stored `completed` whose completed date the export has now emptied is
    /// `open` again, since a completed action needs its date; `open` for a new row.
    static func derived(stored: String?, completed: Bool) -> String {
        if completed { return "completed" }
        guard let stored, stored != "completed" else { return "open" }
        return stored
    }
}
