using Microsoft.Extensions.Logging.Abstractions;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Tests.Support;
using ServerlessInventory.Testing;
using static ServerlessInventory.Core.Tests.Support.TestData;
using CoreHarness = ServerlessInventory.Core.Tests.Support.CoreHarness;

namespace ServerlessInventory.Core.Tests.Application;

/// <summary>
/// Another function instance pushing the same SKU at the same time, played by a store that lets a rival save first
/// just before this instance's save: the store refuses what is no longer newer, and the handler must act on that.
/// </summary>
public sealed class PushAvailabilityHandlerRaceTests : IDisposable
{
    private readonly CoreHarness _core = new();
    private readonly RacingPushStateStore _states = new();
    private readonly RecordingAvailabilitySink _sink = new();
    private readonly PushAvailabilityHandler _handler;

    public PushAvailabilityHandlerRaceTests()
    {
        _core.Store.Seed(Sku1, Position(Store, onHand: 10), Position(Warehouse, onHand: 5));
        _handler = new PushAvailabilityHandler(
            _core.Get<QueryInventoryHandler>(), _core.Get<IInventoryCatalogSource>(), _states, _sink, _core.Time,
            _core.Get<InventoryMetrics>(), NullLogger<PushAvailabilityHandler>.Instance);
    }

    public void Dispose()
    {
        _handler.Dispose();
        _core.Dispose();
    }

    [Fact]
    public async Task HandleAsync_RivalRecordedAStaleValueUnderTheSameVersion_PushesTheCurrentValueUnderTheNext()
    {
        // The rival computed web's value from a view older than the commit this round saw.
        var rivals = new PushState(Web, Sku1, 99, 1, false, Start);
        _states.BeforeNextSave = [rivals];
        var current = (await _core.Get<QueryInventoryHandler>().HandleAsync(Sku1, CoreHarness.Ct)).Channels.Single(c => c.Channel == Web).Available;

        var summary = await _handler.HandleAsync([Sku1], CoreHarness.Ct);

        summary.ShouldBe(new PushSummary(Pushed: 2, Unchanged: 0, Failed: 0, Superseded: 1));
        _sink.Pushed.ShouldBe([new AvailabilityUpdate(Pos, Sku1.Value, 10, 1), new AvailabilityUpdate(Web, Sku1.Value, current, 2)], ignoreOrder: true,
            "version 1 of web belongs to the rival; the current value follows under version 2");
        var web = (await _states.GetAsync([Sku1], CoreHarness.Ct)).Single(s => s.Channel == Web);
        (web.Version, web.Available, web.Delivered).ShouldBe((2L, current, true));
    }

    [Fact]
    public async Task HandleAsync_RivalRecordedTheCurrentValueUnderTheSameVersion_KeepsTheRivalsVersion()
    {
        var current = (await _core.Get<QueryInventoryHandler>().HandleAsync(Sku1, CoreHarness.Ct)).Channels.Single(c => c.Channel == Web).Available;
        var rivals = new PushState(Web, Sku1, current, 1, false, Start);
        _states.BeforeNextSave = [rivals];

        var summary = await _handler.HandleAsync([Sku1], CoreHarness.Ct);

        summary.Superseded.ShouldBe(1);
        // Still owed, so this instance may send it too: the same value under the same version, which a channel takes once.
        _sink.Pushed.Where(p => p.Channel == Web).ShouldAllBe(p => p.Version == 1 && p.Available == current);
        (await _states.GetAsync([Sku1], CoreHarness.Ct)).Single(s => s.Channel == Web).Version.ShouldBe(1, "no second version for an unchanged value");
    }

    [Fact]
    public async Task HandleAsync_RivalRecordedANewerVersionBeforeTheDeliveryMark_KeepsTheNewerOwed()
    {
        var newer = new PushState(Web, Sku1, 7, 2, false, Start);
        _states.BeforeSecondSave = [newer];

        var summary = await _handler.HandleAsync([Sku1], CoreHarness.Ct);

        summary.ShouldBe(new PushSummary(Pushed: 2, Unchanged: 0, Failed: 0));
        var states = await _states.GetAsync([Sku1], CoreHarness.Ct);
        states.Single(s => s.Channel == Web).ShouldBe(newer, "a refused delivery mark leaves the newer value owed");
        states.Single(s => s.Channel == Pos).Delivered.ShouldBeTrue();
    }

    /// <summary>The in-memory store, with a rival's states saved just before this instance's first or second save.</summary>
    private sealed class RacingPushStateStore : IPushStateStore
    {
        private readonly InMemoryPushStateStore _inner = new();
        private int _saves;

        public IReadOnlyList<PushState> BeforeNextSave { get; set; } = [];

        public IReadOnlyList<PushState> BeforeSecondSave { get; set; } = [];

        public Task<IReadOnlyList<PushState>> GetAsync(IReadOnlyCollection<Sku> skus, CancellationToken cancellationToken) => _inner.GetAsync(skus, cancellationToken);

        public async Task<IReadOnlyList<PushState>> SaveAsync(IReadOnlyList<PushState> states, CancellationToken cancellationToken)
        {
            var rival = ++_saves == 1 ? BeforeNextSave : _saves == 2 ? BeforeSecondSave : [];
            (await _inner.SaveAsync(rival, cancellationToken)).ShouldBeEmpty();
            return await _inner.SaveAsync(states, cancellationToken);
        }

        public Task<IReadOnlyList<PushState>> ListUndeliveredAsync(int limit, CancellationToken cancellationToken) => _inner.ListUndeliveredAsync(limit, cancellationToken);
    }
}
