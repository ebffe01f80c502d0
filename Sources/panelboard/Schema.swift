import ArgumentParser
import PanelboardCore

extension Panelboard {
    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the tables and views an analyst can query, with their columns.",
            discussion: """
                Examples:
                  panelboard schema
                  panelboard schema --format markdown > docs/schema.md
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown }

        @OptionGroup var store: StoreOptions

        @Option(name: .long, help: "text for a terminal, or markdown for a page in docs/.")
        var format: Format = .text

        func run() throws {
            do {
                let storeHandle = try Store.openReadOnly(at: store.path)
                let relations = try storeHandle.queue.read { try SchemaCatalog.relations(in: $0) }
                print(SchemaCatalog.render(relations, markdown: format == .markdown), terminator: "")
            } catch {
                throw fail(error, store: store.path)
            }
        }
    }
}
