using Microsoft.Data.Sqlite;
using ServerlessInventory.Adapters.Sqlite;

namespace ServerlessInventory.LocalRunner.ChangeFeed;

/// <summary>
/// Where the runner's change-feed consumers keep their checkpoints: a table of the runner's own in the same database,
/// as the Functions host keeps Cosmos DB leases in a container of their own.
/// </summary>
public sealed class CheckpointStore(SqliteDatabase database)
{
    private readonly Lazy<Task> _table = new(() => database.WriteAsync((connection, transaction) =>
    {
        using var command = Command(connection, transaction, "CREATE TABLE IF NOT EXISTS runner_checkpoints (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID");
        return command.ExecuteNonQuery();
    }, CancellationToken.None));

    public async Task<string?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await _table.Value.ConfigureAwait(false);
        return database.Read((connection, transaction) =>
        {
            using var command = Command(connection, transaction, "SELECT value FROM runner_checkpoints WHERE name = $name");
            command.Parameters.AddWithValue("$name", name);
            return command.ExecuteScalar() as string;
        });
    }

    public async Task SaveAsync(string name, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            return;
        }
        await _table.Value.ConfigureAwait(false);
        await database.WriteAsync((connection, transaction) =>
        {
            using var command = Command(connection, transaction, "INSERT INTO runner_checkpoints (name, value) VALUES ($name, $value) ON CONFLICT (name) DO UPDATE SET value = excluded.value");
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$value", value);
            return command.ExecuteNonQuery();
        }, cancellationToken).ConfigureAwait(false);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
