import GRDB

/// The store's schema, as named, frozen steps.
///
/// A migration that has landed is never edited: a later change is a new step
/// appended below. Raw SQL with literal table names, never model types, so that a
/// step means the same thing forever.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1 bundle tables") { db in
            try db.execute(sql: """
                CREATE TABLE areas (
                    area TEXT PRIMARY KEY NOT NULL,
                    adult_female_population INTEGER CHECK (adult_female_population > 0),
                    area_group TEXT
                );

                CREATE TABLE meetings (
                    meeting_id TEXT PRIMARY KEY NOT NULL,
                    panel TEXT NOT NULL,
                    area TEXT NOT NULL,
                    meeting_date TEXT NOT NULL,
                    agenda_sent_date TEXT,
                    minutes_sent_date TEXT
                );

                CREATE TABLE referrals (
                    referral_id TEXT PRIMARY KEY NOT NULL,
                    panel TEXT NOT NULL,
                    area TEXT NOT NULL,
                    victim_ref TEXT,
                    perpetrator_ref TEXT,
                    referral_date TEXT NOT NULL,
                    meeting_id TEXT,
                    meeting_date TEXT,
                    referring_agency TEXT NOT NULL,
                    referral_reason TEXT,
                    risk_level TEXT,
                    dash_score INTEGER,
                    rfg_score INTEGER,
                    discussion_type TEXT,
                    children_count INTEGER,
                    victim_gender TEXT,
                    victim_age_band TEXT,
                    victim_ethnic_minority INTEGER,
                    victim_disabled INTEGER,
                    victim_lgbt INTEGER,
                    perpetrator_under_18 INTEGER,
                    recorded_repeat INTEGER,
                    outcome TEXT,
                    CHECK (victim_ref IS NOT NULL OR perpetrator_ref IS NOT NULL),
                    CHECK (meeting_date IS NULL OR meeting_date >= referral_date)
                );

                CREATE TABLE actions (
                    action_id TEXT PRIMARY KEY NOT NULL,
                    referral_id TEXT NOT NULL REFERENCES referrals (referral_id),
                    agency TEXT NOT NULL,
                    agreed_date TEXT NOT NULL,
                    due_date TEXT,
                    completed_date TEXT,
                    status TEXT NOT NULL,
                    action_type TEXT
                );

                CREATE TABLE attendance (
                    meeting_id TEXT NOT NULL REFERENCES meetings (meeting_id),
                    agency TEXT NOT NULL,
                    status TEXT NOT NULL,
                    PRIMARY KEY (meeting_id, agency)
                ) WITHOUT ROWID;

                CREATE TABLE cohort (
                    perpetrator_ref TEXT NOT NULL,
                    panel TEXT NOT NULL,
                    area TEXT NOT NULL,
                    adopted_date TEXT NOT NULL,
                    adoption_source TEXT,
                    exit_date TEXT,
                    exit_reason TEXT,
                    PRIMARY KEY (perpetrator_ref, panel, adopted_date),
                    CHECK (exit_date IS NULL OR (exit_date >= adopted_date AND exit_reason IS NOT NULL))
                ) WITHOUT ROWID;

                CREATE TABLE incidents (
                    incident_id TEXT PRIMARY KEY NOT NULL,
                    incident_date TEXT NOT NULL,
                    perpetrator_ref TEXT,
                    victim_ref TEXT,
                    incident_type TEXT,
                    CHECK (perpetrator_ref IS NOT NULL OR victim_ref IS NOT NULL)
                );

                -- What the metrics select on: panel and dates, the people, the case,
                -- and due dates for the chase list.
                CREATE INDEX referrals_panel_meeting_date ON referrals (panel, meeting_date);
                CREATE INDEX referrals_panel_referral_date ON referrals (panel, referral_date);
                CREATE INDEX referrals_victim ON referrals (victim_ref, referral_date);
                CREATE INDEX referrals_perpetrator ON referrals (perpetrator_ref, referral_date);
                CREATE INDEX actions_referral ON actions (referral_id);
                CREATE INDEX actions_due_date ON actions (due_date);
                CREATE INDEX actions_status_due_date ON actions (status, due_date);
                CREATE INDEX meetings_panel_date ON meetings (panel, meeting_date);
                CREATE INDEX cohort_panel_adopted ON cohort (panel, adopted_date);
                CREATE INDEX incidents_perpetrator ON incidents (perpetrator_ref, incident_date);
                CREATE INDEX incidents_victim ON incidents (victim_ref, incident_date);
                """)
        }

        migrator.registerMigration("v1 import log") { db in
            try db.execute(sql: """
                CREATE TABLE imports (
                    import_id INTEGER PRIMARY KEY,
                    started_at TEXT NOT NULL,
                    finished_at TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('imported', 'refused')),
                    mode TEXT NOT NULL CHECK (mode IN ('strict', 'skip_invalid', 'raw')),
                    as_of TEXT NOT NULL,
                    os_user TEXT NOT NULL,
                    tool_version TEXT NOT NULL,
                    rows_read INTEGER NOT NULL,
                    rows_new INTEGER NOT NULL,
                    rows_changed INTEGER NOT NULL,
                    rows_unchanged INTEGER NOT NULL,
                    rows_rejected INTEGER NOT NULL
                );

                CREATE TABLE import_files (
                    import_id INTEGER NOT NULL REFERENCES imports (import_id),
                    file TEXT NOT NULL,
                    table_name TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    bytes INTEGER NOT NULL,
                    rows_read INTEGER NOT NULL,
                    rows_new INTEGER NOT NULL,
                    rows_changed INTEGER NOT NULL,
                    rows_unchanged INTEGER NOT NULL,
                    rows_rejected INTEGER NOT NULL,
                    unknown_columns TEXT,
                    dropped_columns TEXT,
                    unmapped_agencies TEXT
                );

                -- The keys one import has seen, per table, so that a second row with
                -- the same id in a file is caught without holding every key in
                -- memory. Filled and emptied inside the import's transaction.
                CREATE TABLE import_keys (
                    table_name TEXT NOT NULL,
                    key TEXT NOT NULL,
                    line INTEGER NOT NULL,
                    PRIMARY KEY (table_name, key)
                ) WITHOUT ROWID;
                """)
        }

        // Indexes the metrics' query plans need on a national-scale store, each one
        // weighed against what it costs every import. The actions figures pick a
        // quarter's actions by any of three dates (agreed, due, completed); open
        // actions (overdue as of a day, the chase list) come from a covering index
        // already in the chase list's order (agency, then due date);
        // the areas a panel's referrals are in come from an index that already
        // served (panel, referral_date), now widened to carry the area, so
        // referrals keep the same number of indexes.
        migrator.registerMigration("v2 metric indexes") { db in
            try db.execute(sql: """
                CREATE INDEX actions_agreed_date ON actions (agreed_date);
                CREATE INDEX actions_completed_date ON actions (completed_date);
                DROP INDEX actions_status_due_date;
                CREATE INDEX actions_status_agency_due_cover ON actions (status, agency, due_date, referral_id);
                DROP INDEX referrals_panel_referral_date;
                CREATE INDEX referrals_panel_referral_date_area ON referrals (panel, referral_date, area);
                """)
        }

        // Every actions figure is scoped by the referral's panel and area. Joining
        // each action to its referral cost one lookup per action (a quarter's
        // quarter of a million, and every open action of ten years); so each action
        // carries a copy of the two, kept in step by the importer when it writes an
        // action and by a trigger when a referral moves. The indexes lead with the
        // panel and cover what each figure reads, so no figure visits the table:
        // agreed, due and open actions by agency and then date (each agency's
        // period is one range, counted without a sort; open in the chase list's
        // order), completed ones by agency and then days to complete (a column
        // the store computes), so that a median's counts per number of days are
        // ranges too. The two partial indexes carry the status
        // as well: SQLite reads a column the query names from the index only when
        // the index has it, even when its WHERE fixes the value. The single-date
        // indexes they replace go.
        migrator.registerMigration("v3 actions carry panel and area") { db in
            try db.execute(sql: """
                ALTER TABLE actions ADD COLUMN panel TEXT;
                ALTER TABLE actions ADD COLUMN area TEXT;
                ALTER TABLE actions ADD COLUMN days_to_complete INTEGER
                    GENERATED ALWAYS AS (CAST(julianday(completed_date) - julianday(agreed_date) AS INTEGER)) VIRTUAL;
                UPDATE actions SET (panel, area) =
                    (SELECT r.panel, r.area FROM referrals r WHERE r.referral_id = actions.referral_id);
                CREATE TRIGGER referrals_panel_area_to_actions
                AFTER UPDATE OF panel, area ON referrals
                WHEN OLD.panel IS NOT NEW.panel OR OLD.area IS NOT NEW.area
                BEGIN
                    UPDATE actions SET panel = NEW.panel, area = NEW.area
                    WHERE referral_id = NEW.referral_id;
                END;
                DROP INDEX actions_due_date;
                DROP INDEX actions_agreed_date;
                DROP INDEX actions_completed_date;
                DROP INDEX actions_status_agency_due_cover;
                CREATE INDEX actions_panel_agreed ON actions (panel, agency, agreed_date, area);
                CREATE INDEX actions_panel_due ON actions (panel, agency, due_date, area, status, completed_date);
                CREATE INDEX actions_panel_completed ON actions (panel, agency, days_to_complete, completed_date, area, status)
                    WHERE status = 'completed';
                CREATE INDEX actions_panel_open ON actions (panel, agency, due_date, area, status)
                    WHERE status = 'open';
                """)
        }

        // The areas a panel's referrals are in (the population the volumes are set
        // against) are read one seek per area from an index ordered by area; the
        // referrals received in a period are then counted area by area from the
        // same index. It replaces the (panel, referral_date, area) index, so
        // referrals keep the same number of indexes.
        migrator.registerMigration("v4 referrals by panel and area") { db in
            try db.execute(sql: """
                DROP INDEX referrals_panel_referral_date_area;
                CREATE INDEX referrals_panel_area_date ON referrals (panel, area, referral_date);
                """)
        }

        // Perpetrator panels (panels.md, "New columns"): the RFG score when a
        // person joins and leaves a cohort, and whether a referral's person is
        // managed under MAPPA. Adding nullable columns keeps every row as it was.
        // Exits are selected by date (harm after exit over a period's exits, the
        // post-exit list as of a day); without an index each of those reads the
        // panel's whole cohort, so the exit date gets one, by panel like the
        // adoption date's.
        migrator.registerMigration("v5 perpetrator panel columns") { db in
            try db.execute(sql: """
                ALTER TABLE cohort ADD COLUMN rfg_at_adoption INTEGER;
                ALTER TABLE cohort ADD COLUMN rfg_at_exit INTEGER;
                ALTER TABLE referrals ADD COLUMN mappa INTEGER;
                CREATE INDEX cohort_panel_exit ON cohort (panel, exit_date);
                """)
        }

        // Panels on their own terms (panels.md): each panel's profile, who should
        // attend, local closures, and the version 2 columns. An empty member area
        // or from_date, and an empty holiday area, are values of the row's key, so
        // the keys are unique indexes over ifnull(): a primary key would let two
        // rows with an empty area both in.
        //
        // working_calendar is the working-day calendar the metrics look deadlines
        // up in: one row per day of the shipped bank holiday years, per holiday
        // set (england_and_wales, scotland, northern_ireland) and area ('' for
        // every area without closures of its own). `working_ordinal` counts the
        // working days from the calendar's first day up to and including `day`,
        // so "N working days before a meeting" is a lookup by ordinal, not a
        // loop. The importer rebuilds it in every import's transaction from the
        // shipped lists and holidays.csv.
        migrator.registerMigration("v6 panel profiles") { db in
            try db.execute(sql: """
                CREATE TABLE panels (
                    panel TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL,
                    person TEXT,
                    day_count TEXT,
                    holidays TEXT,
                    agenda_days_before INTEGER,
                    minutes_days_after INTEGER,
                    late_referral_days INTEGER,
                    repeat_window_months INTEGER,
                    repeat_panels TEXT,
                    exit_review_months INTEGER,
                    meeting_every_days INTEGER,
                    not_same_day_as TEXT,
                    quorum INTEGER,
                    escalation_days INTEGER,
                    retention_years INTEGER
                );

                CREATE TABLE members (
                    panel TEXT NOT NULL,
                    area TEXT,
                    agency TEXT NOT NULL,
                    role TEXT NOT NULL,
                    from_date TEXT,
                    to_date TEXT,
                    CHECK (to_date IS NULL OR from_date IS NULL OR to_date >= from_date)
                );
                CREATE UNIQUE INDEX members_key ON members (panel, ifnull(area, ''), agency, ifnull(from_date, ''));

                CREATE TABLE holidays (
                    date TEXT NOT NULL,
                    area TEXT
                );
                CREATE UNIQUE INDEX holidays_key ON holidays (date, ifnull(area, ''));

                ALTER TABLE referrals ADD COLUMN screening_decision TEXT;
                ALTER TABLE referrals ADD COLUMN children_services_status TEXT;
                ALTER TABLE meetings ADD COLUMN meeting_type TEXT;

                CREATE TABLE working_calendar (
                    holidays TEXT NOT NULL,
                    area TEXT NOT NULL,
                    day TEXT NOT NULL,
                    is_working INTEGER NOT NULL,
                    working_ordinal INTEGER NOT NULL,
                    PRIMARY KEY (holidays, area, day)
                ) WITHOUT ROWID;
                CREATE INDEX working_calendar_ordinal ON working_calendar (holidays, area, working_ordinal, is_working, day);
                """)
        }

        // Retention and corrections (issue 18). A purge archives the figures of the
        // periods it touches before it deletes (archived_figures), and is logged
        // without ids (purges). An import notes which columns of which rows it
        // changed, and which rows of what it covers the export no longer has
        // (import_changes): the ids and column names, never the values. Triggers,
        // not the importer, note changes, so any way of writing a row is covered;
        // rows are noted with no import id and given the id when the import's log
        // entry is written (ImportChanges.stamp). Derived columns (an action's
        // panel and area, days to complete) are not the export's, so not noted.
        migrator.registerMigration("v7 retention and corrections") { db in
            try db.execute(sql: """
                CREATE TABLE purges (
                    purge_id INTEGER PRIMARY KEY,
                    purged_at TEXT NOT NULL,
                    os_user TEXT NOT NULL,
                    tool_version TEXT NOT NULL,
                    panel TEXT NOT NULL,
                    cut_off TEXT NOT NULL,
                    cases INTEGER NOT NULL,
                    referrals INTEGER NOT NULL,
                    actions INTEGER NOT NULL,
                    meetings INTEGER NOT NULL,
                    attendance INTEGER NOT NULL,
                    cohort INTEGER NOT NULL,
                    incidents INTEGER NOT NULL,
                    import_changes INTEGER NOT NULL,
                    periods_archived INTEGER NOT NULL
                );

                CREATE TABLE archived_figures (
                    panel TEXT NOT NULL,
                    area TEXT NOT NULL,
                    period_from TEXT NOT NULL,
                    period_to TEXT NOT NULL,
                    archived_on TEXT NOT NULL,
                    purge_id INTEGER NOT NULL REFERENCES purges (purge_id),
                    figures TEXT NOT NULL,
                    PRIMARY KEY (panel, area, period_from, period_to)
                ) WITHOUT ROWID;

                CREATE TABLE import_changes (
                    import_id INTEGER REFERENCES imports (import_id),
                    table_name TEXT NOT NULL,
                    key TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('changed', 'disappeared')),
                    columns TEXT NOT NULL
                );
                CREATE INDEX import_changes_import ON import_changes (import_id, table_name, key);
                CREATE INDEX import_changes_key ON import_changes (table_name, key);
                """)
            let tables: [(table: String, key: String, columns: [String])] = [
                ("areas", "NEW.area", ["adult_female_population", "area_group"]),
                ("meetings", "NEW.meeting_id", [
                    "panel", "area", "meeting_date", "agenda_sent_date", "minutes_sent_date", "meeting_type",
                ]),
                ("referrals", "NEW.referral_id", [
                    "panel", "area", "victim_ref", "perpetrator_ref", "referral_date", "meeting_id", "meeting_date",
                    "referring_agency", "referral_reason", "risk_level", "dash_score", "rfg_score", "discussion_type",
                    "children_count", "victim_gender", "victim_age_band", "victim_ethnic_minority", "victim_disabled",
                    "victim_lgbt", "perpetrator_under_18", "recorded_repeat", "outcome", "mappa",
                    "screening_decision", "children_services_status",
                ]),
                ("actions", "NEW.action_id", ["referral_id", "agency", "agreed_date", "due_date", "completed_date", "status", "action_type"]),
                ("attendance", "NEW.meeting_id || char(31) || NEW.agency", ["status"]),
                ("cohort", "NEW.perpetrator_ref || char(31) || NEW.panel || char(31) || NEW.adopted_date", [
                    "area", "adoption_source", "exit_date", "exit_reason", "rfg_at_adoption", "rfg_at_exit",
                ]),
                ("incidents", "NEW.incident_id", ["incident_date", "perpetrator_ref", "victim_ref", "incident_type"]),
            ]
            for t in tables {
                let differs = t.columns.map { "OLD.\($0) IS NOT NEW.\($0)" }.joined(separator: " OR ")
                let names = t.columns.map { "CASE WHEN OLD.\($0) IS NOT NEW.\($0) THEN ' \($0)' ELSE '' END" }
                    .joined(separator: " || ")
                try db.execute(sql: """
                    CREATE TRIGGER \(t.table)_changes AFTER UPDATE ON \(t.table)
                    WHEN \(differs)
                    BEGIN
                        INSERT INTO import_changes (import_id, table_name, key, kind, columns)
                        VALUES (NULL, '\(t.table)', \(t.key), 'changed', ltrim(\(names)));
                    END;
                    """)
            }
        }

        // Actions by type counts a quarter's actions agreed and due by their
        // action_type, which no index held: every one of them was read from the
        // table (a national MARAC quarter's 300,000, most of the family's 0.5 s).
        // The two date indexes it reads carry the type as their last column, so
        // both ranges are read from the index alone. They replace the indexes they
        // widen: actions keep the same number of indexes, and every figure that
        // read the narrower ones reads the same leading columns.
        migrator.registerMigration("v8 actions indexes carry the action type") { db in
            try db.execute(sql: """
                DROP INDEX actions_panel_agreed;
                CREATE INDEX actions_panel_agreed ON actions (panel, agency, agreed_date, area, action_type);
                DROP INDEX actions_panel_due;
                CREATE INDEX actions_panel_due ON actions (panel, agency, due_date, area, status, completed_date, action_type);
                """)
        }

        // The gaps between meetings end in the period; the meeting before each is
        // one seek for the latest earlier date of the panel in the area, where
        // before the whole history of the panel's meetings was read and ordered
        // (a DRAMM's every working day of ten years, for each day of `metrics
        // --by day`). Meetings are a few rows a day, so the import barely pays.
        migrator.registerMigration("v8 meetings by panel and area") { db in
            try db.execute(sql: "CREATE INDEX meetings_panel_area_date ON meetings (panel, area, meeting_date)")
        }
        return migrator
    }
}
