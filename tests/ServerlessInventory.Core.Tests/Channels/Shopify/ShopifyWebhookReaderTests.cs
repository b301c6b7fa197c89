using System.Text.Json.Nodes;
using ServerlessInventory.Core.Channels.Shopify;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using static ServerlessInventory.Core.Channels.Shopify.ShopifyTopics;
using static ServerlessInventory.Core.Tests.Channels.Shopify.ShopifyPayloads;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Channels.Shopify;

public sealed class ShopifyWebhookReaderTests
{
    private static readonly DateTimeOffset _shopifyMorning = new(2025, 3, 1, 3, 0, 0, TimeSpan.FromHours(-5));

    [Fact]
    public void Read_InventoryLevelsUpdate_IsLevelReportedOfTheMappedItemAtTheMappedLocation()
    {
        var read = Reads(InventoryLevelsUpdate).ShouldHaveSingleItem();

        var level = read.Event.ShouldBeOfType<LevelReported>();
        level.Id.Value.ShouldBe(WebhookId);
        level.Source.ShouldBe(Channel);
        level.Channel.ShouldBe(Channel);
        level.Sku.ShouldBe(Sku1);
        level.Location.ShouldBe(Store);
        level.Quantity.ShouldBe(6);
        level.Time.ShouldBe(_shopifyMorning.AddMinutes(55));
        level.Changes.ShouldBeEmpty();
    }

    [Fact]
    public void Read_InventoryLevelsUpdateTriggeredWithinItsSecond_IsAsOfTheTrigger()
    {
        var delivery = ShopifyDelivery.FromHeaders(name => name switch
        {
            ShopifyDelivery.TopicHeader => InventoryLevelsUpdate,
            ShopifyDelivery.WebhookIdHeader => WebhookId,
            ShopifyDelivery.TriggeredAtHeader => "2025-03-01T08:55:00.877041743Z",
            _ => null,
        });

        var level = ShopifyWebhookReader.Read(Connection(), delivery, Bytes(InventoryLevelsUpdate), Store, Start)
            .ShouldBeOfType<ShopifyTranslation.Events>().Reads.ShouldHaveSingleItem().Event.ShouldBeOfType<LevelReported>();

        level.Time.ShouldBe(new DateTimeOffset(2025, 3, 1, 8, 55, 0, TimeSpan.Zero).AddTicks(8_770_417));
    }

    [Fact]
    public void Read_InventoryLevelsUpdateTriggeredBeforeItsUpdate_IsAsOfTheUpdate()
    {
        var level = ShopifyWebhookReader.Read(Connection(), Delivery(InventoryLevelsUpdate, triggeredAt: Start.AddHours(-1)), Bytes(InventoryLevelsUpdate), Store, Start)
            .ShouldBeOfType<ShopifyTranslation.Events>().Reads.ShouldHaveSingleItem().Event.ShouldBeOfType<LevelReported>();

        level.Time.ShouldBe(_shopifyMorning.AddMinutes(55));
    }

    [Fact]
    public void Read_InventoryLevelsUpdateNegativeAvailable_ReportsZero()
    {
        var body = Json(InventoryLevelsUpdate);
        body["available"] = -3;

        Reads(InventoryLevelsUpdate, Bytes(body)).ShouldHaveSingleItem().Event.ShouldBeOfType<LevelReported>().Quantity.ShouldBe(0);
    }

    [Fact]
    public void Read_InventoryLevelsUpdateOfUnmappedItem_IsUnmappableNamingTheItem()
    {
        var body = Json(InventoryLevelsUpdate);
        body["inventory_item_id"] = 39072856;

        var read = Reads(InventoryLevelsUpdate, Bytes(body)).ShouldHaveSingleItem();

        read.Event.ShouldBeNull();
        read.Unmappable.ShouldBeTrue();
        read.Field.ShouldBe("data.sku");
        read.Reason!.ShouldContain("39072856");
    }

    [Fact]
    public void Read_InventoryLevelsUpdateWithNullAvailable_IsInvalidWholeDelivery()
    {
        var body = Json(InventoryLevelsUpdate);
        body["available"] = null;

        var read = Reads(InventoryLevelsUpdate, Bytes(body)).ShouldHaveSingleItem();

        read.Event.ShouldBeNull();
        read.Field.ShouldBe("available");
        read.EventId.ShouldBe(WebhookId);
    }

