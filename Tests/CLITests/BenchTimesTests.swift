import Foundation
import Testing

/// `PANELBOARD_BENCH_TIMES=1`: one line per metric query on standard error, with
/// its wall time and the CPU time of its own thread (the figure that compares on a
/// shared machine), and nothing else: no figure, no cell.
@Suite struct BenchTimesTests {
    @Test func eachQueryHasItsWallAndCPUSecondsAndNothingElse() throws {
        let cli = try QueryCommandTests().storeWithExample()
        defer { cli.cleanUp() }
        let arguments = ["metrics", "--panel", "MARAC", "--period", "2024Q1", "--as-of", "2024-04-01", "--db", "store.sqlite", "--format", "json"]
        let plain = try cli.run(arguments)
        let timed = try cli.run(arguments, environment: ["PANELBOARD_BENCH_TIMES": "1"])
        #expect(timed.status == 0)
        #expect(timed.stdout == plain.stdout)
        let lines = timed.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("bench-time\tactions_by_type\t") })
        #expect(lines.contains { $0.hasPrefix("bench-time\tactions\t") })
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            #expect(fields.count == 4, "\(line)")
            guard fields.count == 4 else { continue }
            #expect(fields[0] == "bench-time")
            #expect(fields[1].allSatisfy { $0.isLetter || $0 == "_" || $0 == " " || $0 == ":" || $0 == "'" }, "\(line)")
            let wall = Double(fields[2]), cpu = Double(fields[3])
            #expect(wall != nil && cpu != nil, "\(line)")
            #expect((cpu ?? -1) >= 0, "\(line)")
        }
    }
}
