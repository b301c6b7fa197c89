using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Core.Domain;

/// <summary>
/// One applied event, as the audit trail and the dedupe record keep it: the event itself, the commit
/// (<see cref="Version"/> of its SKU) that applied it, and the effects actually applied, which may differ
/// from the event's own <see cref="InventoryEvent.Changes"/> (counts, absorbed deltas, converted reservations).
/// Folding the effects of a SKU's ledger in order rebuilds its positions. <see cref="HeldFor"/> names the channel an
/// order's units count against when that is not the event's source (a reservation confirmed through the API is recorded
/// under the product's own source, but its units stay the reservation's channel's), so replay rebuilds quotas too.
/// </summary>
public sealed record LedgerEntry(
    InventoryEvent Event,
    long Version,
    DateTimeOffset AppliedAt,
    IReadOnlyList<PositionChange> Effects,
    int Oversold,
    IReadOnlyList<string> Flags,
    ChannelId? HeldFor = null)
{
    public EventId EventId => Event.Id;

    /// <summary>The dedupe key: (source, id), not the id alone.</summary>
    public EventKey EventKey => Event.Key;

    public Sku Sku => Event.Sku;

    public bool HasFlag(string flag) => Flags.Contains(flag, StringComparer.Ordinal);
}

/// <summary>Why an applied event's effect differs from its face value, or what it signals.</summary>
public static class LedgerFlags
{
    /// <summary>An onHand change that happened before the latest count; the count already includes it.</summary>
    public const string AbsorbedByCount = "absorbed_by_count";

    /// <summary>A count older than one already applied at that location: kept, but it changes nothing.</summary>
    public const string StaleCount = "stale_count";

    /// <summary>A promise committed beyond availableToSell.</summary>
    public const string Oversold = "oversold";

    /// <summary>
    /// An order beyond what its channel's allocation still let it hold: committed (orders are never refused) and
    /// counted as an oversell, as <see cref="Oversold"/> is also set.
    /// </summary>
    public const string OverQuota = "over_quota";

    /// <summary>The order consumed the reservation it named.</summary>
    public const string ReservationConverted = "reservation_converted";

    /// <summary>The order named a reservation that no longer held stock (expired, released, elsewhere or unknown).</summary>
    public const string ReservationNotHeld = "reservation_not_held";

    /// <summary>The reservation was already confirmed into this order through the API; committing again would double count.</summary>
    public const string AlreadyCommitted = "already_committed";

    /// <summary>A fact drove onHand below zero: the master records it and flags the drift.</summary>
    public const string NegativeOnHand = "negative_on_hand";

    /// <summary>A cancellation or fulfilment released more than was committed.</summary>
    public const string NegativeCommitted = "negative_committed";

    /// <summary>A receipt of more than was in transit.</summary>
    public const string NegativeIncoming = "negative_incoming";
}
