using System.ComponentModel.DataAnnotations;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Application;

/// <summary>How Core applies decisions. Bound from the <c>Inventory</c> section and validated at start.</summary>
public sealed class InventoryOptions
{
    public const string SectionName = "Inventory";

    /// <summary>
    /// Most attempts at one decision while other writers keep committing first (default 8, 1 to 100).
    /// After that the caller gets <see cref="ConcurrencyExhaustedException"/> and its message is redelivered.
    /// </summary>
    [Range(1, 100)]
    public int MaxConcurrencyAttempts { get; set; } = 8;

    /// <summary>
    /// First wait after a version conflict, doubled per attempt with jitter and capped at 50 times itself
    /// (default 2 ms; zero retries at once).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan ConflictBackoff { get; set; } = TimeSpan.FromMilliseconds(2);
}

/// <summary>Checkout holds. Bound from the <c>Reservations</c> section and validated at start.</summary>
public sealed class ReservationOptions
{
    public const string SectionName = "Reservations";

    /// <summary>TTL when the request gives none (default 15 min).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DefaultTtl { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Longest TTL a request may ask for (default 60 min).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxTtl { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Lapsed reservations the sweeper reads per query (default 500).</summary>
    [Range(1, 10_000)]
    public int SweepBatchSize { get; set; } = 500;

    /// <summary>
    /// Whether reservation operations meeting on one SKU in this process are decided together and committed as one
    /// (<see cref="ReservationBatcher"/>; default true). Off, each commits alone and concurrent ones retry on conflict:
    /// kept for comparison in the benchmark.
    /// </summary>
    public bool GroupConcurrentRequests { get; set; } = true;

    /// <summary>
    /// Most operations one group decides and commits (default and most <see cref="SkuCommit.MaxEvents"/>, 49): each
    /// writes at most a reservation and a ledger entry, so a full group still fits one commit (<see cref="SkuCommit.MaxItems"/>).
    /// </summary>
    [Range(1, SkuCommit.MaxEvents)]
    public int MaxGroupSize { get; set; } = SkuCommit.MaxEvents;
}
