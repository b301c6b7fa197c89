using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using Shouldly;
using Xunit;
using static ServerlessInventory.Testing.EventFactory;

namespace ServerlessInventory.Testing;

public abstract partial class InventoryStoreContract
{
    [Fact]
    public async Task Commit_OpenOrders_KeptWithTheirChannelUntilClosed()
    {
        var sku = NewSku();
        var web = new OpenOrder("o-1", new LocationId("dc-1"), new ChannelId("web"), 3);
        var wholesale = new OpenOrder("o-2", new LocationId("dc-1"), new ChannelId("wholesale"), 2);
        await CommitOk(sku, 0, [], [Position("dc-1", 10), Position("store-1", 4)], [], [web, wholesale]);

        // A later commit names only what it changed: the positions and the other order stay as they were.
        var partlyFulfilled = new OpenOrder("o-1", new LocationId("dc-1"), new ChannelId("web"), 1);
        var closed = new OpenOrder("o-2", new LocationId("dc-1"), new ChannelId("wholesale"), 0);
        await CommitOk(sku, 1, [], [Position("store-1", 6)], [], [partlyFulfilled, closed]);

        var snapshot = await Store.LoadAsync(sku, SnapshotRequest.None, Cancellation);
        snapshot.OpenOrders.ShouldBe([partlyFulfilled]);
        snapshot.Positions.ShouldBe([Position("dc-1", 10), Position("store-1", 6)], ignoreOrder: true);
    }

    [Fact]
    public async Task Reserve_TwoChannelsWithQuotasConcurrently_NeitherTakesMoreThanItsShare()
    {
        var sku = NewSku();
        using var core = new CoreHarness(Store, QuotaSettings);
        await core.Apply.HandleAsync([Received(sku, "dc-1", 50)], Cancellation);

        var results = await Task.WhenAll(Enumerable.Range(0, 120).Select(i => Task.Run(async () =>
            (Channel: i % 2 == 0 ? "web" : "wholesale", Result: await core.Reserve.HandleAsync(new ReserveCommand(sku.Value, 1, i % 2 == 0 ? "web" : "wholesale"), Cancellation)),
            Cancellation)));

        // web: 40 % of 50 is 20, less its buffer of 1; wholesale: 60 % of 50.
        results.Count(r => r.Channel == "web" && r.Result.Succeeded).ShouldBe(19);
        results.Count(r => r.Channel == "wholesale" && r.Result.Succeeded).ShouldBe(30);
        results.Where(r => !r.Result.Succeeded).ShouldAllBe(r => r.Result.Failure == ReservationFailure.InsufficientStock);
    }

    [Fact]
    public async Task PlaceOrder_ChannelOrdersWithoutReservation_CountAgainstItsQuotaUntilFulfilled()
    {
        var sku = NewSku();
        using var core = new CoreHarness(Store, QuotaSettings);
        var web = new ChannelId("web");
        await core.Apply.HandleAsync([Received(sku, "dc-1", 50), OrderFrom(web, sku, "o-1", 15)], Cancellation);

        var refused = await core.Reserve.HandleAsync(new ReserveCommand(sku.Value, 5, "web"), Cancellation);
        await core.Apply.HandleAsync([new OrderFulfilled(NewId(), new ChannelId("wms"), Epoch, "o-1", sku, new LocationId("dc-1"), 15)], Cancellation);
        var granted = await core.Reserve.HandleAsync(new ReserveCommand(sku.Value, 5, "web"), Cancellation);

        // 15 of web's 20 held by its order: 4 left after its buffer. Fulfilled by the WMS: 35 left, a quota of 14, less 1.
        refused.Failure.ShouldBe(ReservationFailure.InsufficientStock);
        refused.Available.ShouldBe(4);
        granted.Succeeded.ShouldBeTrue();
        (await core.Inventory.HandleAsync(sku, Cancellation)).Channels.Single(c => c.Channel == web).Available.ShouldBe(8);
    }

    private static OrderPlaced OrderFrom(ChannelId channel, Sku sku, string orderId, int quantity) =>
        new(NewId(), channel, Epoch, orderId, sku, new LocationId("dc-1"), quantity);

    /// <summary>web sells from every location, 40 % with a buffer of 1; wholesale from dc-1, 60 %.</summary>
    private static Dictionary<string, string?> QuotaSettings => new(CoreHarness.DefaultSettings)
    {
        ["Catalog:Channels:web:AllocationPercent"] = "40",
        ["Catalog:Channels:web:Buffer"] = "1",
        ["Catalog:Channels:wholesale:Locations:0"] = "dc-1",
        ["Catalog:Channels:wholesale:AllocationPercent"] = "60",
    };
}
