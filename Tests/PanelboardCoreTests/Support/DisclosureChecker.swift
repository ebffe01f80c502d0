import Foundation
import Testing
@testable import PanelboardCore

/// Checks a suppressed board pack against its unsuppressed twin, from the rules of
/// metrics.md ("Small numbers in board outputs", version 2) alone: it reads the
/// packs' CSV text, knows which figures the spec protects and which sums it says a
/// reader can use, and works out, by its own search (not the product's solver),
/// whether any hidden count can be narrowed to one value.
struct DisclosureChecker {
    let threshold: Int
    /// What the pack is of, for messages.
    let scope: String

    struct Figure {
        let family: String, field: String, breakdown: String
        let text: String, status: String
        let truth: String
        var key: String { "\(family)|\(breakdown)|\(field)" }
    }

    /// Every problem found; empty when the pack keeps its promises.
    func problems(suppressed: String, unsuppressed: String, about: String) -> [String] {
        let shown = Self.rows(suppressed), truth = Self.rows(unsuppressed)
        guard shown.count == truth.count, shown.count > 1 else { return ["\(scope): the packs differ in shape"] }
        let header = shown[0]
        guard Array(header.prefix(5)) == ["family", "field", "breakdown", "value", "status"] else { return ["\(scope): header \(header)"] }
        var figures: [Figure] = []
        for (s, t) in zip(shown.dropFirst(), truth.dropFirst()) {
            guard s[0] == t[0], s[1] == t[1], s[2] == t[2] else { return ["\(scope): rows out of step: \(s) / \(t)"] }
            figures.append(Figure(family: s[0], field: s[1], breakdown: s[2], text: s[3], status: s[4], truth: t[3]))
        }
        let period = Self.rows(about).first { $0.first == "period" }?[1] ?? ""
        var problems: [String] = []
        func fail(_ f: Figure, _ why: String) { problems.append("\(scope): \(f.key) = \(f.text) [\(f.status)]: \(why)") }

        var byKey: [String: Figure] = [:]
        for f in figures { byKey[f.key] = f }
        for f in figures {
            let protected = Self.isProtectedCount(f)
            let hidden = f.status == "primary" || f.status == "secondary"
            switch f.status {
            case "shown": if f.text != f.truth || f.truth.isEmpty { fail(f, "shown as something other than \(f.truth)") }
            case "primary":
                if f.text != "<\(threshold)" { fail(f, "a primary cell not marked <\(threshold)") }
                if !protected { fail(f, "not a protected count, yet hidden") }
                if let n = Int(f.truth), !(1..<threshold).contains(n) { fail(f, "<\(threshold) for a true value of \(n)") }
            case "secondary": if f.text != "[c]" { fail(f, "a secondary cell not marked [c]") }
            case "unknown": if !f.text.isEmpty || !f.truth.isEmpty { fail(f, "unknown, yet the figure is \(f.truth)") }
            default: fail(f, "no such status")
            }
            // A small count is hidden: as <5, or as [c] (which says nothing of its value).
            if protected, let n = Int(f.truth), (1..<threshold).contains(n), !hidden {
                fail(f, "a count of \(n) shown")
            }
            if Self.isExact(f) && f.text != f.truth { fail(f, "meetings, attendance, actions and days are shown exactly") }
            if Self.isShare(f), !hidden, f.status != "unknown" {
                for base in Self.bases(of: f, period: period) where byKey[base].map({ $0.status == "primary" || $0.status == "secondary" }) == true {
                    fail(f, "a share shown of a hidden count (\(base))")
                }
            }
        }
        problems += ranges(figures, byKey: byKey, period: period)
        return problems
    }

    // MARK: What the spec protects

    static func isShare(_ f: Figure) -> Bool {
        isRfgMedian(f) || isTriageMean(f) || f.field == "share" || f.field.hasSuffix("_rate") || f.field.hasSuffix("_share") || f.field == "cases_per_meeting"
            || f.field.hasPrefix("cases_per_10k")
    }

    /// A median of the people whose RFG scores were counted: hidden with their count.
    static func isRfgMedian(_ f: Figure) -> Bool {
        f.family == "perpetrator" && ["rfg_at_adoption_median", "rfg_change_median"].contains(f.field)
    }

    /// A triage panel's referrals a day on average, by weekday: hidden with the
    /// weekday's count.
    static func isTriageMean(_ f: Figure) -> Bool { f.family == "triage" && ["mean_per_day", "mean"].contains(f.field) }

