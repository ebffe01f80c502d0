import GRDB

/// One family of figures from the metric definitions: its SQL (a named query over
/// the store, taking the scope's named parameters), its result type, and what it
/// means. The SQL is the definition: the engine runs it, and an analyst can run the
/// very same text with `panelboard query SQL --param ...` (docs/metrics.md).
public protocol MetricFamily {
    associatedtype Result: Sendable
    /// The member name in `metrics --format json` (`volumes`, `repeats`, ...).
    static var name: String { get }
    /// One line: what the family counts.
    static var summary: String { get }
    /// The named query. Parameters: :panel, :area (an area or an area group, NULL
    /// for all), :from, :to, :as_of, :days, and the settings.
    static var sql: String { get }
    static func result(from rows: [Row], scope: MetricScope) throws -> Result
}

extension MetricFamily {
    public static func compute(_ db: Database, scope: MetricScope) throws -> Result {
        // The panel's own terms (panels.csv) under the run's settings; a no-op
        // when the caller resolved them already.
        let scope = try scope.resolvingProfile(db)
        return try result(from: try rows(db, sql: sql, scope: scope, timedAs: name), scope: scope)
    }

    /// The rows of `sql` with the scope's parameters that it names.
    static func rows(_ db: Database, sql: String, scope: MetricScope, timedAs label: String) throws -> [Row] {
        let statement = try db.cachedStatement(sql: sql)
        let wanted = Set(statement.sqliteArgumentNames)
        let arguments = scope.parameters.filter { wanted.contains($0.key) }
        return try QueryTimes.measure(label) { try Row.fetchAll(statement, arguments: StatementArguments(arguments)) }
    }
}

extension Statement {
    /// The statement's named parameters, without their `:`.
    var sqliteArgumentNames: [String] {
        (1...max(1, Int(sqlite3_bind_parameter_count(sqliteStatement)))).compactMap { i in
            sqlite3_bind_parameter_name(sqliteStatement, Int32(i)).map { String(String(cString: $0).dropFirst()) }
        }
    }
}

import GRDBSQLite

/// SQL pieces every family shares, so a rule such as "which referrals are in
/// scope" is written once.
enum MetricSQL {
    /// True when `column` is the area in scope: every area when :area is NULL,
    /// else the area itself or any area of the area group it names.
    static func inArea(_ column: String) -> String {
        "(:area IS NULL OR \(column) = :area OR \(column) IN (SELECT g.area FROM areas g WHERE g.area_group = :area))"
    }

    /// SQL for the date `date` plus `months` calendar months (both SQL expressions;
    /// negative months go back), clamped to the month's end as metrics.md defines
    /// "12 months": 29 Feb 2024 - 12 months = 28 Feb 2023, 31 Jan + 1 month = 28 or
    /// 29 Feb. SQLite's own `date(d, '-12 months')` would roll 29 Feb 2023 over to
    /// 1 March, so the answer is the smaller of that and the last day of the target
    /// month. Matches `Day.addingMonths`.
    static func addingMonths(_ date: String, _ months: String) -> String {
        "min(date(\(date), printf('%+d months', \(months))), "
            + "date(\(date), 'start of month', printf('%+d months', \(months)), '+1 month', '-1 day'))"
    }

    /// Cases discussed: referrals in scope heard in the period. Written out rather
    /// than read from `scoped_referrals`: a family that uses it twice makes SQLite
    /// materialise it, and it must then hold a quarter, not the panel's ten years.
    static let discussed = discussed(columns: "r.*")

    /// Cases discussed with only `columns` (of referrals r). A family that reads
    /// `discussed` twice has SQLite copy it into a temporary table first, and every
    /// column of a quarter's 15,000 referrals copied cost as much as the figures
    /// themselves (half of referral reasons' time on a national MARAC). List every
    /// column the family reads: an unqualified name missing here could be taken
    /// from an enclosing query's table instead.
    /// `notMaterialized`: for a query that reads it once per period over a span
    /// of several (`TrendSQL`), each read one index range; copied whole, every
    /// case's row of the span was read from the table first.
    static func discussed(columns: String, notMaterialized: Bool = false) -> String {
        """
        discussed AS \(notMaterialized ? "NOT MATERIALIZED " : "")(
            SELECT \(columns) FROM referrals r
            WHERE r.panel = :panel
              AND r.meeting_date BETWEEN :from AND :to
              AND \(MetricSQL.inArea("r.area"))
        )
        """
    }
}

/// A count and its share of a whole; the share is null when the whole is 0.
public struct CountShare: Sendable, Equatable {
    public let count: Int
    public let share: Double?

    public init(count: Int, of whole: Int) {
        self.count = count
        self.share = whole == 0 ? nil : Double(count) / Double(whole)
    }

    var json: JSONValue { .object([("count", .int(count)), ("share", .number(share))]) }
}
