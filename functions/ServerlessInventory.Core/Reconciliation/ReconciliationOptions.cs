using System.ComponentModel.DataAnnotations;

namespace ServerlessInventory.Core.Reconciliation;

/// <summary>Reconciliation settings (section <c>Reconciliation</c>).</summary>
public sealed class ReconciliationOptions
{
    public const string SectionName = "Reconciliation";

    /// <summary>
    /// A SKU whose master value changed (or whose push was recorded) this recently before the run is counted in flight,
    /// not as a discrepancy (default 2 minutes): a push takes a moment to reach a channel and its report longer.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan SettlingWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Units a channel may differ from the master by before it is a discrepancy (default 1), unless <see cref="Thresholds"/> names the channel.</summary>
    [Range(0, 1_000_000)]
    public int DefaultThreshold { get; set; } = 1;

    /// <summary>A channel's own threshold, by channel id.</summary>
    public Dictionary<string, int> Thresholds { get; set; } = [];

    /// <summary>SKUs compared between checkpoints (default 500): a run cut short repeats at most this many.</summary>
    [Range(1, 100_000)]
    public int PageSize { get; set; } = 500;

    /// <summary>
    /// How long a run holds its channel's lease without renewing it (default 2 minutes; renewed at every checkpoint): a
    /// run whose process died is resumed by the next run once its lease lapsed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Pages read from a channel that answers level queries before a run compares (default 10,000): a channel whose
    /// continuations never end stops there, and the run compares what it pulled.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxPullPages { get; set; } = 10_000;

    public int ThresholdOf(string channel) => Thresholds.TryGetValue(channel, out var own) ? own : DefaultThreshold;
}
