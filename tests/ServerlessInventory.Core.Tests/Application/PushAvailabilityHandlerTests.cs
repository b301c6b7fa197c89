using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Tests.Support;
using RecordingAvailabilitySink = ServerlessInventory.Testing.RecordingAvailabilitySink;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Application;

/// <summary>Over the default catalog: web sells from store-1 and wh-1, pos from store-1 only.</summary>
public sealed class PushAvailabilityHandlerTests : IDisposable
{
    private readonly CoreHarness _core = new();

    public PushAvailabilityHandlerTests() => Stock(store: 10, warehouse: 5);

    private RecordingAvailabilitySink Sink => (RecordingAvailabilitySink)_core.Get<IAvailabilitySink>();

    private IPushStateStore States => _core.Get<IPushStateStore>();

    private PushAvailabilityHandler Handler => _core.Get<PushAvailabilityHandler>();

    public void Dispose() => _core.Dispose();

    private void Stock(int store, int warehouse, Sku? sku = null) =>
        _core.Store.Seed(sku ?? Sku1, Position(Store, onHand: store), Position(Warehouse, onHand: warehouse));

    private Task<PushSummary> Push(params Sku[] skus) => Handler.HandleAsync(skus, CoreHarness.Ct);

    private Task<PushSummary> Retry() => Handler.RetryUndeliveredAsync(CoreHarness.Ct);

    private async Task<PushState> StateOf(ChannelId channel, Sku? sku = null) =>
        (await States.GetAsync([sku ?? Sku1], CoreHarness.Ct)).Single(s => s.Channel == channel && s.Sku == (sku ?? Sku1));

    private static AvailabilityUpdate Update(ChannelId channel, int available, long version, Sku? sku = null, int? acknowledged = null) =>
        new(channel, (sku ?? Sku1).Value, available, version) { Acknowledged = acknowledged };