    /// Meetings, attendance, actions and days: never hidden.
    static func isExact(_ f: Figure) -> Bool {
        switch (f.family, f.field) {
        case ("actions", _), ("volumes", "meetings_held"), ("cohort", "median_days_on_cohort_at_exit"),
             ("trend", "on_time_rate"), ("previous", "on_time_rate"), ("previous", "overdue_as_of"),
             ("year_ago", "on_time_rate"), ("year_ago", "overdue_as_of"), ("rolling", "on_time_rate"), ("rolling", "overdue_as_of"),
             ("by_area", "on_time_rate"), ("by_area", "overdue_as_of"): return true
        case ("meetings", let field): return field != "late_referrals"
        case ("perpetrator", _): return f.breakdown.hasPrefix("actions_by_type")
        case ("triage", "days"): return true
        default: return false
        }
    }

    /// Counts of people or cases (metrics.md): not meetings, attendance, actions or days.
    static func isProtectedCount(_ f: Figure) -> Bool {
        if isShare(f) { return false }
        switch f.family {
        case "actions": return false
        case "meetings": return f.field == "late_referrals"
        case "volumes": return f.field != "meetings_held"
        case "cohort": return f.field != "median_days_on_cohort_at_exit"
        case "perpetrator": return !f.breakdown.hasPrefix("actions_by_type")
        case "triage": return f.field != "days"
        case "previous", "year_ago", "rolling":
            return ["cases_discussed", "repeat_cases", "police_referrals", "cohort_at_end", "referrals_received"].contains(f.field)
        case "by_area": return ["referrals_received", "cases_discussed", "repeat_cases"].contains(f.field)
        default: return true
        }
    }

    /// The counts a share is worked out from.
    static func bases(of f: Figure, period: String) -> [String] {
        let cases = "volumes||cases_discussed"
        switch (f.family, f.field) {
        case ("repeats", "repeat_rate"): return [cases, "repeats||repeat_cases"]
        case ("volumes", "partner_agency_share"): return [cases, "volumes||partner_agency_referrals"]
        case ("volumes", _): return [cases]
        case (_, "share"): return [cases, "\(f.family)|\(f.breakdown)|count"]
        case ("trend", "repeat_rate"): return ["trend|\(f.breakdown)|cases_discussed", "trend|\(f.breakdown)|repeat_cases"]
        case ("previous", "repeat_rate"), ("year_ago", "repeat_rate"), ("rolling", "repeat_rate"), ("by_area", "repeat_rate"):
            return ["\(f.family)|\(f.breakdown)|cases_discussed", "\(f.family)|\(f.breakdown)|repeat_cases"]
        case ("year_ago", "police_share"), ("rolling", "police_share"):
            return ["\(f.family)|\(f.breakdown)|cases_discussed", "\(f.family)|\(f.breakdown)|police_referrals"]
        case ("year_ago", "cases_per_10k_adult_females_annualised"), ("rolling", "cases_per_10k_adult_females_annualised"):
            return ["\(f.family)|\(f.breakdown)|cases_discussed"]
        case ("perpetrator", _) where isRfgMedian(f): return ["perpetrator||rfg_exits_scored"]
        case ("triage", "escalated_to_marac_share"): return ["volumes||referrals_received", "triage||escalated_to_marac"]
        case ("triage", "mean_per_day"): return ["triage|\(f.breakdown)|received"]
        case ("triage", "mean"): return WeekdayFigures.names.map { "triage|by_weekday.\($0)|received" }
        case ("previous", "police_share"): return ["previous|\(f.breakdown)|cases_discussed", "previous|\(f.breakdown)|police_referrals"]
        default: return []
        }
    }

    // MARK: Feasible ranges

    /// A linear constraint over figures: sum(coefficient * value) == 0 (or <= 0).
    struct Constraint {
        var terms: [(key: String, coefficient: Int)]
        var isEquality = true
    }

