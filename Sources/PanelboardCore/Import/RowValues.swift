import GRDB
import GRDBSQLite

/// One row's typed values on their way to the store, without a String or a boxed
/// `DatabaseValue` per cell: text lives as byte ranges in one scratch buffer reused
/// from row to row, and the values are bound straight through SQLite's C API.
///
/// The import's hot loop runs once per cell of a million-row file; this is what
/// keeps it at the speed of the SQLite B-tree rather than of the allocator.
struct RowValues {
    enum Value {
        case null
        case integer(Int64)
        /// A range of `scratch`.
        case text(Int, Int)
    }

    private var values: [Value]
    private var scratch: [UInt8] = []

    /// `reserve`: bytes of text to make room for at once (a row read ahead waits
    /// in a batch of a thousand, so its buffer grows only to what its rows need).
    init(count: Int, reserve: Int = 1024) {
        values = Array(repeating: .null, count: count)
        scratch.reserveCapacity(reserve)
    }

    mutating func clear() {
        for i in values.indices { values[i] = .null }
        scratch.removeAll(keepingCapacity: true)
    }

    mutating func setInteger(_ i: Int, _ n: Int64) { values[i] = .integer(n) }

    mutating func setText(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
        let start = scratch.count
        scratch.append(contentsOf: bytes)
        values[i] = .text(start, scratch.count)
    }

    mutating func setText(_ i: Int, _ bytes: [UInt8]) {
        let start = scratch.count
        scratch.append(contentsOf: bytes)
        values[i] = .text(start, scratch.count)
    }

    mutating func setText(_ i: Int, _ string: String) {
        let start = scratch.count
        scratch.append(contentsOf: string.utf8)
        values[i] = .text(start, scratch.count)
    }

    /// A date as the store holds it, `YYYY-MM-DD`.
    mutating func setDay(_ i: Int, _ day: Day) {
        let start = scratch.count
        day.appendISO(to: &scratch)
        values[i] = .text(start, scratch.count)
    }

    func isNull(_ i: Int) -> Bool {
        if case .null = values[i] { return true }
        return false
    }

    func string(_ i: Int) -> String? {
        switch values[i] {
        case .null: return nil
        case let .integer(n): return String(n)
        case let .text(a, b): return String(decoding: scratch[a..<b], as: UTF8.self)
        }
    }

    /// Whether text value `i` equals `ascii`.
    func textEquals(_ i: Int, _ ascii: StaticString) -> Bool {
        guard case let .text(a, b) = values[i], b - a == ascii.utf8CodeUnitCount else { return false }
        let other = UnsafeBufferPointer(start: ascii.utf8Start, count: ascii.utf8CodeUnitCount)
        return scratch[a..<b].elementsEqual(other)
    }

    /// `values[a] < values[b]` for two text values (ISO dates compare as text);
    /// false when either is null.
    func textLess(_ a: Int, _ b: Int) -> Bool {
        guard case let .text(a0, a1) = values[a], case let .text(b0, b1) = values[b] else { return false }
        return scratch[a0..<a1].lexicographicallyPrecedes(scratch[b0..<b1])
    }

    /// Binds the values at `positions` to parameters 1, 2, ... of `statement` (and
    /// `last`, if given, to the parameter after them) and runs `body` (the
    /// statement's step) while they stay bound. The text is not copied: SQLite
    /// reads it in place from the row's buffer, which is pinned until `body`
    /// returns, and the bindings are cleared before it may move (a copy per text
    /// value, with its malloc and free, was a few percent of the loading thread's
    /// time).
    func withBound<R>(_ positions: [Int], to statement: SQLiteStatement, then last: Int64? = nil,
                      _ body: () throws -> R) rethrows -> R {
        try scratch.withUnsafeBufferPointer { buffer in
            for (k, i) in positions.enumerated() {
                let parameter = Int32(k + 1)
                switch values[i] {
                case .null: sqlite3_bind_null(statement, parameter)
                case let .integer(n): sqlite3_bind_int64(statement, parameter, n)
                case let .text(a, b):
                    // An empty range of an empty buffer has no base address; bind "".
                    let pointer = buffer.baseAddress.map { UnsafeRawPointer($0 + a) } ?? UnsafeRawPointer(bitPattern: 1)!
                    sqlite3_bind_text(statement, parameter, pointer.assumingMemoryBound(to: CChar.self), Int32(b - a), staticDestructor)
                }
            }
            if let last { sqlite3_bind_int64(statement, Int32(positions.count + 1), last) }
            defer { sqlite3_clear_bindings(statement) }
            return try body()
        }
    }
}

