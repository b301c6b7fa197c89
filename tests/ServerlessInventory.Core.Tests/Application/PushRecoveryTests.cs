using Microsoft.Extensions.DependencyInjection;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Tests.Support;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Application;

/// <summary>
/// A channel that was unavailable gets what it is owed as soon as it answers, not at the next retry round. Over the
/// default catalog (web sells from store-1 and wh-1, pos from store-1); the sink fails as the HTTP sink does for a
/// channel that is down. No test here calls the retry round.
/// </summary>
public sealed class PushRecoveryTests : IDisposable
{
    private readonly OutageSink _sink = new();
    private readonly CoreHarness _core;
    private readonly List<Sku> _skus = [.. Enumerable.Range(1, 5).Select(i => new Sku($"SKU-R{i}"))];

    public PushRecoveryTests()
    {
        _core = new CoreHarness(configure: services => services.AddSingleton<IAvailabilitySink>(_sink));
        foreach (var sku in _skus)
        {
            Stock(sku, store: 10, warehouse: 5);
        }
    }

    private PushAvailabilityHandler Handler => _core.Get<PushAvailabilityHandler>();

    public void Dispose() => _core.Dispose();

    private void Stock(Sku sku, int store, int warehouse) => _core.Store.Seed(sku, Position(Store, onHand: store), Position(Warehouse, onHand: warehouse));

    /// <summary>Moves the clock, then waits for what that started (a probe's drain) to finish.</summary>
    private async Task AdvanceAsync(TimeSpan by)
    {
        _core.Time.Advance(by);
        await Handler.DrainsSettledAsync();
    }

    private async Task<IReadOnlyList<PushState>> OwedAsync() => await _core.Get<IPushStateStore>().ListUndeliveredAsync(1000, CoreHarness.Ct);

    [Fact]
    public async Task Recovery_ChannelBackWhileItsCircuitIsOpen_EveryOwedValueSentWhenTheCircuitAllowsATrial()
    {
        _sink.Down(Web, retryAfter: TimeSpan.FromSeconds(3));
        await Handler.HandleAsync(_skus, CoreHarness.Ct);
        _sink.FailedTo(Web).Count.ShouldBe(_skus.Count);
        _sink.Up(Web);

        await AdvanceAsync(TimeSpan.FromSeconds(2.9));
        _sink.DeliveredTo(Web).ShouldBeEmpty("the circuit is open until 3 s: nothing is tried before");

        await AdvanceAsync(TimeSpan.FromSeconds(0.1));

        _sink.DeliveredTo(Web).Select(u => u.Sku).ShouldBe(_skus.Select(s => s.Value), ignoreOrder: true);
        _sink.DeliveredTo(Web).ShouldAllBe(u => u.Available == 15 && u.Version == 1);
        (await OwedAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Recovery_TrialPushFails_OnlyOneValueTriedThenTriedAgainWhenTheCircuitAllows()
    {
        _sink.Down(Web, retryAfter: TimeSpan.FromSeconds(2));
        await Handler.HandleAsync(_skus, CoreHarness.Ct);

        await AdvanceAsync(TimeSpan.FromSeconds(2));
        _sink.FailedTo(Web).Count.ShouldBe(_skus.Count + 1, "one trial push, not every owed value into a half-open circuit");

        _sink.Up(Web);
        await AdvanceAsync(TimeSpan.FromSeconds(1.9));
        _sink.DeliveredTo(Web).ShouldBeEmpty("the failed trial opened the circuit for another 2 s");

        await AdvanceAsync(TimeSpan.FromSeconds(0.1));
        _sink.DeliveredTo(Web).Count.ShouldBe(_skus.Count);
        _sink.FailedTo(Web).Count.ShouldBe(_skus.Count + 1);
        (await OwedAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Recovery_NewChangePushedOnceTheChannelAnswers_EveryOwedValueSentAtOnce()
    {
        _sink.Down(Web, retryAfter: TimeSpan.FromMinutes(5));
        await Handler.HandleAsync(_skus, CoreHarness.Ct);
        _sink.Up(Web);
        var changed = new Sku("SKU-R-NEW");
        Stock(changed, store: 1, warehouse: 1);

        await Handler.HandleAsync([changed], CoreHarness.Ct);
        await Handler.DrainsSettledAsync();

        _sink.DeliveredTo(Web).Select(u => u.Sku).ShouldBe([changed.Value, .. _skus.Select(s => s.Value)], ignoreOrder: true);
        (await OwedAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Recovery_ValueChangedWhileDown_OnlyTheLatestSentAtItsHigherVersion()
    {
        var sku = _skus[0];
        _sink.Down(Web, retryAfter: TimeSpan.FromSeconds(2));
        await Handler.HandleAsync([sku], CoreHarness.Ct);
        Stock(sku, store: 4, warehouse: 5);
        await Handler.HandleAsync([sku], CoreHarness.Ct);
        _sink.FailedTo(Web).Select(u => (u.Available, u.Version)).ShouldBe([(15, 1L), (9, 2L)]);
        _sink.Up(Web);

        await AdvanceAsync(TimeSpan.FromSeconds(2));

        _sink.DeliveredTo(Web).ShouldBe([new AvailabilityUpdate(Web, sku.Value, 9, 2)]);
    }

    [Fact]
    public async Task Recovery_OtherChannelsKeepGettingTheirPushesWhileOneIsDown()
    {
        _sink.Down(Web, retryAfter: TimeSpan.FromSeconds(2));

        await Handler.HandleAsync(_skus, CoreHarness.Ct);
        await AdvanceAsync(TimeSpan.FromSeconds(2));

        _sink.DeliveredTo(Pos).Count.ShouldBe(_skus.Count);
        _sink.FailedTo(Pos).ShouldBeEmpty();
        (await OwedAsync()).ShouldAllBe(s => s.Channel == Web);
    }

    [Fact]
    public async Task Recovery_PushRefusedByTheChannel_NotProbedButLeftToTheRetryRound()
    {
        using var core = new CoreHarness();
        var sink = (Testing.RecordingAvailabilitySink)core.Get<IAvailabilitySink>();
        var handler = core.Get<PushAvailabilityHandler>();
        core.Store.Seed(Sku1, Position(Store, onHand: 3));
        sink.Down = true; // An HttpRequestException, as for a 401: the push is wrong, not the channel away.
        await handler.HandleAsync([Sku1], CoreHarness.Ct);
        sink.Down = false;

        core.Time.Advance(TimeSpan.FromSeconds(30));
        await handler.DrainsSettledAsync();

        sink.Pushed.ShouldBeEmpty();
        (await core.Get<IPushStateStore>().ListUndeliveredAsync(10, CoreHarness.Ct)).Count.ShouldBe(2);
    }
}
