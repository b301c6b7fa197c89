using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Tests.Support;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Application;

/// <summary>A round hands each channel's owed values to the sink together, so a channel that takes many per call can batch them.</summary>
public sealed class PushBatchTests : IDisposable
{
    private readonly BatchingSink _sink = new();
    private readonly CoreHarness _core;

    public PushBatchTests() => _core = new CoreHarness(configure: services => services.AddSingleton<IAvailabilitySink>(_sink));

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task HandleAsync_FortySkusChanged_EachChannelGetsOneBatchOfAllItsValues()
    {
        var skus = Enumerable.Range(1, 40).Select(i => new Sku($"BATCH-{i}")).ToList();
        foreach (var sku in skus)
        {
            _core.Store.Seed(sku, Position(Store, onHand: 10), Position(Warehouse, onHand: 5));
        }

        var summary = await _core.Get<PushAvailabilityHandler>().HandleAsync(skus, CoreHarness.Ct);

        summary.Pushed.ShouldBe(80);
        _sink.Batches.Count.ShouldBe(2, "web and pos, one batch each");
        _sink.Batches.ShouldAllBe(b => b.Count == 40 && b.Select(u => u.Channel).Distinct().Count() == 1);
    }

    [Fact]
    public async Task HandleAsync_SinkRefusesOneValueOfABatch_OnlyThatOneStaysOwed()
    {
        var skus = new[] { new Sku("BATCH-A"), new Sku("BATCH-B") };
        foreach (var sku in skus)
        {
            _core.Store.Seed(sku, Position(Store, onHand: 10), Position(Warehouse, onHand: 5));
        }
        _sink.Refuse = "BATCH-B";

        var summary = await _core.Get<PushAvailabilityHandler>().HandleAsync(skus, CoreHarness.Ct);

        summary.Failed.ShouldBe(2, "BATCH-B on web and on pos");
        var owed = await _core.Get<IPushStateStore>().ListUndeliveredAsync(10, CoreHarness.Ct);
        owed.ShouldAllBe(s => s.Sku == new Sku("BATCH-B"));
        owed.Count.ShouldBe(2);
    }

    private sealed class BatchingSink : IAvailabilitySink
    {
        public ConcurrentQueue<IReadOnlyList<AvailabilityUpdate>> Batches { get; } = new();

        public string? Refuse { get; set; }

        public Task PushAsync(AvailabilityUpdate update, CancellationToken cancellationToken) => throw new InvalidOperationException("pushes arrive as batches");

        public Task<IReadOnlyList<Exception?>> PushBatchAsync(IReadOnlyList<AvailabilityUpdate> updates, CancellationToken cancellationToken)
        {
            Batches.Enqueue(updates);
            return Task.FromResult<IReadOnlyList<Exception?>>([.. updates.Select(u => u.Sku == Refuse ? new InvalidOperationException("refused") : (Exception?)null)]);
        }
    }
}
