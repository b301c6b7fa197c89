using Microsoft.Extensions.Time.Testing;
using ServerlessInventory.Adapters.Channels.Shopify;

namespace ServerlessInventory.Adapters.Channels.Tests.Shopify;

/// <summary>Pacing by Shopify's bucket on a fake clock.</summary>
public sealed class ShopifyCostLimiterTests
{
    private const string Shop = "a.myshopify.com";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitFor_ShopNeverAnswered_NoWait()
    {
        var limiter = new ShopifyCostLimiter(new FakeTimeProvider());
        using var lease = await limiter.AcquireAsync(Shop, Ct);

        lease.WaitForAsync(500, Ct).IsCompletedSuccessfully.ShouldBeTrue();
        limiter.WaitFor(Shop, 500).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public async Task WaitForAsync_BucketShortOfTheCost_CompletesOnlyOnceRefilledToIt()
    {
        var clock = new FakeTimeProvider();
        var limiter = new ShopifyCostLimiter(clock);
        using var lease = await limiter.AcquireAsync(Shop, Ct);
        lease.Observe(new ThrottleStatus(100, 5, 50));

        var waiting = lease.WaitForAsync(15, Ct);
        clock.Advance(TimeSpan.FromMilliseconds(199));
        waiting.IsCompleted.ShouldBeFalse("5 points + 50/s needs 200 ms for 15");
        clock.Advance(TimeSpan.FromMilliseconds(2));
        await waiting;

        // 200 ms, and one more: a timer may fire early, a call sent early is throttled.
        lease.Waited.ShouldBe(TimeSpan.FromMilliseconds(201));
    }

    [Fact]
    public async Task WaitFor_TimePassedSinceTheAnswer_RefillCountsUpToTheMaximum()
    {
        var clock = new FakeTimeProvider();
        var limiter = new ShopifyCostLimiter(clock);
        using (var lease = await limiter.AcquireAsync(Shop, Ct))
        {
            lease.Observe(new ThrottleStatus(100, 0, 100));
        }

        limiter.WaitFor(Shop, 50).ShouldBe(TimeSpan.FromMilliseconds(500));
        clock.Advance(TimeSpan.FromMilliseconds(300));
        limiter.WaitFor(Shop, 50).ShouldBe(TimeSpan.FromMilliseconds(200));
        limiter.WaitFor(Shop, 5000).ShouldBe(TimeSpan.FromMilliseconds(700), "a cost above the bucket waits for a full bucket");
        limiter.WaitFor("other.myshopify.com", 50).ShouldBe(TimeSpan.Zero, "each shop has its own bucket");
    }

    [Fact]
    public async Task AcquireAsync_TurnHeld_NextCallerWaitsUntilItIsPassedOn()
    {
        var limiter = new ShopifyCostLimiter(new FakeTimeProvider());
        var first = await limiter.AcquireAsync(Shop, Ct);

        var second = limiter.AcquireAsync(Shop, Ct);
        second.IsCompleted.ShouldBeFalse();
        first.Dispose();

        (await second).Dispose();
    }
}
