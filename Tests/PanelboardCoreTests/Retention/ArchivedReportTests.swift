import Foundation
import GRDB
import Testing
@testable import PanelboardCore

/// A report rebuilt from its archived JSON is the report that was archived: every
/// registered family, and what the board outputs build from them.
@Suite struct ArchivedReportTests {
    static let archivedOn = "2026-01-01"

    /// Each family's figures read back from `metrics --format json` as the
    /// archive stores it (one line of text), for every kind of panel the generator
    /// writes, the panel as a whole and an area, two quarters.
    @Test func everyFamilyReadsBackAsItWasArchived() throws {
        let harness = try GeneratedScopesDisclosureTests.store(seed: 18, referrals: 2_000)
        let panels = try KnownScopes.read(harness.store).panels
        #expect(panels.count >= 3)
        var checked = 0
        for panel in panels {
            let areas: [String?] = [nil] + (try KnownScopes.areas(of: panel, in: harness.store).prefix(1).map(Optional.some))
            for area in areas {
                for quarter in ["2024Q1", "2024Q3"] {
                    let period = try Period(parsing: quarter)
                    let scope = MetricScope(panel: panel, area: area, period: period, asOf: period.to.adding(days: 1))
                    let report = try MetricsReport.compute(harness.store, scope: scope)
                    let archived = FiguresArchive.Archived(
                        archivedOn: Self.archivedOn, figures: try JSONText.parse(FiguresArchive.document(report).rendered(indent: nil)))
                    let rebuilt = try MetricsReport(scope: report.scope, archived: archived)
                    try Self.expectSame(rebuilt, report)
                    checked += 1
                }
            }
        }
        #expect(checked >= 12)
    }

    static func expectSame(_ rebuilt: MetricsReport, _ report: MetricsReport) throws {
        let where_ = "\(report.scope.panel) \(report.scope.area ?? "all") \(report.scope.period.label)"
        #expect(rebuilt.json == report.json, "\(where_)")
        #expect(rebuilt.archivedOn == archivedOn)
        #expect(rebuilt.members.map(\.family.member) == report.members.map(\.family.member))
        for (a, b) in zip(rebuilt.members, report.members) {
            #expect(a.json == b.json, "\(where_) \(a.family.member)")
        }
        #expect(rebuilt.volumes == report.volumes)
        #expect(rebuilt.repeats == report.repeats)
        #expect(rebuilt.actions == report.actions)
        #expect(rebuilt.cohort == report.cohort)
        #expect(rebuilt.meetings == report.meetings)
        #expect(rebuilt.perpetrator == report.perpetrator)
        #expect(rebuilt[Triage.self] == report[Triage.self])
        #expect(rebuilt[Triage.self].received == report[Triage.self].received, "\(where_)")
        #expect(rebuilt[ReferralQuality.self] == report[ReferralQuality.self])
        #expect(rebuilt.referralSources.map(\.code) == report.referralSources.map(\.code))
        #expect(rebuilt.referralSources.map(\.value) == report.referralSources.map(\.value))
        #expect(rebuilt.demographics.map(\.value) == report.demographics.map(\.value))
        #expect(rebuilt[CaseProfile.self].json == report[CaseProfile.self].json)

        // What the board outputs show, built by the same model from either.
        func pack(_ r: MetricsReport) throws -> [String] {
            let board = try BoardFigures.build(report: r, previous: ComparedFigures(r), suppression: Suppression(threshold: 5))
            let model = DashboardModel.build(report: r, previous: ComparedFigures(r), trend: [TrendFigures(r)], figures: board,
                                             imports: [], title: nil, generatedAt: Date(timeIntervalSince1970: 0))
            return BoardPack(report: r, figures: board, model: model, sources: []).files.map(\.contents)
        }
        #expect(try pack(rebuilt) == pack(report), "\(where_)")
    }

    /// A board section over a period that runs into archived quarters (a rolling
    /// year, a comparison) can ask, and say so in place of figures.
    @Test func aPeriodOverlappingArchivedQuartersIsKnown() throws {
        let harness = try MetricsHarness(files: RetentionFixture.files, importAsOf: Day(year: 2025, month: 1, day: 1)!)
        let year = try Period(parsing: "2018"), later = try Period(parsing: "2019Q1")
        #expect(try FiguresArchive.archivedOn(harness.store, panel: "MARAC", overlapping: year) == nil)
        var purge = Purge(store: harness.store, panel: "MARAC", cutOff: RetentionFixture.cutOff)
        purge.today = RetentionFixture.today
        #expect(try purge.run().periodsArchived == 6)
        #expect(try FiguresArchive.archivedOn(harness.store, panel: "MARAC", overlapping: year) == Self.archivedOn)
        #expect(try FiguresArchive.archivedOn(harness.store, panel: "marac", overlapping: try Period(parsing: "2018Q2")) == Self.archivedOn)
        #expect(try FiguresArchive.archivedOn(harness.store, panel: "MARAC", overlapping: later) == nil)
        #expect(try FiguresArchive.archivedOn(harness.store, panel: "DAPP", overlapping: year) == nil)
    }

    /// A figure the archive does not hold in the form written is an error that
    /// names it, never a zero.
    @Test func aMissingFigureIsNamed() throws {
        let harness = try MetricsHarness(files: RetentionFixture.files, importAsOf: Day(year: 2025, month: 1, day: 1)!)
        let period = try Period(parsing: "2018Q2")
        let scope = MetricScope(panel: "MARAC", period: period, asOf: period.to.adding(days: 1))
        let text = try MetricsReport.compute(harness.store, scope: scope).json.rendered(indent: nil)
        let damaged = text.replacingOccurrences(of: "\"meetings_held\": ", with: "\"meetings_hold\": ")
        #expect(damaged != text)
        #expect {
            try MetricsReport(scope: scope, archived: FiguresArchive.Archived(archivedOn: Self.archivedOn,
                                                                             figures: try JSONText.parse(damaged)))
        } throws: { error in
            "\(error)" == "the archived figures have no readable volumes.meetings_held: the store may be damaged or written by another version of panelboard; run panelboard check"
        }
    }
}
