using System.Text.Json.Nodes;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Tests.Support;
using RecordingEventPublisher = ServerlessInventory.Testing.RecordingEventPublisher;
using static ServerlessInventory.Core.Tests.Support.TestData;
using static ServerlessInventory.Core.Tests.Support.WebhookData;

namespace ServerlessInventory.Core.Tests.Application;

public sealed class ReplayParkedEventHandlerTests : IDisposable
{
    private const string Secret = "shop-secret";

    /// <summary>shop must map every SKU and maps none yet: whatever it sends is parked as unmappable.</summary>
    private readonly CoreHarness _core = new(new Dictionary<string, string?>
    {
        ["Catalog:Channels:shop:Secret"] = Secret,
        ["Catalog:Channels:shop:RequireSkuMapping"] = "true",
    });

    private RecordingEventPublisher Publisher => (RecordingEventPublisher)_core.Get<IEventPublisher>();

    private IParkedEventStore Parked => _core.Get<IParkedEventStore>();

    public void Dispose() => _core.Dispose();

    /// <summary>The same channel once ops mapped EXT-9 to SKU-1 in packs of six.</summary>
    private static InventoryCatalog FixedCatalog() => new CatalogOptions
    {
        Channels =
        {
            ["shop"] = new ChannelOptions
            {
                Secret = Secret,
                RequireSkuMapping = true,
                SkuMap = { ["EXT-9"] = new SkuMapOptions { Sku = Sku1.Value, UnitFactor = 6 } },
            },
        },
    }.ToCatalog();

    /// <summary>A handler reading master data from <paramref name="catalog"/>, over the harness's stores and publisher.</summary>
    private ReplayParkedEventHandler HandlerWith(InventoryCatalog catalog) =>
        new(Parked, new StubCatalogSource(catalog), _core.Get<IEventPublisher>(), _core.Time);

    private async Task<JsonObject> ParkViaWebhook(JsonObject sent)
    {
        var result = await _core.Get<IngestWebhookHandler>().HandleAsync(Signed("shop", Secret, Body(sent)), CoreHarness.Ct);
        result.ShouldBeOfType<WebhookResult.Accepted>().Parked.ShouldHaveSingleItem();
        return sent;
    }

    private async Task<ParkedEvent> StoredAsync(string id) => (await Parked.GetAsync(id, CoreHarness.Ct)).ShouldNotBeNull();

