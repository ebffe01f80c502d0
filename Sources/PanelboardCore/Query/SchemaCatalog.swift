import GRDB

/// The tables and views an analyst can query, each with a one-line description,
/// and their columns with types and descriptions. Internal bookkeeping tables
/// (migrations, the import's key scratch table) are left out.
public enum SchemaCatalog {
    public struct Column: Sendable {
        public let name: String
        public let type: String
        public let description: String
    }

    public struct Relation: Sendable {
        public let name: String
        public let kind: String  // "table" or "view"
        public let description: String
        public let columns: [Column]
    }

    /// One line per table: what a row is.
    static let tableDescriptions: [String: String] = [
        "referrals": "One row per case referred to a panel (referrals.csv).",
        "actions": "One row per action agreed at a meeting (actions.csv); status is filled in when the export left it empty.",
        "meetings": "One row per meeting held (meetings.csv).",
        "attendance": "One row per agency per meeting (attendance.csv).",
        "cohort": "One row per membership of a perpetrator cohort (cohort.csv).",
        "incidents": "One row per further incident after a referral (incidents.csv).",
        "areas": "Reference figures per area (areas.csv); `group` is stored as area_group.",
        "panels": "One row per panel code: its kind and terms of reference (panels.csv); an empty value takes the default.",
        "members": "Who should attend a panel's meetings, per agency (members.csv); an empty area is every area, empty dates open-ended.",
        "holidays": "Local closures that are not working days (holidays.csv); an empty area closes every area.",
        "working_calendar": "Working days per holiday set and area, rebuilt by every import from the shipped bank holidays and holidays.csv: deadlines in working days are lookups by working_ordinal.",
        "imports": "The import log: one row per import attempt, refused ones included.",
        "import_files": "The files of each import, with SHA-256, size and row counts.",
    ]

