extension MetricSQL {
    /// Referrals received: referrals in scope with referral_date in the period, as
    /// `received_referrals` (needs `WITH RECURSIVE`). Read area by area, each area's
    /// period one range of the (panel, area, referral_date) index, as volumes counts
    /// them: every referral has an area. Written as `panel = :panel AND
    /// referral_date BETWEEN ...`, SQLite has no index that leads with both, picks
    /// the (panel, meeting_date) one and reads the panel's every referral (600,000
    /// on a national MARAC, for one quarter's 15,000). NOT MATERIALIZED: read by
    /// an aggregate, the join was otherwise copied whole, every column of every
    /// referral, into a temporary table first (half of case profile's time).
    static let received = """
        received_areas(area) AS (
            -- The panel's areas, one index seek each.
            SELECT min(area) FROM referrals WHERE panel = :panel
            UNION ALL
            SELECT (SELECT min(x.area) FROM referrals x WHERE x.panel = :panel AND x.area > p.area)
            FROM received_areas p WHERE p.area IS NOT NULL
        ),
        received_referrals AS NOT MATERIALIZED (
            SELECT r.* FROM received_areas n CROSS JOIN referrals r
            WHERE n.area IS NOT NULL AND \(inArea("n.area"))
              AND r.panel = :panel AND r.area = n.area AND r.referral_date BETWEEN :from AND :to
        )
        """
}
