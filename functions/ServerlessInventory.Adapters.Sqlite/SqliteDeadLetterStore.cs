using Microsoft.Data.Sqlite;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>
/// Dead letters on SQLite, listed oldest first. The local topic writes here itself, in the same transaction that
/// takes a message out of delivery, so a dead letter is never lost between the two.
/// </summary>
public sealed class SqliteDeadLetterStore(SqliteDatabase database) : IDeadLetterStore
{
    private const string Columns = "message_id, sku, body, reason, description, delivery_count, dead_lettered_at";

    public Task AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            Upsert(connection, transaction, deadLetter);
            return true;
        }, cancellationToken);

    public Task<DeadLetter?> GetAsync(string messageId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read((connection, transaction) =>
        {
            using var command = connection.Command(transaction, $"SELECT {Columns} FROM dead_letters WHERE message_id = $id", ("$id", messageId));
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }));

    public Task<Page<DeadLetter>> ListAsync(int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        return Task.FromResult(database.Read((connection, transaction) =>
        {
            var (ticks, key) = continuation is null ? (long.MinValue, "") : SqliteContinuation.Decode(continuation);
            using var command = connection.Command(transaction,
                $"SELECT {Columns} FROM dead_letters WHERE (dead_lettered_at, message_id) > ($ticks, $key) ORDER BY dead_lettered_at, message_id LIMIT $take",
                ("$ticks", ticks), ("$key", key), ("$take", pageSize + 1));
            return SqliteContinuation.Page(command, pageSize, Read, d => (d.DeadLetteredAt.UtcTicks, d.MessageId));
        }));
    }

    public Task RemoveAsync(string messageId, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.Command(transaction, "DELETE FROM dead_letters WHERE message_id = $id", ("$id", messageId));
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        Task.FromResult(database.Read((connection, transaction) =>
        {
            using var command = connection.Command(transaction, "SELECT count(*) FROM dead_letters");
            return (long)command.ExecuteScalar()!;
        }));

    /// <summary>Adds or replaces the dead letter of its message id, inside the caller's transaction.</summary>
    internal static void Upsert(SqliteConnection connection, SqliteTransaction transaction, DeadLetter deadLetter)
    {
        using var command = connection.Command(transaction, $"""
            INSERT INTO dead_letters ({Columns}) VALUES ($id, $sku, $body, $reason, $description, $count, $at)
            ON CONFLICT (message_id) DO UPDATE SET
                sku = excluded.sku, body = excluded.body, reason = excluded.reason, description = excluded.description,
                delivery_count = excluded.delivery_count, dead_lettered_at = excluded.dead_lettered_at
            """,
            ("$id", deadLetter.MessageId), ("$sku", deadLetter.Sku?.Value), ("$body", deadLetter.Body), ("$reason", deadLetter.Reason),
            ("$description", deadLetter.Description), ("$count", deadLetter.DeliveryCount), ("$at", deadLetter.DeadLetteredAt.UtcTicks));
        command.ExecuteNonQuery();
    }

    private static DeadLetter Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.IsDBNull(1) ? null : new Sku(reader.GetString(1)),
        reader.GetString(2),
        reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetInt32(5),
        SqliteCommands.Time(reader.GetInt64(6)));
}