    /// Column descriptions that are not obvious from the data contract's names.
    /// A `table.column` entry overrides the column name's for that table.
    static let columnDescriptions: [String: String] = [
        "actions.panel": "The panel of the action's referral: a copy kept in step with referrals, so the actions figures need no join.",
        "actions.area": "The area of the action's referral: a copy kept in step with referrals.",
        "days_to_complete": "Days from agreed_date to completed_date, computed by the store; NULL when not completed.",
        "referral_id": "Id of the referral in the source system.",
        "panel": "Panel code, upper case (MARAC, DRAMM, DAPP, IDAP, ...).",
        "area": "Local area.",
        "victim_ref": "Pseudonymous id of the victim or survivor.",
        "perpetrator_ref": "Pseudonymous id of the person causing harm.",
        "referral_date": "Date the referral was received (YYYY-MM-DD).",
        "meeting_id": "Meeting id.",
        "meeting_date": "Date of the meeting (YYYY-MM-DD); in referrals, NULL when the case was not (yet) heard.",
        "referring_agency": "Agency code of the referrer, or the local name as written when no mapping knows it.",
        "referral_reason": "Why the case was referred.",
        "risk_level": "standard, medium, high or very_high.",
        "dash_score": "Ticks on the DASH risk checklist, 0-27.",
        "rfg_score": "Recency-frequency-gravity score (perpetrator panels).",
        "discussion_type": "full, significant_update or information_only.",
        "children_count": "Children in the household.",
        "victim_gender": "female, male or other.",
        "victim_age_band": "16-17, 18-24, 25-34, 35-44, 45-54, 55-64 or 65+.",
        "victim_ethnic_minority": "1 when the victim is Black, Asian or racially minoritised.",
        "victim_disabled": "1 when the victim is disabled.",
        "victim_lgbt": "1 when the victim is LGBT+.",
        "perpetrator_under_18": "1 when the person causing harm was 17 or under.",
        "recorded_repeat": "The source's own repeat flag (1/0); compared with the computed answer, never trusted.",
        "outcome": "Outcome as recorded.",
        "action_id": "Id of the action.",
        "agency": "Agency code (or unmapped local name).",
        "agreed_date": "Date the action was agreed.",
        "due_date": "Due date; NULL when none was set.",
        "completed_date": "Date completed; NULL when not completed.",
        "status": "Status (actions: open, completed, not_completed, cancelled; attendance: attended, deputy, written_update, apologies, absent; imports: imported, refused).",
        "action_type": "Kind of action.",
        "agenda_sent_date": "When the agenda went to partners.",
        "minutes_sent_date": "When minutes and actions were circulated.",
        "adopted_date": "Date taken onto the cohort.",
        "adoption_source": "marac, probation, professional_judgement or other.",
        "exit_date": "Date the membership ended; NULL while on the cohort.",
        "exit_reason": "Why the membership ended.",
        "rfg_at_adoption": "Recency-frequency-gravity score when taken onto the cohort.",
        "rfg_at_exit": "Recency-frequency-gravity score when the membership ended.",
        "mappa": "1 when the person causing harm was managed under MAPPA at referral.",
        "incident_id": "Id of the incident.",
        "incident_date": "Date of the incident.",
        "incident_type": "Kind of incident.",
        "screening_decision": "accepted, declined, deferred (heard at a later meeting than asked) or redirected (sent to another panel or service).",
        "children_services_status": "none, early_help, child_in_need, child_protection_plan, looked_after or not_known.",
        "meeting_type": "scheduled or emergency.",
        "kind": "marac, triage or perpetrator.",
        "person": "victim or perpetrator: whose ref identifies a repeat (empty: victim, or perpetrator for a perpetrator panel).",
        "day_count": "calendar or working: how the panel's day counts are counted (empty: calendar).",
        "panels.holidays": "england_and_wales, scotland or northern_ireland: whose bank holidays are not working days (empty: england_and_wales).",
        "repeat_window_months": "Months back an earlier referral makes a repeat (empty: 12).",
        "agenda_days_before": "Agenda on time when sent at least this many days before the meeting (empty: 5).",
        "minutes_days_after": "Minutes on time when sent at most this many days after the meeting (empty: 7).",
        "late_referral_days": "A referral received fewer days than this before its meeting is late (empty: 7).",
        "repeat_panels": "Space-separated panel codes whose earlier referrals count towards a repeat (empty: the panel itself).",
        "exit_review_months": "Months with no sign of harm before a cohort exit review (empty: 3).",
        "meeting_every_days": "Expected longest gap between two meetings of one area, in the panel's day count (empty: none).",
        "not_same_day_as": "A panel whose meetings must not fall on the same day in the same area (empty: none).",
        "quorum": "Core agencies that must attend or send a deputy for a quorate meeting (empty: all core members).",
        "escalation_days": "Triage panels: a case is escalated when its person is referred to a marac panel within this many days (empty: 14).",
        "retention_years": "Cases whose latest activity is older than this are due for disposal (empty: keep).",
        "role": "core (must attend every meeting) or when_involved (attends for its own cases).",
        "from_date": "First day of the membership; NULL: since always.",
        "to_date": "Last day of the membership; NULL: open-ended.",
        "date": "The closed day.",
        "members.area": "Area of the membership; NULL: every area of the panel.",
        "holidays.area": "Area closed; NULL: every area.",
        "working_calendar.holidays": "The bank holiday set: england_and_wales, scotland or northern_ireland.",
        "working_calendar.area": "An area with closures of its own (holidays.csv); '' for every other area.",
        "day": "The day (YYYY-MM-DD).",
        "is_working": "1 for a working day: Monday to Friday, not a bank holiday, not a local closure.",
        "working_ordinal": "Working days from the calendar's first day up to and including this day: the day N working days before a working day D has D's ordinal minus N.",
        "adult_female_population": "Women aged 16 and over in the area.",
        "area_group": "Grouping for roll-ups (areas.csv `group`).",
        "import_id": "Import number, in order.",
        "started_at": "When the import started (UTC).",
        "finished_at": "When it finished (UTC).",
        "mode": "strict or skip_invalid.",
        "as_of": "The import's as-of date.",
        "os_user": "Who ran it.",
        "tool_version": "Panelboard version.",
        "file": "File name.",
        "table_name": "Table the file was imported into.",
        "sha256": "SHA-256 of the file's bytes.",
        "bytes": "File size in bytes.",
        "rows_read": "Rows read.",
        "rows_new": "Rows new to the store.",
        "rows_changed": "Rows that updated a stored row.",
        "rows_unchanged": "Rows identical to a stored row.",
        "rows_rejected": "Rows rejected.",
        "unknown_columns": "Columns the contract does not know, not imported.",
        "dropped_columns": "Identifying columns dropped (never stored).",
        "unmapped_agencies": "Agency names no mapping knew.",
    ]