    /// The sums a reader of the pack knows (metrics.md), over the figures' keys.
    func constraints(_ figures: [Figure], byKey: [String: Figure], period: String) -> [Constraint] {
        var out: [Constraint] = []
        func sum(_ parts: [String], _ total: String) {
            guard byKey[total] != nil, !parts.isEmpty else { return }
            var c = Constraint(terms: parts.map { ($0, 1) } + [(total, -1)])
            // Where the data's parts fall short of the total, the reader still knows
            // they are at most the total.
            let truth = parts.compactMap { Int(byKey[$0]?.truth ?? "") }.reduce(0, +)
            if truth != Int(byKey[total]!.truth) { c.isEquality = false }
            out.append(c)
        }
        func same(_ a: String, _ b: String) {
            if byKey[a] != nil, byKey[b] != nil { out.append(Constraint(terms: [(a, 1), (b, -1)])) }
        }
        let cases = "volumes||cases_discussed"
        for family in ["referral_sources", "referral_reasons"] {
            sum(figures.filter { $0.family == family && $0.field == "count" }.map(\.key), cases)
        }
        sum(["female", "male", "gender_other", "gender_unknown"].map { "demographics|\($0)|count" }, cases)
        sum(["referral_sources|police|count", "volumes||partner_agency_referrals"], cases)
        same("repeats||cases_discussed", cases)
        out.append(Constraint(terms: [("cohort||at_start", 1), ("cohort||adopted", 1), ("cohort||exited", -1), ("cohort||at_end", -1)]))
        sum(figures.filter { $0.family == "cohort" && $0.breakdown == "exits_by_reason" }.map(\.key), "cohort||exited")
        // Perpetrator panels: sources make up adopted; at each horizon, harm +
        // pending + no_harm = exits, the reasons make up all, all's exits are exited.
        sum(figures.filter { $0.family == "perpetrator" && $0.breakdown == "adopted_by_source" }.map(\.key), "cohort||adopted")
        for horizon in ["3_months", "6_months", "12_months"] {
            let base = "perpetrator|harm_after_exit.\(horizon)"
            let reasons = Set(figures.filter { $0.family == "perpetrator" && $0.breakdown.hasPrefix(base + ".") }
                .map { String($0.breakdown.dropFirst(base.count + 1)) }).subtracting(["all"])
            for reason in reasons.union(["all"]) {
                sum(["harm", "pending", "no_harm"].map { "\(base).\(reason)|\($0)" }, "\(base).\(reason)|exits")
            }
            for field in ["exits", "harm", "pending", "no_harm"] {
                sum(reasons.sorted().map { "\(base).\($0)|\(field)" }, "\(base).all|\(field)")
            }
            same("\(base).all|exits", "cohort||exited")
        }
        // Triage panels: the reason-by-risk grid makes up the referrals received,
        // each weekday's days make up the weekday, and the weekdays make up at
        // most the referrals received (the rest fall on weekends and holidays).
        sum(figures.filter { $0.family == "triage" && $0.breakdown.hasPrefix("received_by_reason_and_risk.") }.map(\.key),
            "volumes||referrals_received")
        let weekdays = figures.filter { $0.family == "triage" && $0.field == "received" && $0.breakdown.hasPrefix("by_weekday.") }
        for weekday in weekdays {
            let name = String(weekday.breakdown.dropFirst("by_weekday.".count))
            let days = figures.filter { f in
                guard f.family == "triage", f.field == "received", f.breakdown.hasPrefix("by_day."),
                      let d = Day(parsing: String(f.breakdown.dropFirst("by_day.".count))) else { return false }
                return WeekdayFigures.names[WorkingCalendar.weekday(d)] == name
            }
            sum(days.map(\.key), weekday.key)
        }
        sum(weekdays.map(\.key), "volumes||referrals_received")
        // Beyond a quarter, weeks instead of days: they make up the same working
        // days' referrals as the weekdays do.
        let weeks = figures.filter { $0.family == "triage" && $0.field == "received" && $0.breakdown.hasPrefix("by_week.") }
        if !weeks.isEmpty {
            out.append(Constraint(terms: weeks.map { ($0.key, 1) } + weekdays.map { ($0.key, -1) }))
            sum(weeks.map(\.key), "volumes||referrals_received")
        }
        // A MARAC's case profile: each breakdown makes up the cases discussed
        // (screening, the referrals received); its unrecorded children are the
        // cases volumes counts with no children count.
        for breakdown in Set(figures.filter { $0.family == "case_profile" }.map(\.breakdown)) {
            sum(figures.filter { $0.family == "case_profile" && $0.breakdown == breakdown }.map(\.key),
                breakdown == "screening" ? "volumes||referrals_received" : cases)
        }
        same("case_profile|children_linked|unknown", "volumes||children_unknown")
        // A MARAC's areas make up the panel.
        for (field, total) in [("referrals_received", "volumes||referrals_received"), ("cases_discussed", cases),
                               ("repeat_cases", "repeats||repeat_cases")] {
            sum(figures.filter { $0.family == "by_area" && $0.field == field }.map(\.key), total)
        }
        // The same period a year before is a trend period, and may be the previous one.
        for label in Set(figures.filter { $0.family == "year_ago" }.map(\.breakdown)) {
            for field in ["cases_discussed", "repeat_cases"] { same("year_ago|\(label)|\(field)", "trend|\(label)|\(field)") }
            for field in ["cases_discussed", "repeat_cases", "police_referrals", "cohort_at_end"] {
                same("year_ago|\(label)|\(field)", "previous|\(label)|\(field)")
            }
        }
        // The trend's quarters: the period's own, and the sums making up longer periods.
        let quarters = figures.filter { $0.family == "trend" && $0.field == "cases_discussed" }.map(\.breakdown)
        func periodSums(_ label: String, _ names: [(trend: String, whole: String)]) {
            guard let whole = Self.period(label) else { return }
            let inside = quarters.compactMap { q -> (String, Period)? in
                guard let p = try? Period(parsing: q), p.from >= whole.from, p.to <= whole.to else { return nil }
                return (q, p)
            }
            let days = inside.reduce(0) { $0 + $1.1.days }
            guard days == whole.days else { return }
            for name in names { sum(inside.map { "trend|\($0.0)|\(name.trend)" }, name.whole) }
        }
        periodSums(period, [("referrals_received", "volumes||referrals_received"), ("cases_discussed", cases),
                            ("repeat_cases", "repeats||repeat_cases")])
        for label in Set(figures.filter { $0.family == "rolling" }.map(\.breakdown)) {
            periodSums(label, ["referrals_received", "cases_discussed", "repeat_cases"].map { ($0, "rolling|\(label)|\($0)") })
        }
        for label in Set(figures.filter { $0.family == "previous" }.map(\.breakdown)) {
            periodSums(label, [("cases_discussed", "previous|\(label)|cases_discussed"), ("repeat_cases", "previous|\(label)|repeat_cases")])
            same("previous|\(label)|cohort_at_end", "cohort||at_start")
            for field in ["cases_discussed", "repeat_cases"] { same("previous|\(label)|\(field)", "trend|\(label)|\(field)") }
        }
        // Perpetrator panels' cohort over the trend: each period balances, one
        // period's end is the next one's start, and a period shown in full is
        // the same cohort.
        let cohortPeriods = figures.filter { $0.family == "trend" && $0.field == "cohort_at_end" }
            .compactMap { f in (try? Period(parsing: f.breakdown)).map { (f.breakdown, $0) } }.sorted { $0.1.from < $1.1.from }
        for (label, _) in cohortPeriods {
            let t = "trend|\(label)|cohort_"
            out.append(Constraint(terms: [(t + "at_start", 1), (t + "adopted", 1), (t + "exited", -1), (t + "at_end", -1)]))
            if label == period { for field in ["at_start", "adopted", "exited", "at_end"] { same(t + field, "cohort||\(field)") } }
            same("previous|\(label)|cohort_at_end", t + "at_end")
        }
        for (a, b) in zip(cohortPeriods, cohortPeriods.dropFirst()) where a.1.to.adding(days: 1) == b.1.from {
            same("trend|\(a.0)|cohort_at_end", "trend|\(b.0)|cohort_at_start")
        }
        return out
    }

