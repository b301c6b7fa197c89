using Microsoft.Extensions.DependencyInjection;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Operations.Health;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Tests.Support;
using static ServerlessInventory.Core.Tests.Support.TestData;
using static ServerlessInventory.Core.Tests.Support.WebhookData;

namespace ServerlessInventory.Core.Tests.Operations.Health;

/// <summary>The health report read from Core's ports and the in-process windows, over the default catalog (web, pos) and a webhook channel <c>shop</c>.</summary>
public sealed class HealthHandlerTests : IDisposable
{
    private const string Secret = "shop-secret";
    private readonly OutageSink _sink = new();
    private readonly CoreHarness _core;

    public HealthHandlerTests() => _core = new CoreHarness(
        new Dictionary<string, string?>
        {
            ["Catalog:Channels:shop:Secret"] = Secret,
            ["Catalog:Channels:shop:Locations:0"] = Store.Value,
        },
        services => services.AddSingleton<IAvailabilitySink>(_sink));

    public void Dispose() => _core.Dispose();

    private Task<HealthReport> ReadAsync() => _core.Get<HealthHandler>().ReadAsync(CoreHarness.Ct);

    private static ChannelHealth Channel(HealthReport report, ChannelId channel) => report.Channels.Single(c => c.Channel == channel.Value);

    [Fact]
    public async Task Read_PushesToAChannelThatIsDown_ShowsThemOwedWithTheOldestAgeAndTheLastFailure()
    {
        var skus = new[] { new Sku("SKU-H1"), new Sku("SKU-H2") };
        foreach (var sku in skus)
        {
            _core.Store.Seed(sku, Position(Store, onHand: 4));
        }
        _sink.Down(Web, retryAfter: TimeSpan.FromMinutes(10));
        await _core.Get<PushAvailabilityHandler>().HandleAsync(skus, CoreHarness.Ct);
        _core.Time.Advance(TimeSpan.FromSeconds(30));

        var report = await ReadAsync();

        var web = Channel(report, Web);
        web.PushesOwed.ShouldBe(2);
        web.OldestOwedAgeSeconds.ShouldBe(30, 0.001);
        web.LastAcknowledged.ShouldBeNull();
        web.LastFailed.ShouldNotBeNull().Version.ShouldBe(1);
        web.LastFailed.Sku.ShouldBeOneOf("SKU-H1", "SKU-H2");
        web.LastFailed.Reason.ShouldContain("unavailable");
        web.Circuit.ShouldBe("unknown");
        web.Source.ShouldContain("push state (in memory)");
        var pos = Channel(report, Pos);
        pos.PushesOwed.ShouldBe(0);
        pos.LastAcknowledged.ShouldNotBeNull().Version.ShouldBe(1);
        pos.LastFailed.ShouldBeNull();
    }

    [Fact]
    public async Task Read_WebhookBatchWithABadEvent_CountsOutcomesParkedAndTheWindows()
    {
        var batch = Batch(Sale("e-1", "shop", "SKU-1", Store.Value, 1), Sale("e-2", "shop", "SKU-1", Store.Value, 1), Sale("e-3", "shop", "SKU-1", Store.Value, 0));
        await _core.Get<IngestWebhookHandler>().HandleAsync(Signed("shop", Secret, batch), CoreHarness.Ct);
        await _core.Get<IngestWebhookHandler>().HandleAsync(Signed("shop", Secret, Batch(Sale("e-1", "shop", "SKU-1", Store.Value, 1))), CoreHarness.Ct);

        var now = await ReadAsync();
        _core.Time.Advance(TimeSpan.FromMinutes(6));
        var later = await ReadAsync();

        now.Webhooks.Last5Minutes.ShouldBe(new WebhookCounts(2, 1, 1));
        now.Parked.Count.ShouldBe(1);
        now.Parked.Source.ShouldBe("parked events (in memory)");
        later.Webhooks.Last5Minutes.ShouldBe(new WebhookCounts(0, 0, 0));
        later.Webhooks.Last60Minutes.ShouldBe(new WebhookCounts(2, 1, 1));
    }

    [Fact]
    public async Task Read_DeadLettersAndApplyLags_CountsAndPercentiles()
    {
        await _core.Get<IDeadLetterStore>().AddAsync(new DeadLetter("m-1", Sku1, "{}", "Rejected", null, 1, Start), CoreHarness.Ct);
        var metrics = _core.Get<InventoryMetrics>();
        metrics.ApplyLag(TimeSpan.FromMilliseconds(4));
        metrics.ApplyLag(TimeSpan.FromMilliseconds(20));

        var report = await ReadAsync();

        report.DeadLetters.Count.ShouldBe(1);
        report.Apply.ShouldBe(report.Apply with { LagP50Seconds = 0.004, LagP99Seconds = 0.020, Samples = 2 });
    }

    [Fact]
    public async Task Read_ChannelReconciled_ShowsItsLatestRunWithOpenReviewItems()
    {
        var reports = _core.Get<IReconciliationReportStore>();
        await reports.SaveAsync(new ReconciliationRun("pos-old", Pos, Start, Start.AddMinutes(1), 5, 0, 0, 0), [], CoreHarness.Ct);
        await reports.SaveAsync(new ReconciliationRun("pos-new", Pos, Start.AddHours(1), Start.AddHours(1).AddMinutes(1), 5, 3, 1, 2),
        [
            new Discrepancy(new Sku("A"), 5, 7, DiscrepancyCause.MissedEvent, DiscrepancyAction.RaisedForReview),
            new Discrepancy(new Sku("B"), 5, 9, DiscrepancyCause.Unknown, DiscrepancyAction.RaisedForReview) { Review = new ReviewOutcome(ReviewResolution.AcceptMaster, "alice", Start) },
            new Discrepancy(new Sku("C"), 5, 2, DiscrepancyCause.MissedPush, DiscrepancyAction.Repushed),
        ], CoreHarness.Ct);

        var report = await ReadAsync();

        Channel(report, Pos).LastReconciliation.ShouldBe(new ReconciliationSummary("pos-new", Start.AddHours(1).AddMinutes(1), 3, 1));
        Channel(report, Web).LastReconciliation.ShouldBeNull();
    }

    [Fact]
    public async Task Read_HostWithoutATopicReader_SaysTheTopicWasNotMeasured() =>
        (await ReadAsync()).Topic.Source.ShouldStartWith("not measured");
}
