import Foundation
import Testing

/// `metrics --by day` and `--by weekday` on Fixtures/metrics/by_day (worked by
/// hand in its README), whole outputs pinned.
@Suite struct MetricsByDayCommandTests {
    func run(_ by: String, format: String) throws -> CLI.Result {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let fixture = CLI.repository.appendingPathComponent("Fixtures/metrics/by_day").path
        let imported = try cli.run(["import", fixture, "--db", "store.sqlite", "--as-of", "2024-04-30"])
        #expect(imported.status == 0, "\(imported.stderr)")
        return try cli.run(["metrics", "--db", "store.sqlite", "--panel", "DRAMM", "--from", "2024-04-01",
                            "--to", "2024-04-10", "--as-of", "2024-04-30", "--by", by, "--format", format])
    }

    @Test func byWeekday() throws {
        #expect(try run("weekday", format: "csv") == CLI.Result(status: 0, stdout: """
            weekday,days,referrals_received,referrals_per_day,cases_discussed,meetings_held,repeat_cases,repeat_rate,late_referrals\r
            Monday,2,1,0.5,1,1,1,1,1\r
            Tuesday,2,3,1.5,4,3,0,0,4\r
            Wednesday,2,1,0.5,2,2,0,0,1\r
            Thursday,1,0,0,0,0,0,,0\r
            Friday,1,0,0,0,0,0,,0\r
            Saturday,1,1,1,0,0,0,,0\r
            Sunday,1,0,0,0,0,0,,0\r

            """, stderr: ""))
    }

    @Test func byDay() throws {
        #expect(try run("day", format: "csv") == CLI.Result(status: 0, stdout: """
            day,referrals_received,cases_discussed,repeat_cases,repeat_rate,partner_agency_share,actions_due,on_time_rate,overdue_as_of,cohort_at_end\r
            2024-04-01,0,0,0,,,0,,0,0\r
            2024-04-02,2,2,0,0,0,0,,0,0\r
            2024-04-03,0,2,0,0,0.5,0,,0,0\r
            2024-04-04,0,0,0,,,0,,0,0\r
            2024-04-05,0,0,0,,,0,,0,0\r
            2024-04-06,1,0,0,,,0,,0,0\r
            2024-04-07,0,0,0,,,0,,0,0\r
            2024-04-08,1,1,1,1,0,0,,0,0\r
            2024-04-09,1,2,0,0,0.5,0,,0,0\r
            2024-04-10,1,0,0,,,0,,0,0\r

            """, stderr: ""))
    }

    @Test func byWeekdayAsJSONHasTheSameRows() throws {
        let result = try run("weekday", format: "json")
        #expect(result.status == 0, "\(result.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(document?["by"] as? String == "weekday")
        let rows = try #require(document?["rows"] as? [[String: Any]])
        #expect(rows.map { $0["weekday"] as? String } == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
        #expect(rows.map { $0["cases_discussed"] as? Int } == [1, 4, 2, 0, 0, 0, 0])
        #expect(rows.map { $0["referrals_per_day"] as? Double } == [0.5, 1.5, 0.5, 0, 0, 1, 0])
        #expect(rows[3]["repeat_rate"] is NSNull)
    }
}
