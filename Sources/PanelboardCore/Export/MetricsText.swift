/// The figures for a terminal: one section per family, a figure per line.
public enum MetricsText {
    /// Every setting with its value and where it came from.
    static func settingsSection(_ scope: MetricScope) -> [String] {
        let lines = scope.settingsLines
        /// What an empty value means, in words.
        func shown(_ name: String, _ value: String) -> String {
            guard value.isEmpty else { return value }
            return ["quorum": "all core members", "retention_years": "keep"][name] ?? "none"
        }
        let width = lines.map(\.name.count).max() ?? 0
        let valueWidth = lines.map { shown($0.name, $0.value).count }.max() ?? 0
        return ["", "Settings used (value, and where it came from)"]
            + lines.map { "  " + $0.name.padding(width) + "  " + shown($0.name, $0.value).padding(valueWidth) + "  " + $0.source }
    }

    public static func render(_ report: MetricsReport) -> String {
        var out: [String] = []
        let s = report.scope
        out.append("\(s.panel)\(s.area.map { ", \($0)" } ?? ""), \(s.period.label) (\(s.period.from.iso) to \(s.period.to.iso)), as of \(s.asOf.iso)")
        let set = s.settings
        out.append(contentsOf: settingsSection(s))
        func section(_ title: String, _ value: JSONValue) {
            out.append("")
            out.append(title)
            var lines: [(String, String)] = []
            func walk(_ v: JSONValue, _ path: [String]) {
                switch v {
                case let .object(members):
                    if members.count == 2, members[0].0 == "count", members[1].0 == "share" {
                        lines.append((path.joined(separator: " / "), "\(text(members[0].1))  (\(percent(members[1].1)))"))
                    } else {
                        for (k, child) in members { walk(child, path + [k]) }
                    }
                default:
                    let key = path.joined(separator: " / ")
                    // `_rate`, not `rate`: `quorate` and `not_quorate` are counts.
                    let isFraction = key.hasSuffix("share") || key.hasSuffix("_rate")
                    lines.append((key, isFraction ? percent(v) : text(v)))
                }
            }
            walk(value, [])
            let width = lines.map(\.0.count).max() ?? 0
            for (k, v) in lines { out.append("  " + k.padding(width) + "  " + v) }
        }
        for member in report.members { section(member.family.title(set), member.json) }
        return out.joined(separator: "\n") + "\n"
    }

    static func text(_ v: JSONValue) -> String {
        switch v {
        case .null: return "-"
        case let .double(d): return d == d.rounded() ? String(Int(d)) : String(format: "%.2f", d)
        default: return v.rendered(indent: nil)
        }
    }

    static func percent(_ v: JSONValue) -> String {
        if case let .double(d) = v { return String(format: "%.1f%%", d * 100) }
        if case let .int(n) = v { return "\(n * 100)%" }
        return "-"
    }
}

import Foundation
