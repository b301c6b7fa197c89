using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Core.Domain;

/// <summary>
/// What the store keeps for one SKU at one location. Reserved and safety stock are not stored here:
/// reserved is derived from active reservations at the moment asked (so an expired hold stops counting
/// at once), and safety stock comes from configuration.
/// </summary>
public sealed record PositionState(LocationId Location, int OnHand, int Unsellable, int Committed, int Incoming, DateTimeOffset? LastCountedAt = null)
{
    public static PositionState Empty(LocationId location) => new(location, 0, 0, 0, 0);

    public PositionState Plus(PositionChange change) => this with
    {
        OnHand = OnHand + change.OnHand,
        Unsellable = Unsellable + change.Unsellable,
        Committed = Committed + change.Committed,
        Incoming = Incoming + change.Incoming,
    };
}

/// <summary>A position as clients see it, with every quantity of the domain at one instant.</summary>
public sealed record PositionView(
    LocationId Location,
    int OnHand,
    int Unsellable,
    int Committed,
    int Reserved,
    int SafetyStock,
    int Incoming)
{
    /// <summary>max(0, onHand - unsellable - committed - reserved - safetyStock).</summary>
    public int AvailableToSell => Math.Max(0, UnclampedAvailable);

    /// <summary>
    /// What the position could sell with no promise outstanding (no reservation, no open order): the stock an
    /// allocation is a share of, so that a channel's quota does not shrink as it, or another channel, sells.
    /// </summary>
    public int SellableBeforePromises => Math.Max(0, OnHand - Unsellable - SafetyStock);

    /// <summary>The same sum without the floor: negative when the position is already oversold.</summary>
    public int UnclampedAvailable => OnHand - Unsellable - Committed - Reserved - SafetyStock;
}
