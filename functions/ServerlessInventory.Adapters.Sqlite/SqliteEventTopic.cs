using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Serialization;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>
/// The in-process durable topic that stands in for the Service Bus topic <c>inventory-events</c> with a
/// session-enabled subscription: message id = event id (duplicate detection), session = SKU (one receiver at a
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
public sealed class SqliteEventTopic(SqliteDatabase database, TimeProvider timeProvider, IOptions<LocalTopicOptions> options) : IEventPublisher
{
    /// <summary>The dead-letter reason when a message ran out of deliveries.</summary>
    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";

    private const int Pending = 0;
    private const int Completed = 1;
    private const int DeadLettered = 2;
    private const int PurgeBatchSize = 5_000;

    private readonly LocalTopicOptions _options = options.Value;

    /// <summary>
    /// Enqueues the events in one transaction: message id = event id, session = SKU, body = the canonical JSON.
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
        var messages = events.Select(e => (e.Id, Session: e.Sku.Value, Body: InventoryEventJson.Serialize(e))).ToArray();
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

            var duplicates = new List<EventId>();
            foreach (var (id, sku, body) in messages)
            {
                insertSeq.Value = seq + 1;
                insertId.Value = id.Value;
                insertSession.Value = sku;
                insertBody.Value = body;
                if (insert.ExecuteNonQuery() == 0)
                {
                    existingId.Value = id.Value;
                    using (var reader = existing.ExecuteReader())
                    {
                        reader.Read();
                        if (reader.GetInt32(0) == Pending || reader.GetInt64(1) > rememberedSince)
                        {
                            duplicates.Add(id);
                            continue;
                        }
                    }
                    // Settled and enqueued before the window: forgotten, as Service Bus would have, so this is new.
                    forgetId.Value = id.Value;
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
    /// Locks the session whose oldest unsettled message is the oldest deliverable one among sessions no one holds,
    /// and delivers up to <paramref name="maxMessages"/> of its messages in enqueue order, each with its delivery
    /// count raised. A message that has had <see cref="LocalTopicOptions.MaxDeliveryCount"/> deliveries is
    /// dead-lettered instead (reason <see cref="MaxDeliveryCountExceeded"/>, also written to the dead-letter store).
    /// Delivery stops at the first message still waiting out its redelivery delay, so that no later message
    /// overtakes it. Null when nothing is deliverable.
    /// </summary>
    public Task<TopicSession?> AcceptNextSessionAsync(int maxMessages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessages);
        return database.WriteAsync((connection, transaction) => AcceptIn(connection, transaction, maxMessages, Now()), cancellationToken);
    }

    /// <summary>
    /// Up to <paramref name="maxSessions"/> sessions accepted as <see cref="AcceptNextSessionAsync"/> would, one after
    /// another, in one transaction: a receiver that handles sessions side by side pays for one write, not one per
    /// session. Empty when nothing is deliverable.
    /// </summary>
    public Task<IReadOnlyList<TopicSession>> AcceptNextSessionsAsync(int maxSessions, int maxMessages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSessions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessages);
        return database.WriteAsync<IReadOnlyList<TopicSession>>((connection, transaction) =>
        {
            var now = Now();
            var sessions = new List<TopicSession>(maxSessions);
            while (sessions.Count < maxSessions && AcceptIn(connection, transaction, maxMessages, now) is { } session)
            {
                sessions.Add(session);
            }
            return sessions;
        }, cancellationToken);
    }

    /// <summary>
    /// Settles several sessions and releases them, in one transaction. A session whose lock is no longer held is
    /// left untouched (its messages are delivered again) and returned; the others are settled.
    /// </summary>
    public Task<IReadOnlyList<TopicSession>> SettleAndReleaseAsync(IReadOnlyList<SessionSettlement> settlements, CancellationToken cancellationToken)
    {
        foreach (var settlement in settlements)
        {
            _ = Delivered(settlement.Session, [.. settlement.Completed, .. settlement.Abandoned, .. settlement.DeadLettered.Select(d => d.MessageId)]);
        }
        return database.WriteAsync<IReadOnlyList<TopicSession>>((connection, transaction) =>
        {
            var now = Now();
            var lost = new List<TopicSession>();
            foreach (var settlement in settlements)
            {
                var session = settlement.Session;
                if (!LockHeld(connection, transaction, session))
                {
                    lost.Add(session);
                    continue;
                }
                CompleteIn(connection, transaction, session, settlement.Completed, now);
                foreach (var (messageId, reason, description) in settlement.DeadLettered)
                {
                    DeadLetterIn(connection, transaction, session, messageId, reason, description, now);
                }
                AbandonIn(connection, transaction, session, settlement.Abandoned, now);
                ReleaseIn(connection, transaction, session);
            }
            return lost;
        }, cancellationToken);
    }

