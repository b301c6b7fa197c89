using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Events;

/// <summary>
/// A change to stock as a channel saw it: the CloudEvents envelope (<see cref="Id"/>, <see cref="Type"/>,
/// <see cref="Source"/>, <see cref="Time"/>) over typed data. Every event concerns exactly one SKU, which is
/// what orders, partitions and sessions are keyed by.
/// </summary>
public abstract record InventoryEvent
{
    protected InventoryEvent(EventId id, ChannelId source, DateTimeOffset time)
    {
        Id = id;
        Source = source;
        Key = new EventKey(source, id);
        Time = time == default ? throw new DomainValidationException("time", "is required") : time;
    }

    /// <summary>Unique within <see cref="Source"/> only: two channels may both send <c>1001</c>.</summary>
    public EventId Id { get; }

    /// <summary>The channel the event came from, or <see cref="EventSources.Product"/> for one the product made itself.</summary>
    public ChannelId Source { get; }

    /// <summary>The event's identity, (source, id): what the topic, the ledger and every replay dedupe on.</summary>
    public EventKey Key { get; }

    /// <summary>When it happened at the source; used only where semantics need it (counts as of).</summary>
    public DateTimeOffset Time { get; }

    public abstract string Type { get; }

    public abstract Sku Sku { get; }

    /// <summary>
    /// What the event does to positions on its own, before state-dependent rules (counts as of,
    /// reservation conversion) are applied. Empty for events that change no quantity.
    /// </summary>
    public virtual IReadOnlyList<PositionChange> Changes => [];

    /// <summary>Facts happened and are never rejected; promises are checked against availability.</summary>
    public virtual bool IsPromise => false;
}

/// <summary>Signed changes to one position's quantities. Reserved is not here: it is derived from reservations.</summary>
public readonly record struct PositionChange(LocationId Location, int OnHand = 0, int Unsellable = 0, int Committed = 0, int Incoming = 0)
{
    public bool IsEmpty => OnHand == 0 && Unsellable == 0 && Committed == 0 && Incoming == 0;
}

/// <summary>An event about a positive number of units of a SKU at one location: most facts and every order event.</summary>
public abstract record UnitsEvent : InventoryEvent
{
    protected UnitsEvent(EventId id, ChannelId source, DateTimeOffset time, Sku sku, LocationId location, int quantity)
        : base(id, source, time)
    {
        Sku = sku;
        Location = location;
        Quantity = Guard.Positive(quantity);
    }

    public override Sku Sku { get; }

    public LocationId Location { get; }

    public int Quantity { get; }
}

/// <summary>An event about an order line: its units at one location, and the order they belong to.</summary>
public abstract record OrderEvent : UnitsEvent
{
    protected OrderEvent(EventId id, ChannelId source, DateTimeOffset time, string orderId, Sku sku, LocationId location, int quantity)
        : base(id, source, time, sku, location, quantity) => OrderId = Guard.Identifier(orderId, "orderId");

    public string OrderId { get; }
}

/// <summary>Sources that are not channels.</summary>
public static class EventSources
{
    /// <summary>
    /// Events the product records itself (a reservation confirmed through the API becomes the order it places), so
    /// their ids never meet a channel's own: <c>web</c> may send <c>reservation-r1-confirmed</c> as well.
    /// </summary>
    public static ChannelId Product { get; } = new("serverless-inventory");
}
