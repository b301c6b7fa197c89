using ServerlessInventory.Adapters.Channels.Shopify;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Adapters.Channels.Tests.Shopify;

/// <summary>Pushes to a Shopify channel through the product's wiring, against the Shopify Admin simulator.</summary>
public sealed class ShopifyPushSinkTests
{
    private const long Location = ShopifyHarness.Location;

    [Fact]
    public async Task PushBatch_SixHundredItemsNeverWritten_ReadFirstThenSetInThreeCallsOf250AtMost()
    {
        await using var shop = await ShopifyHarness.StartAsync();
        for (var item = 1; item <= 600; item++)
        {
            shop.Simulator.AdminSet(item, Location, 1);
        }

        var failures = await shop.PushAsync([.. Enumerable.Range(1, 600).Select(i => ShopifyHarness.Update(i, i + 10))]);

        failures.ShouldAllBe(f => f == null);
        var calls = shop.Simulator.Calls;
        calls.Where(c => c.Operation == "nodes").Count().ShouldBe(3, "600 items never written are read 250 at a time first");
        calls.Where(c => c.Operation == "inventorySetQuantities").Select(c => c.Quantities).ShouldBe([250, 250, 100]);
        Enumerable.Range(1, 600).ShouldAllBe(i => shop.Simulator.Level(i, Location) == i + 10);
    }

    [Fact]
    public async Task PushBatch_ItemsSetBefore_NextValuesSentWithoutReadingAgain()
    {
        await using var shop = await ShopifyHarness.StartAsync();
        await shop.PushAsync(ShopifyHarness.Update(1, 5), ShopifyHarness.Update(2, 6));

        var failures = await shop.PushAsync(ShopifyHarness.Update(1, 3, version: 2), ShopifyHarness.Update(2, 4, version: 2));

        failures.ShouldAllBe(f => f == null);
        shop.Simulator.Calls.Count(c => c.Operation == "nodes").ShouldBe(1, "only the first push reads");
        (shop.Simulator.Level(1, Location), shop.Simulator.Level(2, Location)).ShouldBe((3, 4));
        shop.Simulator.StaleAnswers.ShouldBe(0);
    }

    [Fact]
    public async Task PushBatch_AcknowledgedValueFromPushState_UsedAsChangeFromWithoutAReadAfterARestart()
    {
        await using var shop = await ShopifyHarness.StartAsync();
        shop.Simulator.AdminSet(7, Location, 12);

        var failures = await shop.PushAsync(ShopifyHarness.Update(7, 9, version: 4, acknowledged: 12));

        failures.ShouldAllBe(f => f == null);
        shop.Simulator.Calls.ShouldNotContain(c => c.Operation == "nodes");
        shop.Simulator.Level(7, Location).ShouldBe(9);
    }

    [Fact]
    public async Task PushBatch_TwoValuesOfOneItem_OnlyTheLatestIsSentAndBothShareItsOutcome()
    {
        await using var shop = await ShopifyHarness.StartAsync();

        var failures = await shop.PushAsync(ShopifyHarness.Update(3, 8, version: 5), ShopifyHarness.Update(3, 2, version: 4));

        failures.ShouldAllBe(f => f == null);
        shop.Simulator.Calls.Single(c => c.Operation == "inventorySetQuantities").Quantities.ShouldBe(1);
        shop.Simulator.Level(3, Location).ShouldBe(8);
    }

    [Fact]
    public async Task PushBatch_AdminEditedOneItem_StaleItemNotOverwrittenRecordedAsReportedLevelOthersApplied()
    {
        await using var shop = await ShopifyHarness.StartAsync();
        await shop.PushAsync(ShopifyHarness.Update(1, 10), ShopifyHarness.Update(2, 10));
        shop.Simulator.AdminSet(1, Location, 7);

        var failures = await shop.PushAsync(ShopifyHarness.Update(1, 9, version: 2), ShopifyHarness.Update(2, 9, version: 2));

        failures.ShouldAllBe(f => f == null, "a stale item is settled by reconciliation, not retried over the edit");
        shop.Simulator.StaleAnswers.ShouldBe(1);
        shop.Simulator.Level(1, Location).ShouldBe(7, "the admin's edit stands");
        shop.Simulator.Level(2, Location).ShouldBe(9);
        var page = await shop.Reported.ListAsync(ShopifyHarness.Channel, null, 10, TestContext.Current.CancellationToken);
        var reported = page.Levels.ShouldHaveSingleItem();
        (reported.Sku.Value, reported.Location, reported.Level).ShouldBe(("SKU-1", (LocationId?)null, 7));
    }

