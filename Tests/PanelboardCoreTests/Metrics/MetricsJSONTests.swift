import Foundation
import Testing
@testable import PanelboardCore

/// `metrics --format json` against metrics.md's "Machine-readable output" section and
/// the family sections: every field named there is in the document, counts are
/// integers, shares and rates are fractions from 0 to 1 or null; and every field is
/// defined in docs/metrics.md.
@Suite struct MetricsJSONTests {
    /// The field names metrics.md (version 1) gives, family by family.
    static let scope = ["panel", "area", "from", "to", "as_of", "settings"]
    static let settings = ["repeat_window_months", "agenda_days_before", "minutes_days_after", "late_referral_days",
                           "exit_review_months", "suppression_threshold", "repeat_rate_target_low",
                           "repeat_rate_target_high"]
    static let families = ["volumes", "repeats", "referral_sources", "referral_reasons", "actions", "cohort",
                           "meetings", "demographics", "perpetrator", "triage", "case_profile", "referral_quality"]
    /// panels.md, "Case profile" and "Referral quality".
    static let caseProfile = ["discussion_type", "risk_level", "children_linked", "children_services_status", "screening"]
    static let triage = ["received_by_reason_and_risk", "per_working_day", "busiest_day", "escalated_to_marac",
                         "escalated_to_marac_share", "marac_within_12_months_returned"]
    static let referralQuality = ["reason_dash_mismatch", "escalation_unsupported", "recorded_flag_disagrees"]
    /// panels.md, "Perpetrator panels" (and `rfg_exits_scored`, docs/metrics.md).
    static let perpetrator = ["adopted_by_source", "exit_review_due", "harm_after_exit",
                              "post_exit_incidents_without_marac", "rfg_exits_scored", "rfg_at_adoption_median",
                              "rfg_change_median", "actions_by_type", "mappa_conflicts"]
    static let volumes = ["referrals_received", "cases_discussed", "meetings_held", "cases_per_meeting",
                          "children_in_households", "children_unknown", "cases_per_10k_adult_females_annualised",
                          "partner_agency_share"]
    static let repeats = ["cases_discussed", "repeat_cases", "repeat_rate", "recorded_flag_disagrees"]
    static let actionCounts = ["agreed", "due", "completed_on_time", "completed_late", "not_completed", "open_overdue",
                               "open_not_yet_due", "on_time_rate", "overdue_as_of", "no_due_date"]
    static let cohort = ["at_start", "adopted", "exited", "at_end", "exits_by_reason", "median_days_on_cohort_at_exit",
                         "re_referred_within_12_months_of_exit"]
    static let meetings = ["held", "agenda_on_time", "agenda_unknown", "minutes_on_time", "minutes_unknown",
                           "late_referrals", "attendance"]
    static let attendance = ["rows", "attended", "deputy", "written_update", "apologies", "absent", "attendance_rate"]
    static let demographics = ["female", "male", "gender_other", "gender_unknown", "age_16_17", "ethnic_minority",
                               "disabled", "lgbt", "perpetrator_under_18"]

    /// A year of a random bundle, so every breakdown has rows.
    static func report(panel: String) throws -> MetricsReport {
        let harness = try MetricsHarness(files: RandomMetricsBundle(seed: 7).files, importAsOf: RandomMetricsBundle.importAsOf)
        return try harness.report(MetricScope(panel: panel, period: try Period(parsing: "2023"), asOf: day("2024-06-30")))
    }

    func keys(_ value: JSONValue?) -> [String] {
        guard case let .object(members)? = value else { return [] }
        return members.map(\.0)
    }

