using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Domain;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Availability;

public class InventoryCatalogTests
{
    private static InventoryCatalog WithSafetyStock() => new(
        [new ChannelPolicy(Web, [Store, Warehouse])],
        defaultSafetyStock: 1,
        skuSafetyStock: new Dictionary<Sku, int> { [Sku1] = 3 },
        positionSafetyStock: new Dictionary<(Sku, LocationId), int> { [(Sku1, Store)] = 5 });

    [Fact]
    public void SafetyStock_PositionValue_WinsOverSkuAndDefault() => WithSafetyStock().SafetyStock(Sku1, Store).ShouldBe(5);

    [Fact]
    public void SafetyStock_SkuValue_WinsOverDefault() => WithSafetyStock().SafetyStock(Sku1, Warehouse).ShouldBe(3);

    [Fact]
    public void SafetyStock_NoOwnValue_IsDefault() => WithSafetyStock().SafetyStock(OtherSku, Store).ShouldBe(1);

    [Fact]
    public void SafetyStock_PositionValueZero_StillWins()
    {
        var catalog = new InventoryCatalog(
            [],
            defaultSafetyStock: 2,
            skuSafetyStock: new Dictionary<Sku, int> { [Sku1] = 4 },
            positionSafetyStock: new Dictionary<(Sku, LocationId), int> { [(Sku1, Store)] = 0 });

        catalog.SafetyStock(Sku1, Store).ShouldBe(0);
    }

    [Fact]
    public void SafetyStock_FlowsIntoPositionView()
    {
        var inventory = Inventory(WithSafetyStock(), Position(Store, onHand: 10), Position(Warehouse, onHand: 10));

        var view = inventory.ViewAt(Start);

        view[Store].SafetyStock.ShouldBe(5);
        view[Store].AvailableToSell.ShouldBe(5);
        view[Warehouse].SafetyStock.ShouldBe(3);
        view[Warehouse].AvailableToSell.ShouldBe(7);
    }

    [Fact]
    public void InventoryCatalog_NegativeDefault_ThrowsNamingDefaultSafetyStock() =>
        Should.Throw<DomainValidationException>(() => new InventoryCatalog([], defaultSafetyStock: -1)).Field.ShouldBe("defaultSafetyStock");

    [Fact]
    public void InventoryCatalog_NegativeSkuValue_ThrowsNamingSafetyStock() =>
        Should.Throw<DomainValidationException>(() => new InventoryCatalog([], skuSafetyStock: new Dictionary<Sku, int> { [Sku1] = -1 }))
            .Field.ShouldBe("safetyStock");

    [Fact]
    public void TryGetChannel_ConfiguredAndUnknown()
    {
        var catalog = WithSafetyStock();

        catalog.TryGetChannel(Web, out var web).ShouldBeTrue();
        web.Locations.ShouldBe([Store, Warehouse]);
        catalog.TryGetChannel(Pos, out _).ShouldBeFalse();
        catalog.Channels.Count.ShouldBe(1);
    }

    [Fact]
    public void Empty_HasNoChannelsAndNoSafetyStock()
    {
        InventoryCatalog.Empty.Channels.ShouldBeEmpty();
        InventoryCatalog.Empty.SafetyStock(Sku1, Store).ShouldBe(0);
    }
}
