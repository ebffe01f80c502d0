import GRDB

/// The row rules that need the store: a referenced row exists (an action's
/// referral, an attendance row's meeting), a key comes once in an import, and a
/// person's cohort memberships of one panel do not overlap. Ids are registered in
/// `import_keys` as rows are read, so a row whose referral was rejected is told so;
/// in a first load (`FirstLoad`) only rejected rows' ids are.
struct StoreChecks {
    /// The look-up a table's rows need, prepared once for the file.
    private enum Reference {
        case none
        case referral(HotStatement)
        case meeting(HotStatement)
        case cohortOverlap(Statement)
    }

    private let table: ExportTable
    private let columns: RuleColumns
    private let keyIndexes: [Int]
    /// The key columns that cannot be empty (an empty member area is a key value).
    private let requiredKeyIndexes: [Int]
    private let registerKey: HotStatement
    private let keyLine: HotStatement
    private let reference: Reference
    /// Set when the table was empty as its file began (`FirstLoad`).
    let firstLoad: FirstLoad?

    init(db: Database, table: ExportTable, specs: [ColumnSpec], firstLoad: FirstLoad?) throws {
        self.table = table
        self.firstLoad = firstLoad
        columns = RuleColumns(specs)
        keyIndexes = table.keyColumns.map { key in specs.firstIndex { $0.name == key }! }
        requiredKeyIndexes = keyIndexes.filter { specs[$0].required }
        registerKey = HotStatement(
            try db.makeStatement(sql: "INSERT OR IGNORE INTO import_keys (table_name, key, line) VALUES (?, ?, ?)"), in: db)
        keyLine = HotStatement(try db.makeStatement(sql: "SELECT line FROM import_keys WHERE table_name = ? AND key = ?"), in: db)
        switch table {
        case .actions:
            reference = .referral(HotStatement(try db.makeStatement(sql: "SELECT 1 FROM referrals WHERE referral_id = ?"), in: db))
        case .attendance:
            reference = .meeting(HotStatement(try db.makeStatement(sql: "SELECT 1 FROM meetings WHERE meeting_id = ?"), in: db))
        case .cohort:
            // Memberships are half-open intervals [adopted, exit): leaving and being
            // taken on again on the same day is not an overlap.
            reference = .cohortOverlap(try db.makeStatement(sql: """
                SELECT adopted_date FROM cohort
                WHERE perpetrator_ref = ?1 AND panel = ?2 AND adopted_date <> ?3
                  AND (?4 IS NULL OR adopted_date < ?4)
                  AND (exit_date IS NULL OR exit_date > ?3)
                LIMIT 1
                """))
        default:
            reference = .none
        }
    }

    /// The spec indexes of the table's key columns.
    var keys: [Int] { keyIndexes }

    /// `rejected`: the row already has a problem, so it will not be stored.
    func check(_ row: RowValues, line: Int, rejected: Bool, problem: (Int?, String) -> Void) throws {
        var rejected = rejected
        func report(_ spec: Int?, _ message: String) {
            rejected = true
            problem(spec, message)
        }
        switch reference {
        case let .referral(exists):
            if let referral = row.string(columns[.referralID]), try exists.firstInteger(text: referral) == nil {
                report(columns[.referralID], try missingReference(.referrals, key: referral, noun: "referral"))
            }
        case let .meeting(exists):
            if let meeting = row.string(columns[.meetingID]), try exists.firstInteger(text: meeting) == nil {
                report(columns[.meetingID], try missingReference(.meetings, key: meeting, noun: "meeting"))
            }
        case let .cohortOverlap(overlap):
            if let adopted = row.string(columns[.adoptedDate]), let person = row.string(columns[.perpetratorRef]),
               let panel = row.string(columns[.panel]),
               let other = try String.fetchOne(overlap, arguments: [person, panel, adopted, row.string(columns[.exitDate])]) {
                let key = [person, panel, other].joined(separator: "\u{1F}")
                let where_ = try keyLine.firstInteger(text: table.rawValue, key).map { "line \($0)" }
                    ?? "a membership already in the store"
                report(columns[.adoptedDate], "overlaps another membership of the same person in this panel (\(where_))")
            }
        case .none:
            break
        }

        // A second row with the same key in this import.
        if requiredKeyIndexes.allSatisfy({ !row.isNull($0) }) {
            let key = keyIndexes.count == 1
                ? row.string(keyIndexes[0])!
                : keyIndexes.map { row.string($0) ?? "" }.joined(separator: "\u{1F}")
            if let first = try earlierLine(of: key, line: line, rejected: rejected) {
                report(nil, duplicate(of: first))
            }
        }
    }

    /// The message for a row whose key an earlier row of the import has.
    func duplicate(of line: Int) -> String {
        "a second row with the same \(table.keyColumns.joined(separator: ", ")) as line \(line)"
    }

    /// The line of an earlier row of this import with `key`, or nil when this is its
    /// first row (the key is then registered). In a first load only a rejected row's
    /// key is registered: a kept row's is found by the insert (`Upsert.insert`).
    private func earlierLine(of key: String, line: Int, rejected: Bool) throws -> Int? {
        guard let firstLoad else {
            if try registerKey.run(text: table.rawValue, key, integer: line) == 1 { return nil }
            return try keyLine.firstInteger(text: table.rawValue, key) ?? 0
        }
        if firstLoad.stagedKeys > 0, let first = try keyLine.firstInteger(text: table.rawValue, key) { return first }
        guard rejected else { return nil }
        if let first = try firstLoad.storedLine(of: key) { return first }
        try stageRejected(key: key, line: line, in: firstLoad)
        return nil
    }

    private func stageRejected(key: String, line: Int, in firstLoad: FirstLoad) throws {
        if try registerKey.run(text: table.rawValue, key, integer: line) == 1 { firstLoad.stagedKeys += 1 }
    }

    /// Registers the id of a row rejected before its cells were read (its field
    /// count is wrong), so that a row referring to it is told it was rejected.
    func registerRejected(key: String, line: Int) throws {
        guard let firstLoad else {
            try registerKey.run(text: table.rawValue, key, integer: line)
            return
        }
        // A key a kept row has is that row's: a later row with it names the kept one.
        if try firstLoad.storedLine(of: key) != nil { return }
        try stageRejected(key: key, line: line, in: firstLoad)
    }

    /// Why a referenced row is not there: it was rejected in this import (so this
    /// row goes with it), or it was never exported.
    private func missingReference(_ table: ExportTable, key: String, noun: String) throws -> String {
        if let line = try keyLine.firstInteger(text: table.rawValue, key) {
            return "its \(noun) (\(table.rawValue).csv line \(line)) was rejected, so this row is too"
        }
        return "no \(noun) with this \(table.keyColumns[0]), in this import or earlier"
    }
}