    [Fact]
    public async Task HandleAsync_UnknownId_IsNotFound()
    {
        await ParkViaWebhook(Sale("e-9", "shop", "EXT-9", Store.Value, 2));

        var result = await HandlerWith(FixedCatalog()).HandleAsync("shop:e-404", CoreHarness.Ct);

        result.Status.ShouldBe(ReplayStatus.NotFound);
        Publisher.Published.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_MappingFixed_PublishesMappedEventOnceAndMarksReplayed()
    {
        await ParkViaWebhook(Sale("e-9", "shop", "EXT-9", Store.Value, 2));
        _core.Time.Advance(TimeSpan.FromHours(2));

        var result = await HandlerWith(FixedCatalog()).HandleAsync("shop:e-9", CoreHarness.Ct);

        result.Status.ShouldBe(ReplayStatus.Replayed);
        Publisher.Published.ShouldHaveSingleItem().ShouldBe(new SaleRecorded(new("e-9"), new("shop"), Start, Sku1, Store, 12));
        var stored = await StoredAsync("shop:e-9");
        stored.IsReplayed.ShouldBeTrue();
        stored.ReplayedAt.ShouldBe(Start.AddHours(2));
        (await Parked.ListAsync(10, null, CoreHarness.Ct)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_ReplayedAgain_IsAlreadyReplayedAndPublishesNothingMore()
    {
        await ParkViaWebhook(Sale("e-9", "shop", "EXT-9", Store.Value, 2));
        var handler = HandlerWith(FixedCatalog());
        await handler.HandleAsync("shop:e-9", CoreHarness.Ct);
        var replayedAt = (await StoredAsync("shop:e-9")).ReplayedAt;
        _core.Time.Advance(TimeSpan.FromMinutes(5));

        var again = await handler.HandleAsync("shop:e-9", CoreHarness.Ct);

        again.Status.ShouldBe(ReplayStatus.AlreadyReplayed);
        Publisher.Published.Count.ShouldBe(1);
        (await StoredAsync("shop:e-9")).ReplayedAt.ShouldBe(replayedAt);
    }

    [Fact]
    public async Task HandleAsync_ParkedWithoutId_IsFoundByParkingIdButStaysStillInvalid()
    {
        var sent = Sale(null, "shop", "EXT-9", Store.Value, 1);
        var result = await _core.Get<IngestWebhookHandler>().HandleAsync(Signed("shop", Secret, Batch(sent, Sale("e-1", "shop", "EXT-9", Store.Value, 1))), CoreHarness.Ct);
        var parkingId = result.ShouldBeOfType<WebhookResult.Accepted>().Parked.Select(p => p.Id).Single(id => id != "e-1");

        var replay = await HandlerWith(FixedCatalog()).HandleAsync(parkingId, CoreHarness.Ct);

        // Still without an id: it cannot become an event, and it stays parked with the reason it now has.
        replay.Status.ShouldBe(ReplayStatus.StillInvalid);
        replay.Field.ShouldBe("id");
        var stored = await StoredAsync(parkingId);
        stored.Field.ShouldBe("id");
        stored.IsReplayed.ShouldBeFalse();
        Publisher.Published.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_MappingStillMissing_IsStillInvalidAndStaysParked()
    {
        await ParkViaWebhook(Sale("e-9", "shop", "EXT-9", Store.Value, 2));

        var result = await _core.Get<ReplayParkedEventHandler>().HandleAsync("shop:e-9", CoreHarness.Ct);

        result.Status.ShouldBe(ReplayStatus.StillInvalid);
        result.Field.ShouldBe("data.sku");
        result.Reason.ShouldNotBeNull().ShouldContain("EXT-9");
        Publisher.Published.ShouldBeEmpty();
        (await StoredAsync("shop:e-9")).IsReplayed.ShouldBeFalse();
        (await Parked.ListAsync(10, null, CoreHarness.Ct)).Items.ShouldHaveSingleItem().Id.ShouldBe("shop:e-9");
    }

    [Fact]
    public async Task HandleAsync_MappedButOtherwiseInvalid_IsStillInvalidWithParkedReasonUpdated()
    {
        var sent = await ParkViaWebhook(Sale("e-9", "shop", "EXT-9", Store.Value, 0));
        var before = await StoredAsync("shop:e-9");
        before.Field.ShouldBe("data.sku");

        var result = await HandlerWith(FixedCatalog()).HandleAsync("shop:e-9", CoreHarness.Ct);

        result.Status.ShouldBe(ReplayStatus.StillInvalid);
        result.Field.ShouldBe("data.quantity");
        result.Reason.ShouldNotBeNullOrWhiteSpace();
        var after = await StoredAsync("shop:e-9");
        after.Field.ShouldBe("data.quantity");
        after.Reason.ShouldBe(result.Reason);
        after.Reason.ShouldNotBe(before.Reason);
        after.IsReplayed.ShouldBeFalse();
        after.ParkedAt.ShouldBe(before.ParkedAt);
        JsonNode.DeepEquals(JsonNode.Parse(after.Payload), sent).ShouldBeTrue();
        Publisher.Published.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_ChannelNoLongerConfigured_IsStillInvalidNamingChannel()
    {
        await ParkViaWebhook(Sale("e-9", "shop", "EXT-9", Store.Value, 2));

        var result = await HandlerWith(InventoryCatalog.Empty).HandleAsync("shop:e-9", CoreHarness.Ct);

        result.Status.ShouldBe(ReplayStatus.StillInvalid);
        result.Field.ShouldBe("channel");
        (await StoredAsync("shop:e-9")).IsReplayed.ShouldBeFalse();
        Publisher.Published.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_ReplayedPayload_IsReadWithTodaysMappingNotThePayloadRewritten()
    {
        await ParkViaWebhook(Sale("e-9", "shop", "EXT-9", Store.Value, 2));
        var payload = (await StoredAsync("shop:e-9")).Payload;

        await HandlerWith(FixedCatalog()).HandleAsync("shop:e-9", CoreHarness.Ct);

        (await StoredAsync("shop:e-9")).Payload.ShouldBe(payload);
    }
}