    [Fact]
    public void Read_OrdersCreate_PlacesEachStockedLineAndLeavesTheUnmappedOneUnmappable()
    {
        var reads = Reads(OrdersCreate);

        reads.Count.ShouldBe(2); // the gift card line is not stock
        var placed = reads[0].Event.ShouldBeOfType<OrderPlaced>();
        placed.Id.Value.ShouldBe($"{WebhookId}:{MappedLine}");
        placed.OrderId.ShouldBe(OrderId);
        placed.Sku.ShouldBe(Sku1);
        placed.Location.ShouldBe(Store);
        placed.Quantity.ShouldBe(2);
        placed.Source.ShouldBe(Channel);
        placed.Time.ShouldBe(_shopifyMorning.AddMinutes(50));
        reads[1].Event.ShouldBeNull();
        reads[1].Unmappable.ShouldBeTrue();
        reads[1].EventId.ShouldBe($"{WebhookId}:{UnmappedLine}");
        reads[1].Field.ShouldBe("data.variant");
        reads[1].Reason!.ShouldContain(UnmappedVariant);
        reads[1].Reason!.ShouldContain("IPOD2008RED");
    }

    [Fact]
    public void Read_OrdersCreateWithCaseVariant_CountsMasterUnits()
    {
        var placed = Reads(OrdersCreate, connection: Connection(variantFactor: 12))[0].Event.ShouldBeOfType<OrderPlaced>();

        placed.Quantity.ShouldBe(24);
    }

    [Fact]
    public void Read_OrdersCreateUnmappedVariantWhoseSkuIsAMasterSku_FallsBackToTheSku()
    {
        var body = Json(OrdersCreate);
        body["line_items"]![1]!["sku"] = "SKU-2";

        var placed = Reads(OrdersCreate, Bytes(body), Connection(requireSkuMapping: false))[1].Event.ShouldBeOfType<OrderPlaced>();

        placed.Sku.ShouldBe(new Sku("SKU-2"));
        placed.Quantity.ShouldBe(1);
    }

    [Fact]
    public void Read_OrdersCreateAtPosLocation_CommitsAtThatMappedLocation()
    {
        var body = Json(OrdersCreate);
        body["location_id"] = 655441491;

        var placed = Reads(OrdersCreate, Bytes(body), defaultLocation: Warehouse)[0].Event.ShouldBeOfType<OrderPlaced>();

        placed.Location.ShouldBe(Store);
    }

    [Fact]
    public void Read_OrdersCreateWithoutLocationOrDefault_ParksTheLineSayingHowToGiveOne()
    {
        var read = ShopifyWebhookReader.Read(Connection(), Delivery(OrdersCreate), Bytes(OrdersCreate), null, Start)
            .ShouldBeOfType<ShopifyTranslation.Events>().Reads[0];

        read.Event.ShouldBeNull();
        read.Field.ShouldBe("data.location");
        read.Reason!.ShouldContain("locationMap");
    }

