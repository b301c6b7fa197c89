namespace ServerlessInventory.Core.Operations.Health;

/// <summary>
/// <c>GET /api/ops/health</c>: every figure with where it came from (<c>source</c>) and when it was read (<c>at</c>).
/// Durations are seconds; counts from this instance's memory (apply lag, webhooks, last push outcomes) cover what this
/// instance handled since it started.
/// </summary>
public sealed record HealthReport(
    DateTimeOffset At,
    IReadOnlyList<ChannelHealth> Channels,
    TopicHealth Topic,
    ApplyHealth Apply,
    CountHealth Parked,
    CountHealth DeadLetters,
    WebhookHealth Webhooks);

/// <summary>
/// One selling channel: pushes owed and the oldest one's age, the last push acknowledged and failed, its circuit
/// (<c>closed</c>, <c>open</c>, <c>half_open</c>, <c>unknown</c>) and its last reconciliation run.
/// <see cref="PushesOwedCapped"/> is true when more were owed than a report reads (<see cref="HealthOptions.MaxOwedRead"/>).
/// </summary>
public sealed record ChannelHealth(
    string Channel,
    string Source,
    DateTimeOffset At,
    int PushesOwed,
    double OldestOwedAgeSeconds,
    PushAcknowledgement? LastAcknowledged,
    PushFailure? LastFailed,
    string Circuit,
    ReconciliationSummary? LastReconciliation)
{
    public bool PushesOwedCapped { get; init; }
}

/// <summary>A channel's latest reconciliation run: when it finished (or started, while running), its discrepancies and those still open for review.</summary>
public sealed record ReconciliationSummary(string RunId, DateTimeOffset At, int Discrepancies, int ReviewOpen)
{
    public string Status { get; init; } = "completed";
}

/// <summary>The topic subscription's backlog; <see cref="OldestPendingAgeSeconds"/> is null where the topic cannot tell.</summary>
public sealed record TopicHealth(string Source, DateTimeOffset At, long Pending, double? OldestPendingAgeSeconds, long DeadLettered);

public sealed record ApplyHealth(string Source, DateTimeOffset At, double LagP50Seconds, double LagP99Seconds, int Samples);

public sealed record CountHealth(string Source, DateTimeOffset At, long Count);

public sealed record WebhookHealth(string Source, DateTimeOffset At, WebhookCounts Last5Minutes, WebhookCounts Last60Minutes);

/// <summary><c>GET /api/ops/health/history</c>: the samples of the last hour, oldest first.</summary>
public sealed record HealthHistory(double IntervalSeconds, IReadOnlyList<HealthSample> Samples);

/// <summary>One sample: apply lag p99, pushes owed over every channel, and webhook events in the minute before it.</summary>
public sealed record HealthSample(DateTimeOffset At, double ApplyLagP99Seconds, long PushesOwed, long WebhooksPerMinute);
