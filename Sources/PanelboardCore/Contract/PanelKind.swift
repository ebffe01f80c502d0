/// What a panel is for (panels.csv `kind`), which decides whose ref identifies a
/// repeat by default, which figures its board pack leads with, and which panels
/// a triage case escalates to.
public enum PanelKind: String, Sendable, CaseIterable {
    /// A risk conference for victims (MARAC).
    case marac
    /// A daily triage meeting (a DRAMM) that sends some of its cases on to a MARAC.
    case triage
    /// A perpetrator panel with a cohort (DAPP, IDAP).
    case perpetrator

    /// The kind of a panel that has no panels.csv row (panels.md): its code
    /// decides, and an unknown code is a MARAC, the panel every area has.
    public static func `default`(forCode code: String) -> PanelKind {
        switch code.uppercased() {
        case "DRAMM": .triage
        case "DAPP", "IDAP": .perpetrator
        default: .marac
        }
    }

    /// Whose pseudonymous ref identifies the same person on a panel of this kind,
    /// unless its panels.csv row says otherwise.
    public var defaultPerson: String {
        self == .perpetrator ? "perpetrator" : "victim"
    }
}
