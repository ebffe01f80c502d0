import ArgumentParser
import Foundation
import PanelboardCore

extension Panelboard {
    struct Cohort: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Who is on a perpetrator cohort; with --exit-review, who is due the 3-month review.",
            discussion: """
                A member is due an exit review when their latest incident since adoption \
                (or the adoption, if none) is 3 months or more before the as-of date; \
                --exit-review-months changes the 3.

                Examples:
                  panelboard cohort --panel DAPP
                  panelboard cohort --panel DAPP --exit-review --as-of 2025-04-01 --format csv
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

        @Option(name: .long, help: "Months without harm before an exit review is due (default 3, or the settings file's).")
        var exitReviewMonths: Int?

        @Option(name: .long, help: ArgumentHelp("A JSON settings file, as for panelboard metrics.", valueName: "FILE"))
        var settings: String?

        func run() throws {
            do {
                var settings = try self.settings.map { try MetricSettings.load(from: URL(fileURLWithPath: $0)) } ?? MetricSettings()
                if let exitReviewMonths { settings.exitReviewMonths = exitReviewMonths }
                try settings.validate()
                let storeHandle = try Store.openReadOnly(at: store.path)
                try KnownScopes.check(panel: panel, area: area, in: storeHandle)
                let list = try CohortList.fetch(storeHandle, panel: panel, asOf: asOf ?? .today(), area: area,
                                                exitReviewOnly: exitReview, settings: settings)
                print(output.format.render(list), terminator: "")
            } catch {
                throw fail(error, store: store.path)
            }
        }
    }
}
