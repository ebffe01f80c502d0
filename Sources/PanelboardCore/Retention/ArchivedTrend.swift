/// A trend's quarter whose case-level data a purge disposed of: the trend's
/// figures read back from the archived document, so that the board's trend reads
/// the same after the purge as before it.
extension TrendFigures {
    init(scope: MetricScope, archived json: JSONValue) throws {
        func int(_ family: String, _ field: String) throws -> Int {
            guard case let .int(n)? = json[family]?[field] else { throw JSONText.Unreadable() }
            return n
        }
        func number(_ value: JSONValue?) throws -> Double? {
            switch value {
            case .null?: return nil
            case let .double(d)?: return d
            case let .int(n)?: return Double(n)
            default: throw JSONText.Unreadable()
            }
        }
        func counts(_ c: JSONValue?) throws -> Actions.Counts {
            func n(_ key: String) throws -> Int {
                guard case let .int(v)? = c?[key] else { throw JSONText.Unreadable() }
                return v
            }
            var counts = Actions.Counts()
            counts.agreed = try n("agreed")
            counts.due = try n("due")
            counts.completedOnTime = try n("completed_on_time")
            counts.completedLate = try n("completed_late")
            counts.notCompleted = try n("not_completed")
            counts.openOverdue = try n("open_overdue")
            counts.openNotYetDue = try n("open_not_yet_due")
            counts.overdueAsOf = try n("overdue_as_of")
            counts.noDueDate = try n("no_due_date")
            counts.onTimeRate = try number(c?["on_time_rate"])
            counts.medianDaysToComplete = try number(c?["median_days_to_complete"])
            return counts
        }
        let v = json["volumes"]
        let volumes = Volumes.Result(
            referralsReceived: try int("volumes", "referrals_received"), casesDiscussed: try int("volumes", "cases_discussed"),
            meetingsHeld: try int("volumes", "meetings_held"), casesPerMeeting: try number(v?["cases_per_meeting"]),
            childrenInHouseholds: try int("volumes", "children_in_households"),
            childrenUnknown: try int("volumes", "children_unknown"),
            casesPer10kAdultFemalesAnnualised: try number(v?["cases_per_10k_adult_females_annualised"]),
            partnerAgencyShare: try number(v?["partner_agency_share"]))
        let repeats = Repeats.Result(
            casesDiscussed: try int("repeats", "cases_discussed"), repeatCases: try int("repeats", "repeat_cases"),
            repeatRate: try number(json["repeats"]?["repeat_rate"]),
            recordedFlagDisagrees: try int("repeats", "recorded_flag_disagrees"))
        guard case let .object(agencies)? = json["actions"]?["by_agency"] else { throw JSONText.Unreadable() }
        let actions = Actions.Result(
            total: try counts(json["actions"]),
            byAgency: try agencies.map { (agency: $0.0, counts: try counts($0.1)) })
        guard case let .object(reasons)? = json["cohort"]?["exits_by_reason"] else { throw JSONText.Unreadable() }
        let cohort = Cohort.Result(
            atStart: try int("cohort", "at_start"), adopted: try int("cohort", "adopted"), exited: try int("cohort", "exited"),
            atEnd: try int("cohort", "at_end"),
            exitsByReason: Dictionary(uniqueKeysWithValues: try reasons.map { reason, n in
                guard case let .int(count) = n else { throw JSONText.Unreadable() }
                return (reason, count)
            }),
            medianDaysOnCohortAtExit: try number(json["cohort"]?["median_days_on_cohort_at_exit"]),
            reReferredWithin12MonthsOfExit: try int("cohort", "re_referred_within_12_months_of_exit"))
        self.init(scope: scope, volumes: volumes, repeats: repeats, actions: actions, cohort: cohort)
    }
}

extension FiguresArchive {
    /// The trend with each archived quarter's figures read from the archive.
    static func trend(_ store: Store, _ trend: [TrendFigures]) throws -> [TrendFigures] {
        try trend.map { t in
            guard let archived = try lookup(store, scope: t.scope) else { return t }
            return try TrendFigures(scope: t.scope, archived: archived.figures)
        }
    }
}
