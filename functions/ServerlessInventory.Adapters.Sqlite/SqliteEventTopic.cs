using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Serialization;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>
/// The in-process durable topic that stands in for the Service Bus topic <c>inventory-events</c> with a
/// session-enabled subscription: message id = the event's key, source and id (duplicate detection), session = SKU (one receiver at a
/// time per SKU, in enqueue order). Every state lives in the SQLite file, so whatever <see cref="PublishAsync"/>
/// answered survives a crash, and a restart resumes where the last commit left off.
/// </summary>
/// <remarks>
/// A receiver accepts a session (<see cref="AcceptNextSessionAsync"/>), which locks it for
/// <see cref="LocalTopicOptions.LockDuration"/> and delivers the oldest unsettled messages of that SKU; it then
/// completes, abandons or dead-letters each one and releases the session. While the lock holds no one else
/// receives the SKU's messages; once it expired, the next receiver that accepts the session takes it over and the
/// first receiver's settlements fail with <see cref="TopicLockLostException"/>. A lock that expired but that no one
/// took over is still its holder's: settling under it is safe, as no one else has those messages.
/// </remarks>
public sealed partial class SqliteEventTopic(SqliteDatabase database, TimeProvider timeProvider, IOptions<LocalTopicOptions> options) : IEventPublisher
{
    /// <summary>The dead-letter reason when a message ran out of deliveries.</summary>
    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";

    private const int Pending = 0;
    private const int Completed = 1;
    private const int DeadLettered = 2;
    private const int PurgeBatchSize = 5_000;

    private readonly LocalTopicOptions _options = options.Value;

