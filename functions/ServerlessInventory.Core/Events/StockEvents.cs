using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Events;

public sealed record SaleRecorded(EventId Id, ChannelId Source, DateTimeOffset Time, Sku Sku, LocationId Location, int Quantity)
    : UnitsEvent(Id, Source, Time, Sku, Location, Quantity)
{
    public const string TypeName = "inventory.sale.recorded";

    public override string Type => TypeName;

    public override IReadOnlyList<PositionChange> Changes => [new(Location, OnHand: -Quantity)];
}

public enum ReturnCondition
{
    Sellable,
    Damaged,
}

public sealed record ReturnRecorded(EventId Id, ChannelId Source, DateTimeOffset Time, Sku Sku, LocationId Location, int Quantity, ReturnCondition Condition)
    : UnitsEvent(Id, Source, Time, Sku, Location, Quantity)
{
    public const string TypeName = "inventory.return.recorded";

    public override string Type => TypeName;

    public ReturnCondition Condition { get; } = Guard.Defined(Condition);

    public override IReadOnlyList<PositionChange> Changes =>
        [new(Location, OnHand: Quantity, Unsellable: Condition == ReturnCondition.Damaged ? Quantity : 0)];
}

public sealed record StockReceived(EventId Id, ChannelId Source, DateTimeOffset Time, Sku Sku, LocationId Location, int Quantity)
    : UnitsEvent(Id, Source, Time, Sku, Location, Quantity)
{
    public const string TypeName = "inventory.stock.received";

    public override string Type => TypeName;

    public override IReadOnlyList<PositionChange> Changes => [new(Location, OnHand: Quantity)];
}

/// <summary>Shrink, found stock or a correction: a signed delta with the reason it was made.</summary>
public sealed record StockAdjusted(EventId Id, ChannelId Source, DateTimeOffset Time, Sku Sku, LocationId Location, int Delta, string Reason)
    : InventoryEvent(Id, Source, Time)
{
    public const string TypeName = "inventory.stock.adjusted";

    public override string Type => TypeName;

    public override Sku Sku { get; } = Sku;

    public int Delta { get; } = Guard.NotZero(Delta);

    public string Reason { get; } = Guard.Text(Reason);

    public override IReadOnlyList<PositionChange> Changes => [new(Location, OnHand: Delta)];
}

/// <summary>
/// A cycle count: onHand was <see cref="Counted"/> at <see cref="CountedAt"/>. Its effect depends on the
/// ledger (events after CountedAt stay on top), so <see cref="InventoryEvent.Changes"/> is empty and the
/// aggregate computes it.
/// </summary>
public sealed record StockCounted(EventId Id, ChannelId Source, DateTimeOffset Time, Sku Sku, LocationId Location, int Counted, DateTimeOffset CountedAt)
    : InventoryEvent(Id, Source, Time)
{
    public const string TypeName = "inventory.stock.counted";

    public override string Type => TypeName;

    public override Sku Sku { get; } = Sku;

    public int Counted { get; } = Guard.NotNegative(Counted);

    public DateTimeOffset CountedAt { get; } =
        CountedAt == default ? throw new DomainValidationException("countedAt", "is required") : CountedAt;
}

/// <summary>Units found damaged or put on quality hold: still on hand, never sold.</summary>
public sealed record StockDamaged(EventId Id, ChannelId Source, DateTimeOffset Time, Sku Sku, LocationId Location, int Quantity)
    : UnitsEvent(Id, Source, Time, Sku, Location, Quantity)
{
    public const string TypeName = "inventory.stock.damaged";

    public override string Type => TypeName;

    public override IReadOnlyList<PositionChange> Changes => [new(Location, Unsellable: Quantity)];
}

/// <summary>
/// A channel's own count of what it shows, true at the channel at <see cref="InventoryEvent.Time"/>: kept for
/// reconciliation, never applied to positions. <see cref="Location"/> is null for a channel that reports its pooled level.
/// </summary>
public sealed record LevelReported(EventId Id, ChannelId Source, DateTimeOffset Time, Sku Sku, LocationId? Location, ChannelId Channel, int Quantity)
    : InventoryEvent(Id, Source, Time)
{
    public const string TypeName = "inventory.level.reported";

    public override string Type => TypeName;

    public override Sku Sku { get; } = Sku;

    public int Quantity { get; } = Guard.NotNegative(Quantity);
}