    static let hidden: Set<String> = ["grdb_migrations", "import_keys", "sqlite_sequence"]

    /// Extra descriptions registered by other parts (metric views, raw tables).
    public static func relations(in db: Database) throws -> [Relation] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT name, type FROM sqlite_schema
            WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'
            ORDER BY type, name
            """)
        var out: [Relation] = []
        for row in rows {
            let name: String = row["name"]
            let kind: String = row["type"]
            if hidden.contains(name) { continue }
            let columns = try Row.fetchAll(db, sql: "SELECT name, type FROM pragma_table_xinfo(?) WHERE hidden <> 1", arguments: [name]).map { c in
                let columnName: String = c["name"]
                let type: String = c["type"]
                return Column(name: columnName, type: type.isEmpty ? "ANY" : type,
                              description: columnDescriptions["\(name).\(columnName)"] ?? columnDescriptions[columnName] ?? "")
            }
            let description = tableDescriptions[name] ?? (kind == "table" ? "A table loaded with import --raw." : "")
            out.append(Relation(name: name, kind: kind, description: description, columns: columns))
        }
        // The metric families' named queries, with the columns they return.
        for metric in MetricQueries.all {
            let statement = try db.makeStatement(sql: metric.sql)
            let parameters = statement.sqliteArgumentNames.map { ":" + $0 }.joined(separator: ", ")
            out.append(Relation(
                name: metric.name, kind: "metric query",
                description: metric.summary + " Run: panelboard query --saved \(metric.name) (parameters \(parameters)).",
                columns: statement.columnNames.map { Column(name: $0, type: "", description: "") }))
        }
        // Bundle tables in import order, then the log, then everything else.
        let preferred = ExportTable.allCases.map(\.rawValue) + ["imports", "import_files"]
        func rank(_ r: Relation) -> (Int, Int, String) {
            (r.kind == "table" ? 0 : r.kind == "view" ? 1 : 2, preferred.firstIndex(of: r.name) ?? preferred.count, r.name)
        }
        return out.sorted { rank($0) < rank($1) }
    }

    /// The catalogue as text for a terminal, or as a Markdown page for docs/.
    public static func render(_ relations: [Relation], markdown: Bool) -> String {
        var out = ""
        if markdown {
            out += "# Tables and views\n\nWhat an analyst can query with `panelboard query`. Generated by `panelboard schema --format markdown`.\n"
            for r in relations {
                out += "\n## \(r.name) (\(r.kind))\n\n\(r.description)\n\n| column | type | meaning |\n| --- | --- | --- |\n"
                for c in r.columns {
                    out += "| `\(c.name)` | \(c.type) | \(c.description.replacingOccurrences(of: "|", with: "\\|")) |\n"
                }
            }
            return out
        }
        for r in relations {
            out += "\(r.name) (\(r.kind)): \(r.description)\n"
            let width = r.columns.map(\.name.count).max() ?? 0
            let typeWidth = r.columns.map(\.type.count).max() ?? 0
            for c in r.columns {
                out += "  " + c.name.padding(width) + "  " + c.type.padding(typeWidth) + "  " + c.description
                out = out.trimmedRight() + "\n"
            }
            out += "\n"
        }
        return out
    }
}
