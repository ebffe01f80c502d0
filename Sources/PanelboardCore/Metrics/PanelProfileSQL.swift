/// The SQL for a panel's profile (panels.md): what its panels.csv row says, else
/// the default by code. Written once here so that every family (and an analyst's
/// own query) reads a panel's kind the same way.
extension MetricSQL {
    /// The kind (`marac`, `triage`, `perpetrator`) of the panel whose code the SQL
    /// expression `code` gives: its panels row, else DRAMM is triage, DAPP and IDAP
    /// perpetrator, any other code marac (`PanelKind.default(forCode:)`). One
    /// primary-key look-up per evaluation.
    public static func panelKind(_ code: String) -> String {
        """
        coalesce((SELECT pk.kind FROM panels pk WHERE pk.panel = \(code)), \
        CASE \(code) WHEN 'DRAMM' THEN 'triage' WHEN 'DAPP' THEN 'perpetrator' WHEN 'IDAP' THEN 'perpetrator' ELSE 'marac' END)
        """
    }
}
