namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>
/// One delivery of a topic message. <see cref="DeliveryCount"/> counts this delivery (the first one is 1, as in
/// Service Bus); <see cref="SequenceNumber"/> is the enqueue order across the whole topic, never reused.
/// </summary>
public sealed record TopicMessage(string MessageId, string SessionId, string Body, int DeliveryCount, DateTimeOffset EnqueuedAt, long SequenceNumber);

/// <summary>What the topic holds: unsettled messages, the oldest one's enqueue time, and dead-lettered ones.</summary>
public sealed record TopicBacklog(long Pending, DateTimeOffset? OldestPendingEnqueuedAt, long DeadLettered);

/// <summary>
/// A session (one SKU) locked to one receiver until <see cref="LockedUntil"/>, with the messages delivered under
/// that lock, oldest first. Settle them through the topic with this session; renew the lock for long work.
/// </summary>
public sealed record TopicSession(string SessionId, string LockToken, DateTimeOffset LockedUntil, IReadOnlyList<TopicMessage> Messages);

/// <summary>
/// The session's lock is no longer held by this receiver: it expired and another receiver took the session, or
/// the locks were released. Nothing was settled; the messages will be (or already were) delivered again.
/// </summary>
public sealed class TopicLockLostException : Exception
{
    public TopicLockLostException()
        : this("the session lock was lost")
    {
    }

    public TopicLockLostException(string message)
        : base(message)
    {
    }

    public TopicLockLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TopicLockLostException(string sessionId, string lockToken)
        : base($"the lock on session '{sessionId}' is no longer held under token {lockToken}: it expired and was taken by another receiver, or was released; nothing was settled")
    {
        SessionId = sessionId;
        LockToken = lockToken;
    }

    public string? SessionId { get; }

    public string? LockToken { get; }
}

/// <summary>What a receiver decided for the messages of one session it holds, applied together with its release.</summary>
public sealed record SessionSettlement(
    TopicSession Session,
    IReadOnlyCollection<string> Completed,
    IReadOnlyList<(string MessageId, string Reason, string? Description)> DeadLettered,
    IReadOnlyCollection<string> Abandoned);
