import GRDB

/// Writes a row by its key: inserted when new, updated when a column the file has
/// differs, else left alone, so the same export twice changes nothing. Only the
/// columns the file has (and the derived ones) are written: a column it leaves out
/// keeps its stored value.
struct Upsert {
    /// Spec indexes of the columns written, in parameter order.
    let written: [Int]
    private let insert: HotStatement
    private let update: HotStatement?
    /// A first load's insert (`FirstLoad`): the same, with the row's line as its rowid.
    private let insertAtLine: HotStatement?

    init(db: Database, table: ExportTable, specs: [ColumnSpec], fieldIndex: [Int?], keys: [Int],
         firstLoad: Bool) throws {
        // A key column the file leaves out (a members file with no area column) is
        // written all the same, empty: it is part of the row's identity.
        let written = specs.indices.filter {
            fieldIndex[$0] != nil || table.derivedColumns.contains(specs[$0].name) || keys.contains($0)
        }
        self.written = written
        let columns = written.map { specs[$0].storedName }
        // Numbered parameters: value k of the row is ?k in both statements.
        let placeholders = written.indices.map { "?\($0 + 1)" }
        // An action carries its referral's panel and area (migration v3): the
        // insert reads them from the referral in the same statement, and the
        // update reads them again, since a changed row may name another referral.
        // referral_id is a required column, so an actions file always has it.
        let referralSpec = specs.firstIndex { $0.name == "referral_id" }
        let referral = table == .actions ? referralSpec.flatMap { written.firstIndex(of: $0) }.map { $0 + 1 } : nil
        func insertSQL(rowid: Bool) -> String {
            let names = (columns + (rowid ? ["rowid"] : [])).joined(separator: ", ")
            let values = (placeholders + (rowid ? ["?\(written.count + 1)"] : [])).joined(separator: ", ")
            if let referral {
                return """
                    INSERT OR IGNORE INTO actions (\(names), panel, area)
                    SELECT \(values), r.panel, r.area
                    FROM referrals r WHERE r.referral_id = ?\(referral)
                    """
            }
            return "INSERT OR IGNORE INTO \(table.rawValue) (\(names)) VALUES (\(values))"
        }
        insert = HotStatement(try db.makeStatement(sql: insertSQL(rowid: false)), in: db)
        insertAtLine = firstLoad ? HotStatement(try db.makeStatement(sql: insertSQL(rowid: true)), in: db) : nil
        let keyPositions = keys.map { written.firstIndex(of: $0)! }
        let nonKey = written.indices.filter { !keyPositions.contains($0) }
        // An optional key column (a member's area) is matched with IS: empty is a
        // value of the key there.
        let keyMatch = keyPositions.map { k -> String in
            let spec = specs[written[k]]
            return "\(spec.storedName) \(table.optionalKeyColumns.contains(spec.name) ? "IS" : "=") ?\(k + 1)"
        }.joined(separator: " AND ")
        if nonKey.isEmpty {
            update = nil
        } else {
            var assignments = nonKey.map { "\(specs[written[$0]].storedName) = ?\($0 + 1)" }
            if let referral {
                assignments.append(
                    "(panel, area) = (SELECT r.panel, r.area FROM referrals r WHERE r.referral_id = ?\(referral))")
            }
            let differs = nonKey.map { "\(specs[written[$0]].storedName) IS NOT ?\($0 + 1)" }
            update = HotStatement(try db.makeStatement(sql: """
                UPDATE \(table.rawValue) SET \(assignments.joined(separator: ", "))
                WHERE \(keyMatch) AND (\(differs.joined(separator: " OR ")))
                """), in: db)
        }
    }

    /// Stores a row of a first load under its line (`FirstLoad`); false when the
    /// key is already in the table, that is, an earlier row of the file has it.
    func insert(_ row: RowValues, line: Int) throws -> Bool {
        try insertAtLine!.run(row, positions: written, then: Int64(line)) == 1
    }

    func run(_ row: RowValues) throws -> RowOutcome {
        if try insert.run(row, positions: written) == 1 { return .new }
        guard let update else { return .unchanged }
        return try update.run(row, positions: written) == 1 ? .changed : .unchanged
    }
}
