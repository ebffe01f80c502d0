@testable import PanelboardCore

/// The generator the synthetic bundles use: its sequence depends only on the seed,
/// so a failing property names the seed that reproduces it.
typealias SeededGenerator = SeededRandom

/// A contract-valid export bundle of a few hundred random rows for property tests:
/// every panel (DRAMM without meetings.csv rows), areas in two groups and one
/// without a population, small pools of people so repeats, same-day referrals and
/// re-referrals happen, actions in every status, cohort memberships that end and
/// start again. The rows are also kept as values, for checking the SQL against a
/// plain Swift reading of the definitions.
struct RandomMetricsBundle {
    struct Referral {
        let id: String
        let panel: String
        let area: String
        let victim: String?
        let perpetrator: String?
        let referralDate: Day
        let meetingDate: Day?
        let agency: String
        /// Managed under MAPPA at referral (nil: not recorded).
        var mappa: Bool? = nil
    }

    struct Action {
        let id: String
        let referralID: String
        let agency: String
        let agreed: Day
        let due: Day?
        let completed: Day?
        /// As stored: a blank status in the file is derived by the importer.
        let status: String
        var type: String? = nil
    }

    struct Membership {
        let perpetrator: String
        let panel: String
        let area: String
        let adopted: Day
        let exit: Day?
        var source = ""
        var exitReason: String? = nil
        var rfgAtAdoption: Int? = nil
        var rfgAtExit: Int? = nil
    }

    struct Incident {
        let id: String
        let date: Day
        let perpetrator: String?
    }

    /// Nothing in the bundle is dated after this day (the importer refuses the future).
    static let importAsOf = day("2024-12-31")
    static let firstDay = day("2022-01-01")
    static let panels = ["MARAC", "DRAMM", "DAPP", "IDAP"]
    static let areas = ["Stockton", "Hartlepool", "Middlesbrough", "North"]

    private(set) var referrals: [Referral] = []
    private(set) var actions: [Action] = []
    private(set) var memberships: [Membership] = []
    private(set) var incidents: [Incident] = []
    private(set) var files: [String: String] = [:]

    init(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let span = Self.importAsOf.ordinal - Self.firstDay.ordinal
        func anyDay() -> Day { Self.firstDay.adding(days: Int.random(in: 0...span, using: &random)) }
        func capped(_ d: Day) -> Day? { d <= Self.importAsOf ? d : nil }
        func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }
        func pick<T>(_ items: [T]) -> T { items.randomElement(using: &random)! }
        func flag() -> String { pick(["Y", "N", ""]) }
        // The perpetrator-panel columns come from a generator of their own, so
        // that every other value is what it was before they were added.
        var extra = SeededGenerator(seed: seed ^ 0xDA99)
        func extraPick<T>(_ items: [T]) -> T { items.randomElement(using: &extra)! }
        func score() -> Int? { extraPick([nil] + Array(0...40).map { Optional($0) }) }

