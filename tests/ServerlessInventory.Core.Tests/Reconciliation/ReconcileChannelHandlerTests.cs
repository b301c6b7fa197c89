using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Reconciliation;
using ServerlessInventory.Core.Tests.Support;
using ServerlessInventory.Testing;
using CoreHarness = ServerlessInventory.Core.Tests.Support.CoreHarness;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Reconciliation;

/// <summary>pos sells from store-1 only, so its availability is store-1's onHand; pushes go to the recording sink.</summary>
public sealed class ReconcileChannelHandlerTests : IDisposable
{
    private readonly CoreHarness _core = new(new Dictionary<string, string?> { ["Reconciliation:PageSize"] = "1" });

    public ReconcileChannelHandlerTests()
    {
        _core.Store.Seed(Sku1, Position(Store, onHand: 10));
        _core.Get<PushAvailabilityHandler>().HandleAsync([Sku1], CoreHarness.Ct).GetAwaiter().GetResult();
        _core.Time.Advance(TimeSpan.FromHours(1));
    }

    public void Dispose() => _core.Dispose();

    private RecordingAvailabilitySink Sink => (RecordingAvailabilitySink)_core.Get<IAvailabilitySink>();

    private RecordingEventPublisher Publisher => (RecordingEventPublisher)_core.Get<IEventPublisher>();

    private ReconcileChannelHandler Handler => _core.Get<ReconcileChannelHandler>();

    private async Task Report(int level, DateTimeOffset asOf, Sku? sku = null) =>
        await _core.Get<ApplyEventsHandler>().HandleAsync([new LevelReported(NewId(), Pos, asOf, sku ?? Sku1, Store, Pos, level)], CoreHarness.Ct);

    private async Task<(ReconciliationRun Run, IReadOnlyList<Discrepancy> Discrepancies)> Reconcile()
    {
        var run = (await Handler.RunChannelsAsync(Pos, CoreHarness.Ct)).Single();
        var report = (await _core.Get<IReconciliationReportStore>().GetAsync(run.RunId, 100, null, CoreHarness.Ct))!;
        return (run, report.Discrepancies.Items);
    }

    [Fact]
    public async Task Run_ChannelAgrees_CountsItInAgreementAndPushesNothing()
    {
        await Report(10, Start.AddMinutes(30));
        var pushedBefore = Sink.Pushed.Count;

        var (run, discrepancies) = await Reconcile();

        run.ShouldSatisfyAllConditions(r => r.Status.ShouldBe(RunStatus.Completed), r => r.SkusCompared.ShouldBe(1), r => r.InAgreement.ShouldBe(1));
        discrepancies.ShouldBeEmpty();
        Sink.Pushed.Count.ShouldBe(pushedBefore);
    }

    [Fact]
    public async Task Run_ReportOlderThanTheLastDeliveredPush_IsStaleChannelRepushedUnderTheNextVersion()
    {
        await Report(4, Start.AddMinutes(-30));

        var (run, discrepancies) = await Reconcile();

        var found = discrepancies.ShouldHaveSingleItem();
        found.ShouldSatisfyAllConditions(d => d.LikelyCause.ShouldBe(DiscrepancyCause.StaleChannel), d => d.Action.ShouldBe(DiscrepancyAction.Repushed), d => d.CorrectionVersion.ShouldBe(2));
        run.ShouldSatisfyAllConditions(r => r.AutoCorrected.ShouldBe(1), r => r.StaleChannel.ShouldBe(1), r => r.VarianceUnits.ShouldBe(6));
        Sink.Pushed[^1].ShouldBe(new AvailabilityUpdate(Pos, Sku1.Value, 10, 2));
    }