    func expectHas(_ value: JSONValue?, _ names: [String], _ where: String) {
        let present = Set(keys(value))
        for name in names { #expect(present.contains(name), "\(`where`) has no \(name)") }
    }

    /// Counts are integers; a field named share or rate is a fraction or null.
    func expectTypes(_ value: JSONValue, path: String) {
        guard case let .object(members) = value else { return }
        for (key, child) in members {
            let here = path + "." + key
            switch child {
            case .object: expectTypes(child, path: here)
            case let .double(d) where key.hasSuffix("share") || key.hasSuffix("rate"):
                #expect((0...1).contains(d), "\(here) = \(d) is not a fraction")
            case .null, .int: break
            case .double where ["cases_per_meeting", "cases_per_10k_adult_females_annualised",
                                "median_days_on_cohort_at_exit", "median_days_to_complete",
                                "rfg_at_adoption_median", "rfg_change_median", "median",
                                "repeat_rate_target_low", "repeat_rate_target_high", "cases_per_10k_target"].contains(key):
                break
            case .string where path == "" || path == ".settings" || path == ".settings_sources":
                break
            case .array where key == "busiest_day":
                break
            default:
                Issue.record("\(here) = \(child.rendered(indent: nil)): expected an integer count")
            }
        }
    }

    @Test(arguments: ["MARAC", "DAPP"])
    func everyFieldOfMetricsMdIsInTheDocument(panel: String) throws {
        let json = try Self.report(panel: panel).json
        // The text the command prints is one JSON object.
        let parsed = try JSONSerialization.jsonObject(with: Data(json.rendered().utf8)) as? [String: Any]
        let parsedKeys = Set(parsed?.keys.map { $0 } ?? [])
        let expectedKeys = Set(keys(json))
        #expect(parsedKeys == expectedKeys)

        expectHas(json, Self.scope + Self.families, "the document")
        expectHas(json["settings"], Self.settings, "settings")
        expectHas(json["volumes"], Self.volumes, "volumes")
        expectHas(json["repeats"], Self.repeats, "repeats")
        expectHas(json["referral_sources"], Agency.codes, "referral_sources")
        for code in Agency.codes { expectHas(json["referral_sources"]?[code], ["count", "share"], "referral_sources.\(code)") }
        expectHas(json["referral_reasons"], Vocabulary.referralReason.values, "referral_reasons")
        for reason in Vocabulary.referralReason.values {
            expectHas(json["referral_reasons"]?[reason], ["count", "share"], "referral_reasons.\(reason)")
        }
        expectHas(json["actions"], Self.actionCounts + ["by_agency"], "actions")
        #expect(keys(json["actions"]?["by_agency"]).count > 0)
        for agency in keys(json["actions"]?["by_agency"]) {
            expectHas(json["actions"]?["by_agency"]?[agency], Self.actionCounts + ["median_days_to_complete"], "by_agency.\(agency)")
        }
        expectHas(json["cohort"], Self.cohort, "cohort")
        expectHas(json["cohort"]?["exits_by_reason"], Vocabulary.exitReason.values, "exits_by_reason")
        expectHas(json["meetings"], Self.meetings, "meetings")
        #expect(keys(json["meetings"]?["attendance"]).count > 0)
        for agency in keys(json["meetings"]?["attendance"]) {
            expectHas(json["meetings"]?["attendance"]?[agency], Self.attendance, "attendance.\(agency)")
        }
        expectHas(json["demographics"], Self.demographics, "demographics")
        for field in Self.demographics { expectHas(json["demographics"]?[field], ["count", "share"], "demographics.\(field)") }

        let p = json["perpetrator"]
        expectHas(p, Self.perpetrator, "perpetrator")
        expectHas(p?["adopted_by_source"], Vocabulary.adoptionSource.values + ["not_recorded"], "adopted_by_source")
        for horizon in ["3_months", "6_months", "12_months"] {
            for reason in ["all"] + Vocabulary.exitReason.values {
                expectHas(p?["harm_after_exit"]?[horizon]?[reason], ["exits", "harm", "pending", "no_harm"], "harm_after_exit.\(horizon).\(reason)")
            }
        }
        for type in Vocabulary.actionType.values + ["not_recorded"] {
            expectHas(p?["actions_by_type"]?[type], ["agreed", "due", "completed_on_time", "on_time_rate"], "actions_by_type.\(type)")
        }

        expectHas(json["case_profile"], Self.caseProfile, "case_profile")
        expectHas(json["case_profile"]?["children_linked"], ["with_children", "without_children", "unknown"], "children_linked")
        expectHas(json["case_profile"]?["screening"], Vocabulary.screeningDecision.values + ["not_recorded"], "screening")
        expectHas(json["referral_quality"], Self.referralQuality, "referral_quality")
        expectHas(json["triage"], Self.triage, "triage")
        expectHas(json["triage"]?["per_working_day"], ["min", "median", "max"], "per_working_day")

        expectTypes(json, path: "")
        #expect(json["panel"] == .string(panel))
        #expect(json["area"] == .null)
        #expect(json["from"] == .string("2023-01-01") && json["to"] == .string("2023-12-31") && json["as_of"] == .string("2024-06-30"))
        #expect(json["settings"]?["person"] == .string(panel == "DAPP" ? "perpetrator_ref" : "victim_ref"))
    }

    /// Every field a board can see in the JSON is defined on the project's own page.
    @Test func everyFieldIsDefinedInDocsMetrics() throws {
        let page = try String(contentsOf: MetricsHarness.repository.appendingPathComponent("docs/metrics.md"), encoding: .utf8)
        let report = try Self.report(panel: "DAPP")
        var names: Set<String> = []
        func collect(_ value: JSONValue, under parent: String?) {
            guard case let .object(members) = value else { return }
            for (key, child) in members {
                // Breakdown keys (agency codes, reasons) are data, not field names.
                if !["referral_sources", "referral_reasons", "by_agency", "attendance", "exits_by_reason", "demographics",
                      "adopted_by_source", "actions_by_type", "3_months", "6_months", "12_months", "received_by_reason_and_risk", "core_attendance"]
                    .contains(parent ?? "") || key == "count" || key == "share" {
                    names.insert(key)
                }
                collect(child, under: key)
            }
        }
        collect(report.json, under: nil)
        names.formUnion(Self.demographics + Self.attendance + Self.actionCounts + ["median_days_to_complete"])
        for name in names.sorted() {
            #expect(page.contains("`\(name)`"), "docs/metrics.md does not define `\(name)`")
        }
    }
}