        // Referrals. Ids are not zero-padded (R9 sorts after R10), so the
        // (referral_date, referral_id) order is the text order, as in SQL.
        var referralRows = ["referral_id,panel,area,victim_ref,perpetrator_ref,referral_date,meeting_id,meeting_date,"
            + "referring_agency,referral_reason,children_count,victim_gender,victim_age_band,victim_ethnic_minority,"
            + "victim_disabled,victim_lgbt,perpetrator_under_18,recorded_repeat,mappa"]
        var meetingIDs: [String: String] = [:]   // "panel|area|date" -> meeting_id
        for n in 1...320 {
            let panel: String, area: String, victim: String?, perpetrator: String?, date: Day
            if n > 1, chance(0.1) {
                // The same person again, on the same day as one of their referrals.
                let earlier = referrals[Int.random(in: 0..<referrals.count, using: &random)]
                (panel, area, victim, perpetrator, date) = (earlier.panel, pick(Self.areas), earlier.victim,
                                                            earlier.perpetrator, earlier.referralDate)
            } else {
                panel = pick(Self.panels)
                area = pick(Self.areas)
                let v: String? = chance(0.9) ? "V\(Int.random(in: 1...70, using: &random))" : nil
                let p: String? = v == nil || chance(0.7) ? "P\(Int.random(in: 1...40, using: &random))" : nil
                (victim, perpetrator, date) = (v, p, anyDay())
            }
            let heard = chance(0.8) ? capped(date.adding(days: Int.random(in: 0...35, using: &random))) : nil
            let agency = pick(Agency.codes + ["Local Charity"])
            let referral = Referral(id: "R\(n)", panel: panel, area: area, victim: victim, perpetrator: perpetrator,
                                    referralDate: date, meetingDate: heard, agency: agency,
                                    mappa: extraPick([nil, false, false, true]))
            referrals.append(referral)
            var meetingID = ""
            if let heard, panel != "DRAMM" {
                let key = "\(panel)|\(area)|\(heard.iso)"
                meetingID = meetingIDs[key] ?? "M\(meetingIDs.count + 1)"
                meetingIDs[key] = meetingID
            }
            let fields: [String] = [
                referral.id, panel, area, victim ?? "", perpetrator ?? "", date.iso, meetingID, heard?.iso ?? "", agency,
                chance(0.8) ? pick(Vocabulary.referralReason.values) : "",
                chance(0.8) ? String(Int.random(in: 0...4, using: &random)) : "",
                pick(["F", "M", "other", ""]), pick(Vocabulary.ageBand.values + [""]),
                flag(), flag(), flag(), flag(), flag(), referral.mappa.map { $0 ? "yes" : "no" } ?? "",
            ]
            referralRows.append(fields.joined(separator: ","))
        }

        // Meetings: one per (panel, area, date) heard, except DRAMM's, plus some with
        // no cases; agenda and minutes on time, late or unrecorded.
        var meetingRows = ["meeting_id,panel,area,meeting_date,agenda_sent_date,minutes_sent_date"]
        var attendanceRows = ["meeting_id,agency,status"]
        var meetings = meetingIDs.map { key, id in (id, key.split(separator: "|").map(String.init)) }
        for n in 1...15 {
            meetings.append(("X\(n)", [pick(["MARAC", "DAPP", "IDAP"]), pick(Self.areas), anyDay().iso]))
        }
        for (id, parts) in meetings.sorted(by: { $0.0 < $1.0 }) {
            let date = day(parts[2])
            let agenda = chance(0.8) ? date.adding(days: -Int.random(in: 0...10, using: &random)).iso : ""
            let minutes = chance(0.8) ? capped(date.adding(days: Int.random(in: 0...14, using: &random)))?.iso ?? "" : ""
            meetingRows.append([id, parts[0], parts[1], parts[2], agenda, minutes].joined(separator: ","))
            for agency in Agency.codes.prefix(6) where chance(0.6) {
                attendanceRows.append([id, agency, pick(Vocabulary.attendanceStatus.values)].joined(separator: ","))
            }
        }

