import GRDB

/// `exit_review_due`: how many members of the cohort are due the exit review as of
/// the as-of date, whatever the period: the length of `panelboard cohort
/// --exit-review` (`CohortList`, whose doc comment gives the rule). A sign of harm
/// is an incident or a referral to any panel naming the person as perpetrator.
public enum ExitReviewDue: MetricFamily {
    public static let name = "exit_review_due"
    public static let summary = "Cohort members due the exit review as of :as_of (no incident or referral for exit_review_months)."

    public typealias Result = Int

    public static let sql = """
        WITH \(CohortList.reviewed)
        SELECT count(*) AS exit_review_due FROM reviewed WHERE review_due_on <= :as_of
        """

    public static func result(from rows: [Row], scope: MetricScope) throws -> Int {
        rows[0]["exit_review_due"]
    }
}
