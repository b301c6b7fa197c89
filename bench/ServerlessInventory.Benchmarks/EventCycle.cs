using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Benchmarks;

/// <summary>
/// Ten valid events that a SKU lives through: stock arrives at the DC, moves to a store, sells, is ordered,
/// fulfilled, returned damaged, shrinks, is found damaged, and a channel reports its level. Every kind of
/// position change appears, nothing goes negative, and no promise oversells, so every event applies.
/// </summary>
internal static class EventCycle
{
    public enum Opening
    {
        Receipt,

        /// <summary>A cycle count of a fresh position: only valid as the first event a SKU ever sees.</summary>
        Count,
    }

    public static readonly LocationId Dc = new("dc-1");
    public static readonly LocationId Store = new("store-1");
    public static readonly DateTimeOffset Epoch = new(2025, 1, 6, 8, 0, 0, TimeSpan.Zero);

    private static readonly ChannelId _wms = new("wms");
    private static readonly ChannelId _pos = new("pos");
    private static readonly ChannelId _web = new("web");
    private static readonly ChannelId _erp = new("erp");

    /// <summary>Event <paramref name="step"/> (0..9) of cycle <paramref name="cycle"/>; times increase with both.</summary>
    public static InventoryEvent Event(Sku sku, int cycle, int step, Opening opening)
    {
        var id = new EventId($"{sku.Value}-{cycle}-{step}");
        var time = Epoch.AddSeconds((cycle * (long)Workload.CycleLength) + step);
        var transfer = $"t-{cycle}";
        var order = $"o-{cycle}";
        return step switch
        {
            0 when opening == Opening.Count => new StockCounted(id, _wms, time, sku, Dc, 50, time),
            0 => new StockReceived(id, _wms, time, sku, Dc, 50),
            1 => new TransferShipped(id, _wms, time, transfer, sku, Dc, Store, 10),
            2 => new TransferReceived(id, _pos, time, transfer, sku, Store, 10),
            3 => new SaleRecorded(id, _pos, time, sku, Store, 2),
            4 => new OrderPlaced(id, _web, time, order, sku, Store, 1),
            5 => new OrderFulfilled(id, _web, time, order, sku, Store, 1),
            6 => new ReturnRecorded(id, _pos, time, sku, Store, 1, ReturnCondition.Damaged),
            7 => new StockAdjusted(id, _erp, time, sku, Dc, -1, "shrink"),
            8 => new StockDamaged(id, _wms, time, sku, Dc, 1),
            9 => new LevelReported(id, _web, time, sku, Store, _web, 7),
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "a cycle has ten steps"),
        };
    }
}
