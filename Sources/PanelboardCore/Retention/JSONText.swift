import Foundation

/// Reads back a JSON document this program wrote (an archived quarter's figures),
/// keeping its members' order, which Foundation's parser does not.
enum JSONText {
    struct Unreadable: Error, CustomStringConvertible {
        var description: String { "the archived figures are not readable JSON: the store may be damaged; run panelboard check" }
    }

    static func parse(_ text: String) throws -> JSONValue {
        var p = Parser(bytes: Array(text.utf8))
        let value = try p.value()
        p.skipSpace()
        guard p.i == p.bytes.count else { throw Unreadable() }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
        }

        mutating func expect(_ literal: String) throws {
            let l = Array(literal.utf8)
            guard bytes.count - i >= l.count, Array(bytes[i..<i + l.count]) == l else { throw Unreadable() }
            i += l.count
        }

        mutating func value() throws -> JSONValue {
            skipSpace()
            guard i < bytes.count else { throw Unreadable() }
            switch bytes[i] {
            case UInt8(ascii: "n"): try expect("null"); return .null
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "["):
                i += 1
                var items: [JSONValue] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                while true {
                    items.append(try value())
                    skipSpace()
                    guard i < bytes.count else { throw Unreadable() }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                    throw Unreadable()
                }
            case UInt8(ascii: "{"):
                i += 1
                var members: [(String, JSONValue)] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
                while true {
                    skipSpace()
                    let key = try string()
                    skipSpace()
                    try expect(":")
                    members.append((key, try value()))
                    skipSpace()
                    guard i < bytes.count else { throw Unreadable() }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
                    throw Unreadable()
                }
            default: return try number()
            }
        }

        mutating func number() throws -> JSONValue {
            let start = i
            while i < bytes.count, "-+.eE0123456789".utf8.contains(bytes[i]) { i += 1 }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            if let n = Int(text) { return .int(n) }
            if let d = Double(text) { return .double(d) }
            throw Unreadable()
        }

        mutating func string() throws -> String {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw Unreadable() }
            let start = i
            i += 1
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard i < bytes.count else { throw Unreadable() }
            i += 1
            // The escapes JSONFormat writes are JSON's own: Foundation decodes them.
            let literal = Data(bytes[start..<i])
            guard let s = try? JSONSerialization.jsonObject(with: literal, options: [.fragmentsAllowed]) as? String else {
                throw Unreadable()
            }
            return s
        }
    }
}