    private TopicSession? AcceptIn(SqliteConnection connection, SqliteTransaction transaction, int maxMessages, long now)
    {
        using var next = connection.Command(transaction, """
            SELECT session_id FROM topic_sessions
            WHERE head_seq IS NOT NULL AND head_visible_at <= $now AND locked_until <= $now
            ORDER BY head_seq LIMIT 1
            """, ("$now", now));
        // Each round either delivers or settles at least the head of the session it picked, so this ends.
        while (next.ExecuteScalar() is string sessionId)
        {
            var token = Guid.NewGuid().ToString("N");
            var lockedUntil = now + _options.LockDuration.Ticks;
            SetLock(connection, transaction, sessionId, token, lockedUntil);
            var delivered = Deliver(connection, transaction, sessionId, maxMessages, now);
            if (delivered.Count > 0)
            {
                return new TopicSession(sessionId, token, SqliteCommands.Time(lockedUntil), delivered);
            }
            // Every deliverable message of it was dead-lettered: let the session go and look again.
            SetLock(connection, transaction, sessionId, null, 0);
        }
        return null;
    }

    /// <summary>Settles the messages for good: they are kept (completed) only for duplicate detection.</summary>
    /// <exception cref="TopicLockLostException">The session's lock is no longer held; nothing was settled.</exception>
    public Task CompleteAsync(TopicSession session, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        var ids = Delivered(session, messageIds);
        return database.WriteAsync((connection, transaction) =>
        {
            EnsureLockHeld(connection, transaction, session);
            CompleteIn(connection, transaction, session, ids, Now());
            return true;
        }, cancellationToken);
    }

    private static void CompleteIn(SqliteConnection connection, SqliteTransaction transaction, TopicSession session, IReadOnlyCollection<string> ids, long now)
    {
        if (ids.Count == 0)
        {
            return;
        }
        using var command = connection.Command(transaction,
            $"UPDATE topic_messages SET state = {Completed}, settled_at = $now WHERE message_id = $id AND session_id = $session AND state = {Pending}",
            ("$now", now), ("$session", session.SessionId));
        var id = command.Parameters.Add("$id", SqliteType.Text);
        foreach (var messageId in ids)
        {
            id.Value = messageId;
            command.ExecuteNonQuery();
        }
        RefreshHead(connection, transaction, session.SessionId);
    }

    /// <summary>
    /// Gives the messages back: each is delivered again, still before any later message of its session, after
    /// <see cref="LocalTopicOptions.RedeliveryDelay"/> doubled per delivery it has had (capped at 30 s).
    /// </summary>
    /// <exception cref="TopicLockLostException">The session's lock is no longer held; nothing was abandoned.</exception>
    public Task AbandonAsync(TopicSession session, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        var ids = Delivered(session, messageIds);
        return database.WriteAsync((connection, transaction) =>
        {
            EnsureLockHeld(connection, transaction, session);
            AbandonIn(connection, transaction, session, ids, Now());
            return true;
        }, cancellationToken);
    }

    private void AbandonIn(SqliteConnection connection, SqliteTransaction transaction, TopicSession session, IReadOnlyCollection<string> ids, long now)
    {
        if (ids.Count == 0)
        {
            return;
        }
        using var read = connection.Command(transaction,
            $"SELECT delivery_count FROM topic_messages WHERE message_id = $id AND session_id = $session AND state = {Pending}",
            ("$session", session.SessionId));
        var readId = read.Parameters.Add("$id", SqliteType.Text);
        using var delay = connection.Command(transaction, "UPDATE topic_messages SET visible_at = $visibleAt WHERE message_id = $id AND session_id = $session", ("$session", session.SessionId));
        var delayId = delay.Parameters.Add("$id", SqliteType.Text);
        var visibleAt = delay.Parameters.Add("$visibleAt", SqliteType.Integer);
        foreach (var messageId in ids)
        {
            readId.Value = messageId;
            if (read.ExecuteScalar() is long deliveries)
            {
                delayId.Value = messageId;
                visibleAt.Value = now + RedeliveryDelay(_options.RedeliveryDelay, (int)deliveries).Ticks;
                delay.ExecuteNonQuery();
            }
        }
        RefreshHead(connection, transaction, session.SessionId);
    }

