using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Events;

public sealed record TransferShipped(EventId Id, ChannelId Source, DateTimeOffset Time, string TransferId, Sku Sku, LocationId FromLocation, LocationId ToLocation, int Quantity)
    : InventoryEvent(Id, Source, Time)
{
    public const string TypeName = "inventory.transfer.shipped";

    public override string Type => TypeName;

    public override Sku Sku { get; } = Sku;

    public string TransferId { get; } = Guard.Identifier(TransferId);

    public LocationId ToLocation { get; } =
        ToLocation == FromLocation ? throw new DomainValidationException("toLocation", "must differ from fromLocation") : ToLocation;

    public int Quantity { get; } = Guard.Positive(Quantity);

    public override IReadOnlyList<PositionChange> Changes =>
        [new(FromLocation, OnHand: -Quantity), new(ToLocation, Incoming: Quantity)];
}

public sealed record TransferReceived(EventId Id, ChannelId Source, DateTimeOffset Time, string TransferId, Sku Sku, LocationId ToLocation, int Quantity)
    : InventoryEvent(Id, Source, Time)
{
    public const string TypeName = "inventory.transfer.received";

    public override string Type => TypeName;

    public override Sku Sku { get; } = Sku;

    public string TransferId { get; } = Guard.Identifier(TransferId);

    public int Quantity { get; } = Guard.Positive(Quantity);

    public override IReadOnlyList<PositionChange> Changes => [new(ToLocation, OnHand: Quantity, Incoming: -Quantity)];
}

/// <summary>
/// An order committed stock. A promise: without a reservation (or beyond it) it is checked against
/// availableToSell, and what exceeds it is still committed but counted as an oversell.
/// </summary>
public sealed record OrderPlaced(EventId Id, ChannelId Source, DateTimeOffset Time, string OrderId, Sku Sku, LocationId Location, int Quantity, ReservationId? ReservationId = null)
    : OrderEvent(Id, Source, Time, OrderId, Sku, Location, Quantity)
{
    public const string TypeName = "inventory.order.placed";

    public override string Type => TypeName;

    public override IReadOnlyList<PositionChange> Changes => [new(Location, Committed: Quantity)];

    public override bool IsPromise => true;
}

public sealed record OrderCancelled(EventId Id, ChannelId Source, DateTimeOffset Time, string OrderId, Sku Sku, LocationId Location, int Quantity)
    : OrderEvent(Id, Source, Time, OrderId, Sku, Location, Quantity)
{
    public const string TypeName = "inventory.order.cancelled";

    public override string Type => TypeName;

    public override IReadOnlyList<PositionChange> Changes => [new(Location, Committed: -Quantity)];
}

public sealed record OrderFulfilled(EventId Id, ChannelId Source, DateTimeOffset Time, string OrderId, Sku Sku, LocationId Location, int Quantity)
    : OrderEvent(Id, Source, Time, OrderId, Sku, Location, Quantity)
{
    public const string TypeName = "inventory.order.fulfilled";

    public override string Type => TypeName;

    public override IReadOnlyList<PositionChange> Changes => [new(Location, OnHand: -Quantity, Committed: -Quantity)];
}
