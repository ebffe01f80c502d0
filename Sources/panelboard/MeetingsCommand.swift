import ArgumentParser
import Foundation
import PanelboardCore

extension Panelboard {
    struct Meetings: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A panel's meetings against its terms: gaps between meetings, and clashes with another panel's.",
            discussion: """
                --gaps lists, per area, consecutive meetings further apart than the panel's \
                meeting_every_days (--meeting-every-days, or its panels.csv row), counted in \
                its day_count (working days: those after the earlier meeting up to and \
                including the later); the later meeting is in the period, the earlier may be \
                before it. It lists too an area that stopped meeting (status open: its last \
                meeting further than that before the period end, or --as-of when earlier) and \
                one with no earlier meeting whose first came that long after the period start \
                (status late_start); period_edge is the date counted to or from. --clashes \
                lists the panel's meeting days in the period on which the panel named by \
                not_same_day_as (--not-same-day-as, or its row) met in the same area. The meetings are meetings.csv's rows, or the days cases were heard when \
                it has none for the panel. Quoracy and core attendance are in panelboard \
                metrics.

                Examples:
                  panelboard meetings --panel MARAC --period 2024Q2 --gaps
                  panelboard meetings --panel DRAMM --period 2024Q2 --gaps --meeting-every-days 1
                  panelboard meetings --panel IGP --period 2024Q2 --clashes --format csv
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var scopeOptions: ScopeOptions
        @OptionGroup var output: ListFormatOptions

        @Flag(name: .long, help: "Gaps between consecutive meetings of an area longer than meeting_every_days, and open gaps to the period end.")
        var gaps = false

        @Flag(name: .long, help: "Meeting days on the same day and area as a meeting of not_same_day_as.")
        var clashes = false

        func validate() throws {
            if gaps == clashes { throw ValidationError("give one list: --gaps or --clashes") }
        }

        func run() throws {
            do {
                let scope = try scopeOptions.scope()
                let storeHandle = try Store.openReadOnly(at: store.path)
                try KnownScopes.check(scope, in: storeHandle)
                let list = gaps
                    ? try MeetingLists.gaps(storeHandle, scope: scope)
                    : try MeetingLists.clashes(storeHandle, scope: scope)
                print(output.format.render(list), terminator: "")
            } catch {
                throw fail(error, store: store.path)
            }
        }
    }
}
