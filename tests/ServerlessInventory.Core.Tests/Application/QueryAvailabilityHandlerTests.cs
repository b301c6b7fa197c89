using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Tests.Support;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Application;

public sealed class QueryAvailabilityHandlerTests : IDisposable
{
    private readonly CoreHarness _core = new(new Dictionary<string, string?>
    {
        ["Catalog:Channels:web:AllocationPercent"] = "40",
        ["Catalog:Channels:wholesale:Locations:0"] = TestData.Warehouse.Value,
        ["Catalog:Channels:wholesale:AllocationPercent"] = "60",
    });

    private QueryAvailabilityHandler Handler => _core.Get<QueryAvailabilityHandler>();

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task HandleAsync_UnknownChannel_ReturnsNull() =>
        (await Handler.HandleAsync(new ChannelId("amazon"), [Sku1], [], CoreHarness.Ct)).ShouldBeNull();

    [Fact]
    public async Task HandleAsync_Skus_AnswersEachInOrderAskedWithAllocation()
    {
        _core.Store.Seed(Sku1, Position(Warehouse, onHand: 7));
        _core.Store.Seed(OtherSku, Position(Store, onHand: 5), Position(Warehouse, onHand: 5));
        var unknown = new Sku("SKU-NONE");

        var report = (await Handler.HandleAsync(Web, [OtherSku, Sku1, unknown], [], CoreHarness.Ct)).ShouldNotBeNull();
        var wholesale = (await Handler.HandleAsync(new ChannelId("wholesale"), [Sku1], [], CoreHarness.Ct)).ShouldNotBeNull();

        report.Channel.ShouldBe(Web);
        report.Items.ShouldBe([new SkuAvailability(OtherSku, 4), new SkuAvailability(Sku1, 2), new SkuAvailability(unknown, 0)]);
        wholesale.Items.ShouldHaveSingleItem().Available.ShouldBe(4);
    }

    [Fact]
    public async Task HandleAsync_TooManySkus_ThrowsNamingSku()
    {
        var skus = Enumerable.Range(0, QueryAvailabilityHandler.MaxSkus + 1).Select(i => new Sku($"S-{i}")).ToList();

        var error = await Should.ThrowAsync<DomainValidationException>(() => Handler.HandleAsync(Web, skus, [], CoreHarness.Ct));

        error.Field.ShouldBe("sku");
    }

    [Fact]
    public async Task HandleAsync_ExpiredHold_CountsAgainAtOnce()
    {
        _core.Store.Seed(Sku1, Position(Store, onHand: 10));
        await _core.Get<ReserveHandler>().HandleAsync(new ReserveCommand(Sku1.Value, 10, Pos.Value, TtlSeconds: 60), CoreHarness.Ct);
        var during = (await Handler.HandleAsync(Pos, [Sku1], [], CoreHarness.Ct)).ShouldNotBeNull();

        _core.Time.Advance(TimeSpan.FromSeconds(60));
        var after = (await Handler.HandleAsync(Pos, [Sku1], [], CoreHarness.Ct)).ShouldNotBeNull();

        during.Items.ShouldHaveSingleItem().Available.ShouldBe(0);
        after.Items.ShouldHaveSingleItem().Available.ShouldBe(10);
    }

    [Fact]
    public async Task HandleAsync_OneSkuAtManyLocations_AnswersEachLocationsOwnStockUnderTheQuota()
    {
        _core.Store.Seed(Sku1, Position(Store, onHand: 3), Position(Warehouse, onHand: 100));

        var report = (await Handler.HandleAsync(Web, [Sku1], [Store, Warehouse], CoreHarness.Ct)).ShouldNotBeNull();

        // web's quota is 40 % of 103 = 41: the store's own 3 fit in it, the warehouse's 100 do not.
        report.Items.ShouldBe([new SkuAvailability(Sku1, 3, Store), new SkuAvailability(Sku1, 41, Warehouse)]);
    }

    [Fact]
    public async Task HandleAsync_ManySkusAtOneLocation_AnswersEachAtThatLocation()
    {
        _core.Store.Seed(Sku1, Position(Store, onHand: 2), Position(Warehouse, onHand: 8));
        _core.Store.Seed(OtherSku, Position(Store, onHand: 9));

        var report = (await Handler.HandleAsync(Web, [Sku1, OtherSku], [Store], CoreHarness.Ct)).ShouldNotBeNull();

        report.Items.ShouldBe([new SkuAvailability(Sku1, 2, Store), new SkuAvailability(OtherSku, 3, Store)]);
    }

    [Fact]
    public async Task HandleAsync_LocationTheChannelDoesNotSellFrom_ThrowsNamingLocation()
    {
        var error = await Should.ThrowAsync<DomainValidationException>(() => Handler.HandleAsync(new ChannelId("wholesale"), [Sku1], [Store], CoreHarness.Ct));

        error.Field.ShouldBe("location");
        error.Reason.ShouldContain(Store.Value);
    }
}