    func ranges(_ figures: [Figure], byKey: [String: Figure], period: String) -> [String] {
        let constraints = constraints(figures, byKey: byKey, period: period)
        let hiddenKeys = figures.filter { ($0.status == "primary" || $0.status == "secondary") && Self.isProtectedCount($0) }.map(\.key)
        var variable: [String: Int] = [:]
        for key in hiddenKeys { variable[key] = variable.count }
        let cap = 1_000_000
        var low = [Int](repeating: 0, count: variable.count), high = [Int](repeating: cap, count: variable.count)
        for key in hiddenKeys where byKey[key]!.status == "primary" {
            low[variable[key]!] = 1
            high[variable[key]!] = threshold - 1
        }
        // Constraints over the hidden values, shown values folded into a constant.
        var search = IntervalSearch(low: low, high: high)
        for c in constraints {
            var terms: [(Int, Int)] = []
            var constant = 0
            var usable = true
            for (key, coefficient) in c.terms {
                if let v = variable[key] { terms.append((v, coefficient)) }
                else if let n = Int(byKey[key]?.text ?? "") { constant += coefficient * n }
                else { usable = false }
            }
            if usable && !terms.isEmpty { search.constraints.append(.init(terms: terms, constant: constant, isEquality: c.isEquality)) }
        }
        var problems: [String] = []
        for key in hiddenKeys {
            let v = variable[key]!
            guard let truth = Int(byKey[key]!.truth) else { continue }
            var below = search, above = search
            below.high[v] = min(below.high[v], truth - 1)
            above.low[v] = max(above.low[v], truth + 1)
            switch (below.feasible(), above.feasible()) {
            case (.some(true), _), (_, .some(true)): continue
            case (.some(false), .some(false)): problems.append("\(scope): \(key) can be worked out: it is \(truth)")
            default: problems.append("\(scope): \(key): the search gave up before deciding (raise its budget)")
            }
        }
        return problems
    }

