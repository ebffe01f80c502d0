/// Each family's figures read back from its member of an archived document (as
/// `metrics --format json` wrote it before the purge), so that a board pack for an
/// archived period is built by the same model and disclosure control as any other.
/// A family's JSON written again from what is read here is the archived JSON: the
/// round-trip tests hold every registered family to that.
enum ArchivedFamilies {
    /// The figures of the registered family `member`, from its archived JSON.
    static func decode(_ member: String, _ json: ArchivedJSON) throws -> any Sendable {
        switch member {
        case Volumes.name: try volumes(json)
        case Repeats.name: try repeats(json)
        case ReferralSources.name, ReferralReasons.name, Demographics.name: try countShares(json)
        case Actions.name: try actions(json)
        case Cohort.name: try cohort(json)
        case Meetings.name: try meetings(json)
        case Perpetrator.family.member: try perpetrator(json)
        case Triage.name: try triage(json)
        case CaseProfile.name: try caseProfile(json)
        case ReferralQuality.name: try referralQuality(json)
        default: throw RetentionError.archivedFigureUnreadable(field: member)
        }
    }

    static func volumes(_ j: ArchivedJSON) throws -> Volumes.Result {
        Volumes.Result(
            referralsReceived: try j["referrals_received"].int(), casesDiscussed: try j["cases_discussed"].int(),
            meetingsHeld: try j["meetings_held"].int(), casesPerMeeting: try j["cases_per_meeting"].number(),
            childrenInHouseholds: try j["children_in_households"].int(), childrenUnknown: try j["children_unknown"].int(),
            casesPer10kAdultFemalesAnnualised: try j["cases_per_10k_adult_females_annualised"].number(),
            partnerAgencyShare: try j["partner_agency_share"].number())
    }

    static func repeats(_ j: ArchivedJSON) throws -> Repeats.Result {
        Repeats.Result(casesDiscussed: try j["cases_discussed"].int(), repeatCases: try j["repeat_cases"].int(),
                       repeatRate: try j["repeat_rate"].number(), recordedFlagDisagrees: try j["recorded_flag_disagrees"].int())
    }

    static func countShares(_ j: ArchivedJSON) throws -> [(code: String, value: CountShare)] {
        try j.members().map { code, c in (code: code, value: CountShare(count: try c["count"].int(), share: try c["share"].number())) }
    }

    static func actionCounts(_ j: ArchivedJSON) throws -> Actions.Counts {
        var c = Actions.Counts()
        c.agreed = try j["agreed"].int()
        c.due = try j["due"].int()
        c.completedOnTime = try j["completed_on_time"].int()
        c.completedLate = try j["completed_late"].int()
        c.notCompleted = try j["not_completed"].int()
        c.openOverdue = try j["open_overdue"].int()
        c.openNotYetDue = try j["open_not_yet_due"].int()
        c.overdueAsOf = try j["overdue_as_of"].int()
        c.noDueDate = try j["no_due_date"].int()
        c.onTimeRate = try j["on_time_rate"].number()
        c.medianDaysToComplete = try j["median_days_to_complete"].number()
        return c
    }

    static func actions(_ j: ArchivedJSON) throws -> Actions.Result {
        Actions.Result(total: try actionCounts(j),
                       byAgency: try j["by_agency"].members().map { (agency: $0, counts: try actionCounts($1)) })
    }

    static func cohort(_ j: ArchivedJSON) throws -> Cohort.Result {
        Cohort.Result(
            atStart: try j["at_start"].int(), adopted: try j["adopted"].int(), exited: try j["exited"].int(),
            atEnd: try j["at_end"].int(),
            exitsByReason: Dictionary(uniqueKeysWithValues: try j["exits_by_reason"].members().map { ($0, try $1.int()) }),
            medianDaysOnCohortAtExit: try j["median_days_on_cohort_at_exit"].number(),
            reReferredWithin12MonthsOfExit: try j["re_referred_within_12_months_of_exit"].int())
    }

    static func meetings(_ j: ArchivedJSON) throws -> Meetings.Result {
        let attendance = try j["attendance"].members().map { agency, a in
            (agency, Meetings.Attendance(rows: try a["rows"].int(), attended: try a["attended"].int(),
                                         deputy: try a["deputy"].int(), writtenUpdate: try a["written_update"].int(),
                                         apologies: try a["apologies"].int(), absent: try a["absent"].int()))
        }
        let core = try j["core_attendance"].members().map { agency, a in
            (agency, Quoracy.CoreAttendance(
                expected: try a["expected"].int(), attendedOrDeputy: try a["attended_or_deputy"].int(),
                writtenUpdate: try a["written_update"].int(), apologies: try a["apologies"].int(),
                absent: try a["absent"].int(), missing: try a["missing"].int()))
        }
        return Meetings.Result(
            held: try j["held"].int(), agendaOnTime: try j["agenda_on_time"].int(), agendaUnknown: try j["agenda_unknown"].int(),
            minutesOnTime: try j["minutes_on_time"].int(), minutesUnknown: try j["minutes_unknown"].int(),
            lateReferrals: try j["late_referrals"].int(), attendance: Dictionary(uniqueKeysWithValues: attendance),
            quoracy: Quoracy.Result(quorate: try j["quorate"].int(), notQuorate: try j["not_quorate"].int(),
                                    quorumUnknown: try j["quorum_unknown"].int(),
                                    emergencyMeetings: try j["emergency_meetings"].int(),
                                    coreAttendance: Dictionary(uniqueKeysWithValues: core)),
            gaps: try j["gaps"].int(), clashes: try j["clashes"].int())
    }

