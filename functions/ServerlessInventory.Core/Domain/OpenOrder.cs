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