        // Actions, agreed at the meeting that heard the case.
        var actionRows = ["action_id,referral_id,agency,agreed_date,due_date,completed_date,status,action_type"]
        for referral in referrals {
            guard let agreed = referral.meetingDate else { continue }
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                let due = chance(0.9) ? capped(agreed.adding(days: Int.random(in: 0...60, using: &random))) : nil
                var written = pick(["open", "completed", "completed", "not_completed", "cancelled", ""])
                var completed: Day? = nil
                if written == "completed" || (written == "" && chance(0.5)) {
                    completed = capped(agreed.adding(days: Int.random(in: 0...90, using: &random)))
                    if completed == nil { written = "open" }
                }
                let status = written.isEmpty ? (completed == nil ? "open" : "completed") : written
                let action = Action(id: "A\(actions.count + 1)", referralID: referral.id, agency: pick(Array(Agency.codes.prefix(8))),
                                    agreed: agreed, due: due, completed: completed, status: status,
                                    type: extraPick([nil] + Vocabulary.actionType.values.prefix(4).map { Optional($0) }))
                actions.append(action)
                actionRows.append([action.id, action.referralID, action.agency, agreed.iso, due?.iso ?? "",
                                   completed?.iso ?? "", written, action.type ?? ""].joined(separator: ","))
            }
        }

        // Cohort memberships of perpetrator panels: up to three, one after another,
        // sometimes re-joining on the day the last one ended.
        var cohortRows = ["perpetrator_ref,panel,area,adopted_date,adoption_source,exit_date,exit_reason,rfg_at_adoption,rfg_at_exit"]
        for person in 1...40 {
            for panel in ["DAPP", "IDAP"] where chance(0.5) {
                var start = anyDay()
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    let exit = chance(0.7) ? capped(start.adding(days: Int.random(in: 0...300, using: &random))) : nil
                    var membership = Membership(perpetrator: "P\(person)", panel: panel, area: pick(Self.areas),
                                                adopted: start, exit: exit)
                    membership.source = pick(Vocabulary.adoptionSource.values)
                    membership.exitReason = exit == nil ? nil : pick(Vocabulary.exitReason.values)
                    membership.rfgAtAdoption = score()
                    membership.rfgAtExit = score()
                    // Some adoptions with no source recorded.
                    if extraPick([false, false, false, true]) { membership.source = "" }
                    memberships.append(membership)
                    cohortRows.append([membership.perpetrator, panel, membership.area, start.iso,
                                       membership.source, exit?.iso ?? "", membership.exitReason ?? "",
                                       membership.rfgAtAdoption.map(String.init) ?? "",
                                       membership.rfgAtExit.map(String.init) ?? ""].joined(separator: ","))
                    // (perpetrator_ref, panel, adopted_date) is unique: after a
                    // membership of no days, the next starts a day later at least.
                    let gap = Int.random(in: (exit == start ? 1 : 0)...60, using: &random)
                    guard let exit, let next = capped(exit.adding(days: gap)) else { break }
                    start = next
                }
            }
        }

        var incidentRows = ["incident_id,incident_date,perpetrator_ref,victim_ref,incident_type"]
        for n in 1...120 {
            let perpetrator = chance(0.9) ? "P\(Int.random(in: 1...40, using: &random))" : ""
            let victim = perpetrator.isEmpty || chance(0.5) ? "V\(Int.random(in: 1...70, using: &random))" : ""
            let date = anyDay()
            incidents.append(Incident(id: "I\(n)", date: date, perpetrator: perpetrator.isEmpty ? nil : perpetrator))
            incidentRows.append(["I\(n)", date.iso, perpetrator, victim, pick(Vocabulary.incidentType.values)]
                .joined(separator: ","))
        }

        files = [
            "areas.csv": """
                area,adult_female_population,group
                Stockton,80000,North Tees
                Hartlepool,40000,North Tees
                Middlesbrough,60000,South Tees
                North,,

                """,
            "referrals.csv": referralRows.joined(separator: "\n") + "\n",
            "meetings.csv": meetingRows.joined(separator: "\n") + "\n",
            "attendance.csv": attendanceRows.joined(separator: "\n") + "\n",
            "actions.csv": actionRows.joined(separator: "\n") + "\n",
            "cohort.csv": cohortRows.joined(separator: "\n") + "\n",
            "incidents.csv": incidentRows.joined(separator: "\n") + "\n",
        ]
    }

    /// A random period: a named quarter or year, or any span of 1 to 800 days,
    /// reaching a little before and after the data.
    static func randomPeriod(using random: inout SeededGenerator) -> Period {
        let start = day("2021-10-01").adding(days: Int.random(in: 0...1300, using: &random))
        switch Int.random(in: 0...3, using: &random) {
        case 0: return try! Period(parsing: "\(start.year)Q\((start.month - 1) / 3 + 1)")
        case 1: return try! Period(parsing: "FY\(start.year)Q\(Int.random(in: 1...4, using: &random))")
        case 2: return .rolling12Months(to: start)
        default: return try! Period(from: start, to: start.adding(days: Int.random(in: 0...800, using: &random)))
        }
    }
}
