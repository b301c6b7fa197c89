using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Channels.Shopify;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Tests.Support;
using RecordingEventPublisher = ServerlessInventory.Testing.RecordingEventPublisher;
using static ServerlessInventory.Core.Channels.Shopify.ShopifyTopics;
using static ServerlessInventory.Core.Tests.Channels.Shopify.ShopifyPayloads;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Application;

/// <summary>A Shopify channel's deliveries through <see cref="IngestWebhookHandler"/>: signed, translated, accepted or parked.</summary>
public sealed class ShopifyIngestTests : IDisposable
{
    private const string Secret = "shopify-secret";

    private readonly CoreHarness _core = new(new Dictionary<string, string?>
    {
        ["Catalog:Channels:shopify:Secret"] = Secret,
        ["Catalog:Channels:shopify:Format"] = "Shopify",
        ["Catalog:Channels:shopify:Locations:0"] = Store.Value,
        ["Catalog:Channels:shopify:RequireSkuMapping"] = "true",
        [$"Catalog:Channels:shopify:SkuMap:{InventoryItem}:Sku"] = Sku1.Value,
        [$"Catalog:Channels:shopify:VariantMap:{MappedVariant}:Sku"] = Sku1.Value,
        ["Catalog:Channels:shopify:LocationMap:24826418"] = Store.Value,
        ["Catalog:Channels:shopify:LocationMap:655441491"] = Store.Value,
    });

    private RecordingEventPublisher Publisher => (RecordingEventPublisher)_core.Get<IEventPublisher>();

    private async Task<IReadOnlyList<ParkedEvent>> AllParked() => (await _core.Get<IParkedEventStore>().ListAsync(100, null, CoreHarness.Ct)).Items;

    public void Dispose() => _core.Dispose();

    private Task<WebhookResult> Deliver(string? topic, byte[] body, string? hmac = null, string webhookId = WebhookId)
    {
        var headers = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [WebhookSignature.ShopifyHeader] = hmac ?? Convert.ToBase64String(WebhookData.Mac(Secret, body)),
            [ShopifyDelivery.TopicHeader] = topic,
            [ShopifyDelivery.WebhookIdHeader] = webhookId,
            [ShopifyDelivery.ShopDomainHeader] = "shop.myshopify.com",
            [ShopifyDelivery.ApiVersionHeader] = "2026-04",
            [ShopifyDelivery.TriggeredAtHeader] = "2025-03-01T08:59:00Z",
        };
        return _core.Get<IngestWebhookHandler>().HandleAsync(new WebhookRequest("shopify", body, name => headers.GetValueOrDefault(name)), CoreHarness.Ct);
    }

    [Fact]
    public async Task HandleAsync_OrderWithAnUnmappedLine_AcceptsTheMappedLineAndParksTheOtherWithItsReason()
    {
        var result = await Deliver(OrdersCreate, Bytes(OrdersCreate));

        var accepted = result.ShouldBeOfType<WebhookResult.Accepted>();
        accepted.AcceptedIds.ShouldBe([$"{WebhookId}:{MappedLine}"]);
        accepted.Parked.ShouldHaveSingleItem().Id.ShouldBe($"{WebhookId}:{UnmappedLine}");
        accepted.Parked[0].Reason.ShouldContain(UnmappedVariant);
        Publisher.Published.ShouldHaveSingleItem().ShouldBeOfType<OrderPlaced>().Quantity.ShouldBe(2);
        var parked = (await AllParked()).ShouldHaveSingleItem();
        parked.Channel.ShouldBe(Channel);
        parked.Field.ShouldBe("data.variant");
    }

    [Fact]
    public async Task HandleAsync_DeliveryRetriedFiveTimes_IsPublishedOnceAndAnsweredDuplicate()
    {
        var body = Bytes(FulfillmentsCreate);
        var first = await Deliver(FulfillmentsCreate, body);

        var retries = new List<WebhookResult>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            retries.Add(await Deliver(FulfillmentsCreate, body));
        }

        first.ShouldBeOfType<WebhookResult.Accepted>().AcceptedIds.ShouldHaveSingleItem();
        retries.ShouldAllBe(r => r is WebhookResult.Accepted && ((WebhookResult.Accepted)r).AcceptedIds.Count == 0 && ((WebhookResult.Accepted)r).Duplicates.Count == 1);
        Publisher.Published.ShouldHaveSingleItem().ShouldBeOfType<OrderFulfilled>();
    }

    [Fact]
    public async Task HandleAsync_BadHmac_IsUnauthorizedAndKeepsNothing()
    {
        var body = Bytes(OrdersCreate);

        var result = await Deliver(OrdersCreate, body, hmac: Convert.ToBase64String(WebhookData.Mac("not-the-secret", body)));

        result.ShouldBeOfType<WebhookResult.Unauthorized>();
        Publisher.Published.ShouldBeEmpty();
        (await AllParked()).ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_TopicThatMovesNoStock_IsIgnoredAndKeepsNothing()
    {
        var result = await Deliver("products/update", Bytes(OrdersCreate));

        result.ShouldBeOfType<WebhookResult.Ignored>().Topic.ShouldBe("products/update");
        Publisher.Published.ShouldBeEmpty();
        (await AllParked()).ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_BadPayloadOfAKnownTopic_IsParkedWholeAndAnswered202()
    {
        var result = await Deliver(InventoryLevelsUpdate, "[1,2]"u8.ToArray());

        var parked = result.ShouldBeOfType<WebhookResult.Accepted>().Parked.ShouldHaveSingleItem();
        parked.Reason.ShouldContain("body");
        (await AllParked()).ShouldHaveSingleItem().Payload.ShouldBe("[1,2]");
        Publisher.Published.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_OnlineOrderOfASingleLocationChannel_CommitsAtTheDefaultLocation()
    {
        var result = await Deliver(OrdersCreate, Bytes(OrdersCreate));

        result.ShouldBeOfType<WebhookResult.Accepted>();
        Publisher.Published.ShouldHaveSingleItem().ShouldBeOfType<OrderPlaced>().Location.ShouldBe(Store);
    }
}
