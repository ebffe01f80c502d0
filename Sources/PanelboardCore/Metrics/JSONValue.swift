/// A JSON document with its members in a fixed order, so output is stable and reads
/// in the order of the metric definitions.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        a.rendered(indent: nil) == b.rendered(indent: nil)
    }

    static func number(_ d: Double?) -> JSONValue { d.map { .double($0) } ?? .null }
    static func int(_ n: Int?) -> JSONValue { n.map { .int($0) } ?? .null }
    static func string(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// Pretty-printed with two-space indents; `indent: nil` for one line.
    public func rendered(indent: Int? = 0) -> String {
        let pad = indent.map { String(repeating: "  ", count: $0 + 1) } ?? ""
        let close = indent.map { String(repeating: "  ", count: $0) } ?? ""
        let newline = indent == nil ? "" : "\n"
        let next = indent.map { $0 + 1 }
        switch self {
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .int(n): return String(n)
        case let .double(d): return d.isFinite ? JSONFormat.number(d) : "null"
        case let .string(s): return JSONFormat.string(s)
        case let .array(items):
            if items.isEmpty { return "[]" }
            return "[" + newline + items.map { pad + $0.rendered(indent: next) }.joined(separator: "," + (indent == nil ? " " : newline)) + newline + close + "]"
        case let .object(members):
            if members.isEmpty { return "{}" }
            let body = members.map { pad + JSONFormat.string($0.0) + ": " + $0.1.rendered(indent: next) }
            return "{" + newline + body.joined(separator: "," + (indent == nil ? " " : newline)) + newline + close + "}"
        }
    }

    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }
}