    /// <summary>
    /// Takes the message out of delivery for good (kept for duplicate detection) and writes it to the dead-letter
    /// store in the same transaction, with <paramref name="reason"/> and <paramref name="description"/>.
    /// </summary>
    /// <exception cref="TopicLockLostException">The session's lock is no longer held; nothing was dead-lettered.</exception>
    public Task DeadLetterAsync(TopicSession session, string messageId, string reason, string? description, CancellationToken cancellationToken)
    {
        _ = Delivered(session, [messageId]);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return database.WriteAsync((connection, transaction) =>
        {
            EnsureLockHeld(connection, transaction, session);
            DeadLetterIn(connection, transaction, session, messageId, reason, description, Now());
            return true;
        }, cancellationToken);
    }

    private static void DeadLetterIn(SqliteConnection connection, SqliteTransaction transaction, TopicSession session, string messageId, string reason, string? description, long now)
    {
        using var read = connection.Command(transaction,
            $"SELECT body, delivery_count FROM topic_messages WHERE message_id = $id AND session_id = $session AND state = {Pending}",
            ("$id", messageId), ("$session", session.SessionId));
        using var reader = read.ExecuteReader();
        if (reader.Read())
        {
            var body = reader.GetString(0);
            var deliveries = reader.GetInt32(1);
            reader.Close();
            SettleAsDeadLetter(connection, transaction, new DeadLetter(messageId, new Sku(session.SessionId), body, reason, description, deliveries, SqliteCommands.Time(now)));
            RefreshHead(connection, transaction, session.SessionId);
        }
    }

