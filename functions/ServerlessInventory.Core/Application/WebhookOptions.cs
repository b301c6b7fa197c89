using System.ComponentModel.DataAnnotations;

namespace ServerlessInventory.Core.Application;

/// <summary>Limits on what one webhook request may carry. Bound from the <c>Webhooks</c> section and validated at start.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Largest body accepted, in bytes (default 1 MiB); a larger one is answered 413 unread.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most events in one batch (default 500).</summary>
    [Range(1, 10_000)]
    public int MaxEventsPerRequest { get; set; } = 500;

    /// <summary>
    /// How far ahead of the clock that receives it an event's <c>time</c> (or a count's <c>countedAt</c>) may be before
    /// the event is parked as clock-skewed instead of accepted (default 5 min, 0 to 1 h): it absorbs ordinary skew
    /// between a channel's clock and this one.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ClockTolerance { get; set; } = TimeSpan.FromMinutes(5);
}
