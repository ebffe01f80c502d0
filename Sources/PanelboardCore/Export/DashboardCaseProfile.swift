/// The case profile as the page's tables (panels.md: on the board of `marac` and
/// `triage` panels). A MARAC spreads it over its own sections
/// (`DashboardMarac.swift`, with the codes' names, `caseProfileNames`); a triage
/// panel has it as one section. Both read the counts from `BoardFigures`, so a
/// code is hidden, or shown, alike on every page, CSV file and sheet.
extension DashboardModel {
    /// One breakdown's rows: each code's count and its share of `total`. A share is
    /// hidden with its count or with the total (metrics.md: shares of a hidden count
    /// are `[c]`), so it never gives back what the count hides.
    static func caseProfileRows(_ figures: BoardFigures, _ breakdown: String, _ codes: [String], total: BoardFigure) -> [Row] {
        func cell(_ text: String, _ numeric: Bool = true) -> Cell { Cell(text: text, numeric: numeric) }
        func share(_ count: BoardFigure) -> String {
            guard count.status == .shown, total.status == .shown, let n = count.value, let whole = total.value else {
                return count.status == .unknown || total.status == .unknown ? "not recorded" : Suppression.secondaryMark
            }
            return whole == 0 ? "not recorded" : String(format: "%.0f%%", n / whole * 100)
        }
        return codes.map { code in
            let f = figures.figure("case_profile", code, breakdown)
            return Row(cells: [cell(caseProfileNames[code] ?? displayName(code), false), cell(figures.shown(f) { grouped(Int($0)) }),
                               cell(share(f))])
        }
    }

    /// A triage panel's case profile, one section: how the cases discussed were
    /// discussed, their risk, the children in them, and the screening of the
    /// referrals received.
    static func triageCaseProfile(_ figures: BoardFigures) -> Section {
        let cases = figures.figure("volumes", "cases_discussed"), referrals = figures.figure("volumes", "referrals_received")
        func table(_ name: String, _ caption: String, _ heading: String, _ breakdown: String, _ codes: [String],
                   of total: BoardFigure = cases, unit: String = "Cases") -> SectionTable {
            SectionTable(name: name, caption: caption, columns: [heading, unit, "Share"],
                         rows: caseProfileRows(figures, breakdown, codes, total: total))
        }
        return Section(
            id: "case-profile", heading: "Case profile",
            note: "Shares are of the cases discussed; the screening decisions' are of the referrals received. The children tables count cases, not children.",
            chart: nil,
            tables: [
                table("discussion_types", "Cases discussed by discussion type", "Discussion type", "discussion_type",
                      CaseProfile.discussionTypes),
                table("risk_levels", "Cases discussed by risk level", "Risk level", "risk_level", CaseProfile.riskLevels),
                table("children_linked", "Cases discussed with and without children", "Children", "children_linked",
                      CaseProfile.childrenLinked),
                table("children_services", "Cases discussed by children's services status", "Children's services status",
                      "children_services_status", CaseProfile.childrenServicesStatuses),
                table("screening", "Referrals received by screening decision", "Screening decision", "screening",
                      CaseProfile.screeningDecisions, of: referrals, unit: "Referrals"),
            ])
    }
}
