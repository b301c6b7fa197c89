using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Core.Domain;

/// <summary>
/// The units one order still has committed at one location, and the channel that placed it. Kept with the SKU so that
/// what a channel holds (its allocation counts its open orders) survives fulfilments and cancellations sent by another
/// source (a WMS fulfilling a web order). At zero the order is closed and the store forgets it.
/// </summary>
public sealed record OpenOrder(string OrderId, LocationId Location, ChannelId Channel, int Quantity)
{
    public string OrderId { get; } = Guard.Identifier(OrderId, "orderId");

    public int Quantity { get; } = Guard.NotNegative(Quantity, "quantity");

    public bool IsClosed => Quantity == 0;
}

/// <summary>The one rule of how order events move an order's open units, used when applying and when replaying the ledger.</summary>
public static class OpenOrderTracking
{
    /// <summary>
    /// The order <paramref name="evt"/> changes, as it is after the event, or null when it changes none: a placement adds
    /// to the order's open units, held for <paramref name="placedBy"/> (null when the placement committed nothing new); a
    /// cancellation or fulfilment, from whatever source, takes from them, never below zero; closing an order never seen
    /// open changes nothing.
    /// </summary>
    public static OpenOrder? After(InventoryEvent evt, ChannelId? placedBy, IReadOnlyDictionary<(string OrderId, LocationId Location), OpenOrder> open) => evt switch
    {
        OrderPlaced placed when placedBy is { } channel => open.GetValueOrDefault((placed.OrderId, placed.Location)) is { } known
            ? new OpenOrder(known.OrderId, known.Location, known.Channel, known.Quantity + placed.Quantity)
            : new OpenOrder(placed.OrderId, placed.Location, channel, placed.Quantity),
        OrderCancelled or OrderFulfilled when evt is OrderEvent closing && open.GetValueOrDefault((closing.OrderId, closing.Location)) is { } known =>
            new OpenOrder(known.OrderId, known.Location, known.Channel, Math.Max(0, known.Quantity - closing.Quantity)),
        _ => null,
    };
}
