import ArgumentParser
import Foundation
import PanelboardCore

extension Panelboard {
    struct Cohort: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Who is on a perpetrator cohort; who is due the 3-month exit review; who should be back at MARAC.",
            discussion: """
                A member is due an exit review when their latest sign of harm since adoption \
                (an incident, or a referral to any panel naming them as perpetrator), or the \
                adoption if none, is 3 months or more before the as-of date; \
                --exit-review-months changes the 3. Each member is shown with that sign, its \
                kind and, for a referral, its panel.

                --post-exit-harm lists instead every exit with an incident after it and no \
                MARAC referral since: the terms of reference send such a case back to MARAC.

                Examples:
                  panelboard cohort --panel DAPP
                  panelboard cohort --panel DAPP --exit-review --as-of 2025-04-01 --format csv
                  panelboard cohort --panel DAPP --post-exit-harm --as-of 2025-04-01
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: ListFormatOptions

        @Option(name: .long, help: "The perpetrator panel (DAPP, IDAP, ...).")
        var panel: String

        @Option(name: .long, help: ArgumentHelp("On the cohort as of this day. Default: today.", valueName: "DATE"), transform: Day.argument)
        var asOf: Day?

        @Option(name: .long, help: "Only this area or area group.")
        var area: String?

        @Flag(name: .long, help: "Only members due for the exit review.")
        var exitReview = false

        @Flag(name: .long, help: "Exits with an incident after exit and no MARAC referral since (instead of the members).")
        var postExitHarm = false

        @Option(name: .long, help: "Months without harm before an exit review is due (default 3, or the settings file's).")
        var exitReviewMonths: Int?

        @Option(name: .long, help: ArgumentHelp("A JSON settings file, as for panelboard metrics.", valueName: "FILE"))
        var settings: String?

        func validate() throws {
            if postExitHarm && (exitReview || exitReviewMonths != nil) {
                throw ValidationError("--post-exit-harm lists exits, not members due a review: leave out --exit-review and --exit-review-months")
            }
        }

        func run() throws {
            do {
                var settings = try self.settings.map { try MetricSettings.load(from: URL(fileURLWithPath: $0)) } ?? MetricSettings()
                if let exitReviewMonths { settings.setFromFlag(\.exitReviewMonths, exitReviewMonths, name: "exit_review_months") }
                try settings.validate()
                let storeHandle = try Store.openReadOnly(at: store.path)
                try KnownScopes.check(panel: panel, area: area, in: storeHandle)
                let list = postExitHarm
                    ? try PostExitHarmList.fetch(storeHandle, panel: panel, asOf: asOf ?? .today(), area: area)
                    : try CohortList.fetch(storeHandle, panel: panel, asOf: asOf ?? .today(), area: area,
                                           exitReviewOnly: exitReview, settings: settings)
                print(output.format.render(list), terminator: "")
            } catch {
                throw fail(error, store: store.path)
            }
        }
    }
}
