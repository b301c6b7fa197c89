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

        -- seq is the applied order across the whole store; event ids are unique per SKU, as in Cosmos DB.
        -- The ledger is append-only, so a plain rowid already only grows; AUTOINCREMENT would cost a write per row.
        CREATE TABLE IF NOT EXISTS ledger (
            seq         INTEGER PRIMARY KEY,
            sku         TEXT NOT NULL,
            event_id    TEXT NOT NULL,
            event_type  TEXT NOT NULL,
            event_time  INTEGER NOT NULL,
            version     INTEGER NOT NULL,
            body        TEXT NOT NULL,
            UNIQUE (sku, event_id)
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
        """;
}
