import Foundation

/// Per-query wall time for the benchmarks (`PANELBOARD_BENCH_TIMES=1` in the
/// environment of `metrics` or `report`): one line on standard error per metric
/// query run, `bench-time<TAB>query<TAB>seconds`. Only query names and times are
/// written, never a figure or a cell. Nothing else reads the variable.
enum QueryTimes {
    static let enabled = ProcessInfo.processInfo.environment["PANELBOARD_BENCH_TIMES"] == "1"

    static func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            FileHandle.standardError.write(Data("bench-time\t\(name)\t\(String(format: "%.4f", seconds))\n".utf8))
        }
        return try body()
    }
}
