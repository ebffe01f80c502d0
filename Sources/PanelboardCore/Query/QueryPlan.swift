import GRDB

/// SQLite's plan for a query (`EXPLAIN QUERY PLAN`), as the indented tree the
/// sqlite3 shell prints: how an analyst checks that a query seeks by index rather
/// than reading a whole table.
public enum QueryPlan {
    public static func explain(_ query: AdHocQuery, on store: Store) throws -> String {
        var plan = query
        plan.sql = "EXPLAIN QUERY PLAN " + query.sql
        plan.requiresEveryParameter = false
        let table = try plan.run(on: store)
        guard let id = table.columns.firstIndex(of: "id"), let parent = table.columns.firstIndex(of: "parent"),
              let detail = table.columns.firstIndex(of: "detail") else { return "" }
        var depth: [Int64: Int] = [0: 0]
        var lines = ["QUERY PLAN"]
        for row in table.rows {
            let node = Int64.fromDatabaseValue(row[id]) ?? 0
            let level = (depth[Int64.fromDatabaseValue(row[parent]) ?? 0] ?? 0) + 1
            depth[node] = level
            lines.append(String(repeating: "  ", count: level - 1) + "- " + (String.fromDatabaseValue(row[detail]) ?? ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
