import ArgumentParser
import Foundation
import PanelboardCore

extension Panelboard {
    struct Meetings: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A panel's meetings against its terms: gaps between meetings, and clashes with another panel's.",
            discussion: """
                --gaps lists, per area, consecutive meetings further apart than the panel's \
                meeting_every_days (the later meeting in the period; an earlier one may be \
                before it). --clashes lists the panel's meeting days in the period on which the \
                panel named by not_same_day_as met in the same area. The meetings are \
                meetings.csv's rows, or the days cases were heard when it has none for the \
                panel. Quoracy and core attendance are in panelboard metrics.

                Examples:
                  panelboard meetings --panel MARAC --period 2024Q2 --gaps
                  panelboard meetings --panel DRAMM --period 2024Q2 --gaps --meeting-every-days 1
                  panelboard meetings --panel IGP --period 2024Q2 --clashes --format csv
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var scopeOptions: ScopeOptions
        @OptionGroup var output: ListFormatOptions

        @Flag(name: .long, help: "Gaps between consecutive meetings of an area longer than meeting_every_days.")
        var gaps = false

        @Flag(name: .long, help: "Meeting days on the same day and area as a meeting of not_same_day_as.")
        var clashes = false

        @Option(name: .long, help: "The longest expected gap between two meetings of one area, in days (1 daily, 7 weekly, 28 four-weekly).")
        var meetingEveryDays: Int?

        @Option(name: .long, help: "A panel whose meetings must not fall on the same day in the same area.")
        var notSameDayAs: String?

        func validate() throws {
            if gaps == clashes { throw ValidationError("give one list: --gaps or --clashes") }
            if let meetingEveryDays, meetingEveryDays < 1 { throw ValidationError("--meeting-every-days takes a number of 1 or more") }
            if gaps && meetingEveryDays == nil {
                throw ValidationError("--gaps needs the panel's meeting_every_days: give --meeting-every-days N")
            }
            if clashes && notSameDayAs == nil {
                throw ValidationError("--clashes needs the panel to keep off: give --not-same-day-as PANEL")
            }
        }

        func run() throws {
            do {
                let scope = try scopeOptions.scope()
                let storeHandle = try Store.openReadOnly(at: store.path)
                try KnownScopes.check(scope, in: storeHandle)
                let list = gaps
                    ? try MeetingLists.gaps(storeHandle, scope: scope, meetingEveryDays: meetingEveryDays)
                    : try MeetingLists.clashes(storeHandle, scope: scope, notSameDayAs: notSameDayAs)
                print(output.format.render(list), terminator: "")
            } catch {
                throw fail(error, store: store.path)
            }
        }
    }
}
