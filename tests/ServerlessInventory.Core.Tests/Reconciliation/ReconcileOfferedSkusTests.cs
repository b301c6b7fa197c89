using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Reconciliation;
using ServerlessInventory.Testing;
using CoreHarness = ServerlessInventory.Core.Tests.Support.CoreHarness;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Reconciliation;

/// <summary>
/// SKUs pos is offered but never reported: a run takes what pos last acknowledged as what it shows. pos sells from
/// store-1 only; one SKU per page, so every run also walks the merge of reported and offered SKUs across pages.
/// </summary>
public sealed class ReconcileOfferedSkusTests : IDisposable
{
    private static readonly ChannelId Wms = new("wms");

    private readonly CoreHarness _core = new(new Dictionary<string, string?> { ["Reconciliation:PageSize"] = "1" });

    public void Dispose() => _core.Dispose();

    private RecordingAvailabilitySink Sink => (RecordingAvailabilitySink)_core.Get<IAvailabilitySink>();

    private async Task Receive(Sku sku, int quantity, CoreHarness? core = null)
    {
        core ??= _core;
        await core.Get<ApplyEventsHandler>().HandleAsync([new StockReceived(NewId(), Wms, core.Time.GetUtcNow(), sku, Store, quantity)], CoreHarness.Ct);
    }

    private static async Task<(ReconciliationRun Run, IReadOnlyList<Discrepancy> Found)> Reconcile(CoreHarness core)
    {
        var run = (await core.Get<ReconcileChannelHandler>().RunChannelsAsync(Pos, CoreHarness.Ct)).Single();
        return (run, (await core.Get<IReconciliationReportStore>().GetAsync(run.RunId, 100, null, CoreHarness.Ct))!.Discrepancies.Items);
    }

    [Fact]
    public async Task Run_OfferedSkuAcknowledgedAtTheCurrentValueAndNeverReported_IsComparedAndInAgreement()
    {
        await Receive(Sku1, 10);
        await _core.Get<PushAvailabilityHandler>().HandleAsync([Sku1], CoreHarness.Ct);
        _core.Time.Advance(TimeSpan.FromHours(1));
        var pushedBefore = Sink.Pushed.Count;

        var (run, found) = await Reconcile(_core);

        run.ShouldSatisfyAllConditions(r => r.Status.ShouldBe(RunStatus.Completed), r => r.SkusCompared.ShouldBe(1), r => r.InAgreement.ShouldBe(1));
        found.ShouldBeEmpty();
        Sink.Pushed.Count.ShouldBe(pushedBefore);
    }

    [Fact]
    public async Task Run_OfferedSkuNeverPushedNorReported_IsMissedPushSentThroughThePushPath()
    {
        await Receive(OtherSku, 6);
        _core.Time.Advance(TimeSpan.FromHours(1));

        var (run, found) = await Reconcile(_core);

        found.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            d => d.Sku.ShouldBe(OtherSku), d => d.LikelyCause.ShouldBe(DiscrepancyCause.MissedPush), d => d.Action.ShouldBe(DiscrepancyAction.Repushed),
            d => d.MasterValue.ShouldBe(6), d => d.ChannelValue.ShouldBe(0), d => d.ReportedAt.ShouldBeNull(), d => d.CorrectionVersion.ShouldBe(1));
        run.ShouldSatisfyAllConditions(r => r.MissedPush.ShouldBe(1), r => r.AutoCorrected.ShouldBe(1));
        Sink.Pushed.ShouldContain(new AvailabilityUpdate(Pos, OtherSku.Value, 6, 1));
        (await _core.Get<IPushStateStore>().GetAsync([OtherSku], CoreHarness.Ct)).ShouldContain(s => s.Channel == Pos && s.Delivered && s.Version == 1);
    }

    [Fact]
    public async Task Run_MasterChangedAfterTheAcknowledgedValueOfAnUnreportedSku_IsMissedPushAgainstTheAcknowledgedValue()
    {
        await Receive(Sku1, 10);
        await _core.Get<PushAvailabilityHandler>().HandleAsync([Sku1], CoreHarness.Ct);
        _core.Time.Advance(TimeSpan.FromMinutes(30));
        await _core.Get<ApplyEventsHandler>().HandleAsync([Sale(4, time: _core.Time.GetUtcNow())], CoreHarness.Ct);
        _core.Time.Advance(TimeSpan.FromMinutes(30));

        var (_, found) = await Reconcile(_core);

        found.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            d => d.LikelyCause.ShouldBe(DiscrepancyCause.MissedPush), d => d.MasterValue.ShouldBe(6), d => d.ChannelValue.ShouldBe(10), d => d.CorrectionVersion.ShouldBe(2));
        Sink.Pushed.ShouldContain(new AvailabilityUpdate(Pos, Sku1.Value, 6, 2));
    }

    [Fact]
    public async Task Run_UnreportedSkuChangedWithinTheSettlingWindow_IsInFlight()
    {
        await Receive(OtherSku, 6);

        var (run, found) = await Reconcile(_core);

        run.InFlight.ShouldBe(1);
        found.ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_ReportedAndOfferedSkusInterleavedAcrossPages_ComparesEachOnceInOrder()
    {
        var (a, b, c) = (new Sku("SKU-A"), new Sku("SKU-B"), new Sku("SKU-C"));
        await Receive(a, 5);
        await Receive(c, 5);
        await _core.Get<PushAvailabilityHandler>().HandleAsync([a, c], CoreHarness.Ct);
        // b: answered by pos when pulled, never held by the master.
        await _core.Levels.RecordAsync([new ReportedLevel(Pos, b, null, 2, _core.Time.GetUtcNow())], CoreHarness.Ct);
        await _core.Get<ApplyEventsHandler>().HandleAsync([new LevelReported(NewId(), Pos, _core.Time.GetUtcNow(), c, Store, Pos, 5)], CoreHarness.Ct);
        _core.Time.Advance(TimeSpan.FromHours(1));

        var (run, found) = await Reconcile(_core);

        run.ShouldSatisfyAllConditions(r => r.SkusCompared.ShouldBe(3), r => r.InAgreement.ShouldBe(2), r => r.UnknownCause.ShouldBe(1));
        found.ShouldHaveSingleItem().Sku.ShouldBe(b);
    }

    [Fact]
    public async Task Run_SkuTheChannelDoesNotList_IsNotCompared()
    {
        using var core = new CoreHarness(new Dictionary<string, string?>
        {
            ["Catalog:Channels:pos:RequireSkuMapping"] = "true",
            ["Catalog:Channels:pos:SkuMap:POS-1:Sku"] = Sku1.Value,
        });
        await Receive(Sku1, 4, core);
        await Receive(OtherSku, 4, core);
        core.Time.Advance(TimeSpan.FromHours(1));

        var (run, found) = await Reconcile(core);

        run.SkusCompared.ShouldBe(1);
        found.ShouldHaveSingleItem().Sku.ShouldBe(Sku1);
    }
}
