using System.Diagnostics;
using System.Net;
using ServerlessInventory.Adapters.Channels.Tests.Support;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Channels.Tests;

/// <summary>Every channel's pushes are paced (requests/s, concurrency) and a 429/503 with Retry-After is honoured.</summary>
public sealed class ChannelPushPacingTests : ReceiverTest
{
    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Push_ChannelAnswersRetryAfter_UnavailableForThatLongWithoutRetrying(int status)
    {
        using var harness = Harness("web");
        Receiver.Script("web", _ => new Reply.RetryAfterReply(status, 30));

        var failure = await Should.ThrowAsync<ChannelUnavailableException>(() => harness.PushAsync("web"));

        failure.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
        Receiver.ReceivedBy("web").Count.ShouldBe(1, "a channel that said when to come back is not retried before");
    }

    [Fact]
    public async Task Push_AfterRetryAfter_LaterPushesFailAtOnceWithoutARequest()
    {
        using var harness = Harness("web", "pos");
        Receiver.Script("web", _ => new Reply.RetryAfterReply(429, 60));
        await Should.ThrowAsync<ChannelUnavailableException>(() => harness.PushAsync("web"));

        var again = await Should.ThrowAsync<ChannelUnavailableException>(() => harness.PushAsync("web", version: 2));
        await harness.PushAsync("pos");

        again.RetryAfter.ShouldNotBeNull().ShouldBeInRange(TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60));
        Receiver.ReceivedBy("web").Count.ShouldBe(1);
        Receiver.ReceivedBy("pos").Count.ShouldBe(1, "another channel is not held back");
    }

    [Fact]
    public async Task PushBatch_ChannelLimitedToFivePerSecond_TenPushesTakeAtLeastTheirSlots()
    {
        using var harness = Harness(new Dictionary<string, string?> { ["ChannelPush:Channels:web:RequestsPerSecond"] = "5" }, "web");
        var updates = Enumerable.Range(1, 10).Select(i => PushHarness.Update("web", $"sku-{i}")).ToList();
        var clock = Stopwatch.StartNew();

        var failures = await harness.Sink.PushBatchAsync(updates, Cancellation);

        failures.ShouldAllBe(f => f == null);
        Receiver.ReceivedBy("web").Count.ShouldBe(10);
        // One slot at once, then one every 200 ms: the tenth waits for nine refills.
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(1700));
    }

    [Fact]
    public async Task PushBatch_DefaultLimit_TenPushesAreNotHeldBack()
    {
        using var harness = Harness("web");
        var clock = Stopwatch.StartNew();

        await harness.Sink.PushBatchAsync([.. Enumerable.Range(1, 10).Select(i => PushHarness.Update("web", $"sku-{i}"))], Cancellation);

        Receiver.ReceivedBy("web").Count.ShouldBe(10);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromMilliseconds(1700));
    }

    [Fact]
    public async Task PushBatch_ChannelHangs_QueuedGaugeCountsItsPushesUntilAnswered()
    {
        using var harness = Harness(new Dictionary<string, string?> { ["ChannelPush:MaxRetryAttempts"] = "0" }, "web");
        Receiver.Script("web", _ => Reply.Hang);
        var metrics = harness.Get<ChannelPushMetrics>();

        var pushing = harness.Sink.PushBatchAsync([PushHarness.Update("web", "a"), PushHarness.Update("web", "b")], Cancellation);
        var waited = Stopwatch.StartNew();
        while (metrics.QueuedFor(new ChannelId("web")) != 2 && !pushing.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Yield();
        }
        metrics.QueuedFor(new ChannelId("web")).ShouldBe(2, "both wait for the hanging channel");
        (await pushing).ShouldAllBe(f => f is ChannelUnavailableException);

        metrics.QueuedFor(new ChannelId("web")).ShouldBe(0);
    }

    [Theory]
    [InlineData("ChannelPush:Channels:web:RequestsPerSecond", "0")]
    [InlineData("ChannelPush:Channels:web:MaxConcurrentRequests", "0")]
    [InlineData("ChannelPush:RequestsPerSecond", "0")]
    [InlineData("ChannelPush:MaxConcurrentRequests", "2000")]
    public void AddChannelPush_RateLimitOutOfRange_StartupValidationFails(string option, string value)
    {
        Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => new PushHarness(Catalog("web"), new Dictionary<string, string?> { [option] = value }));
    }

    [Fact]
    public void RetryAfter_HttpDate_IsTheTimeUntilThenCappedAtTheMaximum()
    {
        var now = new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now);
        using var soon = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        soon.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(90));
        using var late = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        late.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromHours(2));
        using var other = new HttpResponseMessage(HttpStatusCode.BadGateway);
        other.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(5));

        ChannelRetryAfterException.Of(soon, clock, TimeSpan.FromMinutes(10)).ShouldBe(TimeSpan.FromSeconds(90));
        ChannelRetryAfterException.Of(late, clock, TimeSpan.FromMinutes(10)).ShouldBe(TimeSpan.FromMinutes(10));
        ChannelRetryAfterException.Of(other, clock, TimeSpan.FromMinutes(10)).ShouldBeNull();
    }
}