    /// A period by its label: `2024Q4`, `FY2024`, or `12 months to 2025-03-31`.
    static func period(_ label: String) -> Period? {
        if label.hasPrefix("12 months to "), let end = Day(parsing: String(label.dropFirst("12 months to ".count))) {
            return Period.rolling12Months(to: end)
        }
        return try? Period(parsing: label)
    }

    // MARK: CSV

    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false
        var chars = Array(text)
        chars.append("\n")
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            if quoted {
                if ch == "\"" { if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false } }
                else { field.append(ch) }
            } else if ch == "\"" { quoted = true }
            else if ch == "," { row.append(field); field = "" }
            else if ch == "\n" || ch == "\r\n" || ch == "\r" {
                if !(row.isEmpty && field.isEmpty) { row.append(field); rows.append(row) }
                row = []; field = ""
            } else { field.append(ch) }
            i += 1
        }
        return rows
    }
}

/// Integer feasibility of sums over bounded unknowns: bounds propagation, then
/// splitting the narrowest open domain in two, within a budget of steps.
struct IntervalSearch {
    struct Constraint {
        let terms: [(variable: Int, coefficient: Int)]
        let constant: Int
        let isEquality: Bool
    }

    var low: [Int]
    var high: [Int]
    var constraints: [Constraint] = []
    var budget = 200_000

    /// True or false when decided; nil when the budget ran out.
    func feasible() -> Bool? {
        var steps = budget
        return Self.search(low, high, constraints, &steps)
    }

    private static func search(_ low: [Int], _ high: [Int], _ constraints: [Constraint], _ steps: inout Int) -> Bool? {
        steps -= 1
        if steps < 0 { return nil }
        var lo = low, hi = high
        guard propagate(&lo, &hi, constraints) else { return false }
        guard let open = lo.indices.filter({ lo[$0] < hi[$0] }).min(by: { hi[$0] - lo[$0] < hi[$1] - lo[$1] }) else {
            return constraints.allSatisfy { c in
                let total = c.terms.reduce(c.constant) { $0 + $1.coefficient * lo[$1.variable] }
                return c.isEquality ? total == 0 : total <= 0
            }
        }
        let middle = lo[open] + (hi[open] - lo[open]) / 2
        var h = hi
        h[open] = middle
        let first = search(lo, h, constraints, &steps)
        if first == true { return true }
        var l = lo
        l[open] = middle + 1
        let second = search(l, hi, constraints, &steps)
        if second == true { return true }
        return first == nil || second == nil ? nil : false
    }

    private static func propagate(_ lo: inout [Int], _ hi: inout [Int], _ constraints: [Constraint]) -> Bool {
        var changed = true
        while changed {
            changed = false
            for c in constraints {
                // sum(a x) + k (= or <=) 0: each term a x lies within -k - (the others' range).
                var minSum = c.constant, maxSum = c.constant
                for t in c.terms {
                    minSum += t.coefficient > 0 ? t.coefficient * lo[t.variable] : t.coefficient * hi[t.variable]
                    maxSum += t.coefficient > 0 ? t.coefficient * hi[t.variable] : t.coefficient * lo[t.variable]
                }
                if minSum > 0 || (c.isEquality && maxSum < 0) { return false }
                for t in c.terms {
                    let v = t.variable
                    let termMin = t.coefficient > 0 ? t.coefficient * lo[v] : t.coefficient * hi[v]
                    let termMax = t.coefficient > 0 ? t.coefficient * hi[v] : t.coefficient * lo[v]
                    let upper = -(minSum - termMin)          // a x <= upper
                    let lower = c.isEquality ? -(maxSum - termMax) : Int.min / 4   // a x >= lower
                    var newLo = lo[v], newHi = hi[v]
                    if t.coefficient > 0 {
                        newHi = min(newHi, floorDiv(upper, t.coefficient))
                        newLo = max(newLo, ceilDiv(lower, t.coefficient))
                    } else {
                        newLo = max(newLo, ceilDiv(upper, t.coefficient))
                        newHi = min(newHi, floorDiv(lower, t.coefficient))
                    }
                    if newLo > newHi { return false }
                    if newLo != lo[v] || newHi != hi[v] { lo[v] = newLo; hi[v] = newHi; changed = true }
                }
            }
        }
        return true
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int { Int((Double(a) / Double(b)).rounded(.down)) }
    private static func ceilDiv(_ a: Int, _ b: Int) -> Int { Int((Double(a) / Double(b)).rounded(.up)) }
}