    [Fact]
    public async Task Run_ChannelChangedOnItsOwnAfterThePush_IsMissedEventRaisedForReviewAndNothingPushed()
    {
        await Report(7, Start.AddMinutes(30));
        var pushedBefore = Sink.Pushed.Count;

        var (run, discrepancies) = await Reconcile();

        discrepancies.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            d => d.LikelyCause.ShouldBe(DiscrepancyCause.MissedEvent), d => d.Action.ShouldBe(DiscrepancyAction.RaisedForReview), d => d.IsOpenForReview.ShouldBeTrue());
        run.RaisedForReview.ShouldBe(1);
        Sink.Pushed.Count.ShouldBe(pushedBefore);
    }

    [Fact]
    public async Task Run_MasterChangedWithinTheSettlingWindow_IsInFlightNotADiscrepancy()
    {
        await Report(10, Start.AddMinutes(30));
        await _core.Get<ApplyEventsHandler>().HandleAsync([Sale(3)], CoreHarness.Ct);

        var (run, discrepancies) = await Reconcile();

        run.ShouldSatisfyAllConditions(r => r.InFlight.ShouldBe(1), r => r.Discrepancies.ShouldBe(0));
        discrepancies.ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_AnotherRunHoldsTheChannelLease_DoesNothing()
    {
        await Report(4, Start.AddMinutes(-30));
        var reports = _core.Get<IReconciliationReportStore>();
        var now = _core.Time.GetUtcNow();
        (await reports.TryLeaseAsync(Pos, "rival", now, now.AddMinutes(5), CoreHarness.Ct)).ShouldBeTrue();
        var pushedBefore = Sink.Pushed.Count;

        var run = (await Handler.RunChannelsAsync(Pos, CoreHarness.Ct)).Single();

        run.ShouldSatisfyAllConditions(r => r.Status.ShouldBe(RunStatus.Running), r => r.SkusCompared.ShouldBe(0));
        Sink.Pushed.Count.ShouldBe(pushedBefore);
    }

    [Fact]
    public async Task Run_StoppedAfterACheckpoint_ResumesAfterItAndKeepsWhatItFound()
    {
        _core.Store.Seed(OtherSku, Position(Store, onHand: 5));
        await _core.Get<PushAvailabilityHandler>().HandleAsync([OtherSku], CoreHarness.Ct);
        _core.Time.Advance(TimeSpan.FromHours(1));
        await Report(7, _core.Time.GetUtcNow().AddMinutes(-5));
        await Report(5, _core.Time.GetUtcNow().AddMinutes(-5), OtherSku);
        var reports = _core.Get<IReconciliationReportStore>();
        var first = new Discrepancy(Sku1, 10, 7, DiscrepancyCause.MissedEvent, DiscrepancyAction.RaisedForReview) { Location = Store };
        var stopped = new ReconciliationRun("pos-stopped", Pos, Start, Start, 1, 1, 0, 1) { Status = RunStatus.Running, Checkpoint = Sku1.Value, MissedEvent = 1 };
        await reports.SaveAsync(stopped, [first], CoreHarness.Ct);

        var resumed = (await Handler.RunChannelsAsync(Pos, CoreHarness.Ct)).Single();

        resumed.ShouldSatisfyAllConditions(
            r => r.RunId.ShouldBe("pos-stopped"), r => r.Status.ShouldBe(RunStatus.Completed),
            r => r.SkusCompared.ShouldBe(2), r => r.InAgreement.ShouldBe(1), r => r.MissedEvent.ShouldBe(1));
        (await reports.GetAsync("pos-stopped", 10, null, CoreHarness.Ct))!.Discrepancies.Items.ShouldBe([first]);
    }

    [Fact]
    public async Task Resolve_AcceptChannel_PublishesOneReconciliationAdjustmentByTheDifferenceAndRecordsWhoAndHow()
    {
        await Report(7, Start.AddMinutes(30));
        var (run, _) = await Reconcile();
        var review = _core.Get<ReviewHandler>();

        var result = await review.ResolveAsync(run.RunId, Sku1, ReviewResolution.AcceptChannel, "alice", CoreHarness.Ct);
        var again = await review.ResolveAsync(run.RunId, Sku1, ReviewResolution.AcceptMaster, "bob", CoreHarness.Ct);

        result.Status.ShouldBe(ReviewStatus.Resolved);
        result.Item!.Review.ShouldBe(new ReviewOutcome(ReviewResolution.AcceptChannel, "alice", _core.Time.GetUtcNow()));
        var adjustment = Publisher.Published.ShouldHaveSingleItem().ShouldBeOfType<StockAdjusted>();
        adjustment.ShouldSatisfyAllConditions(a => a.Delta.ShouldBe(-3), a => a.Location.ShouldBe(Store), a => a.Reason.ShouldBe("reconciliation"), a => a.Id.Value.ShouldContain(run.RunId));
        again.Status.ShouldBe(ReviewStatus.AlreadyResolved);
        (await review.ListOpenAsync(10, 10, CoreHarness.Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Resolve_AcceptMaster_RepushesTheMasterValueUnderTheNextVersion()
    {
        await Report(7, Start.AddMinutes(30));
        var (run, _) = await Reconcile();
        (await _core.Get<ReviewHandler>().ListOpenAsync(10, 10, CoreHarness.Ct)).ShouldHaveSingleItem().RunId.ShouldBe(run.RunId);

        var result = await _core.Get<ReviewHandler>().ResolveAsync(run.RunId, Sku1, ReviewResolution.AcceptMaster, "alice", CoreHarness.Ct);

        result.Item!.CorrectionVersion.ShouldBe(2);
        Sink.Pushed[^1].ShouldBe(new AvailabilityUpdate(Pos, Sku1.Value, 10, 2));
        Publisher.Published.ShouldBeEmpty();
    }

    [Fact]
    public async Task Resolve_UnknownRunOrSku_IsNotFound()
    {
        var review = _core.Get<ReviewHandler>();

        (await review.ResolveAsync("no-such-run", Sku1, ReviewResolution.AcceptMaster, "alice", CoreHarness.Ct)).Status.ShouldBe(ReviewStatus.NotFound);
    }
}
