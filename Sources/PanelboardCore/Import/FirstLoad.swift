import GRDB

/// A table that holds no row when its file starts loading: a first import, the
/// case whose speed matters most. Every key the table holds afterwards came from
/// this file, so a key already there is a second row of the file, and no stored row
/// can have disappeared (issue 18's list is empty by construction).
///
/// So the file's kept rows are not staged in `import_keys` (a B-tree insert per row
/// and, at the end, a scan joining every staged key to its row: 2.1 s of CPU in a
/// million, Benchmarks/RESULTS.md). The table's own unique key finds a second row;
/// each row is stored with its line number as its rowid, so the first row's line
/// is one look-up, on that error path only, whatever the number of duplicates.
/// `import_keys` holds only rejected rows' keys, for "its referral (line N) was
/// rejected" and for a later row with a rejected row's key.
final class FirstLoad {
    /// The spec index of the table's key column.
    let keySpec: Int
    /// Rejected rows' keys staged in `import_keys` so far: while none, a kept row
    /// need not look there.
    var stagedKeys = 0
    private let lineOfKey: HotStatement

    /// nil unless the table is empty, has rowids, and keeps its key (one required
    /// column) unique itself.
    init?(db: Database, table: ExportTable, specs: [ColumnSpec]) throws {
        guard table.keyColumns.count == 1,
              let key = specs.firstIndex(where: { $0.name == table.keyColumns[0] }), specs[key].required
        else { return nil }
        let name = table.rawValue, column = specs[key].storedName
        guard try Bool.fetchOne(db, sql: "SELECT NOT wr FROM pragma_table_list(?)", arguments: [name]) == true,
              try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM \(name))") == true,
              try Bool.fetchOne(db, sql: """
                  SELECT EXISTS (SELECT 1 FROM pragma_index_list(?1) l
                                 WHERE l."unique" AND (SELECT group_concat(i.name) FROM pragma_index_info(l.name) i) = ?2)
                  """, arguments: [name, column]) == true
        else { return nil }
        keySpec = key
        lineOfKey = HotStatement(try db.makeStatement(sql: "SELECT rowid FROM \(name) WHERE \(column) = ?"), in: db)
    }

    /// The line of the row of this file stored under `key`, if any.
    func storedLine(of key: String) throws -> Int? {
        try lineOfKey.firstInteger(text: key)
    }
}
