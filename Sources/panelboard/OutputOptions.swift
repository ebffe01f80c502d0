import ArgumentParser
import PanelboardCore

extension OutputFormat: ExpressibleByArgument {}

/// `--format`, for commands that print a list.
struct ListFormatOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table (for a terminal), csv (RFC 4180, safe in a spreadsheet), json (typed) or markdown.")
    var format: OutputFormat = .table
}
