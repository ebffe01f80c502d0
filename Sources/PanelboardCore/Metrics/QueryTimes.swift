import Foundation

/// Per-query times for the benchmarks (`PANELBOARD_BENCH_TIMES=1` in the
/// environment of `metrics` or `report`): one line on standard error per metric
/// query run, `bench-time<TAB>query<TAB>wall seconds<TAB>CPU seconds`. The CPU time
/// is the running thread's own, so it stays comparable on a machine shared with
/// other builds, where wall time is several times it. Only query names and times
/// are written, never a figure or a cell. Nothing else reads the variable.
enum QueryTimes {
    static let enabled = ProcessInfo.processInfo.environment["PANELBOARD_BENCH_TIMES"] == "1"

    static func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds, startCPU = threadCPUSeconds()
        defer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let cpu = threadCPUSeconds() - startCPU
            FileHandle.standardError.write(Data(
                "bench-time\t\(name)\t\(String(format: "%.4f", seconds))\t\(String(format: "%.4f", cpu))\n".utf8))
        }
        return try body()
    }

    private static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