    /// <summary>
    /// Lets the session go: its messages not settled are deliverable again at once (abandoned ones after their
    /// delay). Releasing a lock that is no longer held does nothing.
    /// </summary>
    public Task ReleaseAsync(TopicSession session, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            ReleaseIn(connection, transaction, session);
            return true;
        }, cancellationToken);

    private static void ReleaseIn(SqliteConnection connection, SqliteTransaction transaction, TopicSession session)
    {
        using var idle = connection.Command(transaction,
            "DELETE FROM topic_sessions WHERE session_id = $session AND lock_token = $token AND head_seq IS NULL",
            ("$session", session.SessionId), ("$token", session.LockToken));
        if (idle.ExecuteNonQuery() == 0)
        {
            using var release = connection.Command(transaction,
                "UPDATE topic_sessions SET lock_token = NULL, locked_until = 0 WHERE session_id = $session AND lock_token = $token",
                ("$session", session.SessionId), ("$token", session.LockToken));
            release.ExecuteNonQuery();
        }
    }

    /// <summary>Extends the session's lock by <see cref="LocalTopicOptions.LockDuration"/> from now.</summary>
    /// <returns>The session with its new <see cref="TopicSession.LockedUntil"/>.</returns>
    /// <exception cref="TopicLockLostException">The session's lock is no longer held.</exception>
    public Task<TopicSession> RenewAsync(TopicSession session, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            var lockedUntil = Now() + _options.LockDuration.Ticks;
            using var renew = connection.Command(transaction,
                "UPDATE topic_sessions SET locked_until = $until WHERE session_id = $session AND lock_token = $token",
                ("$until", lockedUntil), ("$session", session.SessionId), ("$token", session.LockToken));
            return renew.ExecuteNonQuery() == 1
                ? session with { LockedUntil = SqliteCommands.Time(lockedUntil) }
                : throw new TopicLockLostException(session.SessionId, session.LockToken);
        }, cancellationToken);

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

    /// <summary>The wait before the next delivery of a message abandoned after <paramref name="deliveries"/> deliveries.</summary>
    public static TimeSpan RedeliveryDelay(TimeSpan first, int deliveries)
    {
        var doublings = Math.Clamp(deliveries - 1, 0, 30);
        var ticks = Math.Min(first.Ticks * (1L << doublings), LocalTopicOptions.MaxRedeliveryDelay.Ticks);
        return TimeSpan.FromTicks(first.Ticks > 0 && ticks <= 0 ? LocalTopicOptions.MaxRedeliveryDelay.Ticks : ticks);
    }

    private long Now() => timeProvider.GetUtcNow().UtcTicks;

    private List<TopicMessage> Deliver(SqliteConnection connection, SqliteTransaction transaction, string sessionId, int maxMessages, long now)
    {
        using var read = connection.Command(transaction, $"""
            SELECT seq, message_id, body, delivery_count, enqueued_at, visible_at FROM topic_messages
            WHERE session_id = $session AND state = {Pending} AND seq > $after ORDER BY seq LIMIT $take
            """, ("$session", sessionId));
        var after = read.Parameters.Add("$after", SqliteType.Integer);
        var take = read.Parameters.Add("$take", SqliteType.Integer);
        using var count = connection.Command(transaction, "UPDATE topic_messages SET delivery_count = $count WHERE seq = $seq");
        var countValue = count.Parameters.Add("$count", SqliteType.Integer);
        var countSeq = count.Parameters.Add("$seq", SqliteType.Integer);

        var delivered = new List<TopicMessage>();
        var deadLettered = false;
        after.Value = 0L;
        while (delivered.Count < maxMessages)
        {
            take.Value = maxMessages - delivered.Count;
            var rows = new List<(long Seq, string Id, string Body, int Deliveries, long EnqueuedAt, long VisibleAt)>();
            using (var reader = read.ExecuteReader())
            {
                while (reader.Read())
                {
                    rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt64(4), reader.GetInt64(5)));
                }
            }
            if (rows.Count == 0)
            {
                break;
            }
            foreach (var row in rows)
            {
                if (row.VisibleAt > now)
                {
                    // Waiting out its redelivery delay: nothing after it may overtake it.
                    if (deadLettered)
                    {
                        RefreshHead(connection, transaction, sessionId);
                    }
                    return delivered;
                }
                after.Value = row.Seq;
                if (row.Deliveries >= _options.MaxDeliveryCount)
                {
                    SettleAsDeadLetter(connection, transaction, new DeadLetter(row.Id, new Sku(sessionId), row.Body, MaxDeliveryCountExceeded,
                        $"delivered {row.Deliveries} times without being completed (max delivery count {_options.MaxDeliveryCount})",
                        row.Deliveries, SqliteCommands.Time(now)));
                    deadLettered = true;
                    continue;
                }
                countValue.Value = row.Deliveries + 1;
                countSeq.Value = row.Seq;
                count.ExecuteNonQuery();
                delivered.Add(new TopicMessage(row.Id, sessionId, row.Body, row.Deliveries + 1, SqliteCommands.Time(row.EnqueuedAt), row.Seq));
            }
        }
        if (deadLettered)
        {
            RefreshHead(connection, transaction, sessionId);
        }
        return delivered;
    }

    private static void SettleAsDeadLetter(SqliteConnection connection, SqliteTransaction transaction, DeadLetter deadLetter)
    {
        using var settle = connection.Command(transaction,
            $"UPDATE topic_messages SET state = {DeadLettered}, settled_at = $now WHERE message_id = $id",
            ("$id", deadLetter.MessageId), ("$now", deadLetter.DeadLetteredAt.UtcTicks));
        settle.ExecuteNonQuery();
        SqliteDeadLetterStore.Upsert(connection, transaction, deadLetter);
    }

    private static void SetLock(SqliteConnection connection, SqliteTransaction transaction, string sessionId, string? token, long lockedUntil)
    {
        using var command = connection.Command(transaction,
            "UPDATE topic_sessions SET lock_token = $token, locked_until = $until WHERE session_id = $session",
            ("$token", token), ("$until", lockedUntil), ("$session", sessionId));
        command.ExecuteNonQuery();
    }

    /// <summary>Points the session at its oldest unsettled message after messages were settled or delayed.</summary>
    private static void RefreshHead(SqliteConnection connection, SqliteTransaction transaction, string sessionId)
    {
        using var command = connection.Command(transaction, $"""
            UPDATE topic_sessions SET (head_seq, head_visible_at) = (
                SELECT seq, visible_at FROM topic_messages WHERE session_id = $session AND state = {Pending} ORDER BY seq LIMIT 1)
            WHERE session_id = $session
            """, ("$session", sessionId));
        command.ExecuteNonQuery();
    }

    private static void EnsureLockHeld(SqliteConnection connection, SqliteTransaction transaction, TopicSession session)
    {
        if (!LockHeld(connection, transaction, session))
        {
            throw new TopicLockLostException(session.SessionId, session.LockToken);
        }
    }

    private static bool LockHeld(SqliteConnection connection, SqliteTransaction transaction, TopicSession session)
    {
        using var command = connection.Command(transaction, "SELECT lock_token FROM topic_sessions WHERE session_id = $session", ("$session", session.SessionId));
        return command.ExecuteScalar() is string token && string.Equals(token, session.LockToken, StringComparison.Ordinal);
    }

    /// <summary>The ids, checked to be messages delivered in this session (settling anything else is a bug of the caller).</summary>
    private static string[] Delivered(TopicSession session, IReadOnlyCollection<string> messageIds)
    {
        var ids = messageIds.Distinct(StringComparer.Ordinal).ToArray();
        foreach (var id in ids)
        {
            if (!session.Messages.Any(m => string.Equals(m.MessageId, id, StringComparison.Ordinal)))
            {
                throw new ArgumentException($"message '{id}' was not delivered in this session of '{session.SessionId}'", nameof(messageIds));
            }
        }
        return ids;
    }
}
