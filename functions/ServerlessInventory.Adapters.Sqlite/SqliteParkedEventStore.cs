using Microsoft.Data.Sqlite;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>
/// Parked events on SQLite: one row per id (parking it again replaces it, so the latest reason wins); those not
/// yet replayed are listed oldest first, ties by id.
/// </summary>
public sealed class SqliteParkedEventStore(SqliteDatabase database) : IParkedEventStore
{
    private const string Columns = "id, channel, event_id, field, reason, payload, parked_at, replayed_at";

    public Task ParkAsync(IReadOnlyList<ParkedEvent> events, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.Command(transaction, $"""
                INSERT INTO parked_events ({Columns}) VALUES ($id, $channel, $eventId, $field, $reason, $payload, $parkedAt, $replayedAt)
                ON CONFLICT (id) DO UPDATE SET
                    channel = excluded.channel, event_id = excluded.event_id, field = excluded.field, reason = excluded.reason,
                    payload = excluded.payload, parked_at = excluded.parked_at, replayed_at = excluded.replayed_at
                """);
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var channel = command.Parameters.Add("$channel", SqliteType.Text);
            var eventId = command.Parameters.Add("$eventId", SqliteType.Text);
            var field = command.Parameters.Add("$field", SqliteType.Text);
            var reason = command.Parameters.Add("$reason", SqliteType.Text);
            var payload = command.Parameters.Add("$payload", SqliteType.Text);
            var parkedAt = command.Parameters.Add("$parkedAt", SqliteType.Integer);
            var replayedAt = command.Parameters.Add("$replayedAt", SqliteType.Integer);
            foreach (var parked in events)
            {
                id.Value = parked.Id;
                channel.Value = parked.Channel.Value;
                eventId.Value = (object?)parked.EventId ?? DBNull.Value;
                field.Value = parked.Field;
                reason.Value = parked.Reason;
                payload.Value = parked.Payload;
                parkedAt.Value = parked.ParkedAt.UtcTicks;
                replayedAt.Value = (object?)SqliteCommands.Ticks(parked.ReplayedAt) ?? DBNull.Value;
                command.ExecuteNonQuery();
            }
            return events.Count;
        }, cancellationToken);

    public Task<ParkedEvent?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read((connection, transaction) =>
        {
            using var command = connection.Command(transaction, $"SELECT {Columns} FROM parked_events WHERE id = $id", ("$id", id));
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }));

    public Task<Page<ParkedEvent>> ListAsync(int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        return Task.FromResult(database.Read((connection, transaction) =>
        {
            var (ticks, key) = continuation is null ? (long.MinValue, "") : SqliteContinuation.Decode(continuation);
            using var command = connection.Command(transaction,
                $"SELECT {Columns} FROM parked_events WHERE replayed_at IS NULL AND (parked_at, id) > ($ticks, $key) ORDER BY parked_at, id LIMIT $take",
                ("$ticks", ticks), ("$key", key), ("$take", pageSize + 1));
            return SqliteContinuation.Page(command, pageSize, Read, p => (p.ParkedAt.UtcTicks, p.Id));
        }));
    }

    /// <exception cref="KeyNotFoundException">No event is parked under <paramref name="id"/>.</exception>
    public Task MarkReplayedAsync(string id, DateTimeOffset replayedAt, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.Command(transaction, "UPDATE parked_events SET replayed_at = $at WHERE id = $id", ("$id", id), ("$at", replayedAt.UtcTicks));
            return command.ExecuteNonQuery() == 1 ? true : throw new KeyNotFoundException($"no parked event '{id}'");
        }, cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        Task.FromResult(database.Read((connection, transaction) =>
        {
            using var command = connection.Command(transaction, "SELECT count(*) FROM parked_events WHERE replayed_at IS NULL");
            return (long)command.ExecuteScalar()!;
        }));

    private static ParkedEvent Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        new ChannelId(reader.GetString(1)),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        SqliteCommands.Time(reader.GetInt64(6)),
        reader.IsDBNull(7) ? null : SqliteCommands.Time(reader.GetInt64(7)));
}
