using System.Net;
using System.Text.Json;
using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>
/// Shopify's webhooks end to end: signed Shopify-shaped deliveries posted to the runner as a process, translated,
/// applied through the topic, and seen on the other channels, the parked list and reconciliation.
/// </summary>
public sealed class ShopifyIngestTests(ShopifyIngestRunnerFixture fixture) : IClassFixture<ShopifyIngestRunnerFixture>
{
    private const string OrdersCreate = "orders/create";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static long NewId() => Random.Shared.NextInt64(1_000_000_000, 9_000_000_000_000_000_000);

    private async Task StockAsync(string sku, int units) =>
        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "pos", sku, "store-1", units));

    private static async Task<WebhookAccepted> ShouldBeAcknowledgedAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.Accepted)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(status, text);
        return JsonSerializer.Deserialize<WebhookAccepted>(text, RunnerApi.Json)!;
    }

    [Fact]
    public async Task Order_PlacedOnShopify_ReducesAvailabilityOnEveryOtherChannel()
    {
        var listing = ShopifyIngestRunnerFixture.Listing(0);
        await StockAsync(listing.Sku, 10);
        var (posBefore, webBefore) = (await fixture.Api.GetAvailableAsync("pos", listing.Sku, Ct), await fixture.Api.GetAvailableAsync("web", listing.Sku, Ct));
        var (webhookId, line) = (Guid.NewGuid().ToString(), NewId());

        using var response = await fixture.Api.DeliverAsync("shopify", OrdersCreate, webhookId, ShopifyWebhooks.Order(NewId(), new OrderLine(line, listing.VariantId, "IPOD-PINK", 8)), Ct);

        (await ShouldBeAcknowledgedAsync(response)).Accepted.ShouldBe([$"{webhookId}:{line}"]);
        await fixture.Runner.WaitForAppliedAsync(listing.Sku, $"{webhookId}:{line}", Ct);
        (await fixture.Api.GetInventoryAsync(listing.Sku, Ct)).At("store-1").Committed.ShouldBe(8);
        (await fixture.Api.GetAvailableAsync("pos", listing.Sku, Ct)).ShouldBe(posBefore - 8);
        (await fixture.Api.GetAvailableAsync("web", listing.Sku, Ct)).ShouldBeLessThan(webBefore);
        await Eventually.UntilAsync(
            "pos is pushed the availability left after the Shopify order",
            _ => Task.FromResult(fixture.Receiver!.Pushes.LastOrDefault(p => p.Channel == "pos" && p.Sku == listing.Sku && p.Accepted)),
            push => push?.Available == posBefore - 8,
            Ct,
            diagnostics: () => "runner output:\n" + fixture.Runner.Output);
    }

    [Fact]
    public async Task Order_DeliveryRetriedFiveTimes_AppliesOnce()
    {
        var listing = ShopifyIngestRunnerFixture.Listing(1);
        await StockAsync(listing.Sku, 10);
        var (webhookId, line) = (Guid.NewGuid().ToString(), NewId());
        var order = ShopifyWebhooks.Order(NewId(), new OrderLine(line, listing.VariantId, null, 2));

        using (var first = await fixture.Api.DeliverAsync("shopify", OrdersCreate, webhookId, order, Ct))
        {
            (await ShouldBeAcknowledgedAsync(first)).Accepted.ShouldHaveSingleItem();
        }
        await fixture.Runner.WaitForAppliedAsync(listing.Sku, $"{webhookId}:{line}", Ct);
        for (var retry = 0; retry < 5; retry++)
        {
            using var again = await fixture.Api.DeliverAsync("shopify", OrdersCreate, webhookId, order, Ct);
            var answer = await ShouldBeAcknowledgedAsync(again);
            answer.Accepted.ShouldBeEmpty();
            answer.Duplicates.ShouldBe([$"{webhookId}:{line}"]);
        }

        (await fixture.Api.GetLedgerAsync(listing.Sku, Ct)).Count(e => e.EventType == "inventory.order.placed").ShouldBe(1);
        (await fixture.Api.GetInventoryAsync(listing.Sku, Ct)).At("store-1").Committed.ShouldBe(2);
    }

    [Fact]
    public async Task Order_BadHmac_Is401AndChangesNothing()
    {
        var listing = ShopifyIngestRunnerFixture.Listing(2);
        await StockAsync(listing.Sku, 10);
        var webhookId = Guid.NewGuid().ToString();
        var order = ShopifyWebhooks.Order(NewId(), new OrderLine(NewId(), listing.VariantId, null, 3), new OrderLine(NewId(), ShopifyIngestRunnerFixture.UnmappedVariant, null, 1));

        using var response = await fixture.Api.DeliverAsync("shopify", OrdersCreate, webhookId, order, Ct, secret: "not-the-client-secret");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // A later event of the same SKU is applied after anything the forged one could have queued.
        await StockAsync(listing.Sku, 1);
        (await fixture.Api.GetLedgerAsync(listing.Sku, Ct)).ShouldAllBe(e => e.EventType == "inventory.stock.received");
        (await fixture.Api.GetInventoryAsync(listing.Sku, Ct)).At("store-1").Committed.ShouldBe(0);
        (await fixture.Api.ListParkedAsync(Ct)).ShouldNotContain(p => p.EventId != null && p.EventId.StartsWith(webhookId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Order_WithOneUnmappedLine_ParksThatLineWithItsReasonAndAppliesTheOthers()
    {
        var (first, second) = (ShopifyIngestRunnerFixture.Listing(3), ShopifyIngestRunnerFixture.Listing(4));
        await StockAsync(first.Sku, 10);
        await StockAsync(second.Sku, 10);
        var webhookId = Guid.NewGuid().ToString();
        var (lineA, lineB, unmapped) = (NewId(), NewId(), NewId());
        var order = ShopifyWebhooks.Order(NewId(),
            new OrderLine(lineA, first.VariantId, null, 1),
            new OrderLine(unmapped, ShopifyIngestRunnerFixture.UnmappedVariant, "NOT-A-LISTING", 4),
            new OrderLine(lineB, second.VariantId, null, 2));

        using var response = await fixture.Api.DeliverAsync("shopify", OrdersCreate, webhookId, order, Ct);

        var answer = await ShouldBeAcknowledgedAsync(response);
        answer.Accepted.ShouldBe([$"{webhookId}:{lineA}", $"{webhookId}:{lineB}"], ignoreOrder: true);
        var parked = answer.Parked.ShouldHaveSingleItem();
        parked.Id.ShouldBe($"{webhookId}:{unmapped}");
        parked.Reason.ShouldContain(ShopifyIngestRunnerFixture.UnmappedVariant.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await fixture.Runner.WaitForAppliedAsync(first.Sku, $"{webhookId}:{lineA}", Ct);
        await fixture.Runner.WaitForAppliedAsync(second.Sku, $"{webhookId}:{lineB}", Ct);
        (await fixture.Api.GetInventoryAsync(first.Sku, Ct)).At("store-1").Committed.ShouldBe(1);
        (await fixture.Api.GetInventoryAsync(second.Sku, Ct)).At("store-1").Committed.ShouldBe(2);
        var kept = (await fixture.Api.ListParkedAsync(Ct)).Single(p => p.EventId == $"{webhookId}:{unmapped}");
        kept.Channel.ShouldBe("shopify");
        kept.Field.ShouldBe("data.variant");
    }

    [Fact]
    public async Task Level_InventoryLevelsUpdate_IsAReportedLevelTheReconciliationRunReads()
    {
        var listing = ShopifyIngestRunnerFixture.Listing(5);
        await StockAsync(listing.Sku, 10);
        var shown = await fixture.Api.GetAvailableAsync("shopify", listing.Sku, Ct);

        // Shopify echoes the value the master offers (what a push set): agreement, not a discrepancy.
        using (var echo = await fixture.Api.DeliverAsync("shopify", "inventory_levels/update", Guid.NewGuid().ToString(), ShopifyWebhooks.Level(listing.InventoryItemId, ShopifyIngestRunnerFixture.LocationId, shown), Ct))
        {
            (await ShouldBeAcknowledgedAsync(echo)).Accepted.ShouldHaveSingleItem();
        }
        await WaitForReportAsync(listing.Sku);
        var agreed = await fixture.Runner.RunToEndAsync("shopify", Ct);
        agreed.Of(listing.Sku).ShouldBeNull();
        agreed.Run.InAgreement.ShouldBeGreaterThanOrEqualTo(1);

        // An admin edit on Shopify: it shows 3 less than the master offers.
        using (var edited = await fixture.Api.DeliverAsync("shopify", "inventory_levels/update", Guid.NewGuid().ToString(), ShopifyWebhooks.Level(listing.InventoryItemId, ShopifyIngestRunnerFixture.LocationId, shown - 3), Ct))
        {
            (await ShouldBeAcknowledgedAsync(edited)).Accepted.ShouldHaveSingleItem();
        }
        await WaitForReportAsync(listing.Sku, count: 2);
        var drifted = await fixture.Runner.RunToEndAsync("shopify", Ct);

        var found = drifted.Of(listing.Sku).ShouldNotBeNull();
        (found.MasterValue, found.ChannelValue).ShouldBe((shown, shown - 3));
        found.Location.ShouldBe("store-1");
        (await fixture.Api.GetInventoryAsync(listing.Sku, Ct)).At("store-1").OnHand.ShouldBe(10, "a reported level never changes onHand");
    }

    [Fact]
    public async Task Delivery_TopicThatMovesNoStock_Is200AndAppliesNothing()
    {
        var listing = ShopifyIngestRunnerFixture.Listing(6);
        await StockAsync(listing.Sku, 10);
        var webhookId = Guid.NewGuid().ToString();

        using var response = await fixture.Api.DeliverAsync("shopify", "orders/updated", webhookId, ShopifyWebhooks.Order(NewId(), new OrderLine(NewId(), listing.VariantId, null, 5)), Ct);

        var answer = await ShouldBeAcknowledgedAsync(response, HttpStatusCode.OK);
        answer.Accepted.ShouldBeEmpty();
        answer.Parked.ShouldBeEmpty();
        await StockAsync(listing.Sku, 1);
        (await fixture.Api.GetInventoryAsync(listing.Sku, Ct)).At("store-1").Committed.ShouldBe(0);
        await Eventually.UntilAsync("the runner logged the ignored topic", _ => Task.FromResult(fixture.Runner.Output), output => output.Contains(webhookId, StringComparison.Ordinal), Ct);
    }

    [Fact]
    public async Task OpenApi_WebhookOperation_NamesTheShopifyHeaders()
    {
        using var document = JsonDocument.Parse(await fixture.Runner.Http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), Ct));

        var description = document.RootElement.GetProperty("paths").GetProperty("/api/webhooks/{channel}").GetProperty("post").GetProperty("description").GetString().ShouldNotBeNull();

        foreach (var header in new[] { "X-Shopify-Hmac-Sha256", "X-Shopify-Topic", "X-Shopify-Webhook-Id", "X-Shopify-Shop-Domain", "X-Shopify-API-Version", "X-Shopify-Triggered-At" })
        {
            description.ShouldContain(header);
        }
    }

    private Task<IReadOnlyList<LedgerEntryView>> WaitForReportAsync(string sku, int count = 1) =>
        Eventually.UntilAsync(
            $"{count} level report(s) of {sku} applied",
            async ct => await fixture.Api.GetLedgerAsync(sku, ct),
            entries => entries.Count(e => e.EventType == "inventory.level.reported") >= count,
            Ct);
}
