using System.ComponentModel.DataAnnotations;

namespace ServerlessInventory.Core.Operations.Health;

/// <summary>Settings of the health figures (section <c>Health</c>).</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>
    /// How often the app samples its health for the history (default 10 s). The function app's timer
    /// (<c>SampleHealthSchedule</c>) fires at this pace; the history reports it as <c>intervalSeconds</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How far back the history reaches (default 1 hour); older samples are dropped.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan HistoryWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Apply lag percentiles are over the applies of this window (default 5 minutes), at most <see cref="ApplyLagSamples"/> of them.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan ApplyLagWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Latest applies kept for the percentiles (default 1,000), so memory stays flat under any load.</summary>
    [Range(10, 100_000)]
    public int ApplyLagSamples { get; set; } = 1_000;

    /// <summary>
    /// Owed pushes read per report at most (default 10,000): past it the count says "at least" (<c>pushesOwedCapped</c>)
    /// rather than reading an unbounded backlog every few seconds.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxOwedRead { get; set; } = 10_000;
}
