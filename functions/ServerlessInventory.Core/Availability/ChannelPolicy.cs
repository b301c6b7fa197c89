using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Availability;

public enum AllocationKind
{
    /// <summary>The channel is offered the whole pool.</summary>
    None,

    /// <summary>A percentage of the pool's stock, floored.</summary>
    Percent,

    /// <summary>At most a fixed number of units held at once.</summary>
    Cap,
}

/// <summary>
/// How much of its pool a channel may hold in total (a quota, see <see cref="ChannelPolicy.QuotaLeft"/>). Floors, so
/// shares never add up to more than the pool.
/// </summary>
public sealed record Allocation
{
    public Allocation(AllocationKind kind, int value)
    {
        Kind = Guard.Defined(kind);
        Value = kind switch
        {
            AllocationKind.Percent when value is < 0 or > 100 => throw new DomainValidationException("allocation.value", "a percentage must be from 0 to 100"),
            AllocationKind.Cap when value < 0 => throw new DomainValidationException("allocation.value", "a cap must be zero or more"),
            _ => value,
        };
    }

    public static Allocation Whole { get; } = new(AllocationKind.None, 0);

    public AllocationKind Kind { get; }

    public int Value { get; }

    public static Allocation Percent(int percent) => new(AllocationKind.Percent, percent);

    public static Allocation Cap(int units) => new(AllocationKind.Cap, units);

    public int ShareOf(int pool) => Kind switch
    {
        AllocationKind.Percent => (int)((long)pool * Value / 100),
        AllocationKind.Cap => Math.Min(pool, Value),
        _ => pool,
    };
}

/// <summary>
/// What a channel sells from and how much of it: its location set, a buffer never offered, and its
/// allocation. Configured as data; a POS channel usually has its own store as its only location.
/// </summary>
public sealed record ChannelPolicy
{
    public ChannelPolicy(ChannelId channel, IReadOnlyList<LocationId> locations, int buffer = 0, Allocation? allocation = null)
    {
        Channel = channel;
        Locations = locations is { Count: > 0 }
            ? locations.Distinct().ToArray()
            : throw new DomainValidationException("locations", "a channel needs at least one location");
        Buffer = Guard.NotNegative(buffer);
        Allocation = allocation ?? Allocation.Whole;
    }

    public ChannelId Channel { get; }

    public IReadOnlyList<LocationId> Locations { get; }

    public int Buffer { get; }

    public Allocation Allocation { get; }

    public bool SellsFrom(LocationId location) => Locations.Contains(location);

    /// <summary>
    /// The channel's availability over its whole location set: what the pool has left, bounded by what its allocation
    /// still allows it to take (<see cref="QuotaLeft"/>), less its buffer, never below zero.
    /// </summary>
    public int AvailableFrom(AvailabilityView view) => Offer(view, Locations.Sum(view.AvailableToSell));

    /// <summary>
    /// The channel's availability at one of its locations (store pickup): that location's own availableToSell, bounded
    /// by the same quota over the whole set (a pickup is part of what the channel holds), less its buffer. Zero for a
    /// location the channel does not sell from.
    /// </summary>
    public int AvailableAt(AvailabilityView view, LocationId location) =>
        SellsFrom(location) ? Offer(view, view.AvailableToSell(location)) : 0;

    /// <summary>
    /// Where a reservation of this channel would hold stock and the most it may hold there now: at the location asked
    /// (<see cref="AvailableAt"/>), or else at the channel's location with the most availableToSell, bounded by
    /// <see cref="AvailableFrom"/>. So a reservation is granted exactly when the availability answered allows it.
    /// </summary>
    public (LocationId Location, int Units) Reservable(AvailabilityView view, LocationId? location)
    {
        if (location is { } asked)
        {
            return (asked, AvailableAt(view, asked));
        }
        var best = Locations.MaxBy(view.AvailableToSell)!;
        return (best, Math.Min(AvailableFrom(view), view.AvailableToSell(best)));
    }

    /// <summary>
    /// How many more units the allocation lets the channel hold: its share of the pool's stock before any promise
    /// (<see cref="PositionView.SellableBeforePromises"/>), less what it already holds at its locations (active
    /// reservations and open orders). Taking the share before every channel's promises, not only its own, keeps each
    /// quota a fixed share of the same stock whichever channel sells first. Negative when the channel holds more than
    /// its share (the stock shrank under it); <see cref="int.MaxValue"/> without an allocation.
    /// </summary>
    public int QuotaLeft(AvailabilityView view)
    {
        if (Allocation.Kind == AllocationKind.None)
        {
            return int.MaxValue;
        }
        var stock = Locations.Sum(view.SellableBeforePromises);
        var held = Locations.Sum(l => view.HeldBy(Channel, l));
        return Allocation.ShareOf(stock) - held;
    }

    private int Offer(AvailabilityView view, int stockLeft) => Math.Max(0, Math.Min(stockLeft, QuotaLeft(view)) - Buffer);
}
