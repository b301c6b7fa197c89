using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>
/// <c>GET /api/ops/health</c> and its history through the runner as a process: what the pipeline did (webhooks, a parked
/// event, applies, pushes to a channel that is down and then back) is what the report answers. One test per runner,
/// so every count is this test's own.
/// </summary>
public sealed class HealthTests(HealthRunnerFixture fixture) : IClassFixture<HealthRunnerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HealthView> HealthAsync(CancellationToken cancellationToken) => (await fixture.Api.GetJsonAsync<HealthView>("api/ops/health", cancellationToken))!;

    [Fact]
    public async Task Health_WebhooksAParkedEventAndAChannelDownThenBack_AnswersWhatHappened()
    {
        var receiver = fixture.Receiver!;
        var sku = Unique.Sku("HEALTH");
        receiver.Down("web");
        var batch = new[]
        {
            CloudEvents.Received(Unique.Id("recv"), "pos", sku, "store-1", 10),
            CloudEvents.Sale(Unique.Id("sale"), "pos", sku, "store-1", 2),
            CloudEvents.Sale(Unique.Id("bad"), "pos", sku, "store-1", 0),
        };

        var first = await fixture.Api.SendEventsAsync("pos", batch, Ct);
        var again = await fixture.Api.SendEventsAsync("pos", batch, Ct);
        await fixture.Runner.WaitForAppliedAsync(sku, [.. first.Accepted], Ct);
        var health = await Eventually.UntilAsync(
            "web failed and owes the SKU's push, and pos acknowledged it",
            HealthAsync,
            h => h.Channel("web").PushesOwed >= 1 && h.Channel("web").LastFailed is not null && h.Channel("pos").LastAcknowledged?.Sku == sku && h.Topic.Pending == 0,
            Ct,
            diagnostics: () => "runner output:\n" + fixture.Runner.Output);

        var parked = await fixture.Api.ListParkedAsync(Ct);
        first.Accepted.Count.ShouldBe(2);
        again.Duplicates.Count.ShouldBe(2);
        health.Webhooks.Last5Minutes.ShouldBe(new WebhookCountsView(2, 2, 2));
        health.Webhooks.Last60Minutes.ShouldBe(health.Webhooks.Last5Minutes);
        health.Parked.Count.ShouldBe(parked.Count);
        health.Parked.Source.ShouldBe("parked events (SQLite)");
        health.DeadLetters.Count.ShouldBe(0);
        health.Apply.Samples.ShouldBe(2);
        health.Apply.LagP99Seconds.ShouldBeGreaterThanOrEqualTo(health.Apply.LagP50Seconds);
        health.Topic.Source.ShouldBe("local topic (SQLite)");
        var web = health.Channel("web");
        web.LastFailed.ShouldNotBeNull().Sku.ShouldBe(sku);
        web.Circuit.ShouldBeOneOf("closed", "open", "half_open");
        web.OldestOwedAgeSeconds.ShouldBeGreaterThanOrEqualTo(0);
        health.Channel("pos").PushesOwed.ShouldBe(0);
        health.Channels.Select(c => c.Channel).ShouldBe(["pos", "web", "wholesale"]);

        var history = await Eventually.UntilAsync(
            "a sample taken while web owed its push",
            async ct => (await fixture.Api.GetJsonAsync<HealthHistoryView>("api/ops/health/history", ct))!,
            h => h.Samples.Any(s => s.PushesOwed >= 1),
            Ct);
        history.IntervalSeconds.ShouldBe(1);
        history.Samples.Select(s => s.At).ShouldBeInOrder(SortDirection.Ascending);

        receiver.Up("web");
        var recovered = await Eventually.UntilAsync(
            "web acknowledged the SKU once back, owing nothing",
            HealthAsync,
            h => h.Channel("web").PushesOwed == 0 && h.Channel("web").LastAcknowledged?.Sku == sku,
            Ct,
            diagnostics: () => "runner output:\n" + fixture.Runner.Output);
        recovered.Channel("web").LastAcknowledged!.Version.ShouldBe(web.LastFailed!.Version);
    }

    private sealed record HealthView(DateTimeOffset At, IReadOnlyList<ChannelHealthView> Channels, TopicView Topic, ApplyView Apply, CountView Parked, CountView DeadLetters, WebhooksView Webhooks)
    {
        public ChannelHealthView Channel(string channel) => Channels.Single(c => c.Channel == channel);
    }

    private sealed record ChannelHealthView(string Channel, string Source, DateTimeOffset At, int PushesOwed, double OldestOwedAgeSeconds, PushView? LastAcknowledged, PushView? LastFailed, string Circuit);

    private sealed record PushView(string Sku, long Version, DateTimeOffset At, string? Reason);

    private sealed record TopicView(string Source, DateTimeOffset At, long Pending, double? OldestPendingAgeSeconds, long DeadLettered);

    private sealed record ApplyView(string Source, DateTimeOffset At, double LagP50Seconds, double LagP99Seconds, int Samples);

    private sealed record CountView(string Source, DateTimeOffset At, long Count);

    private sealed record WebhooksView(string Source, DateTimeOffset At, WebhookCountsView Last5Minutes, WebhookCountsView Last60Minutes);

    private sealed record WebhookCountsView(long Accepted, long Duplicate, long Parked);

    private sealed record HealthHistoryView(double IntervalSeconds, IReadOnlyList<HealthSampleView> Samples);

    private sealed record HealthSampleView(DateTimeOffset At, double ApplyLagP99Seconds, long PushesOwed, long WebhooksPerMinute);
}
