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
}