    [Fact]
    public async Task PushBatch_AfterAStaleAnswer_TheNextChangeSetsFromWhatShopifyShows()
    {
        await using var shop = await ShopifyHarness.StartAsync();
        await shop.PushAsync(ShopifyHarness.Update(1, 10));
        shop.Simulator.AdminSet(1, Location, 7);
        await shop.PushAsync(ShopifyHarness.Update(1, 9, version: 2));

        var failures = await shop.PushAsync(ShopifyHarness.Update(1, 4, version: 3));

        failures.ShouldAllBe(f => f == null);
        shop.Simulator.StaleAnswers.ShouldBe(1);
        shop.Simulator.Level(1, Location).ShouldBe(4);
    }

    [Fact]
    public async Task PushBatch_SkuThatIsNotAnItemId_NothingSentAndNotAFailure()
    {
        await using var shop = await ShopifyHarness.StartAsync();

        var failures = await shop.PushAsync(new Core.Ports.AvailabilityUpdate(ShopifyHarness.Channel, "TSHIRT-M", 4, 1));

        failures.ShouldAllBe(f => f == null);
        shop.Simulator.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task PushBatch_BucketDrainedByAnotherClient_FirstAnswerThrottledThenWaitsAndApplies()
    {
        // 2 points a second: the other client's 13 points leave 7, and the 3 more a call needs take 1.5 s, longer than
        // a busy machine takes between the two calls.
        await using var shop = await ShopifyHarness.StartAsync(restoreRate: 2, maximumAvailable: 20);
        await using var other = await ShopifyHarness.StartAsync(shared: shop.Simulator);
        shop.Simulator.AdminSet(2, Location, 0);
        shop.Simulator.AdminSet(3, Location, 0);
        await other.PushAsync(ShopifyHarness.Update(1, 1, acknowledged: null));

        var failures = await shop.PushAsync(ShopifyHarness.Update(2, 5, acknowledged: 0), ShopifyHarness.Update(3, 5, acknowledged: 0));

        failures.ShouldAllBe(f => f == null);
        shop.Client.ThrottledAnswers.ShouldBe(1, "the first call cannot know the bucket; after its answer it waits for it");
        shop.Simulator.Level(2, Location).ShouldBe(5);
    }

    [Fact]
    public async Task PushBatch_TwentyCallsAgainstASmallBucket_PacedWithoutAThrottledAnswerAfterTheFirstOne()
    {
        await using var shop = await ShopifyHarness.StartAsync(restoreRate: 100, maximumAvailable: 30);
        for (var item = 1; item <= 20; item++)
        {
            shop.Simulator.AdminSet(item, Location, 0);
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();

        for (var item = 1; item <= 20; item++)
        {
            (await shop.PushAsync(ShopifyHarness.Update(item, 3, acknowledged: 0))).ShouldAllBe(f => f == null);
        }

        var calls = shop.Simulator.Calls;
        calls.Count(c => c.Throttled).ShouldBe(0, string.Join("\n", calls));
        // 200 points through a bucket of 30 refilling 100 a second: at least 1.7 s of waiting, all of it paced.
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.6));
    }

    [Fact]
    public void IdempotencyKey_SameCall_SameKeyAndAnyOtherSkuVersionOrLocation_AnotherKey()
    {
        var call = new[] { ShopifyHarness.Update(1, 5, version: 3), ShopifyHarness.Update(2, 6, version: 9) };
        var key = ShopifyPushSink.IdempotencyKey(ShopifyHarness.Channel, "655441491", call);

        ShopifyPushSink.IdempotencyKey(ShopifyHarness.Channel, "655441491", [ShopifyHarness.Update(1, 5, version: 3), ShopifyHarness.Update(2, 6, version: 9)]).ShouldBe(key);
        ShopifyPushSink.IdempotencyKey(ShopifyHarness.Channel, "655441491", [ShopifyHarness.Update(1, 5, version: 4), call[1]]).ShouldNotBe(key);
        ShopifyPushSink.IdempotencyKey(ShopifyHarness.Channel, "655441492", call).ShouldNotBe(key);
        ShopifyPushSink.IdempotencyKey(new ChannelId("other"), "655441491", call).ShouldNotBe(key);
        ShopifyPushSink.IdempotencyKey(ShopifyHarness.Channel, "655441491", [call[0]]).ShouldNotBe(key);
    }
}
