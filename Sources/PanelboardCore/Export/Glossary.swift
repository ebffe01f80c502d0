/// The definitions a board reads at the end of its pack, in plain words, with the
/// settings in force.
public enum Glossary {
    /// With a panel kind, the terms of the families that kind's board carries too.
    public static func terms(settings s: MetricSettings, kind: PanelKind? = nil) -> [(String, String)] {
        // Each family says what its own terms mean; the rule for small numbers is
        // the board's, for every family alike.
        MetricsReport.descriptions.filter { kind.map($0.isOnBoard) ?? $0.onBoard }.flatMap { $0.glossary(s).map { ($0.term, $0.meaning) } } + [
            ("Small numbers", "Counts of people or cases from 1 to \(s.suppressionThreshold - 1) are shown as <\(s.suppressionThreshold) so that no one can be recognised. Where the other figures (a total, a row of parts, the cohort balance) would let a hidden count be worked out, further counts are hidden, the smallest first, and shown as [c], as is any share of a hidden count. Meetings, attendance and actions describe agencies' work, not people, and are shown in full."),
        ]
    }
}
