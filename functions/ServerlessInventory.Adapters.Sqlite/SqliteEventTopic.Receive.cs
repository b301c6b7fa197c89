using Microsoft.Data.Sqlite;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Sqlite;

// Receiving: sessions accepted (locked to one receiver) and their messages delivered in order.
public sealed partial class SqliteEventTopic
{
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

    private static void SetLock(SqliteConnection connection, SqliteTransaction transaction, string sessionId, string? token, long lockedUntil)
    {
        using var command = connection.Command(transaction,
            "UPDATE topic_sessions SET lock_token = $token, locked_until = $until WHERE session_id = $session",
            ("$token", token), ("$until", lockedUntil), ("$session", sessionId));
        command.ExecuteNonQuery();
    }
}
