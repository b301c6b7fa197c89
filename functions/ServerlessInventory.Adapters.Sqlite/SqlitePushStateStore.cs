using Microsoft.Data.Sqlite;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>Push state on SQLite: one row per channel and SKU; a round is read in one statement and saved in one transaction, each state only if it is newer; the owed ones (not delivered) listed oldest first.</summary>
public sealed class SqlitePushStateStore(SqliteDatabase database) : IPushStateStore
{
    private const string Columns = "channel, sku, available, version, delivered, updated_at";

    public Task<IReadOnlyList<PushState>> GetAsync(IReadOnlyCollection<Sku> skus, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read<IReadOnlyList<PushState>>((connection, transaction) =>
        {
            var states = new List<PushState>();
            // SQLite allows 32,766 parameters per statement; chunks keep far below that.
            foreach (var chunk in skus.Select(s => s.Value).Chunk(500))
            {
                using var command = connection.Command(transaction, $"SELECT {Columns} FROM push_states WHERE sku IN ({SqliteCommands.InList("$s", chunk.Length)})");
                command.AddList("$s", chunk);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    states.Add(Read(reader));
                }
            }
            return states;
        }));

    /// <summary>
    /// One conditional upsert per state, all in one transaction: the <c>WHERE</c> of <c>DO UPDATE</c> is
    /// <see cref="PushState.Supersedes"/> in SQL, so a state that is not newer changes no row and is returned as refused.
    /// The write transaction holds SQLite's write lock, so another process saving at once decides after this one.
    /// </summary>
    public Task<IReadOnlyList<PushState>> SaveAsync(IReadOnlyList<PushState> states, CancellationToken cancellationToken) =>
        states.Count == 0 ? Task.FromResult<IReadOnlyList<PushState>>([]) : database.WriteAsync<IReadOnlyList<PushState>>((connection, transaction) =>
        {
            using var command = connection.Command(transaction, $"""
                INSERT INTO push_states ({Columns}) VALUES ($channel, $sku, $available, $version, $delivered, $updatedAt)
                ON CONFLICT (sku, channel) DO UPDATE SET
                    available = excluded.available, version = excluded.version, delivered = excluded.delivered, updated_at = excluded.updated_at
                WHERE excluded.version > push_states.version
                   OR (excluded.version = push_states.version AND excluded.delivered = 1 AND push_states.delivered = 0
                       AND excluded.available = push_states.available)
                """);
            var channel = command.Parameters.Add("$channel", SqliteType.Text);
            var sku = command.Parameters.Add("$sku", SqliteType.Text);
            var available = command.Parameters.Add("$available", SqliteType.Integer);
            var version = command.Parameters.Add("$version", SqliteType.Integer);
            var delivered = command.Parameters.Add("$delivered", SqliteType.Integer);
            var updatedAt = command.Parameters.Add("$updatedAt", SqliteType.Integer);
            var refused = new List<PushState>();
            foreach (var state in states)
            {
                channel.Value = state.Channel.Value;
                sku.Value = state.Sku.Value;
                available.Value = state.Available;
                version.Value = state.Version;
                delivered.Value = state.Delivered;
                updatedAt.Value = state.UpdatedAt.UtcTicks;
                if (command.ExecuteNonQuery() == 0)
                {
                    refused.Add(state);
                }
            }
            return refused;
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
