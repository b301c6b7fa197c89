using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Polly.CircuitBreaker;
using Polly.Timeout;
using ServerlessInventory.Adapters.Channels.Tests.Support;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Channels.Tests;

/// <summary>
/// Retry, per-attempt timeout and circuit breaker, per channel, against a receiver that fails as scripted. The
/// harness's settings: 2 retries 10 ms apart (exponential, jitter), 500 ms per attempt, and a circuit that opens
/// when half of at least 2 pushes in 2 s failed, for 1 s.
/// </summary>
public sealed class ChannelPushResilienceTests : ReceiverTest
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(1);

    /// <summary>Generous upper bound on anything that should take about a second, so that a hang fails the test instead of stalling it.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Push_TwoTransientFailures_RetriedAndSucceedsOnThirdAttempt()
    {
        using var harness = Harness("web");
        Receiver.FailThenSucceed("web", failures: 2);

        await harness.PushAsync("web", version: 8);

        var attempts = Receiver.ReceivedBy("web");
        attempts.Select(a => a.Attempt).ShouldBe([1, 2, 3]);
        // Every attempt is the same push: same body, same signature.
        attempts.Select(a => a.BodyText).Distinct().ShouldHaveSingleItem().ShouldBe("""{"channel":"web","sku":"sku-1","available":5,"version":8}""");
        attempts.Select(a => a.Signature).Distinct().ShouldHaveSingleItem().ShouldNotBeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Push_ChannelAlwaysFails_UnavailableAfterOnePlusMaxRetryAttempts(int maxRetryAttempts)
    {
        using var harness = Harness(new Dictionary<string, string?> { ["ChannelPush:MaxRetryAttempts"] = $"{maxRetryAttempts}" }, "web");
        Receiver.AlwaysFail("web");

        var failure = await UnavailableAsync<HttpRequestException>(() => harness.PushAsync("web"));

        failure.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        Receiver.ReceivedBy("web").Count.ShouldBe(1 + maxRetryAttempts);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    public async Task Push_ChannelRefusesThePush_NotRetried(int status)
    {
        using var harness = Harness("web");
        Receiver.Script("web", _ => Reply.Status(status));

        var failure = await Should.ThrowAsync<HttpRequestException>(() => harness.PushAsync("web"));

        ((int?)failure.StatusCode).ShouldBe(status);
        Receiver.ReceivedBy("web").Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    public async Task Push_ChannelThrottlesOrFailsOnItsSide_Retried(int status)
    {
        using var harness = Harness("web");
        Receiver.Script("web", n => n == 1 ? Reply.Status(status) : Reply.Ok);

        await harness.PushAsync("web");

        Receiver.ReceivedBy("web").Count.ShouldBe(2);
    }

    [Fact]
    public async Task Push_ChannelUnreachable_RetriedThenUnavailable()
    {
        // A loopback port nobody listens on: the connection is refused.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var catalog = new CatalogOptions();
        catalog.Channels["web"] = new ChannelOptions { PushUrl = new Uri($"http://127.0.0.1:{port}/push/web"), Secret = Secret };
        using var harness = new PushHarness(catalog);

        var failure = await UnavailableAsync<HttpRequestException>(() => harness.PushAsync("web"));

        failure.StatusCode.ShouldBeNull();
    }

    [Fact]
    public async Task Push_ChannelKeepsFailing_CircuitOpensFailsFastAndRecoversAfterBreakDuration()
    {
        using var harness = Harness("web");
        Receiver.AlwaysFail("web");

        // The breaker is outside the retry: it counts pushes, each of 1 + 2 attempts. Two failed pushes reach the
        // minimum throughput of 2 at a failure ratio of 1, and open the circuit.
        await UnavailableAsync<HttpRequestException>(() => harness.PushAsync("web", version: 1));
        Receiver.ReceivedBy("web").Count.ShouldBe(3);
        await UnavailableAsync<HttpRequestException>(() => harness.PushAsync("web", version: 2));
        Receiver.ReceivedBy("web").Count.ShouldBe(6);
        var opened = Stopwatch.StartNew();

        var fast = Stopwatch.StartNew();
        await UnavailableAsync<BrokenCircuitException>(() => harness.PushAsync("web", version: 3));
        fast.Elapsed.ShouldBeLessThan(AttemptTimeout, "an open circuit fails at once, without attempts or backoff");
        Receiver.ReceivedBy("web").Count.ShouldBe(6);

        // Healthy again, but the circuit is still open: not tried until the break is over.
        Receiver.AlwaysSucceed("web");
        await UnavailableAsync<BrokenCircuitException>(() => harness.PushAsync("web", version: 4));
        opened.Elapsed.ShouldBeLessThan(BreakDuration, "the check above ran inside the break");
        Receiver.ReceivedBy("web").Count.ShouldBe(6);

        await Task.Delay(BreakDuration - opened.Elapsed + TimeSpan.FromMilliseconds(100), Cancellation);

        await harness.PushAsync("web", version: 5);
        await harness.PushAsync("web", version: 6);
        var after = Receiver.ReceivedBy("web").Skip(6).ToList();
        after.Select(a => a.BodyText).ShouldBe(
        [
            """{"channel":"web","sku":"sku-1","available":5,"version":5}""",
            """{"channel":"web","sku":"sku-1","available":5,"version":6}""",
        ]);
    }

    [Fact]
    public async Task Push_HalfOpenTrialFails_CircuitOpensAgainForAnotherBreak()
    {
        using var harness = Harness("web");
        Receiver.AlwaysFail("web");
        await UnavailableAsync<HttpRequestException>(() => harness.PushAsync("web"));
        await UnavailableAsync<HttpRequestException>(() => harness.PushAsync("web"));
        await UnavailableAsync<BrokenCircuitException>(() => harness.PushAsync("web"));
        await Task.Delay(BreakDuration + TimeSpan.FromMilliseconds(100), Cancellation);

        // The trial push gets its retries and fails; the circuit opens again at once.
        await UnavailableAsync<HttpRequestException>(() => harness.PushAsync("web"));
        var count = Receiver.ReceivedBy("web").Count;
        await UnavailableAsync<BrokenCircuitException>(() => harness.PushAsync("web"));
        Receiver.ReceivedBy("web").Count.ShouldBe(count);
    }

    [Fact]
    public async Task Push_OneChannelCircuitOpen_OtherChannelKeepsSucceeding()
    {
        using var harness = Harness("web", "pos");
        Receiver.AlwaysFail("pos");

        // Interleaved, so that a breaker shared between channels would also open (2 failures of 3 pushes).
        await UnavailableAsync<HttpRequestException>(() => harness.PushAsync("pos", version: 1));
        await harness.PushAsync("web", version: 1);
        await UnavailableAsync<HttpRequestException>(() => harness.PushAsync("pos", version: 2));
        await UnavailableAsync<BrokenCircuitException>(() => harness.PushAsync("pos", version: 3));

        for (var version = 2; version <= 6; version++)
        {
            await harness.PushAsync("web", version: version);
        }
        await UnavailableAsync<BrokenCircuitException>(() => harness.PushAsync("pos", version: 4));

        Receiver.ReceivedBy("web").Select(a => a.Attempt).ShouldBe([1, 2, 3, 4, 5, 6]);
        Receiver.ReceivedBy("pos").Count.ShouldBe(6);
    }

    [Fact]
    public async Task Push_OneChannelHanging_OtherChannelNotSlowed()
    {
        using var harness = Harness(new Dictionary<string, string?> { ["ChannelPush:MaxRetryAttempts"] = "1" }, "web", "pos");
        Receiver.Script("pos", _ => Reply.Hang);

        var hanging = harness.PushAsync("pos");
        await WaitUntilAsync(() => Receiver.ReceivedBy("pos").Count >= 1);
        var web = Stopwatch.StartNew();
        await harness.PushAsync("web");
        web.Elapsed.ShouldBeLessThan(AttemptTimeout, "the healthy channel's push does not wait behind the hanging one");
        hanging.IsCompleted.ShouldBeFalse();

        await UnavailableAsync<TimeoutRejectedException>(() => hanging.WaitAsync(Bound, Cancellation));
        Receiver.ReceivedBy("pos").Count.ShouldBe(2);
    }

    [Fact]
    public async Task Push_AttemptLongerThanAttemptTimeout_AbandonedAndRetried()
    {
        using var harness = Harness("web");
        Receiver.HangThenSucceed("web", hangs: 1);

        var elapsed = Stopwatch.StartNew();
        await harness.PushAsync("web").WaitAsync(Bound, Cancellation);
        elapsed.Stop();

        Receiver.ReceivedBy("web").Select(a => a.Attempt).ShouldBe([1, 2]);
        elapsed.Elapsed.ShouldBeGreaterThanOrEqualTo(AttemptTimeout - TimeSpan.FromMilliseconds(50), "the first attempt was given its full timeout");
        elapsed.Elapsed.ShouldBeLessThan(AttemptTimeout * 4, "the hanging attempt was abandoned, not waited out");
    }

    [Fact]
    public async Task Push_EveryAttemptHangs_UnavailableAfterAllAttempts()
    {
        using var harness = Harness(new Dictionary<string, string?> { ["ChannelPush:MaxRetryAttempts"] = "1" }, "web");
        Receiver.Script("web", _ => Reply.Hang);

        var elapsed = Stopwatch.StartNew();
        await UnavailableAsync<TimeoutRejectedException>(() => harness.PushAsync("web").WaitAsync(Bound, Cancellation));

        Receiver.ReceivedBy("web").Count.ShouldBe(2);
        elapsed.Elapsed.ShouldBeLessThan(AttemptTimeout * 5);
    }

    [Fact]
    public async Task Push_CallerCancels_StopsWithoutRetryingAndDoesNotTripTheCircuit()
    {
        using var harness = Harness("web");
        Receiver.Script("web", _ => Reply.Hang);

        for (var push = 1; push <= 3; push++)
        {
            using var caller = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
            var pushing = harness.Sink.PushAsync(PushHarness.Update("web", version: push), caller.Token);
            await WaitUntilAsync(() => Receiver.ReceivedBy("web").Count >= push);
            await caller.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pushing.WaitAsync(Bound, Cancellation));
        }

        // One attempt per push (cancellation is not retried), and three cancelled pushes did not open the circuit.
        Receiver.ReceivedBy("web").Count.ShouldBe(3);
        Receiver.AlwaysSucceed("web");
        await harness.PushAsync("web", version: 4);
        Receiver.ReceivedBy("web").Count.ShouldBe(4);
    }

    [Fact]
    public async Task Push_CircuitOpen_UnavailableForWhatIsLeftOfTheBreak()
    {
        using var harness = Harness("web");
        Receiver.AlwaysFail("web");
        await UnavailableAsync<HttpRequestException>(() => harness.PushAsync("web"));
        await UnavailableAsync<HttpRequestException>(() => harness.PushAsync("web"));
        var opened = Stopwatch.StartNew();

        var open = await Should.ThrowAsync<ChannelUnavailableException>(() => harness.PushAsync("web"));

        open.Channel.ShouldBe(new ChannelId("web"));
        open.InnerException.ShouldBeOfType<BrokenCircuitException>();
        open.RetryAfter.ShouldNotBeNull();
        open.RetryAfter.Value.ShouldBeGreaterThan(TimeSpan.Zero);
        open.RetryAfter.Value.ShouldBeLessThanOrEqualTo(BreakDuration - opened.Elapsed + TimeSpan.FromMilliseconds(50));
    }

    /// <summary>The push fails as the channel being unavailable for now, caused by <typeparamref name="TCause"/>.</summary>
    private static async Task<TCause> UnavailableAsync<TCause>(Func<Task> push) where TCause : Exception
    {
        var unavailable = await Should.ThrowAsync<ChannelUnavailableException>(push);
        return unavailable.InnerException.ShouldBeOfType<TCause>();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            deadline.Elapsed.ShouldBeLessThan(Bound, "the condition did not become true in time");
            await Task.Delay(10, Cancellation);
        }
    }
}
