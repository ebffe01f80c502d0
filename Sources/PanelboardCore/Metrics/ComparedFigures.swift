import GRDB

/// The figures a MARAC board's tiles compare with (issue 16): the same period a
/// year before and the rolling 12 months to the period's end. Only what the tiles
/// and their "no data" test read, not a full report: a national store's full
/// report of a year costs seconds, these a fraction of that.
///
/// Each figure is its family's: read off a report or a trend period computed
/// anyway (the year-ago quarter is one of the trend's), or, for the rolling 12
/// months, the trend's four quarters added up where they make up the year exactly
/// (cases, repeats and actions are counts of rows dated in the period, so a year's
/// are its quarters' sums), with the families that do not add up (the population
/// rate, the police share, the cohort at the end) computed for the year itself.
public struct ComparedFigures: Sendable, Equatable {
    public let period: Period
    public var referralsReceived = 0
    public var casesDiscussed = 0
    public var meetingsHeld = 0
    public var casesPer10kAdultFemalesAnnualised: Double?
    public var repeatCases = 0
    public var policeReferrals = 0
    public var actionsAgreed = 0
    public var actionsDue = 0
    public var actionsCompletedOnTime = 0
    /// As of the report's as-of date (the year-ago period's: as of the day after
    /// it ended).
    public var overdueAsOf = 0
    public var cohortAdopted = 0
    public var cohortExited = 0
    public var cohortAtEnd = 0
    /// The day a purge archived the period's figures, when read from the archive.
    public internal(set) var archivedOn: String?

    /// The rates as their families give them (for added-up quarters, the same
    /// division of the sums).
    public var repeatRate: Double?
    public var policeShare: Double?
    public var onTimeRate: Double?

    /// Whether the period has any data at all (as `DashboardModel.hasData` of a
    /// report): no comparison is made with a period that has none.
    public var hasData: Bool {
        referralsReceived + casesDiscussed + meetingsHeld + actionsAgreed + actionsDue + cohortAdopted + cohortExited > 0
    }

    init(period: Period) { self.period = period }

    /// The figures of a period a tile compares with: its trend figures, computed
    /// anyway, and its police referrals (`ReferralSources`).
    init(_ t: TrendFigures, police: CountShare?) {
        period = t.scope.period
        referralsReceived = t.volumes.referralsReceived
        casesDiscussed = t.volumes.casesDiscussed
        meetingsHeld = t.volumes.meetingsHeld
        casesPer10kAdultFemalesAnnualised = t.volumes.casesPer10kAdultFemalesAnnualised
        repeatCases = t.repeats.repeatCases
        repeatRate = t.repeats.repeatRate
        policeReferrals = police?.count ?? 0
        policeShare = police?.share
        actionsAgreed = t.actions.agreed
        actionsDue = t.actions.due
        actionsCompletedOnTime = t.actions.completedOnTime
        onTimeRate = t.actions.onTimeRate
        overdueAsOf = t.actions.overdueAsOf
        cohortAdopted = t.cohort.adopted
        cohortExited = t.cohort.exited
        cohortAtEnd = t.cohort.atEnd
        archivedOn = t.archivedOn
    }

    public init(_ report: MetricsReport) {
        self.init(TrendFigures(report), police: report.referralSources["police"])
        archivedOn = report.archivedOn
    }

    /// The rolling 12 months' figures that do not add up over its quarters, for
    /// the year itself: the population rate (scaled by the days), the police
    /// share (read with the cases), the cohort (at the end is the year's end's),
    /// and the cases and meetings with them. `adding` takes the rest from the
    /// quarters.
    static func yearly(_ db: Database, scope: MetricScope) throws -> ComparedFigures {
        let scope = try scope.resolvingProfile(db)
        let volumes = try Volumes.compute(db, scope: scope)
        let cohort = try Cohort.compute(db, scope: scope)
        var f = ComparedFigures(period: scope.period)
        f.referralsReceived = volumes.referralsReceived
        f.casesDiscussed = volumes.casesDiscussed
        f.meetingsHeld = volumes.meetingsHeld
        f.casesPer10kAdultFemalesAnnualised = volumes.casesPer10kAdultFemalesAnnualised
        let police = try ReferralSources.compute(db, scope: scope)["police"]
        f.policeReferrals = police?.count ?? 0
        f.policeShare = police?.share
        f.cohortAdopted = cohort.adopted
        f.cohortExited = cohort.exited
        f.cohortAtEnd = cohort.atEnd
        return f
    }

    /// The year's `yearly` figures with the repeats and actions of `quarters`, the
    /// periods that make up the year exactly, added up: each counts rows dated in
    /// its period, so the year's count is the sum. Overdue is as of a day, not a
    /// period: the report's own count (`overdueAsOf`), as the year's scope has the
    /// report's as-of date.
    func adding(_ quarters: [TrendFigures], overdueAsOf: Int) -> ComparedFigures {
        precondition(Self.tiles(period, quarters.map(\.scope.period)), "the quarters make up the year")
        var f = self
        f.repeatCases = quarters.reduce(0) { $0 + $1.repeats.repeatCases }
        f.actionsAgreed = quarters.reduce(0) { $0 + $1.actions.agreed }
        f.actionsDue = quarters.reduce(0) { $0 + $1.actions.due }
        f.actionsCompletedOnTime = quarters.reduce(0) { $0 + $1.actions.completedOnTime }
        f.overdueAsOf = overdueAsOf
        // As `Repeats` and `Actions.Counts` divide them.
        f.repeatRate = f.casesDiscussed == 0 ? nil : Double(f.repeatCases) / Double(f.casesDiscussed)
        f.onTimeRate = f.actionsDue == 0 ? nil : Double(f.actionsCompletedOnTime) / Double(f.actionsDue)
        return f
    }

    /// Whether `parts` follow each other without gap or overlap from the start of
    /// `period` to its end.
    static func tiles(_ period: Period, _ parts: [Period]) -> Bool {
        guard let first = parts.first, let last = parts.last, first.from == period.from, last.to == period.to else { return false }
        return zip(parts, parts.dropFirst()).allSatisfy { $0.to.adding(days: 1) == $1.from }
    }
}
