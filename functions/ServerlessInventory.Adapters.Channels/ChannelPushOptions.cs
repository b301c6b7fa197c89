using System.ComponentModel.DataAnnotations;

namespace ServerlessInventory.Adapters.Channels;

/// <summary>How pushes to one channel cope with failure. Bound from the <c>ChannelPush</c> section and validated at start.</summary>
public sealed class ChannelPushOptions
{
    public const string SectionName = "ChannelPush";

    /// <summary>Retries of one push after its first attempt (default 3), with exponential backoff and jitter.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First backoff delay (default 200 ms).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait for one attempt (default 5 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Share of failed pushes that opens the channel's circuit (default 0.5). The breaker sits outside the retry, so a
    /// push counts once, failed only when all its attempts failed.
    /// </summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Pushes in the sampling window before the circuit may open (default 4).</summary>
    [Range(2, 1000)]
    public int MinimumThroughput { get; set; } = 4;

    /// <summary>Window the failure ratio is measured over (default 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an open circuit fails pushes at once before trying the channel again (default 2 s). Short, because a
    /// channel that is back gets what it is owed only after this trial: the trial is one push, cheap even to a
    /// channel that stays down, while each second here is a second a recovered channel shows stale stock.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Requests per second to each channel (default 1,000): a push waits for a slot rather than exceed it. High by
    /// default so that only a channel that publishes a limit is held to one (per channel: <see cref="Channels"/>).
    /// </summary>
    [Range(0.1, 100_000)]
    public double RequestsPerSecond { get; set; } = 1000;

    /// <summary>Requests in flight to each channel at once (default 16, what a push round had in flight before). Per channel: <see cref="Channels"/>.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentRequests { get; set; } = 16;

    /// <summary>
    /// Pushes that may wait for a slot per channel (default 10,000); one beyond fails as the channel being unavailable
    /// and stays owed. Values owed meanwhile coalesce in Core, so this bounds memory, not what is eventually sent.
    /// </summary>
    [Range(1, 1_000_000)]
    public int QueueLimit { get; set; } = 10_000;

    /// <summary>Longest <c>Retry-After</c> a channel's 429 or 503 is honoured for (default 10 min); a longer one is cut to it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Overrides of <see cref="RequestsPerSecond"/> and <see cref="MaxConcurrentRequests"/>, keyed by channel id.</summary>
    public Dictionary<string, ChannelRateLimitOptions> Channels { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The limits of one channel: its overrides, else the defaults above.</summary>
    public (double RequestsPerSecond, int MaxConcurrentRequests) LimitsOf(string channel) =>
        Channels.TryGetValue(channel, out var own)
            ? (own.RequestsPerSecond ?? RequestsPerSecond, own.MaxConcurrentRequests ?? MaxConcurrentRequests)
            : (RequestsPerSecond, MaxConcurrentRequests);
}