/// SQLite reads a value bound with this destructor in place, never copying or
/// freeing it: the caller keeps it alive and unchanged until the step is done.
private let staticDestructor: sqlite3_destructor_type? = nil

/// A GRDB statement stepped through the C API, for the statements that run once per
/// row of an import. GRDB prepared it and keeps it alive; everything else about the
/// store still goes through GRDB.
struct HotStatement {
    let statement: Statement
    let connection: SQLiteConnection

    init(_ statement: Statement, in db: Database) {
        self.statement = statement
        self.connection = db.sqliteConnection!
    }

    var handle: SQLiteStatement { statement.sqliteStatement }

    /// Binds `positions` of `row`, runs the statement to completion and returns the
    /// number of rows it changed.
    @discardableResult
    func run(_ row: RowValues, positions: [Int], then last: Int64? = nil) throws -> Int {
        try row.withBound(positions, to: handle, then: last) { try step() }
    }

    /// Binds text and integer arguments in order, runs, returns the rows changed.
    @discardableResult
    func run(text: String, _ more: String? = nil, integer: Int? = nil) throws -> Int {
        try withText(text, more) { next in
            if let integer { sqlite3_bind_int64(handle, next, Int64(integer)) }
            return try step()
        }
    }

    /// The first column of the first row, as an integer, or nil when no row.
    func firstInteger(text: String, _ more: String? = nil) throws -> Int? {
        try withText(text, more) { _ in
            defer { sqlite3_reset(handle) }
            switch sqlite3_step(handle) {
            case SQLITE_ROW: return Int(sqlite3_column_int64(handle, 0))
            case SQLITE_DONE: return nil
            case let code: throw failure(code)
            }
        }
    }

    /// Binds `text` (and `more`) to the first parameters in place, as
    /// `RowValues.withBound` does, and runs `body` with the next parameter's number.
    private func withText<R>(_ text: String, _ more: String?, _ body: (Int32) throws -> R) rethrows -> R {
        var text = text, second = more ?? ""
        return try text.withUTF8 { first in
            try second.withUTF8 { second in
                func bind(_ parameter: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
                    let pointer = bytes.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(bitPattern: 1)!
                    sqlite3_bind_text(handle, parameter, pointer.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
                }
                bind(1, first)
                if more != nil { bind(2, second) }
                defer { sqlite3_clear_bindings(handle) }
                return try body(more != nil ? 3 : 2)
            }
        }
    }

    private func step() throws -> Int {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw failure(code) }
        return Int(sqlite3_changes(connection))
    }

    func failure(_ code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)),
            sql: statement.sql)
    }
}

// MARK: Cells as bytes

extension UnsafeBufferPointer where Element == UInt8 {
    /// Without surrounding spaces and tabs.
    func trimmingSpaces() -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = count
        while start < end, self[start] == 0x20 || self[start] == 0x09 { start += 1 }
        while end > start, self[end - 1] == 0x20 || self[end - 1] == 0x09 { end -= 1 }
        return UnsafeBufferPointer(rebasing: self[start..<end])
    }

    var string: String { String(decoding: self, as: UTF8.self) }

    /// Equal to `lower` ignoring ASCII case (`lower` is lower case).
    func equalsIgnoringASCIICase(_ lower: [UInt8]) -> Bool {
        guard count == lower.count else { return false }
        for k in 0..<count {
            var b = self[k]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            if b != lower[k] { return false }
        }
        return true
    }

    /// A whole number in plain digits (an optional sign), or nil for anything the
    /// slow path should judge.
    var plainInteger: Int64? {
        guard count > 0, count <= 18 else { return nil }
        var k = 0
        var negative = false
        if self[0] == 0x2D || self[0] == 0x2B { negative = self[0] == 0x2D; k = 1 }
        guard k < count else { return nil }
        var n: Int64 = 0
        while k < count {
            let b = self[k]
            guard b >= 0x30 && b <= 0x39 else { return nil }
            n = n * 10 + Int64(b - 0x30)
            k += 1
        }
        return negative ? -n : n
    }
}
