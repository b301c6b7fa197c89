using System.ComponentModel.DataAnnotations;

namespace ServerlessInventory.Functions.Messaging;

/// <summary>How the apply function settles messages. Bound from the <c>InventoryEvents</c> section and validated at start.</summary>
public sealed class InventoryEventsOptions
{
    public const string SectionName = "InventoryEvents";

    /// <summary>
    /// Deliveries after which a failing message is dead-lettered with its reason (default 10). Must equal the
    /// subscription's maxDeliveryCount, so the function records the reason before the broker would move it anyway.
    /// </summary>
    [Range(1, 2000)]
    public int MaxDeliveryCount { get; set; } = 10;
}
