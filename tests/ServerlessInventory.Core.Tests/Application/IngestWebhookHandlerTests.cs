using System.Text;
using System.Text.Json.Nodes;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Tests.Support;
using RecordingEventPublisher = ServerlessInventory.Testing.RecordingEventPublisher;
using static ServerlessInventory.Core.Tests.Support.TestData;
using static ServerlessInventory.Core.Tests.Support.WebhookData;

namespace ServerlessInventory.Core.Tests.Application;

public sealed class IngestWebhookHandlerTests : IDisposable
{
    private const string Secret = "shop-secret";
    private const string ShopifySecret = "shopify-secret";
    private const int MaxBodyBytes = 4096;
    private const int MaxEvents = 6;

    /// <summary>
    /// shop sends CloudEvents, every SKU mapped: CASE-12 is a case of twelve SKU-1, S1 is store-1. shopify sends
    /// Shopify payloads. pos (from the defaults) has no secret.
    /// </summary>
    private readonly CoreHarness _core = new(new Dictionary<string, string?>
    {
        ["Catalog:Channels:shop:Secret"] = Secret,
        ["Catalog:Channels:shop:Locations:0"] = Store.Value,
        ["Catalog:Channels:shop:SkuMap:CASE-12:Sku"] = Sku1.Value,
        ["Catalog:Channels:shop:SkuMap:CASE-12:UnitFactor"] = "12",
        ["Catalog:Channels:shop:LocationMap:S1"] = Store.Value,
        ["Catalog:Channels:shop:RequireSkuMapping"] = "true",
        ["Catalog:Channels:shopify:Secret"] = ShopifySecret,
        ["Catalog:Channels:shopify:Format"] = "Shopify",
        ["Webhooks:MaxBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Webhooks:MaxEventsPerRequest"] = MaxEvents.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private RecordingEventPublisher Publisher => (RecordingEventPublisher)_core.Get<IEventPublisher>();

    private IParkedEventStore Parked => _core.Get<IParkedEventStore>();

    private Task<WebhookResult> Handle(WebhookRequest request) => _core.Get<IngestWebhookHandler>().HandleAsync(request, CoreHarness.Ct);

    private Task<WebhookResult> Send(byte[] body) => Handle(Signed("shop", Secret, body));

    private async Task<IReadOnlyList<ParkedEvent>> AllParked() => (await Parked.ListAsync(100, null, CoreHarness.Ct)).Items;

    private async Task ShouldHaveKeptNothing()
    {
        Publisher.Published.ShouldBeEmpty();
        (await AllParked()).ShouldBeEmpty();
    }

    private static JsonObject GoodSale(string id, int cases = 2) => Sale(id, "shop", "CASE-12", "S1", cases);

    public void Dispose() => _core.Dispose();

    [Theory]
    [InlineData("amazon")]
    [InlineData("SHOP")]
    [InlineData("bad/channel")]
    [InlineData("x#y")]
    [InlineData(" shop")]
    [InlineData("")]
    public async Task HandleAsync_UnknownOrMalformedChannel_IsUnknownChannel(string channel)
    {
        var body = Body(GoodSale("e-1"));

        var result = await Handle(Signed(channel, Secret, body));

        result.ShouldBeOfType<WebhookResult.UnknownChannel>().Channel.ShouldBe(channel);
        await ShouldHaveKeptNothing();
    }

    [Fact]
    public async Task HandleAsync_ChannelWithoutSecret_IsUnauthorized()
    {
        var body = Body(Sale("e-1", "pos", Sku1.Value, Store.Value, 1));

        (await Handle(Signed("pos", "", body))).ShouldBeOfType<WebhookResult.Unauthorized>();
        (await Handle(Signed("pos", Secret, body))).ShouldBeOfType<WebhookResult.Unauthorized>();
        await ShouldHaveKeptNothing();
    }

    [Fact]
    public async Task HandleAsync_SignedWithAnotherSecret_IsUnauthorized()
    {
        var result = await Handle(Signed("shop", ShopifySecret, Body(GoodSale("e-1"))));

        result.ShouldBeOfType<WebhookResult.Unauthorized>();
        await ShouldHaveKeptNothing();
    }

    [Fact]
    public async Task HandleAsync_SignatureOfAnotherBody_IsUnauthorized()
    {
        var signed = Signed("shop", Secret, Body(GoodSale("e-1", cases: 1)));

        var result = await Handle(signed with { Body = Body(GoodSale("e-1", cases: 100)) });

        result.ShouldBeOfType<WebhookResult.Unauthorized>();
        await ShouldHaveKeptNothing();
    }

    [Fact]
    public async Task HandleAsync_NoSignatureHeader_IsUnauthorized()
    {
        var body = Body(GoodSale("e-1"));

        (await Handle(WithHeader("shop", body, "X-Other", WebhookSignature.Sign(Secret, body)))).ShouldBeOfType<WebhookResult.Unauthorized>();
        (await Handle(WithHeader("shop", body, WebhookSignature.ShopifyHeader, Convert.ToBase64String(Mac(Secret, body))))).ShouldBeOfType<WebhookResult.Unauthorized>();
        await ShouldHaveKeptNothing();
    }

    [Fact]
    public async Task HandleAsync_BodyOverMaxBodyBytes_IsTooLarge()
    {
        var body = Padded(Batch(GoodSale("e-1")), MaxBodyBytes + 1);

        var result = await Send(body);

        result.ShouldBeOfType<WebhookResult.TooLarge>().Reason.ShouldContain(MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ShouldHaveKeptNothing();
    }

    [Fact]
    public async Task HandleAsync_BodyOfExactlyMaxBodyBytes_IsAccepted()
    {
        var body = Padded(Batch(GoodSale("e-1")), MaxBodyBytes);

        var result = await Send(body);

        result.ShouldBeOfType<WebhookResult.Accepted>().AcceptedIds.ShouldBe(["e-1"]);
    }

    [Theory]
    [InlineData("{\"id\":")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task HandleAsync_BodyNotJson_IsMalformedNamingBody(string text)
    {
        var result = await Send(Encoding.UTF8.GetBytes(text));

        result.ShouldBeOfType<WebhookResult.Malformed>().Field.ShouldBe("body");
        await ShouldHaveKeptNothing();
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\"inventory.sale.recorded\"")]
    public async Task HandleAsync_BodyWithoutEvents_IsMalformedNamingBody(string json)
    {
        var result = await Send(Encoding.UTF8.GetBytes(json));

        result.ShouldBeOfType<WebhookResult.Malformed>().Field.ShouldBe("body");
        await ShouldHaveKeptNothing();
    }

    [Fact]
    public async Task HandleAsync_MoreEventsThanMax_IsTooLargeAndKeepsNothing()
    {
        var events = Enumerable.Range(1, MaxEvents + 1).Select(i => (JsonNode)GoodSale($"e-{i}")).ToArray();

        var result = await Send(Batch(events));

        result.ShouldBeOfType<WebhookResult.TooLarge>().Reason.ShouldContain(MaxEvents.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ShouldHaveKeptNothing();
    }

    [Fact]
    public async Task HandleAsync_ExactlyMaxEvents_AcceptsThemAll()
    {
        var ids = Enumerable.Range(1, MaxEvents).Select(i => $"e-{i}").ToList();

        var result = await Send(Batch([.. ids.Select(id => (JsonNode)GoodSale(id))]));

        result.ShouldBeOfType<WebhookResult.Accepted>().AcceptedIds.ShouldBe(ids);
        Publisher.Published.Count.ShouldBe(MaxEvents);
    }

    [Fact]
    public async Task HandleAsync_SingleValidEvent_PublishesItMappedToMasterTerms()
    {
        var result = await Send(Body(GoodSale("e-1", cases: 2)));

        var accepted = result.ShouldBeOfType<WebhookResult.Accepted>();
        accepted.AcceptedIds.ShouldBe(["e-1"]);
        accepted.Duplicates.ShouldBeEmpty();
        accepted.Parked.ShouldBeEmpty();
        Publisher.Published.ShouldHaveSingleItem().ShouldBe(new SaleRecorded(new("e-1"), new("shop"), Start, Sku1, Store, 24));
        (await AllParked()).ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_SingleEventAlreadyPublished_IsDuplicate()
    {
        await Send(Body(GoodSale("e-1")));

        var result = await Send(Body(GoodSale("e-1")));

        var accepted = result.ShouldBeOfType<WebhookResult.Accepted>();
        accepted.AcceptedIds.ShouldBeEmpty();
        accepted.Duplicates.ShouldBe(["e-1"]);
        Publisher.Published.Count.ShouldBe(1);
    }

    public static TheoryData<string, string> SingleInvalidEvents() => new()
    {
        { """{"specversion":"1.0","id":"e-1","type":"inventory.sale.recorded","source":"shop","time":"2025-03-01T09:00:00Z","data":{"sku":"CASE-12","location":"S1"}}""", "data.quantity" },
        { """{"specversion":"1.0","id":"e-1","type":"inventory.sale.recorded","source":"shop","time":"2025-03-01T09:00:00Z","data":{"sku":"CASE-12","location":"S1","quantity":-1}}""", "data.quantity" },
        { """{"specversion":"1.0","id":"e-1","type":"inventory.sale.vanished","source":"shop","time":"2025-03-01T09:00:00Z","data":{"sku":"CASE-12","location":"S1","quantity":1}}""", "type" },
        { """{"specversion":"1.0","id":"e-1","type":"inventory.sale.recorded","source":"pos","time":"2025-03-01T09:00:00Z","data":{"sku":"CASE-12","location":"S1","quantity":1}}""", "source" },
        { """{"specversion":"1.0","id":"e-1","type":"inventory.sale.recorded","source":"shop","time":"yesterday","data":{"sku":"CASE-12","location":"S1","quantity":1}}""", "time" },
        { """{"specversion":"1.0","type":"inventory.sale.recorded","source":"shop","time":"2025-03-01T09:00:00Z","data":{"sku":"CASE-12","location":"S1","quantity":1}}""", "id" },
        { """{"specversion":"1.0","id":"e-1","type":"inventory.sale.recorded","source":"shop","time":"2025-03-01T09:00:00Z"}""", "data" },
        { """{"id":"e-1","type":"inventory.sale.recorded","source":"shop","time":"2025-03-01T09:00:00Z","data":{"sku":"CASE-12","location":"S1","quantity":1}}""", "specversion" },
        { """{"specversion":"0.3","id":"e-1","type":"inventory.sale.recorded","source":"shop","time":"2025-03-01T09:00:00Z","data":{"sku":"CASE-12","location":"S1","quantity":1}}""", "specversion" },
        { """{"specversion":"1.0","id":"e-1","type":"inventory.sale.recorded","source":"shop","time":"2025-03-01T09:00:00Z","data":{"sku":"CASE-12","location":"S1","quantity":"1"}}""", "data.quantity" },
    };

    [Theory]
    [InlineData("""{"specversion":"1.0","id":"e-1","type":"inventory.sale.recorded","source":"shop","time":"2025-03-01T09:00:00Z","data":{"sku":"CASE-12","location":"S1","quantity":1,"quantity":5}}""")]
    [InlineData("""{"specversion":"1.0","id":"e-1","id":"e-2","type":"inventory.sale.recorded","source":"shop","time":"2025-03-01T09:00:00Z","data":{"sku":"CASE-12","location":"S1","quantity":1}}""")]
    [InlineData("""[{"specversion":"1.0","id":"e-1","type":"inventory.sale.recorded","source":"shop","time":"2025-03-01T09:00:00Z","data":{"sku":"CASE-12","location":"S1","quantity":1},}]""")]
    [InlineData("""{"specversion":"1.0","id":"e-1","type":"inventory.sale.recorded","source":"shop","time":"2025-03-01T09:00:00Z","data":{"sku":"CASE-12","location":"S1","quantity":1 /* one */}}""")]
    public async Task HandleAsync_BodyBreakingTheJsonPolicy_IsMalformedAndKeepsNothing(string json)
    {
        var result = await Send(Encoding.UTF8.GetBytes(json));

        var malformed = result.ShouldBeOfType<WebhookResult.Malformed>();
        malformed.Field.ShouldBe("body");
        malformed.Reason.ShouldStartWith("is not valid JSON");
        await ShouldHaveKeptNothing();
    }

    [Fact]
    public async Task HandleAsync_EventsWithoutOrWithOtherSpecVersionInBatch_AreParkedNotPublished()
    {
        var good = GoodSale("e-good");
        var unversioned = GoodSale("e-unversioned");
        unversioned.Remove("specversion");
        var older = GoodSale("e-older");
        older["specversion"] = "0.3";

        var result = await Send(Batch(good, unversioned, older));

        var accepted = result.ShouldBeOfType<WebhookResult.Accepted>();
        accepted.AcceptedIds.ShouldBe(["e-good"]);
        accepted.Parked.Select(p => p.Id).ShouldBe(["e-unversioned", "e-older"]);
        accepted.Parked.ShouldAllBe(p => p.Reason.StartsWith("specversion: "));
        Publisher.Published.Select(e => e.Id.Value).ShouldBe(["e-good"]);
        (await AllParked()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task HandleAsync_SingleEventDatedBeyondClockTolerance_IsParkedNotPublished()
    {
        var now = _core.Time.GetUtcNow();
        var ahead = Event("e-ahead", "shop", "inventory.sale.recorded", new JsonObject { ["sku"] = "CASE-12", ["location"] = "S1", ["quantity"] = 1 },
            now + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var result = await Send(Body(ahead));

        var accepted = result.ShouldBeOfType<WebhookResult.Accepted>();
        accepted.AcceptedIds.ShouldBeEmpty();
        accepted.Parked.ShouldHaveSingleItem().Reason.ShouldStartWith("time: ");
        Publisher.Published.ShouldBeEmpty();
        var parked = (await Parked.GetAsync("shop:e-ahead", CoreHarness.Ct)).ShouldNotBeNull();
        parked.Field.ShouldBe("time");
        JsonNode.DeepEquals(JsonNode.Parse(parked.Payload), ahead).ShouldBeTrue();
    }

    [Fact]
    public async Task HandleAsync_CountedAtBeyondClockTolerance_IsParkedAndTheRestAccepted()
    {
        var now = _core.Time.GetUtcNow();
        var count = Event("e-count", "shop", "inventory.stock.counted", new JsonObject
        {
            ["sku"] = "CASE-12", ["location"] = "S1", ["counted"] = 2, ["countedAt"] = now.AddDays(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        }, now);

        var result = await Send(Batch(GoodSale("e-good"), count));

        var accepted = result.ShouldBeOfType<WebhookResult.Accepted>();
        accepted.AcceptedIds.ShouldBe(["e-good"]);
        accepted.Parked.ShouldHaveSingleItem().Reason.ShouldStartWith("data.countedAt: ");
        Publisher.Published.Select(e => e.Id.Value).ShouldBe(["e-good"]);
    }

    [Fact]
    public async Task HandleAsync_EventDatedAtTheClockTolerance_IsAccepted()
    {
        var atTolerance = Event("e-skewed", "shop", "inventory.sale.recorded", new JsonObject { ["sku"] = "CASE-12", ["location"] = "S1", ["quantity"] = 1 },
            _core.Time.GetUtcNow() + TimeSpan.FromMinutes(5));

        var result = await Send(Body(atTolerance));

        result.ShouldBeOfType<WebhookResult.Accepted>().AcceptedIds.ShouldBe(["e-skewed"]);
        Publisher.Published.ShouldHaveSingleItem();
    }

    [Theory]
    [MemberData(nameof(SingleInvalidEvents))]
    public async Task HandleAsync_SingleInvalidEvent_IsMalformedNamingFieldAndKeepsNothing(string json, string field)
    {
        var result = await Send(Encoding.UTF8.GetBytes(json));

        var malformed = result.ShouldBeOfType<WebhookResult.Malformed>();
        malformed.Field.ShouldBe(field);
        malformed.Reason.ShouldNotBeNullOrWhiteSpace();
        await ShouldHaveKeptNothing();
    }

    [Fact]
    public async Task HandleAsync_SingleUnmappableEvent_IsAcceptedWithItParked()
    {
        var sent = Sale("e-9", "shop", "EXT-9", "S1", 2);

        var result = await Send(Body(sent));

        var accepted = result.ShouldBeOfType<WebhookResult.Accepted>();
        accepted.AcceptedIds.ShouldBeEmpty();
        accepted.Duplicates.ShouldBeEmpty();
        var summary = accepted.Parked.ShouldHaveSingleItem();
        summary.Id.ShouldBe("e-9");
        summary.Reason.ShouldStartWith("data.sku: ");
        summary.Reason.ShouldContain("EXT-9");
        Publisher.Published.ShouldBeEmpty();
        var parked = (await Parked.GetAsync("shop:e-9", CoreHarness.Ct)).ShouldNotBeNull();
        parked.Field.ShouldBe("data.sku");
        parked.ParkedAt.ShouldBe(_core.Time.GetUtcNow());
        JsonNode.DeepEquals(JsonNode.Parse(parked.Payload), sent).ShouldBeTrue();
    }

    [Fact]
    public async Task HandleAsync_ParkedEvent_KeepsTheTextExactlyAsTheChannelSentIt()
    {
        // Spacing and characters a serializer would escape: what is kept must be these bytes, not a re-rendering.
        const string sent = """{ "specversion": "1.0", "id": "e-raw", "type": "inventory.sale.recorded", "source": "shop", "time": "2026-11-23T09:00:00Z", "data": { "sku": "Café+<x>", "location": "S1", "quantity": 1 } }""";

        await Send(Encoding.UTF8.GetBytes($"[{sent}]"));

        (await Parked.GetAsync("shop:e-raw", CoreHarness.Ct)).ShouldNotBeNull().Payload.ShouldBe(sent);
    }

    [Fact]
    public async Task HandleAsync_MixedBatch_PublishesOnlyGoodEventsAndParksTheRestAsSent()
    {
        var good = GoodSale("e-good", cases: 1);
        var missingQuantity = Event("e-bad", "shop", "inventory.sale.recorded", new JsonObject { ["sku"] = "CASE-12", ["location"] = "S1" });
        var unmappable = Sale("e-unmapped", "shop", "EXT-9", "S1", 2);
        var withoutId = Sale(null, "shop", "CASE-12", "S1", 1);
        var second = Received("e-second", "shop", "CASE-12", "S1", 3);

        var result = await Send(Batch(good, missingQuantity, good, unmappable, withoutId, second));

        var accepted = result.ShouldBeOfType<WebhookResult.Accepted>();
        accepted.AcceptedIds.ShouldBe(["e-good", "e-second"]);
        accepted.Duplicates.ShouldBe(["e-good"]);
        var reasons = accepted.Parked.ToDictionary(p => p.Id, p => p.Reason);
        reasons.Count.ShouldBe(3);
        reasons["e-bad"].ShouldStartWith("data.quantity: ");
        reasons["e-unmapped"].ShouldStartWith("data.sku: ");
        var hashId = reasons.Keys.Single(id => id is not ("e-bad" or "e-unmapped"));
        hashId.ShouldStartWith("shop:sha256-");
        reasons[hashId].ShouldStartWith("id: ");

        Publisher.Published.OrderBy(e => e.Id.Value, StringComparer.Ordinal).ShouldBe(
        [
            new SaleRecorded(new("e-good"), new("shop"), Start, Sku1, Store, 12),
            new StockReceived(new("e-second"), new("shop"), Start, Sku1, Store, 36),
        ]);

        var stored = await AllParked();
        stored.Count.ShouldBe(3);
        JsonNode.DeepEquals(JsonNode.Parse((await Parked.GetAsync("shop:e-bad", CoreHarness.Ct)).ShouldNotBeNull().Payload), missingQuantity).ShouldBeTrue();
        JsonNode.DeepEquals(JsonNode.Parse((await Parked.GetAsync("shop:e-unmapped", CoreHarness.Ct)).ShouldNotBeNull().Payload), unmappable).ShouldBeTrue();
        var anonymous = (await Parked.GetAsync(hashId, CoreHarness.Ct)).ShouldNotBeNull();
        anonymous.EventId.ShouldBeNull();
        JsonNode.DeepEquals(JsonNode.Parse(anonymous.Payload), withoutId).ShouldBeTrue();
    }

    [Fact]
    public async Task HandleAsync_EventOfAnotherSourceInBatch_IsParkedNamingSource()
    {
        var result = await Send(Batch(GoodSale("e-1"), Sale("e-pos", "pos", "CASE-12", "S1", 1)));

        var accepted = result.ShouldBeOfType<WebhookResult.Accepted>();
        accepted.AcceptedIds.ShouldBe(["e-1"]);
        var parked = accepted.Parked.ShouldHaveSingleItem();
        parked.Id.ShouldBe("e-pos");
        parked.Reason.ShouldStartWith("source: ");
        Publisher.Published.Select(e => e.Id.Value).ShouldBe(["e-1"]);
    }

    [Fact]
    public async Task HandleAsync_SameBatchAgain_ReportsItsEventsAsDuplicatesAndPublishesNothingNew()
    {
        var body = Batch(GoodSale("e-1"), GoodSale("e-2", cases: 3), Sale("e-unmapped", "shop", "EXT-9", "S1", 2));
        await Send(body);
        var publishedBefore = Publisher.Published.Count;

        var result = await Send(body);

        var accepted = result.ShouldBeOfType<WebhookResult.Accepted>();
        accepted.AcceptedIds.ShouldBeEmpty();
        accepted.Duplicates.ShouldBe(["e-1", "e-2"], ignoreOrder: true);
        accepted.Parked.ShouldHaveSingleItem().Id.ShouldBe("e-unmapped");
        Publisher.Published.Count.ShouldBe(publishedBefore);
        publishedBefore.ShouldBe(2);
        (await AllParked()).ShouldHaveSingleItem().Id.ShouldBe("shop:e-unmapped");
    }

    [Fact]
    public async Task HandleAsync_BatchRepeatingAPublishedEvent_AcceptsOnlyTheNewOne()
    {
        await Send(Body(GoodSale("e-1")));

        var result = await Send(Batch(GoodSale("e-1"), GoodSale("e-2")));

        var accepted = result.ShouldBeOfType<WebhookResult.Accepted>();
        accepted.AcceptedIds.ShouldBe(["e-2"]);
        accepted.Duplicates.ShouldBe(["e-1"]);
        Publisher.Published.Select(e => e.Id.Value).ShouldBe(["e-1", "e-2"], ignoreOrder: true);
    }

    [Fact]
    public async Task HandleAsync_ShopifyChannelSignedWithHexInGenericHeader_IsUnauthorized()
    {
        var result = await Handle(Signed("shopify", ShopifySecret, Body(GoodSale("e-1"))));

        result.ShouldBeOfType<WebhookResult.Unauthorized>();
    }

    /// <summary>The body followed by spaces up to <paramref name="length"/> bytes: still the same JSON.</summary>
    private static byte[] Padded(byte[] body, int length)
    {
        body.Length.ShouldBeLessThan(length);
        return [.. body, .. Enumerable.Repeat((byte)' ', length - body.Length)];
    }
}
