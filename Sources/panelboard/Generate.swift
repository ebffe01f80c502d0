import ArgumentParser
import Foundation
import PanelboardCore

extension Panelboard {
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a synthetic, pseudonymous export bundle, for trying Panelboard out and for benchmarks.",
            discussion: """
                The same seed and options write the same files. Nothing in the bundle is \
                about a real person: references are pseudonymous (V000123, P000042) and \
                area names are made up. It streams, so national scale (a million \
                referrals, ten million actions) needs no more memory than a small bundle.

                Examples:
                  panelboard generate --out synthetic-bundle
                  panelboard generate --out national --referrals 1000000 --actions-per-referral 10 --from 2015-04-01 --to 2025-03-31
                """)

        @Option(name: .long, help: ArgumentHelp("The folder to write the bundle into: new, empty, or one Panelboard wrote.", valueName: "DIR"))
        var out: String

        @OptionGroup var write: WriteOptions

        @Option(name: .long, help: "The seed: the same seed writes the same bundle.")
        var seed: UInt64 = 2024

        @Option(name: .long, help: "About how many referrals to write.")
        var referrals: Int = 6_000

        @Option(name: .long, help: "Mean actions agreed per case heard.")
        var actionsPerReferral: Double = 3.0

        @Option(name: .long, help: ArgumentHelp("The first day of the data.", valueName: "DATE"), transform: Day.argument)
        var from: Day = Day(year: 2023, month: 4, day: 1)!

        @Option(name: .long, help: ArgumentHelp("The last day of the data (import with --as-of this day or later).", valueName: "DATE"), transform: Day.argument)
        var to: Day = Day(year: 2025, month: 3, day: 31)!

        @Option(name: .long, help: ArgumentHelp(
            "The order person references run in: ordered (V000001, V000002, ... as people first appear) or random (scattered over V00000001-V99999999, as a real system's recur; the benchmarks' figure of record).",
            valueName: "ORDER"))
        var idOrder: IdOrder = .ordered

        @Option(name: .long, help: ArgumentHelp(
            "closed: actions agreed more than a quarter before --to are nearly all closed, as panels close them; open: an eighth of every year's stay open (the demo's shape).",
            valueName: "closed|open"))
        var oldActions: OldActions = .closed

        enum OldActions: String, ExpressibleByArgument, CaseIterable { case closed, open }

        func validate() throws {
            // Bounded, so that no argument can ask for more than a machine can write.
            if !(1...10_000_000).contains(referrals) { throw ValidationError("--referrals takes 1 to 10000000") }
            if !(0...20).contains(actionsPerReferral) { throw ValidationError("--actions-per-referral takes 0 to 20") }
            if from > to { throw ValidationError("--from is after --to") }
        }

        func run() throws {
            var options = SyntheticOptions()
            options.seed = seed
            options.referrals = referrals
            options.actionsPerReferral = actionsPerReferral
            options.from = from
            options.to = to
            options.idOrder = idOrder
            options.closeOldActions = oldActions == .closed
            let showProgress = TerminalProgress.isWanted
            do {
                let folder = try OutputFolder.prepare(out, kind: .bundle, policy: write.policy(protectingStore: Store.defaultPath()))
                let counts = try SyntheticBundle.write(to: folder, options: options) { written in
                    if showProgress { FileHandleOutput.stderr("\r\u{1B}[K\(written) referrals written") }
                }
                if showProgress { FileHandleOutput.stderr("\r\u{1B}[K") }
                print("""
                    Wrote \(out): \(counts.referrals) referrals, \(counts.actions) actions, \(counts.meetings) meetings, \
                    \(counts.attendance) attendance rows, \(counts.cohort) cohort memberships, \(counts.incidents) incidents, \
                    \(counts.areas) areas.
                    Import it with: panelboard import \(out) --as-of \(to.iso)
                    """)
            } catch {
                throw fail(error)
            }
        }
    }
}

extension IdOrder: ExpressibleByArgument {}
