import Foundation
import Testing

/// The dashboard as a reader sees it, in headless Chromium (Debian `chromium`;
/// `scripts/install-deps.sh` installs it, with poppler-utils for `pdftotext`): a
/// MARAC pack, a DRAMM (triage) pack and an unsuppressed DAPP pack from the demo's
/// store, each at 1280 px and 390 px, and printed to PDF. Runs wherever Chromium is
/// installed, and in CI (`CI` set) fails rather than skips without it. Six Chromium
/// launches.
@Suite(.serialized) struct BrowserCheckTests {
    static func tool(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"])
            .map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let chromium = tool("chromium") ?? tool("chromium-browser")
    static let pdftotext = tool("pdftotext")
    static let inCI = ProcessInfo.processInfo.environment["CI"] != nil

    /// Runs a program to its end; its standard output, and its status.
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A browser that hangs fails the test instead of stalling the suite.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func chrome(_ arguments: [String]) throws -> String {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("pb-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let result = try run(chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                         "--no-first-run", "--user-data-dir=\(profile.path)"] + arguments)
        #expect(result.status == 0, "chromium \(arguments.last ?? "") failed")
        return result.output
    }

    /// What the measuring script found: the page's width against the viewport's,
    /// the smallest chart text as rendered, and what sticks out of the viewport
    /// outside a scroll box.
    struct Measure: Decodable {
        let width: Double
        let viewport: Double
        let smallestChartText: Double
        let charts: Int
        let wide: [String]
    }

    /// A copy of the page with a measuring script: in the test's copy only (the
    /// dashboard itself has no script, and its CSP would refuse one). Each copy
    /// sits in an iframe of the width measured (a headless window is at least
    /// 500 px wide; a frame can be narrower), and writes what it found into the
    /// outer page, which `--dump-dom` prints.
    static let measuring = """
        <script>
        const vw = window.innerWidth;
        let smallest = 1e9, charts = 0;
        for (const svg of document.querySelectorAll('svg.chart')) {
          charts++;
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          for (const t of svg.querySelectorAll('text')) {
            smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * scale);
          }
        }
        const wide = [...document.querySelectorAll('body *')]
          .filter(e => !e.parentElement.closest('.scroll') && e.getBoundingClientRect().right > vw + 0.5)
          .slice(0, 8).map(e => e.tagName + '.' + (e.getAttribute('class') || ''));
        parent.document.getElementById('out').textContent += JSON.stringify({width: document.documentElement.scrollWidth,
          viewport: vw, smallestChartText: smallest, charts: charts, wide: wide}) + '\\n';
        </script>
        """

    static func measure(_ html: String, widths: [Int], in cli: CLI, name: String) throws -> [Int: Measure] {
        let csp = try Regex(#"<meta http-equiv="Content-Security-Policy"[^>]*>"#)
        let copy = html.replacing(csp, with: "").replacingOccurrences(of: "</body>", with: measuring + "</body>")
        let attribute = copy.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
        let frames = widths.map { #"<iframe width="\#($0)" height="900" style="border:0;display:block" srcdoc=""# + attribute + #""></iframe>"# }
        try cli.write(name, """
            <!DOCTYPE html><html><head><title>measure</title></head><body style="margin:0">
            \(frames.joined(separator: "\n"))
            <pre id="out"></pre></body></html>
            """)
        let dom = try chrome(["--window-size=\((widths.max() ?? 1280) + 40),1000", "--dump-dom", "file://\(cli.path(name))"])
        let start = try #require(dom.range(of: #"<pre id="out">"#))
        let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
        let found = try dom[start.upperBound..<end.lowerBound].split(separator: "\n").map {
            try JSONDecoder().decode(Measure.self, from: Data($0.utf8))
        }
        return Dictionary(found.map { (Int($0.viewport), $0) }, uniquingKeysWith: { a, _ in a })
    }

    @Test(.enabled(if: chromium != nil && pdftotext != nil || inCI, "chromium and pdftotext are not installed"))
    func dashboardsFitPhoneAndDesktopAndPrintWithARunningHeader() throws {
        _ = try #require(Self.chromium, "Chromium is missing: scripts/install-deps.sh installs Debian chromium")
        let pdftotext = try #require(Self.pdftotext, "pdftotext is missing: scripts/install-deps.sh installs poppler-utils")
        let cli = try CLI()
        defer { cli.cleanUp() }
        let demo = try cli.run(["demo", "--out", "demo"])
        #expect(demo.status == 0, "\(demo.stderr)")
        for (panel, extra, status) in [("MARAC", [], "OFFICIAL-SENSITIVE · small numbers suppressed"),
                                       ("DRAMM", [], "OFFICIAL-SENSITIVE · small numbers suppressed"),
                                       ("DAPP", ["--no-suppression"], "OFFICIAL-SENSITIVE · UNSUPPRESSED: NOT FOR CIRCULATION")] {
            let report = try cli.run(["report", "--panel", panel, "--period", "FY2024Q4", "--as-of", "2025-03-31",
                                      "--db", "demo/panelboard.sqlite", "--out", "\(panel).html"] + extra)
            #expect(report.status == 0, "\(report.stderr)")
            let html = try String(contentsOfFile: cli.path("\(panel).html"), encoding: .utf8)
            let measured = try Self.measure(html, widths: [1280, 390], in: cli, name: "\(panel)-measured.html")
            for width in [1280, 390] {
                let m = try #require(measured[width], "\(panel): nothing measured at \(width) px")
                #expect(m.width <= m.viewport, "\(panel) at \(width) px scrolls sideways to \(m.width) px: \(m.wide)")
                #expect(m.wide.isEmpty, "\(panel) at \(width) px: \(m.wide) stick out")
                #expect(m.charts == ["MARAC": 5, "DAPP": 6, "DRAMM": 6][panel], "the DAPP pack adds its cohort flow and its trend, the MARAC its cases by area, the DRAMM its days and weekdays")
                #expect(m.smallestChartText >= 11, "\(panel) at \(width) px: chart text at \(m.smallestChartText) px")
            }
            // Printed as Chromium prints by default (no background graphics), with
            // its own header and footer off: ours is in the page's margin boxes.
            _ = try Self.chrome(["--no-pdf-header-footer", "--print-to-pdf=\(cli.path("\(panel).pdf"))", "file://\(cli.path("\(panel).html"))"])
            let text = try Self.run(pdftotext, ["-layout", cli.path("\(panel).pdf"), "-"]).output
            let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).filter {
                !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            }
            #expect(pages.count >= 3, "\(panel): \(pages.count) pages")
            for (i, page) in pages.enumerated() {
                let lines = page.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                let header = lines.first ?? ""
                #expect(header.hasPrefix("\(panel) · All areas · FY2024Q4 (2025-01-01 to 2025-03-31)") && header.hasSuffix(status),
                        "\(panel) page \(i + 1) has no running header: \(header)")
                let footer = lines.last ?? ""
                #expect(footer.hasPrefix("OFFICIAL-SENSITIVE") && footer.hasSuffix("Page \(i + 1) of \(pages.count)"),
                        "\(panel) page \(i + 1) footer: \(footer)")
            }
        }
    }
}