    [Fact]
    public async Task HandleAsync_FirstRound_PushesEveryChannelAtVersionOne()
    {
        var summary = await Push(Sku1);

        summary.ShouldBe(new PushSummary(2, 0, 0));
        Sink.Pushed.ShouldBe([Update(Web, 15, 1), Update(Pos, 10, 1)], ignoreOrder: true);
        var web = await StateOf(Web);
        web.Available.ShouldBe(15);
        web.Version.ShouldBe(1);
        web.Delivered.ShouldBeTrue();
        (await StateOf(Pos)).Delivered.ShouldBeTrue();
        (await States.ListUndeliveredAsync(10, CoreHarness.Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task RetryUndeliveredAsync_StatesOwedToAChannelThatNoLongerSells_AreRetiredAndDoNotBlockTheRest()
    {
        // A full retry window of states owed to a channel since removed from the catalog.
        var gone = new ChannelId("gone");
        var orphans = Enumerable.Range(0, PushAvailabilityHandler.RetryBatchSize)
            .Select(i => new PushState(gone, new Sku($"orphan-{i}"), 1, 1, false, Start.AddMinutes(-10))).ToList();
        await States.SaveAsync(orphans, CoreHarness.Ct);
        Sink.Down = true;
        await Push(Sku1);
        Sink.Down = false;

        await Retry();
        await Retry();

        (await StateOf(Web)).Delivered.ShouldBeTrue("the owed push got through once the orphans were retired");
        (await States.ListUndeliveredAsync(10_000, CoreHarness.Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_SkuUnchanged_IsNotPushedAgain()
    {
        await Push(Sku1);
        _core.Time.Advance(TimeSpan.FromMinutes(1));

        var summary = await Push(Sku1);

        summary.ShouldBe(new PushSummary(0, 2, 0));
        Sink.Pushed.Count.ShouldBe(2);
        (await StateOf(Web)).Version.ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_ChangeSeenByOneChannel_PushesOnlyItAtNextVersion()
    {
        await Push(Sku1);
        Stock(store: 10, warehouse: 3);

        var summary = await Push(Sku1);

        summary.ShouldBe(new PushSummary(1, 1, 0));
        // The value web acknowledged before travels with the new one: a compare-and-set channel sets from it.
        Sink.Pushed.Skip(2).ShouldBe([Update(Web, 13, 2, acknowledged: 15)]);
        (await StateOf(Web)).Version.ShouldBe(2);
        (await StateOf(Pos)).Version.ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_PreviousPushStillOwed_NewValueCarriesNoAcknowledgedValue()
    {
        await Push(Sku1);
        Sink.Down = true;
        Stock(store: 10, warehouse: 3);
        await Push(Sku1);
        Sink.Down = false;
        Stock(store: 4, warehouse: 3);

        await Push(Sku1);

        // What web holds is unknown once a value it never acknowledged is recorded over its last acknowledged one.
        Sink.Pushed.Last(p => p.Channel == Web).Acknowledged.ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_ChangeSeenByEveryChannel_PushesEachAtItsNextVersion()
    {
        await Push(Sku1);
        Stock(store: 10, warehouse: 3);
        await Push(Sku1);
        Stock(store: 4, warehouse: 3);

        await Push(Sku1);

        Sink.Pushed.Skip(3).ShouldBe([Update(Web, 7, 3, acknowledged: 13), Update(Pos, 4, 2, acknowledged: 10)], ignoreOrder: true);
    }

    [Fact]
    public async Task HandleAsync_SinkDown_FailsAndLeavesValuesOwedAtTheirVersion()
    {
        Sink.Down = true;

        var summary = await Push(Sku1);

        summary.ShouldBe(new PushSummary(0, 0, 2));
        Sink.Pushed.ShouldBeEmpty();
        var web = await StateOf(Web);
        web.Delivered.ShouldBeFalse();
        web.Available.ShouldBe(15);
        web.Version.ShouldBe(1);
        var pos = await StateOf(Pos);
        pos.Delivered.ShouldBeFalse();
        pos.Available.ShouldBe(10);
        pos.Version.ShouldBe(1);
        (await States.ListUndeliveredAsync(10, CoreHarness.Ct)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task HandleAsync_SinkStillDownAndValueUnchanged_KeepsTheSameVersionOwed()
    {
        Sink.Down = true;
        await Push(Sku1);

        var summary = await Push(Sku1);

        summary.ShouldBe(new PushSummary(0, 0, 2));
        (await StateOf(Web)).Version.ShouldBe(1);
        (await StateOf(Web)).Delivered.ShouldBeFalse();
    }

    [Fact]
    public async Task RetryUndeliveredAsync_SinkBackValueUnchanged_DeliversTheOwedValue()
    {
        Sink.Down = true;
        await Push(Sku1);
        Sink.Down = false;
        _core.Time.Advance(TimeSpan.FromMinutes(2));

        var summary = await Retry();

        summary.ShouldBe(new PushSummary(2, 0, 0));
        Sink.Pushed.ShouldBe([Update(Web, 15, 1), Update(Pos, 10, 1)], ignoreOrder: true);
        (await StateOf(Web)).Delivered.ShouldBeTrue();
        (await StateOf(Pos)).Delivered.ShouldBeTrue();
        (await States.ListUndeliveredAsync(10, CoreHarness.Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task RetryUndeliveredAsync_ValueChangedWhileDown_DeliversOnlyTheLatestAtAHigherVersion()
    {
        Sink.Down = true;
        await Push(Sku1);
        Stock(store: 4, warehouse: 1);
        Sink.Down = false;

        await Retry();

        Sink.Pushed.ShouldBe([Update(Web, 5, 2), Update(Pos, 4, 2)], ignoreOrder: true);
        (await StateOf(Web)).ShouldSatisfyAllConditions(s => s.Available.ShouldBe(5), s => s.Version.ShouldBe(2), s => s.Delivered.ShouldBeTrue());
    }

    [Fact]
    public async Task RetryUndeliveredAsync_SeveralFailedChanges_NeverSendsAnOlderValue()
    {
        await Push(Sku1);
        Sink.Down = true;
        Stock(store: 8, warehouse: 5);
        await Push(Sku1);
        Stock(store: 6, warehouse: 5);
        await Push(Sku1);
        await Retry();
        Sink.Down = false;

        var summary = await Retry();

        summary.ShouldBe(new PushSummary(2, 0, 0));
        Sink.Pushed.Skip(2).ShouldBe([Update(Web, 11, 3), Update(Pos, 6, 3)], ignoreOrder: true);
        (await Retry()).ShouldBe(new PushSummary(0, 0, 0));
        Sink.Pushed.Count.ShouldBe(4);
    }

    [Fact]
    public async Task RetryUndeliveredAsync_NothingOwed_PushesNothing()
    {
        await Push(Sku1);

        (await Retry()).ShouldBe(new PushSummary(0, 0, 0));
        Sink.Pushed.Count.ShouldBe(2);
    }

    [Fact]
    public async Task RetryUndeliveredAsync_OneSkuOwed_LeavesOtherSkusAlone()
    {
        Stock(store: 1, warehouse: 1, sku: OtherSku);
        await Push(OtherSku);
        Sink.Down = true;
        await Push(Sku1);
        Stock(store: 3, warehouse: 3, sku: OtherSku);
        Sink.Down = false;

        await Retry();

        Sink.Pushed.Skip(2).Select(u => u.Sku).Distinct().ShouldBe([Sku1.Value]);
    }

    [Fact]
    public async Task HandleAsync_ManyRoundsWithOutages_VersionsStrictlyIncreasePerChannelAndSku()
    {
        var rounds = new (int Store, int Warehouse, bool Down, bool Retry)[]
        {
            (10, 5, false, false), (9, 5, true, false), (9, 5, true, true), (7, 2, false, false), (7, 2, false, false),
            (10, 5, true, false), (3, 0, true, false), (3, 0, false, true), (3, 1, false, false), (0, 0, true, false), (12, 1, false, true),
        };

        foreach (var round in rounds)
        {
            Stock(round.Store, round.Warehouse);
            Sink.Down = round.Down;
            await (round.Retry ? Retry() : Push(Sku1));
            _core.Time.Advance(TimeSpan.FromSeconds(10));
        }
        Sink.Down = false;
        await Retry();

        foreach (var channel in new[] { Web, Pos })
        {
            var versions = Sink.Pushed.Where(u => u.Channel == channel && u.Sku == Sku1.Value).Select(u => u.Version).ToList();
            versions.Count.ShouldBeGreaterThan(2);
            versions.Zip(versions.Skip(1)).ShouldAllBe(pair => pair.First < pair.Second);
            var state = await StateOf(channel);
            state.Delivered.ShouldBeTrue();
            state.Version.ShouldBe(versions[^1]);
        }
        Sink.Pushed.Last(u => u.Channel == Web).Available.ShouldBe(13);
        Sink.Pushed.Last(u => u.Channel == Pos).Available.ShouldBe(12);
    }

    [Fact]
    public async Task HandleAsync_SameSkuSeveralTimes_PushesOncePerChannel()
    {
        var summary = await Push(Sku1, Sku1, Sku1);

        summary.ShouldBe(new PushSummary(2, 0, 0));
        Sink.Pushed.Count.ShouldBe(2);
        Sink.Pushed.Select(u => u.Channel).ShouldBe([Web, Pos], ignoreOrder: true);
        Sink.Pushed.ShouldAllBe(u => u.Version == 1);
    }

    [Fact]
    public async Task HandleAsync_SeveralSkusWithRepeats_PushesEachSkuOncePerChannel()
    {
        Stock(store: 2, warehouse: 0, sku: OtherSku);

        await Push(Sku1, OtherSku, Sku1, OtherSku);

        Sink.Pushed.ShouldBe(
            [Update(Web, 15, 1), Update(Pos, 10, 1), Update(Web, 2, 1, OtherSku), Update(Pos, 2, 1, OtherSku)],
            ignoreOrder: true);
    }

    [Fact]
    public async Task HandleAsync_NoSkus_DoesNothing()
    {
        var summary = await Push();

        summary.ShouldBe(new PushSummary(0, 0, 0));
        Sink.Pushed.ShouldBeEmpty();
        (await States.GetAsync([Sku1], CoreHarness.Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_ChannelSellsTheSkuByTheCase_PushedItsSkuInWholeCasesUnderOneVersion()
    {
        using var core = new CoreHarness(new Dictionary<string, string?>
        {
            ["Catalog:Channels:web:SkuMap:CASE-1:Sku"] = Sku1.Value,
            ["Catalog:Channels:web:SkuMap:CASE-1:UnitFactor"] = "12",
            ["Catalog:Channels:web:SkuMap:EACH-1:Sku"] = Sku1.Value,
        });
        var sink = (RecordingAvailabilitySink)core.Get<IAvailabilitySink>();
        core.Store.Seed(Sku1, Position(Store, onHand: 20), Position(Warehouse, onHand: 5));

        await core.Get<PushAvailabilityHandler>().HandleAsync([Sku1], CoreHarness.Ct);

        sink.Pushed.ShouldBe([new(Web, "CASE-1", 2, 1), new(Web, "EACH-1", 25, 1), new(Pos, Sku1.Value, 20, 1)], ignoreOrder: true);
        (await core.Get<IPushStateStore>().GetAsync([Sku1], CoreHarness.Ct)).ShouldAllBe(s => s.Delivered);
    }

    [Fact]
    public async Task HandleAsync_ChannelRequiresMappingAndSkuUnmapped_NothingPushedAndNothingOwed()
    {
        using var core = new CoreHarness(new Dictionary<string, string?> { ["Catalog:Channels:web:RequireSkuMapping"] = "true" });
        var sink = (RecordingAvailabilitySink)core.Get<IAvailabilitySink>();
        core.Store.Seed(Sku1, Position(Store, onHand: 4));

        await core.Get<PushAvailabilityHandler>().HandleAsync([Sku1], CoreHarness.Ct);

        sink.Pushed.ShouldBe([new(Pos, Sku1.Value, 4, 1)]);
        (await core.Get<IPushStateStore>().ListUndeliveredAsync(10, CoreHarness.Ct)).ShouldBeEmpty();
    }
}
