using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Tests.Support;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Application;

public sealed class QueryInventoryHandlerTests : IDisposable
{
    private readonly CoreHarness _core = new(new Dictionary<string, string?>
    {
        ["Catalog:DefaultSafetyStock"] = "1",
        ["Catalog:Channels:web:Buffer"] = "2",
    });

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task HandleAsync_UnknownSku_HasNoLocationsAndZeroChannels()
    {
        var report = await _core.Get<QueryInventoryHandler>().HandleAsync(Sku1, CoreHarness.Ct);

        report.Sku.ShouldBe(Sku1);
        report.Locations.ShouldBeEmpty();
        report.Channels.ShouldAllBe(c => c.Available == 0);
    }

    [Fact]
    public async Task HandleAsync_Positions_ReportsEveryQuantityOrderedByLocation()
    {
        _core.Store.Seed(Sku1, Position(Warehouse, onHand: 8, incoming: 5), Position(Store, onHand: 10, unsellable: 1, committed: 2));
        await _core.Get<ReserveHandler>().HandleAsync(new ReserveCommand(Sku1.Value, 3, Pos.Value, TtlSeconds: 60), CoreHarness.Ct);

        var report = await _core.Get<QueryInventoryHandler>().HandleAsync(Sku1, CoreHarness.Ct);

        report.Locations.Select(l => l.Location).ShouldBe([Store, Warehouse]);
        var store = report.Locations[0];
        store.OnHand.ShouldBe(10);
        store.Unsellable.ShouldBe(1);
        store.Committed.ShouldBe(2);
        store.Reserved.ShouldBe(3);
        store.SafetyStock.ShouldBe(1);
        store.AvailableToSell.ShouldBe(10 - 1 - 2 - 3 - 1);
        report.Locations[1].Incoming.ShouldBe(5);
        report.Locations[1].AvailableToSell.ShouldBe(7);
        var channels = report.Channels.ToDictionary(c => c.Channel, c => c.Available);
        channels[Pos].ShouldBe(3);
        channels[Web].ShouldBe(3 + 7 - 2);
    }

    [Fact]
    public async Task HandleAsync_AfterHoldExpires_NoLongerCountsItWithoutSweep()
    {
        _core.Store.Seed(Sku1, Position(Store, onHand: 10));
        await _core.Get<ReserveHandler>().HandleAsync(new ReserveCommand(Sku1.Value, 3, Pos.Value, TtlSeconds: 60), CoreHarness.Ct);
        _core.Time.Advance(TimeSpan.FromSeconds(60));

        var report = await _core.Get<QueryInventoryHandler>().HandleAsync(Sku1, CoreHarness.Ct);

        report.Locations.ShouldHaveSingleItem().Reserved.ShouldBe(0);
        report.Locations[0].AvailableToSell.ShouldBe(9);
    }
}
