using Microsoft.Data.Sqlite;
using ServerlessInventory.Core.Serialization;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>
/// Brings a file written by an older version up to <see cref="CurrentVersion"/> (SQLite's <c>user_version</c>), once,
/// when the database is first opened. A new file already has the current tables and is only stamped.
/// </summary>
internal static class SqliteMigrations
{
    public const long CurrentVersion = 3;

    private const int RowsPerRead = 1000;

    public static void Run(SqliteConnection connection)
    {
        // Immediate: two processes opening the same old file migrate it once, the second finds it done.
        using var transaction = connection.BeginTransaction(deferred: false);
        using var read = connection.Command(transaction, "PRAGMA user_version");
        var version = (long)read.ExecuteScalar()!;
        if (version >= CurrentVersion)
        {
            return;
        }
        if (version < 1 && HasColumn(connection, transaction, "ledger", "event_id"))
        {
            KeyLedgerBySourceAndId(connection, transaction);
        }
        if (version < 2)
        {
            AddColumns(connection, transaction, _reconciliationColumns);
        }
        if (version < 3)
        {
            AddColumns(connection, transaction, _channelLevelsColumns);
        }
        using var stamp = connection.Command(transaction, $"PRAGMA user_version = {CurrentVersion}");
        stamp.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>
    /// Version 0 kept the bare event id as the ledger's dedupe key. Every row's body holds the whole event, source
    /// included, so each row is given its exact (source, id) key: an event applied before the upgrade and resent after
    /// it is still a duplicate, and another channel's event with the same id is no longer mistaken for it.
    /// </summary>
    private static void KeyLedgerBySourceAndId(SqliteConnection connection, SqliteTransaction transaction)
    {
        using (var rename = connection.Command(transaction, "ALTER TABLE ledger RENAME COLUMN event_id TO event_key"))
        {
            rename.ExecuteNonQuery();
        }
        // A row's new key may be another row's old bare id (a channel that sent the id "pos:1"), so every row first
        // takes a placeholder no key can be (keys hold no control characters) and only then its real key.
        using (var clear = connection.Command(transaction, "UPDATE ledger SET event_key = char(1) || seq"))
        {
            clear.ExecuteNonQuery();
        }
        using var page = connection.Command(transaction, $"SELECT seq, body FROM ledger WHERE seq > $after ORDER BY seq LIMIT {RowsPerRead}");
        var after = page.Parameters.Add("$after", SqliteType.Integer);
        using var update = connection.Command(transaction, "UPDATE ledger SET event_key = $key WHERE seq = $seq");
        var key = update.Parameters.Add("$key", SqliteType.Text);
        var seq = update.Parameters.Add("$seq", SqliteType.Integer);
        var last = 0L;
        while (true)
        {
            after.Value = last;
            var rows = new List<(long Seq, string Body)>(RowsPerRead);
            using (var reader = page.ExecuteReader())
            {
                while (reader.Read())
                {
                    rows.Add((reader.GetInt64(0), reader.GetString(1)));
                }
            }
            if (rows.Count == 0)
            {
                return;
            }
            foreach (var row in rows)
            {
                seq.Value = row.Seq;
                key.Value = LedgerEntryJson.Deserialize(row.Body).EventKey.Value;
                update.ExecuteNonQuery();
            }
            last = rows[^1].Seq;
        }
    }

    private static void AddColumns(SqliteConnection connection, SqliteTransaction transaction, (string Table, string Column, string Definition)[] columns)
    {
        foreach (var (table, column, definition) in columns)
        {
            if (!HasColumn(connection, transaction, table, column))
            {
                using var add = connection.Command(transaction, $"ALTER TABLE {table} ADD COLUMN {column} {definition}");
                add.ExecuteNonQuery();
            }
        }
    }

    /// <summary>
    /// Version 1 stored a run's totals only: resumable runs (status, checkpoint), counts by verdict and cause, and
    /// reviewable discrepancies need columns its tables lack (the new tables the schema script creates). A run stored
    /// before is complete and has no counts by cause; its discrepancies have no review.
    /// </summary>
    private static readonly (string Table, string Column, string Definition)[] _reconciliationColumns =
    [
        ("reconciliation_runs", "status", "TEXT NOT NULL DEFAULT 'Completed'"),
        ("reconciliation_runs", "checkpoint", "TEXT"),
        ("reconciliation_runs", "in_agreement", "INTEGER NOT NULL DEFAULT 0"),
        ("reconciliation_runs", "in_flight", "INTEGER NOT NULL DEFAULT 0"),
        ("reconciliation_runs", "missed_push", "INTEGER NOT NULL DEFAULT 0"),
        ("reconciliation_runs", "stale_channel", "INTEGER NOT NULL DEFAULT 0"),
        ("reconciliation_runs", "missed_event", "INTEGER NOT NULL DEFAULT 0"),
        ("reconciliation_runs", "unknown_cause", "INTEGER NOT NULL DEFAULT 0"),
        ("reconciliation_runs", "variance_units", "INTEGER NOT NULL DEFAULT 0"),
        ("reconciliation_discrepancies", "reported_at", "INTEGER"),
        ("reconciliation_discrepancies", "location", "TEXT"),
        ("reconciliation_discrepancies", "correction_version", "INTEGER"),
        ("reconciliation_discrepancies", "resolution", "TEXT"),
        ("reconciliation_discrepancies", "resolved_by", "TEXT"),
        ("reconciliation_discrepancies", "resolved_at", "INTEGER"),
    ];

    /// <summary>Version 2 registered no levels URL: a channel registered before reports its levels by event.</summary>
    private static readonly (string Table, string Column, string Definition)[] _channelLevelsColumns =
    [
        ("channels", "levels_url", "TEXT NULL"),
    ];

    private static bool HasColumn(SqliteConnection connection, SqliteTransaction transaction, string table, string column)
    {
        using var command = connection.Command(transaction, "SELECT count(*) FROM pragma_table_info($table) WHERE name = $column", ("$table", table), ("$column", column));
        return (long)command.ExecuteScalar()! > 0;
    }
}
