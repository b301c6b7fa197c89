using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>
/// A Shopify channel end to end: the runner as a process sets availability on the Shopify Admin simulator through
/// <c>inventorySetQuantities</c>, paced by its cost bucket, and an admin edit there becomes a reconciliation review item.
/// </summary>
public sealed class ShopifyPushTests(ShopifyRunnerFixture fixture) : IClassFixture<ShopifyRunnerFixture>
{
    private const string Channel = ShopifyRunnerFixture.Channel;

    private const long Location = ShopifyRunnerFixture.Location;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PosSale_OnAShopifyChannelsLocation_ReachesShopifyAsTheNewAvailable()
    {
        var sku = fixture.Skus[0];
        var item = fixture.ItemOf(sku);
        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "pos", sku, "store-1", 12));
        await ShopifyShowsAsync(item, await fixture.Api.GetAvailableAsync(Channel, sku, Ct));

        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Sale(Unique.Id("sale"), "pos", sku, "store-1", 5));
        var available = await fixture.Api.GetAvailableAsync(Channel, sku, Ct);

        available.ShouldBe(7);
        // The retry round never runs here: the change's own push round sets it.
        await ShopifyShowsAsync(item, 7);
    }

    [Fact]
    public async Task Burst_TwoThousandChangesOverFiveHundredItems_NoThrottledAnswerAfterTheFirstAndDoneInTheBudgetsTime()
    {
        var skus = fixture.Skus.Skip(10).Take(500).ToList();
        var callsBefore = fixture.Simulator.Calls.Count;
        var clock = Stopwatch.StartNew();

        // 4 changes per SKU, 100 events a webhook, all webhooks at once.
        var events = Enumerable.Range(1, 4).SelectMany(round => skus.Select(sku => CloudEvents.Received(Unique.Id("burst"), "pos", sku, "store-1", round))).ToList();
        var answers = await Task.WhenAll(events.Chunk(100).Select(batch => fixture.Api.SendEventsAsync("pos", batch, Ct)));
        answers.Sum(a => a.Accepted.Count).ShouldBe(2000);

        await Eventually.UntilAsync(
            "Shopify shows every one of the 500 SKUs' availability (10 units each)",
            _ => Task.FromResult(skus.Count(sku => fixture.Simulator.Level(fixture.ItemOf(sku), Location) != 10)),
            left => left == 0,
            Ct,
            timeout: TimeSpan.FromMinutes(3),
            diagnostics: () => "runner output:\n" + fixture.Runner.Output);
        var took = clock.Elapsed;

        var calls = fixture.Simulator.Calls.Skip(callsBefore).ToList();
        var throttled = calls.Where(c => c.Throttled).ToList();
        var points = calls.Where(c => !c.Throttled).Sum(c => c.RequestedCost);
        // The bucket starts full: only what goes beyond it has to wait for the restore rate.
        var budget = TimeSpan.FromSeconds(Math.Max(0, points - ShopifyRunnerFixture.BucketSize) / ShopifyRunnerFixture.RestoreRate);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"shopify burst: 2000 changes over 500 items in {took.TotalSeconds:0.0} s; {calls.Count} calls ({calls.Count(c => c.Operation == "inventorySetQuantities")} inventorySetQuantities, {calls.Sum(c => c.Quantities)} quantities), {points} points, {throttled.Count} THROTTLED; the budget allows it in {budget.TotalSeconds:0.0} s at {ShopifyRunnerFixture.RestoreRate} points/s");
        TestContext.Current.SendDiagnosticMessage(summary);
        TestContext.Current.TestOutputHelper?.WriteLine(summary);

        throttled.Count.ShouldBeLessThanOrEqualTo(1, "only a first call, before any answer told the bucket, may be throttled");
        took.ShouldBeLessThan(budget + TimeSpan.FromSeconds(60), "pacing waits for the bucket, not longer");
    }

    [Fact]
    public async Task AdminEdit_ThenAChange_StaleAnswerAndThenAReconciliationReviewItem()
    {
        var sku = fixture.Skus[1];
        var item = fixture.ItemOf(sku);
        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "pos", sku, "store-1", 20));
        await ShopifyShowsAsync(item, 20);
        var staleBefore = fixture.Simulator.StaleAnswers;

        // A merchant counts 6 fewer in the Shopify admin; nothing tells the master.
        fixture.Simulator.AdminSet(item, Location, 14);
        await fixture.Runner.SendAndWaitAsync("pos", sku, Ct, CloudEvents.Sale(Unique.Id("sale"), "pos", sku, "store-1", 1));
        await Eventually.UntilAsync("Shopify answered CHANGE_FROM_QUANTITY_STALE", _ => Task.FromResult(fixture.Simulator.StaleAnswers), n => n > staleBefore, Ct);
        fixture.Simulator.Level(item, Location).ShouldBe(14, "the admin's edit is not overwritten");

        var report = await fixture.Runner.RunToEndAsync(Channel, Ct);
        var found = report.Of(sku).ShouldNotBeNull();
        (found.MasterValue, found.ChannelValue).ShouldBe((19, 14));
        found.LikelyCause.ShouldBe("missed_event");
        found.Action.ShouldBe("raised_for_review");

        var review = await fixture.Api.Http.GetFromJsonAsync<JsonObject>("api/ops/reconciliation/review", Ct);
        review!["items"]!.AsArray().ShouldContain(i => i!["channel"]!.GetValue<string>() == Channel && i["discrepancy"]!["sku"]!.GetValue<string>() == sku);
        fixture.Simulator.Level(item, Location).ShouldBe(14, "a review item waits for a person");
    }

    [Fact]
    public async Task SimulatorWebhook_SignedWithTheAppsSecret_PassesTheRunnersSignatureCheckAndAnotherSecretIs401()
    {
        var url = new Uri(fixture.Runner.BaseAddress, $"api/webhooks/{Channel}");
        var payload = new JsonObject
        {
            ["inventory_item_id"] = fixture.ItemOf(fixture.Skus[2]),
            ["location_id"] = Location,
            ["available"] = 3,
            ["updated_at"] = "2026-12-07T03:00:00-05:00",
        };

        var signed = await fixture.Simulator.SendWebhookAsync(url, "inventory_levels/update", payload, ShopifyRunnerFixture.ClientSecret, cancellationToken: Ct);
        var forged = await fixture.Simulator.SendWebhookAsync(url, "inventory_levels/update", payload, "another-secret", cancellationToken: Ct);

        // What a signed one becomes is ingest's business; here only that the simulator signs as Shopify does.
        signed.ShouldNotBe(System.Net.HttpStatusCode.Unauthorized);
        forged.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
    }

    private Task<int?> ShopifyShowsAsync(long item, int available) =>
        Eventually.UntilAsync(
            $"Shopify item {item} shows {available}",
            _ => Task.FromResult(fixture.Simulator.Level(item, Location)),
            level => level == available,
            Ct,
            diagnostics: () => "runner output:\n" + fixture.Runner.Output);
}
