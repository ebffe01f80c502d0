import GRDB

/// The perpetrator-panel figures (panels.md, "Perpetrator panels"): the `perpetrator`
/// member of `metrics --format json`. Each figure is its own family, in its own file;
/// this gathers their results. Every panel has them (zeros where there is no cohort).
public struct Perpetrator: Sendable, Equatable {
    public var adoptedBySource: AdoptedBySource.Result
    public var exitReviewDue: Int
    public var harmAfterExit: HarmAfterExit.Result
    public var postExitIncidentsWithoutMarac: Int
    public var rfg: RfgScores.Result
    public var actionsByType: ActionsByType.Result
    public var mappaConflicts: Int

    /// The families, in the order of panels.md (for saved queries, `schema` and docs).
    static let families: [(name: String, summary: String, sql: String)] = [
        (AdoptedBySource.name, AdoptedBySource.summary, AdoptedBySource.sql),
        (ExitReviewDue.name, ExitReviewDue.summary, ExitReviewDue.sql),
        (HarmAfterExit.name, HarmAfterExit.summary, HarmAfterExit.sql),
        (PostExitIncidentsWithoutMarac.name, PostExitIncidentsWithoutMarac.summary, PostExitIncidentsWithoutMarac.sql),
        (RfgScores.name, RfgScores.summary, RfgScores.sql),
        (ActionsByType.name, ActionsByType.summary, ActionsByType.sql),
        (MappaConflicts.name, MappaConflicts.summary, MappaConflicts.sql),
    ]

    static func compute(_ db: Database, scope: MetricScope) throws -> Perpetrator {
        Perpetrator(
            adoptedBySource: try AdoptedBySource.compute(db, scope: scope),
            exitReviewDue: try ExitReviewDue.compute(db, scope: scope),
            harmAfterExit: try HarmAfterExit.compute(db, scope: scope),
            postExitIncidentsWithoutMarac: try PostExitIncidentsWithoutMarac.compute(db, scope: scope),
            rfg: try RfgScores.compute(db, scope: scope),
            actionsByType: try ActionsByType.compute(db, scope: scope),
            mappaConflicts: try MappaConflicts.compute(db, scope: scope))
    }

    public var json: JSONValue {
        .object([
            ("adopted_by_source", adoptedBySource.json),
            ("exit_review_due", .int(exitReviewDue)),
            ("harm_after_exit", harmAfterExit.json),
            ("post_exit_incidents_without_marac", .int(postExitIncidentsWithoutMarac)),
            ("rfg_exits_scored", .int(rfg.exitsScored)),
            ("rfg_at_adoption_median", .number(rfg.atAdoptionMedian)),
            ("rfg_change_median", .number(rfg.changeMedian)),
            ("actions_by_type", actionsByType.json),
            ("mappa_conflicts", .int(mappaConflicts)),
        ])
    }
}

extension MetricSQL {
    /// True when the panel `column` names is a `marac` panel: by its panels.csv
    /// row, else by its code (`panelKind`).
    static func isMaracPanel(_ column: String) -> String {
        "(\(panelKind(column)) = 'marac')"
    }

    /// True when the person `ref` (a perpetrator_ref) has a sign of harm dated
    /// after `after` and on or before `upTo`: an incident, or a referral to any
    /// panel naming them as perpetrator. Both are read through the indexes by
    /// person and date.
    static func harmBetween(_ ref: String, after: String, upTo: String) -> String {
        """
        (EXISTS (SELECT 1 FROM incidents i WHERE i.perpetrator_ref = \(ref)
                   AND i.incident_date > \(after) AND i.incident_date <= \(upTo))
         OR EXISTS (SELECT 1 FROM referrals r WHERE r.perpetrator_ref = \(ref)
                   AND r.referral_date > \(after) AND r.referral_date <= \(upTo)))
        """
    }

    /// A median by position over `column` of the CTE `from`: the middle value, or
    /// the mean of the middle two; null when there are none.
    static func median(_ column: String, from: String) -> String {
        """
        (SELECT avg(v) FROM (SELECT \(column) AS v, row_number() OVER (ORDER BY \(column)) AS position,
                                    count(*) OVER () AS n FROM \(from))
         WHERE position IN ((n + 1) / 2, (n + 2) / 2))
        """
    }
}

extension Perpetrator: ReportedFamily {
    public static let family = FamilyDescription(
        member: "perpetrator",
        title: { s in "Perpetrator panels (exit review after \(s.exitReviewMonths) months)" },
        queries: families,
        disclosure: { breakdown, field in
            // The agencies' work, like the actions family: exact.
            if breakdown?.hasPrefix("actions_by_type") == true { return .exact }
            // A median of one or two people's scores is their score: hidden with
            // the count of people it is taken over.
            if field == "rfg_at_adoption_median" || field == "rfg_change_median" {
                return .derived(from: ["perpetrator.rfg_exits_scored"])
            }
            // Everything else counts people (adoptions, exits, members).
            return .people(cell: FigureDisclosure.cell("perpetrator", breakdown, field))
        },
        relations: { _ in
            // Adoptions by source make up the cohort's adopted; at each horizon the
            // exits of every reason are harm + pending + no_harm, the reasons make
            // up `all`, and `all` exits are the cohort's exited.
            var relations: [FigureRelation] = [
                .sum(parts: AdoptedBySource.sources.map { "perpetrator.adopted_by_source.\($0)" }, whole: "cohort.adopted",
                     remainder: "perpetrator.adopted_by_source unlisted"),
            ]
            for months in HarmAfterExit.horizons {
                let horizon = "perpetrator.harm_after_exit.\(HarmAfterExit.label(months))"
                relations.append(.sum(parts: ["harm", "pending", "no_harm"].map { "\(horizon).all.\($0)" },
                                      whole: "\(horizon).all.exits", remainder: "\(horizon).all unlisted"))
                relations.append(.balance([("\(horizon).all.exits", 1), ("cohort.exited", -1)]))
            }
            return relations
        },
        onBoard: true,
        // Harm after exit goes to the board for all exits together, not by exit
        // reason: the grid of 3 horizons by 7 reasons is mostly small counts, and
        // protecting them all forced the cohort flow itself (started, adopted,
        // exited, ended) to be hidden at panel level. `metrics` has the grid for
        // analysts; the perpetrator panel's own board page (the board-pack issue)
        // decides how to show it.
        boardLeavesOut: { path in path.count == 4 && path[0] == "harm_after_exit" && path[2] != "all" })

    public static func figures(_ db: Database, scope: MetricScope) throws -> Perpetrator { try compute(db, scope: scope) }
    public static func json(_ figures: Perpetrator) -> JSONValue { figures.json }
}
