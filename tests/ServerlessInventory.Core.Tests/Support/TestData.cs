using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Core.Tests.Support;

/// <summary>Shared keys, a catalog and event builders, so each test states only what it is about.</summary>
internal static class TestData
{
    public static DateTimeOffset Start { get; } = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static Sku Sku1 { get; } = new("SKU-1");

    public static Sku OtherSku { get; } = new("SKU-2");

    public static LocationId Store { get; } = new("store-1");

    public static LocationId Warehouse { get; } = new("wh-1");

    /// <summary>A location no channel of <see cref="Catalog"/> sells from.</summary>
    public static LocationId Outlet { get; } = new("outlet-9");

    public static ChannelId Pos { get; } = new("pos");

    public static ChannelId Web { get; } = new("web");

    private static int _next;

    public static EventId NewId() => new($"evt-{Interlocked.Increment(ref _next)}");

    /// <summary>web sells from the store and the warehouse, pos from the store only; no allocations, no safety stock.</summary>
    public static InventoryCatalog Catalog(int defaultSafetyStock = 0) => new(
        [new ChannelPolicy(Web, [Store, Warehouse]), new ChannelPolicy(Pos, [Store])],
        defaultSafetyStock);

    public static PositionState Position(LocationId location, int onHand, int unsellable = 0, int committed = 0, int incoming = 0, DateTimeOffset? lastCountedAt = null) =>
        new(location, onHand, unsellable, committed, incoming, lastCountedAt);

    public static SkuInventory Inventory(params PositionState[] positions) => Inventory(Catalog(), positions);

    public static SkuInventory Inventory(InventoryCatalog catalog, params PositionState[] positions) =>
        new(new SkuSnapshot(Sku1, 0, null, positions, [], new HashSet<EventKey>()), catalog);

    public static EventOutcome ApplyAt(this SkuInventory inventory, InventoryEvent evt, DateTimeOffset now, IReadOnlyList<LedgerEntry>? history = null) =>
        inventory.Apply(evt, now, history ?? []);

    public static EventOutcome Apply(this SkuInventory inventory, InventoryEvent evt) => inventory.ApplyAt(evt, Start);

    public static SaleRecorded Sale(int quantity, LocationId? location = null, DateTimeOffset? time = null, EventId? id = null, Sku? sku = null) =>
        new(id ?? NewId(), Pos, time ?? Start, sku ?? Sku1, location ?? Store, quantity);

    public static ReturnRecorded Return(int quantity, ReturnCondition condition, LocationId? location = null, DateTimeOffset? time = null) =>
        new(NewId(), Pos, time ?? Start, Sku1, location ?? Store, quantity, condition);

    public static StockReceived Received(int quantity, LocationId? location = null, DateTimeOffset? time = null) =>
        new(NewId(), new ChannelId("wms"), time ?? Start, Sku1, location ?? Store, quantity);

    public static StockAdjusted Adjusted(int delta, LocationId? location = null, DateTimeOffset? time = null) =>
        new(NewId(), new ChannelId("wms"), time ?? Start, Sku1, location ?? Store, delta, "shrink");

    public static StockCounted Counted(int counted, DateTimeOffset countedAt, LocationId? location = null, DateTimeOffset? time = null) =>
        new(NewId(), new ChannelId("wms"), time ?? countedAt, Sku1, location ?? Store, counted, countedAt);

    public static StockDamaged Damaged(int quantity, LocationId? location = null, DateTimeOffset? time = null) =>
        new(NewId(), new ChannelId("wms"), time ?? Start, Sku1, location ?? Store, quantity);

    public static TransferShipped Shipped(int quantity, LocationId from, LocationId to, DateTimeOffset? time = null, string transferId = "T-1") =>
        new(NewId(), new ChannelId("wms"), time ?? Start, transferId, Sku1, from, to, quantity);

    public static TransferReceived TransferIn(int quantity, LocationId to, DateTimeOffset? time = null, string transferId = "T-1") =>
        new(NewId(), new ChannelId("wms"), time ?? Start, transferId, Sku1, to, quantity);

    public static OrderPlaced Placed(int quantity, string orderId = "O-1", LocationId? location = null, ReservationId? reservation = null, DateTimeOffset? time = null) =>
        new(NewId(), Web, time ?? Start, orderId, Sku1, location ?? Store, quantity, reservation);

    public static OrderCancelled Cancelled(int quantity, string orderId = "O-1", LocationId? location = null, DateTimeOffset? time = null) =>
        new(NewId(), Web, time ?? Start, orderId, Sku1, location ?? Store, quantity);

    public static OrderFulfilled Fulfilled(int quantity, string orderId = "O-1", LocationId? location = null, DateTimeOffset? time = null) =>
        new(NewId(), Web, time ?? Start, orderId, Sku1, location ?? Store, quantity);

    public static LevelReported Level(int quantity, LocationId? location = null, DateTimeOffset? time = null) =>
        new(NewId(), new ChannelId("shopify"), time ?? Start, Sku1, location ?? Store, new ChannelId("shopify"), quantity);

    public static ReservationRequest Request(int quantity, LocationId? location = null, ChannelId? channel = null, string? id = null, TimeSpan? ttl = null) =>
        new(id is null ? ReservationId.New() : new ReservationId(id), Sku1, channel ?? Web, quantity, location, ttl ?? TimeSpan.FromMinutes(15));
}