    static func perpetrator(_ j: ArchivedJSON) throws -> Perpetrator {
        var harm: HarmAfterExit.Result = [:]
        for (label, reasons) in try j["harm_after_exit"].members() {
            guard let months = HarmAfterExit.horizons.first(where: { HarmAfterExit.label($0) == label }) else {
                throw RetentionError.archivedFigureUnreadable(field: reasons.path)
            }
            harm[months] = Dictionary(uniqueKeysWithValues: try reasons.members().map { reason, o in
                (reason, HarmAfterExit.Outcome(exits: try o["exits"].int(), harm: try o["harm"].int(),
                                               pending: try o["pending"].int(), noHarm: try o["no_harm"].int()))
            })
        }
        return Perpetrator(
            adoptedBySource: Dictionary(uniqueKeysWithValues: try j["adopted_by_source"].members().map { ($0, try $1.int()) }),
            exitReviewDue: try j["exit_review_due"].int(),
            harmAfterExit: harm,
            postExitIncidentsWithoutMarac: try j["post_exit_incidents_without_marac"].int(),
            rfg: RfgScores.Result(exitsScored: try j["rfg_exits_scored"].int(),
                                  atAdoptionMedian: try j["rfg_at_adoption_median"].number(),
                                  changeMedian: try j["rfg_change_median"].number()),
            actionsByType: Dictionary(uniqueKeysWithValues: try j["actions_by_type"].members().map { type, c in
                (type, ActionsByType.Counts(agreed: try c["agreed"].int(), due: try c["due"].int(),
                                            completedOnTime: try c["completed_on_time"].int()))
            }),
            mappaConflicts: try j["mappa_conflicts"].int())
    }

    static func triage(_ j: ArchivedJSON) throws -> Triage.Result {
        let cells = try j["received_by_reason_and_risk"].members().map { reason, risks in
            (reason: reason, byRisk: try risks.members().map { (risk: $0, count: try $1.int()) })
        }
        // Every referral received has a reason and a risk (`not_recorded` where
        // blank), so the grid adds up to the referrals received.
        let received = cells.reduce(0) { $0 + $1.byRisk.reduce(0) { $0 + $1.count } }
        return Triage.Result(
            receivedByReasonAndRisk: cells,
            perWorkingDayMin: try j["per_working_day"]["min"].optionalInt(),
            perWorkingDayMedian: try j["per_working_day"]["median"].number(),
            perWorkingDayMax: try j["per_working_day"]["max"].optionalInt(),
            busiestDays: try j["busiest_day"].array().map { try $0.day() },
            received: received,
            escalatedToMarac: CountShare(count: try j["escalated_to_marac"].int(), share: try j["escalated_to_marac_share"].number()),
            maracWithin12MonthsReturned: try j["marac_within_12_months_returned"].int())
    }

    static func caseProfile(_ j: ArchivedJSON) throws -> CaseProfile.Result {
        func counts(_ name: String) throws -> CaseProfile.Counts {
            try j[name].members().map { (code: $0, count: try $1.int()) }
        }
        return CaseProfile.Result(discussionType: try counts("discussion_type"), riskLevel: try counts("risk_level"),
                                  childrenLinked: try counts("children_linked"),
                                  childrenServicesStatus: try counts("children_services_status"),
                                  screening: try counts("screening"))
    }

    static func referralQuality(_ j: ArchivedJSON) throws -> ReferralQuality.Result {
        ReferralQuality.Result(reasonDashMismatch: try j["reason_dash_mismatch"].int(),
                               escalationUnsupported: try j["escalation_unsupported"].int(),
                               recordedFlagDisagrees: try j["recorded_flag_disagrees"].int())
    }
}

extension CountShare {
    /// A count and the share the archive holds for it (the whole it was a share
    /// of is not archived).
    init(count: Int, share: Double?) {
        self.count = count
        self.share = share
    }
}

/// A member of an archived document, with its path for the error that names a
/// figure the archive does not have in the form expected.
struct ArchivedJSON {
    let value: JSONValue?
    let path: String

    init(_ value: JSONValue?, path: String) {
        self.value = value
        self.path = path
    }

    subscript(_ key: String) -> ArchivedJSON { ArchivedJSON(value?[key], path: path.isEmpty ? key : path + "." + key) }

    private var unreadable: RetentionError { .archivedFigureUnreadable(field: path) }

    func int() throws -> Int {
        guard case let .int(n)? = value else { throw unreadable }
        return n
    }

    func optionalInt() throws -> Int? {
        if case .null? = value { return nil }
        return try int()
    }

    /// A rate, share or median: written as a number, or null when not known.
    func number() throws -> Double? {
        switch value {
        case .null?: return nil
        case let .double(d)?: return d
        case let .int(n)?: return Double(n)
        default: throw unreadable
        }
    }

    func day() throws -> Day {
        guard case let .string(text)? = value, let day = Day(parsing: text) else { throw unreadable }
        return day
    }

    func members() throws -> [(String, ArchivedJSON)] {
        guard case let .object(members)? = value else { throw unreadable }
        return members.map { ($0.0, ArchivedJSON($0.1, path: path + "." + $0.0)) }
    }

    func array() throws -> [ArchivedJSON] {
        guard case let .array(items)? = value else { throw unreadable }
        return items.enumerated().map { ArchivedJSON($1, path: path + "[\($0)]") }
    }
}
