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
}
