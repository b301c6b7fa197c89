using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Adapters.Channels.Tests.Shopify;

/// <summary>The pull for reconciliation: a Shopify channel's levels at its location, by cursor, in master terms.</summary>
public sealed class ShopifyLevelSourceTests
{
    [Fact]
    public async Task Pull_TwoHundredFiftyLevelsFiftyUnmapped_ThreePagesOfMappedPooledLevels()
    {
        await using var shop = await ShopifyHarness.StartAsync();
        for (var item = 1; item <= 200; item++)
        {
            shop.Simulator.AdminSet(item, ShopifyHarness.Location, item % 7);
        }
        for (var item = 5001; item <= 5050; item++)
        {
            shop.Simulator.AdminSet(item, ShopifyHarness.Location, 3);
        }
        shop.Simulator.AdminSet(1, 999, 40); // another location: not the channel's

        var levels = new List<Core.Ports.ReportedLevel>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = (await shop.Levels.PullAsync(ShopifyHarness.Channel, continuation, TestContext.Current.CancellationToken)).ShouldNotBeNull();
            levels.AddRange(page.Levels);
            continuation = page.Continuation;
            pages++;
        }
        while (continuation is not null && pages < 10);

        pages.ShouldBe(3);
        levels.Count.ShouldBe(200);
        levels.ShouldAllBe(l => l.Location == null && l.Channel == ShopifyHarness.Channel);
        levels.Single(l => l.Sku == new Sku("SKU-13")).Level.ShouldBe(13 % 7);
    }

    [Fact]
    public async Task Pull_ChannelWithoutAShopOrLevelsUrl_CannotBeAsked()
    {
        await using var shop = await ShopifyHarness.StartAsync();

        (await shop.Levels.PullAsync(new ChannelId("web"), null, TestContext.Current.CancellationToken)).ShouldBeNull();
    }
}