    [Fact]
    public void Read_OrdersCreateLineWithoutQuantity_IsTheWholeDeliveryInvalidAsSent()
    {
        var body = Json(OrdersCreate);
        body["line_items"]![0]!.AsObject().Remove("quantity");
        var bytes = Bytes(body);

        var read = Reads(OrdersCreate, bytes).ShouldHaveSingleItem();

        read.Event.ShouldBeNull();
        read.Unmappable.ShouldBeFalse();
        read.Field.ShouldBe("line_items[0].quantity");
        read.EventId.ShouldBe(WebhookId);
        read.Payload.ShouldBe(System.Text.Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Read_OrdersCancelled_CancelsWhatIsStillCommittedNetOfFulfilmentsAndRefundCancels()
    {
        var reads = Reads(OrdersCancelled);

        // Line 1: 2 ordered, 1 fulfilled (the cancelled fulfilment does not count); line 2: its 1 unit was cancelled by the refund.
        var cancelled = reads.ShouldHaveSingleItem().Event.ShouldBeOfType<OrderCancelled>();
        cancelled.Id.Value.ShouldBe($"{WebhookId}:{MappedLine}");
        cancelled.OrderId.ShouldBe(OrderId);
        cancelled.Sku.ShouldBe(Sku1);
        cancelled.Location.ShouldBe(Store);
        cancelled.Quantity.ShouldBe(1);
        cancelled.Time.ShouldBe(_shopifyMorning.AddMinutes(58));
    }

    [Fact]
    public void Read_FulfillmentsCreate_FulfilsEachLineAtTheFulfillingLocation()
    {
        var fulfilled = Reads(FulfillmentsCreate, defaultLocation: Warehouse).ShouldHaveSingleItem().Event.ShouldBeOfType<OrderFulfilled>();

        fulfilled.Id.Value.ShouldBe($"{WebhookId}:{MappedLine}");
        fulfilled.OrderId.ShouldBe(OrderId);
        fulfilled.Sku.ShouldBe(Sku1);
        fulfilled.Location.ShouldBe(Store);
        fulfilled.Quantity.ShouldBe(2);
    }

    [Fact]
    public void Read_FulfillmentsCreateCancelled_IsNothing()
    {
        var body = Json(FulfillmentsCreate);
        body["status"] = "cancelled";

        Reads(FulfillmentsCreate, Bytes(body)).ShouldBeEmpty();
    }

    [Fact]
    public void Read_RefundsCreate_ReturnIsSellableReturnCancelIsCancelNoRestockIsNothing()
    {
        var reads = Reads(RefundsCreate);

        reads.Count.ShouldBe(2);
        var returned = reads[0].Event.ShouldBeOfType<ReturnRecorded>();
        returned.Id.Value.ShouldBe($"{WebhookId}:487817672276298554");
        returned.Condition.ShouldBe(ReturnCondition.Sellable);
        returned.Sku.ShouldBe(Sku1);
        returned.Location.ShouldBe(Store);
        returned.Quantity.ShouldBe(1);
        var cancelled = reads[1].Event.ShouldBeOfType<OrderCancelled>();
        cancelled.Id.Value.ShouldBe($"{WebhookId}:487817672276298555");
        cancelled.OrderId.ShouldBe(OrderId);
        cancelled.Quantity.ShouldBe(1);
    }

    [Theory]
    [InlineData("products/update")]
    [InlineData("orders/updated")]
    [InlineData(null)]
    public void Read_TopicThatMovesNoStock_IsIgnored(string? topic) =>
        Read(topic!, Bytes(OrdersCreate)).ShouldBeOfType<ShopifyTranslation.Ignored>().Topic.ShouldBe(topic);

    [Fact]
    public void Read_WithoutWebhookId_IsInvalidNamingTheHeader()
    {
        var read = Read(OrdersCreate, webhookId: null).ShouldBeOfType<ShopifyTranslation.Events>().Reads.ShouldHaveSingleItem();

        read.Event.ShouldBeNull();
        read.Field.ShouldBe(ShopifyDelivery.WebhookIdHeader);
    }

    [Fact]
    public void Read_BodyNotJson_IsInvalidBody()
    {
        var read = Reads(OrdersCreate, "{\"id\":"u8.ToArray()).ShouldHaveSingleItem();

        read.Field.ShouldBe("body");
        read.Event.ShouldBeNull();
    }

    [Fact]
    public void Read_SameDeliveryTwice_YieldsTheSameEventKeys()
    {
        var first = Reads(OrdersCreate).Select(r => r.EventId);
        var retried = Reads(OrdersCreate).Select(r => r.EventId);

        retried.ShouldBe(first);
    }

    [Fact]
    public void Read_ParkedLinePayload_ReplaysThroughTheChannelReaderOnceTheVariantIsMapped()
    {
        var parked = Reads(OrdersCreate)[1];
        var mapped = Connection() with
        {
            Mapping = new Core.Channels.ChannelMapping(
                null,
                new Dictionary<string, LocationId> { ["655441491"] = Store },
                true,
                new Dictionary<string, Core.Channels.SkuMapping> { [UnmappedVariant] = new(new Sku("SKU-2"), 1) }),
        };

        var replayed = Core.Channels.ChannelEventReader.Read(mapped, parked.Payload).Event.ShouldBeOfType<OrderPlaced>();

        replayed.Sku.ShouldBe(new Sku("SKU-2"));
        replayed.Key.ShouldBe(new EventKey(Channel, new EventId($"{WebhookId}:{UnmappedLine}")));
        JsonNode.Parse(parked.Payload)!["data"]!["variant"]!.GetValue<string>().ShouldBe(UnmappedVariant);
    }
}