    /// <summary>
    /// Enqueues the events in one transaction: message id = the event's <see cref="EventKey"/>, session = SKU, body = the canonical JSON.
    /// An id the topic already holds (unsettled, or enqueued within the duplicate detection window) is dropped
    /// and reported, as is a repeat of an id within the list.
    /// </summary>
    public Task<PublishResult> PublishAsync(IReadOnlyList<InventoryEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return Task.FromResult(PublishResult.NoDuplicates);
        }
        // Serialized before taking the write lock: every microsecond under it is one no other writer can use.
        var messages = events.Select(e => (e.Key, Session: e.Sku.Value, Body: InventoryEventJson.Serialize(e))).ToArray();
        return database.WriteAsync((connection, transaction) =>
        {
            var now = Now();
            var rememberedSince = now - _options.DuplicateDetectionWindow.Ticks;
            // Sequence numbers are handed out here rather than read back per row: this transaction is the only writer.
            using var last = connection.Command(transaction, "SELECT seq FROM sqlite_sequence WHERE name = 'topic_messages'");
            var seq = last.ExecuteScalar() is long taken ? taken : 0L;
            using var insert = connection.Command(transaction, $"""
                INSERT INTO topic_messages (seq, message_id, session_id, body, state, delivery_count, enqueued_at, visible_at)
                VALUES ($seq, $id, $session, $body, {Pending}, 0, $now, $now) ON CONFLICT (message_id) DO NOTHING
                """, ("$now", now));
            var insertSeq = insert.Parameters.Add("$seq", SqliteType.Integer);
            var insertId = insert.Parameters.Add("$id", SqliteType.Text);
            var insertSession = insert.Parameters.Add("$session", SqliteType.Text);
            var insertBody = insert.Parameters.Add("$body", SqliteType.Text);
            using var existing = connection.Command(transaction, "SELECT state, enqueued_at FROM topic_messages WHERE message_id = $id");
            var existingId = existing.Parameters.Add("$id", SqliteType.Text);
            using var forget = connection.Command(transaction, "DELETE FROM topic_messages WHERE message_id = $id");
            var forgetId = forget.Parameters.Add("$id", SqliteType.Text);
            // A session that has no unsettled message gets this one as its head; one that has keeps its head.
            using var session = connection.Command(transaction, """
                INSERT INTO topic_sessions (session_id, head_seq, head_visible_at, lock_token, locked_until) VALUES ($session, $seq, $now, NULL, 0)
                ON CONFLICT (session_id) DO UPDATE SET
                    head_seq = coalesce(head_seq, excluded.head_seq),
                    head_visible_at = CASE WHEN head_seq IS NULL THEN excluded.head_visible_at ELSE head_visible_at END
                """, ("$now", now));
            var sessionId = session.Parameters.Add("$session", SqliteType.Text);
            var sessionSeq = session.Parameters.Add("$seq", SqliteType.Integer);

            var duplicates = new List<EventKey>();
            foreach (var (key, sku, body) in messages)
            {
                insertSeq.Value = seq + 1;
                insertId.Value = key.Value;
                insertSession.Value = sku;
                insertBody.Value = body;
                if (insert.ExecuteNonQuery() == 0)
                {
                    existingId.Value = key.Value;
                    using (var reader = existing.ExecuteReader())
                    {
                        reader.Read();
                        if (reader.GetInt32(0) == Pending || reader.GetInt64(1) > rememberedSince)
                        {
                            duplicates.Add(key);
                            continue;
                        }
                    }
                    // Settled and enqueued before the window: forgotten, as Service Bus would have, so this is new.
                    forgetId.Value = key.Value;
                    forget.ExecuteNonQuery();
                    insert.ExecuteNonQuery();
                }
                seq++;
                sessionId.Value = sku;
                sessionSeq.Value = seq;
                session.ExecuteNonQuery();
            }
            return duplicates.Count == 0 ? PublishResult.NoDuplicates : new PublishResult(duplicates);
        }, cancellationToken);
    }

    /// <summary>
    /// Voids every session lock. Called when the runner starts: locks taken by a process that died have no
    /// holder any more, so their messages are deliverable at once instead of after the lock duration.
    /// </summary>
    public Task ReleaseAllLocksAsync(CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var release = connection.Command(transaction, "UPDATE topic_sessions SET lock_token = NULL, locked_until = 0 WHERE lock_token IS NOT NULL");
            return release.ExecuteNonQuery();
        }, cancellationToken);

    /// <summary>
    /// Deletes completed and dead-lettered messages enqueued longer ago than the duplicate detection window
    /// (in batches, each its own short transaction), and sessions with nothing pending and no lock.
    /// </summary>
    /// <returns>How many messages were deleted.</returns>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var purged = 0;
        while (true)
        {
            var deleted = await database.WriteAsync((connection, transaction) =>
            {
                var rememberedSince = Now() - _options.DuplicateDetectionWindow.Ticks;
                using var purge = connection.Command(transaction, $"""
                    DELETE FROM topic_messages WHERE seq IN (
                        SELECT seq FROM topic_messages WHERE enqueued_at <= $since AND state <> {Pending} LIMIT {PurgeBatchSize})
                    """, ("$since", rememberedSince));
                return purge.ExecuteNonQuery();
            }, cancellationToken).ConfigureAwait(false);
            purged += deleted;
            if (deleted < PurgeBatchSize)
            {
                break;
            }
        }
        await database.WriteAsync((connection, transaction) =>
        {
            using var idle = connection.Command(transaction, "DELETE FROM topic_sessions WHERE head_seq IS NULL AND lock_token IS NULL");
            return idle.ExecuteNonQuery();
        }, cancellationToken).ConfigureAwait(false);
        return purged;
    }

    /// <summary>Messages not yet settled (completed or dead-lettered), whether deliverable now, delayed or locked.</summary>
    public Task<long> CountPendingAsync(CancellationToken cancellationToken) =>
        Task.FromResult(database.Read((connection, transaction) =>
        {
            using var count = connection.Command(transaction, $"SELECT count(*) FROM topic_messages WHERE state = {Pending}");
            return (long)count.ExecuteScalar()!;
        }));

    /// <summary>
    /// The backlog in one read: messages not yet settled, when the oldest of them was enqueued (null when none), and
    /// messages dead-lettered and not yet purged (they stay until the topic's retention purges them).
    /// </summary>
    public Task<TopicBacklog> ReadBacklogAsync(CancellationToken cancellationToken) =>
        Task.FromResult(database.Read((connection, transaction) =>
        {
            using var pending = connection.Command(transaction, $"SELECT count(*), min(enqueued_at) FROM topic_messages WHERE state = {Pending}");
            using var reader = pending.ExecuteReader();
            reader.Read();
            var (count, oldest) = (reader.GetInt64(0), reader.IsDBNull(1) ? (DateTimeOffset?)null : SqliteCommands.Time(reader.GetInt64(1)));
            using var deadLettered = connection.Command(transaction, $"SELECT count(*) FROM topic_messages WHERE state = {DeadLettered}");
            return new TopicBacklog(count, oldest, (long)deadLettered.ExecuteScalar()!);
        }));

    /// <summary>The wait before the next delivery of a message abandoned after <paramref name="deliveries"/> deliveries.</summary>
    public static TimeSpan RedeliveryDelay(TimeSpan first, int deliveries)
    {
        var doublings = Math.Clamp(deliveries - 1, 0, 30);
        var ticks = Math.Min(first.Ticks * (1L << doublings), LocalTopicOptions.MaxRedeliveryDelay.Ticks);
        return TimeSpan.FromTicks(first.Ticks > 0 && ticks <= 0 ? LocalTopicOptions.MaxRedeliveryDelay.Ticks : ticks);
    }

    private long Now() => timeProvider.GetUtcNow().UtcTicks;
}
