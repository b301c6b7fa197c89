using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Tests.Support;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Application;

/// <summary>
/// Listens only to the meter of this test's own service provider (its <see cref="IMeterFactory"/> is the
/// meter's scope), so tests running in parallel do not see each other's measurements.
/// </summary>
public sealed class InventoryMetricsTests : IDisposable
{
    private readonly CoreHarness _core = new();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)> _measurements = new();

    public InventoryMetricsTests()
    {
        var factory = _core.Get<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == InventoryMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var tagMap = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                tagMap[tag.Key] = tag.Value;
            }
            _measurements.Enqueue((instrument.Name, value, tagMap));
        });
        _listener.Start();
        _ = _core.Get<InventoryMetrics>();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _core.Dispose();
    }

    private long Total(string instrument, string? tag = null, string? value = null) => _measurements
        .Where(m => m.Instrument == instrument && (tag is null || Equals(m.Tags.GetValueOrDefault(tag), value)))
        .Sum(m => m.Value);

    [Fact]
    public async Task Recorded_Oversell_CountsOversoldUnits()
    {
        _core.Store.Seed(Sku1, Position(Store, onHand: 5));

        var outcomes = await _core.Get<ApplyEventsHandler>().HandleAsync([Placed(8, "O-1"), Placed(1, "O-2")], CoreHarness.Ct);

        outcomes.Sum(o => o.Oversold).ShouldBe(3 + 1);
        Total("inventory.oversold").ShouldBe(4);
    }

    [Fact]
    public async Task Recorded_NoOversell_CountsNothingOversold()
    {
        _core.Store.Seed(Sku1, Position(Store, onHand: 5));

        await _core.Get<ApplyEventsHandler>().HandleAsync([Placed(5)], CoreHarness.Ct);

        Total("inventory.oversold").ShouldBe(0);
    }

    [Fact]
    public async Task Recorded_Batch_CountsEventsByDisposition()
    {
        var sale = Sale(1);

        await _core.Get<ApplyEventsHandler>().HandleAsync([sale, sale, Sale(1, sku: OtherSku), Received(2)], CoreHarness.Ct);

        Total("inventory.events", "disposition", "applied").ShouldBe(2);
        Total("inventory.events", "disposition", "duplicate").ShouldBe(1);
        Total("inventory.events", "disposition", "rejected").ShouldBe(1);
    }

    [Fact]
    public async Task Reservation_Outcomes_AreCountedByOutcome()
    {
        _core.Store.Seed(Sku1, Position(Store, onHand: 2));
        var reserve = _core.Get<ReserveHandler>();

        await reserve.HandleAsync(new ReserveCommand(Sku1.Value, 2, Pos.Value), CoreHarness.Ct);
        await reserve.HandleAsync(new ReserveCommand(Sku1.Value, 1, Pos.Value), CoreHarness.Ct);

        Total("inventory.reservations", "outcome", "granted").ShouldBe(1);
        Total("inventory.reservations", "outcome", "insufficientstock").ShouldBe(1);
    }

    [Fact]
    public async Task ReservationGroup_LoneRequests_AreRecordedAsGroupsOfOne()
    {
        _core.Store.Seed(Sku1, Position(Store, onHand: 2));
        var reserve = _core.Get<ReserveHandler>();

        await reserve.HandleAsync(new ReserveCommand(Sku1.Value, 1, Pos.Value), CoreHarness.Ct);
        await reserve.HandleAsync(new ReserveCommand(Sku1.Value, 1, Pos.Value), CoreHarness.Ct);

        _measurements.Where(m => m.Instrument == "inventory.reservation.group_size").Select(m => m.Value).ShouldBe([1L, 1L]);
    }

    [Fact]
    public async Task Reservation_InvalidAndUnknown_AreCountedToo()
    {
        await _core.Get<ReserveHandler>().HandleAsync(new ReserveCommand(Sku1.Value, 0, Pos.Value), CoreHarness.Ct);
        await _core.Get<ReservationLifecycleHandler>().ReleaseAsync("no-such-hold", CoreHarness.Ct);

        Total("inventory.reservations", "outcome", "invalid").ShouldBe(1);
        Total("inventory.reservations", "outcome", "notfound").ShouldBe(1);
    }

    [Fact]
    public async Task ConcurrencyRetry_EachConflict_IsCounted()
    {
        _core.Store.ConflictsToInject = 2;

        await _core.Get<ApplyEventsHandler>().HandleAsync([Received(1)], CoreHarness.Ct);

        Total("inventory.concurrency.retries").ShouldBe(2);
    }

    [Fact]
    public void Recorded_Directly_AddsOversoldOfEachOutcome()
    {
        var metrics = _core.Get<InventoryMetrics>();

        metrics.Recorded([new EventOutcome(new EventId("a"), EventDisposition.Applied, Oversold: 2), new EventOutcome(new EventId("b"), EventDisposition.Applied, Oversold: 5)]);

        Total("inventory.oversold").ShouldBe(7);
    }
}
