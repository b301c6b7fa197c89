using Microsoft.Data.Sqlite;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Sqlite;

// Settling what a receiver decided, always under the session lock it holds.
public sealed partial class SqliteEventTopic
{
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

    private static void SettleAsDeadLetter(SqliteConnection connection, SqliteTransaction transaction, DeadLetter deadLetter)
    {
        using var settle = connection.Command(transaction,
            $"UPDATE topic_messages SET state = {DeadLettered}, settled_at = $now WHERE message_id = $id",
            ("$id", deadLetter.MessageId), ("$now", deadLetter.DeadLetteredAt.UtcTicks));
        settle.ExecuteNonQuery();
        SqliteDeadLetterStore.Upsert(connection, transaction, deadLetter);
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
