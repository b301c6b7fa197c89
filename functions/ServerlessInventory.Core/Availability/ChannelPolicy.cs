using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Availability;

public enum AllocationKind
{
    /// <summary>The channel is offered the whole pool.</summary>
    None,

    /// <summary>A percentage share of the pooled availableToSell, floored.</summary>
    Percent,

    /// <summary>At most a fixed number of units.</summary>
    Cap,
}

/// <summary>How much of the pooled availableToSell a channel is offered. Floors, so shares never add up to more than the pool.</summary>
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

    /// <summary>The channel's availability: its allocation of the pool over its locations, less its buffer, never below zero.</summary>
    public int AvailableFrom(IReadOnlyDictionary<LocationId, PositionView> positions)
    {
        var pool = 0;
        foreach (var location in Locations)
        {
            if (positions.TryGetValue(location, out var position))
            {
                pool += position.AvailableToSell;
            }
        }
        return Math.Max(0, Allocation.ShareOf(pool) - Buffer);
    }
}
