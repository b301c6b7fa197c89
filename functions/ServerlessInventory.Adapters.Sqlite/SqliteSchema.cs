namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>
/// Tables of the embedded store. Times are stored as UTC ticks so that they compare as numbers.
/// Every SKU's rows hang off its head row, whose version is the optimistic concurrency check.
/// </summary>
internal static class SqliteSchema
{
    public const string Script = """
        CREATE TABLE IF NOT EXISTS sku_heads (
            sku       TEXT PRIMARY KEY,
            version   INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS positions (
            sku             TEXT NOT NULL,
            location        TEXT NOT NULL,
            on_hand         INTEGER NOT NULL,
            unsellable      INTEGER NOT NULL,
            committed       INTEGER NOT NULL,
            incoming        INTEGER NOT NULL,
            last_counted_at INTEGER NULL,
            PRIMARY KEY (sku, location)
        ) WITHOUT ROWID;

        -- Orders with units still committed, with the channel that placed them (its allocation counts them); closed ones are deleted.
        CREATE TABLE IF NOT EXISTS open_orders (
            sku         TEXT NOT NULL,
            order_id    TEXT NOT NULL,
            location    TEXT NOT NULL,
            channel     TEXT NOT NULL,
            quantity    INTEGER NOT NULL,
            PRIMARY KEY (sku, order_id, location)
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS reservations (
            id          TEXT PRIMARY KEY,
            sku         TEXT NOT NULL,
            location    TEXT NOT NULL,
            channel     TEXT NOT NULL,
            quantity    INTEGER NOT NULL,
            status      TEXT NOT NULL,
            created_at  INTEGER NOT NULL,
            expires_at  INTEGER NOT NULL,
            order_id    TEXT NULL
        );
        CREATE INDEX IF NOT EXISTS reservations_by_sku ON reservations (sku, status);
        CREATE INDEX IF NOT EXISTS reservations_active_by_expiry ON reservations (expires_at) WHERE status = 'active';

        -- seq is the applied order across the whole store; event_key is the event's identity (EventKey: source and id),
        -- unique per SKU, as in Cosmos DB. Files of schema version 0 kept the bare event id here (SqliteMigrations).
        -- The ledger is append-only, so a plain rowid already only grows; AUTOINCREMENT would cost a write per row.
        CREATE TABLE IF NOT EXISTS ledger (
            seq         INTEGER PRIMARY KEY,
            sku         TEXT NOT NULL,
            event_key   TEXT NOT NULL,
            event_type  TEXT NOT NULL,
            event_time  INTEGER NOT NULL,
            version     INTEGER NOT NULL,
            body        TEXT NOT NULL,
            UNIQUE (sku, event_key)
        );
        CREATE INDEX IF NOT EXISTS ledger_by_sku_time ON ledger (sku, event_time);
        CREATE INDEX IF NOT EXISTS ledger_by_sku_seq ON ledger (sku, seq);

        -- The change feed: one row per commit, read in seq order from a consumer's checkpoint. AUTOINCREMENT
        -- because old rows may be pruned: a sequence number must never be reused under a saved checkpoint.
        CREATE TABLE IF NOT EXISTS changes (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            sku         TEXT NOT NULL,
            version     INTEGER NOT NULL
        );

        -- The local topic (Service Bus topic inventory-events, session-enabled subscription). seq is the sequence
        -- number: AUTOINCREMENT because settled rows are purged and a number must never be handed out twice.
        -- state: 0 pending (not settled), 1 completed, 2 dead-lettered. Settled rows stay, for duplicate detection,
        -- until the duplicate detection window after their enqueue time has passed. visible_at delays an abandoned
        -- message; delivery_count counts deliveries already made.
        CREATE TABLE IF NOT EXISTS topic_messages (
            seq             INTEGER PRIMARY KEY AUTOINCREMENT,
            message_id      TEXT NOT NULL UNIQUE,
            session_id      TEXT NOT NULL,
            body            TEXT NOT NULL,
            state           INTEGER NOT NULL,
            delivery_count  INTEGER NOT NULL,
            enqueued_at     INTEGER NOT NULL,
            visible_at      INTEGER NOT NULL,
            settled_at      INTEGER NULL
        );
        CREATE INDEX IF NOT EXISTS topic_pending_by_session ON topic_messages (session_id, seq) WHERE state = 0;
        CREATE INDEX IF NOT EXISTS topic_by_enqueued ON topic_messages (enqueued_at);

        -- One row per session (SKU): its head, the oldest unsettled message, which must be delivered before any
        -- later one (NULL when nothing is pending), and its lock. Receivers pick the unlocked session whose visible
        -- head is oldest by walking topic_sessions_by_head, which covers the whole test.
        CREATE TABLE IF NOT EXISTS topic_sessions (
            session_id      TEXT PRIMARY KEY,
            head_seq        INTEGER NULL,
            head_visible_at INTEGER NULL,
            lock_token      TEXT NULL,
            locked_until    INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS topic_sessions_by_head ON topic_sessions (head_seq, head_visible_at, locked_until) WHERE head_seq IS NOT NULL;

        -- Dead letters as ops see them, written by the topic in the same transaction that dead-letters a message.
        CREATE TABLE IF NOT EXISTS dead_letters (
            message_id        TEXT PRIMARY KEY,
            sku               TEXT NULL,
            body              TEXT NOT NULL,
            reason            TEXT NOT NULL,
            description       TEXT NULL,
            delivery_count    INTEGER NOT NULL,
            dead_lettered_at  INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS dead_letters_by_time ON dead_letters (dead_lettered_at, message_id);

        -- Events a channel sent that could not be accepted, kept as received until replayed.
        CREATE TABLE IF NOT EXISTS parked_events (
            id           TEXT PRIMARY KEY,
            channel      TEXT NOT NULL,
            event_id     TEXT NULL,
            field        TEXT NOT NULL,
            reason       TEXT NOT NULL,
            payload      TEXT NOT NULL,
            parked_at    INTEGER NOT NULL,
            replayed_at  INTEGER NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS parked_events_waiting ON parked_events (parked_at, id) WHERE replayed_at IS NULL;

        -- What each channel was last sent, or is owed, per SKU; keyed SKU first because a push round reads by SKU.
        CREATE TABLE IF NOT EXISTS push_states (
            channel     TEXT NOT NULL,
            sku         TEXT NOT NULL,
            available   INTEGER NOT NULL,
            version     INTEGER NOT NULL,
            delivered   INTEGER NOT NULL,
            updated_at  INTEGER NOT NULL,
            PRIMARY KEY (sku, channel)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS push_states_owed ON push_states (updated_at, channel, sku) WHERE delivered = 0;

        -- The channel registry: one row per channel (no secret: secrets stay in configuration), its mappings beside it.
        -- token is the opaque concurrency token, a fresh random value per write so that a token of a removed and
        -- re-registered channel never matches again. locations are newline-separated (ids hold no control characters).
        CREATE TABLE IF NOT EXISTS channels (
            channel              TEXT PRIMARY KEY,
            locations            TEXT NOT NULL,
            buffer               INTEGER NOT NULL,
            allocation_kind      TEXT NOT NULL,
            allocation_value     INTEGER NOT NULL,
            format               TEXT NOT NULL,
            push_url             TEXT NULL,
            require_sku_mapping  INTEGER NOT NULL,
            token                TEXT NOT NULL,
            levels_url           TEXT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS channel_sku_map (
            channel      TEXT NOT NULL,
            external     TEXT NOT NULL,
            sku          TEXT NOT NULL,
            unit_factor  INTEGER NOT NULL,
            PRIMARY KEY (channel, external)
        ) WITHOUT ROWID;
        -- Inbound only (Shopify variant id to master SKU): never pushed to, so kept apart from channel_sku_map.
        CREATE TABLE IF NOT EXISTS channel_variant_map (
            channel      TEXT NOT NULL,
            external     TEXT NOT NULL,
            sku          TEXT NOT NULL,
            unit_factor  INTEGER NOT NULL,
            PRIMARY KEY (channel, external)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS channel_location_map (
            channel      TEXT NOT NULL,
            external     TEXT NOT NULL,
            location     TEXT NOT NULL,
            PRIMARY KEY (channel, external)
        ) WITHOUT ROWID;

        -- Reconciliation reports: one row per run, listed newest first (overall or per channel), and its discrepancies by SKU.
        CREATE TABLE IF NOT EXISTS reconciliation_runs (
            run_id             TEXT PRIMARY KEY,
            channel            TEXT NOT NULL,
            started_at         INTEGER NOT NULL,
            finished_at        INTEGER NOT NULL,
            skus_compared      INTEGER NOT NULL,
            discrepancies      INTEGER NOT NULL,
            auto_corrected     INTEGER NOT NULL,
            raised_for_review  INTEGER NOT NULL,
            status             TEXT NOT NULL DEFAULT 'Completed',
            checkpoint         TEXT,
            in_agreement       INTEGER NOT NULL DEFAULT 0,
            in_flight          INTEGER NOT NULL DEFAULT 0,
            missed_push        INTEGER NOT NULL DEFAULT 0,
            stale_channel      INTEGER NOT NULL DEFAULT 0,
            missed_event       INTEGER NOT NULL DEFAULT 0,
            unknown_cause      INTEGER NOT NULL DEFAULT 0,
            variance_units     INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS reconciliation_runs_newest ON reconciliation_runs (started_at DESC, run_id);
        CREATE INDEX IF NOT EXISTS reconciliation_runs_by_channel ON reconciliation_runs (channel, started_at DESC, run_id);
        CREATE TABLE IF NOT EXISTS reconciliation_discrepancies (
            run_id         TEXT NOT NULL,
            sku            TEXT NOT NULL,
            master_value   INTEGER NOT NULL,
            channel_value  INTEGER NOT NULL,
            likely_cause   TEXT NOT NULL,
            action         TEXT NOT NULL,
            reported_at    INTEGER,
            location       TEXT,
            correction_version INTEGER,
            resolution     TEXT,
            resolved_by    TEXT,
            resolved_at    INTEGER,
            PRIMARY KEY (run_id, sku)
        ) WITHOUT ROWID;
        -- One run of a channel acts at a time: the holder of its lease, until it lapses.
        CREATE TABLE IF NOT EXISTS reconciliation_leases (
            channel  TEXT PRIMARY KEY,
            holder   TEXT NOT NULL,
            until    INTEGER NOT NULL
        ) WITHOUT ROWID;
        -- The latest level each channel reported per SKU and location ('' for a pooled level), read by SKU in a run.
        CREATE TABLE IF NOT EXISTS reported_levels (
            channel   TEXT NOT NULL,
            sku       TEXT NOT NULL,
            location  TEXT NOT NULL,
            level     INTEGER NOT NULL,
            as_of     INTEGER NOT NULL,
            PRIMARY KEY (channel, sku, location)
        ) WITHOUT ROWID;
        -- Every channel's levels of one SKU, which the load of a batch with a level report compares the report with.
        CREATE INDEX IF NOT EXISTS reported_levels_by_sku ON reported_levels (sku);
        """;
}
