using Microsoft.Data.Sqlite;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>Push state on SQLite: one row per channel and SKU; the owed ones (not delivered) listed oldest first.</summary>
public sealed class SqlitePushStateStore(SqliteDatabase database) : IPushStateStore
{
    private const string Columns = "channel, sku, available, version, delivered, updated_at";

    public Task<PushState?> GetAsync(ChannelId channel, Sku sku, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read((connection, transaction) =>
        {
            using var command = connection.Command(transaction, $"SELECT {Columns} FROM push_states WHERE channel = $channel AND sku = $sku",
                ("$channel", channel.Value), ("$sku", sku.Value));
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }));

    public Task SaveAsync(PushState state, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.Command(transaction, $"""
                INSERT INTO push_states ({Columns}) VALUES ($channel, $sku, $available, $version, $delivered, $updatedAt)
                ON CONFLICT (channel, sku) DO UPDATE SET
                    available = excluded.available, version = excluded.version, delivered = excluded.delivered, updated_at = excluded.updated_at
                """,
                ("$channel", state.Channel.Value), ("$sku", state.Sku.Value), ("$available", state.Available), ("$version", state.Version),
                ("$delivered", state.Delivered), ("$updatedAt", state.UpdatedAt.UtcTicks));
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<IReadOnlyList<PushState>> ListUndeliveredAsync(int limit, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read<IReadOnlyList<PushState>>((connection, transaction) =>
        {
            using var command = connection.Command(transaction,
                $"SELECT {Columns} FROM push_states WHERE delivered = 0 ORDER BY updated_at, channel, sku LIMIT $take", ("$take", limit));
            var states = new List<PushState>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                states.Add(Read(reader));
            }
            return states;
        }));

    private static PushState Read(SqliteDataReader reader) => new(
        new ChannelId(reader.GetString(0)),
        new Sku(reader.GetString(1)),
        reader.GetInt32(2),
        reader.GetInt64(3),
        reader.GetBoolean(4),
        SqliteCommands.Time(reader.GetInt64(5)));
}
