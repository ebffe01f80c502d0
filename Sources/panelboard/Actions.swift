import ArgumentParser
import PanelboardCore

extension Panelboard {
    struct Actions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The coordinator's chase list: open actions past their due date, by agency, oldest first.",
            discussion: """
                Lists every open action whose due date is before the as-of date, with the \
                days overdue, grouped by agency and oldest first, for chasing before the \
                next meeting.

                Examples:
                  panelboard actions --overdue
                  panelboard actions --overdue --panel MARAC --agency housing --as-of 2025-04-01
                  panelboard actions --overdue --format csv > chase-list.csv
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: ListFormatOptions

        @Flag(name: .long, help: "List open actions past their due date (the chase list).")
        var overdue = false

        @Option(name: .long, help: ArgumentHelp("Overdue as of this day. Default: today.", valueName: "DATE"), transform: Day.argument)
        var asOf: Day?

        @Option(name: .long, help: "Only this agency (a code such as housing, or a name as stored).")
        var agency: String?

        @Option(name: .long, help: "Only actions of cases of this panel.")
        var panel: String?

        @Option(name: .long, help: "Only this area or area group.")
        var area: String?

        func validate() throws {
            if !overdue { throw ValidationError("say which list: --overdue (open actions past their due date)") }
        }

        func run() throws {
            do {
                let storeHandle = try Store.openReadOnly(at: store.path)
                if let panel { try KnownScopes.check(panel: panel, area: area, in: storeHandle) }
                // Written as it is read: a national chase list runs to a million rows.
                let sink = StandardOutputSink()
                defer { sink.flush() }
                let (visitor, finish) = RowVisitor.formatting(output.format, into: sink)
                try ChaseList.each(storeHandle, asOf: asOf ?? .today(), panel: panel, agency: agency, area: area, visitor)
                try finish()
            } catch {
                throw fail(error, store: store.path)
            }
        }
    }
}
