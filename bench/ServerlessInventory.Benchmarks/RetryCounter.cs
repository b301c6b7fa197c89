using System.Diagnostics.Metrics;
using ServerlessInventory.Core.Application;

namespace ServerlessInventory.Benchmarks;

/// <summary>
/// Counts Core's optimistic-concurrency retries as operators see them: through the
/// <c>inventory.concurrency.retries</c> counter of the <c>ServerlessInventory</c> meter, not by instrumenting Core.
/// </summary>
internal sealed class RetryCounter : IDisposable
{
    public const string InstrumentName = "inventory.concurrency.retries";

    private readonly MeterListener _listener = new();
    private long _retries;

    public RetryCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == InventoryMetrics.MeterName && instrument.Name == InstrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _retries, value));
        _listener.Start();
    }

    public long Retries => Interlocked.Read(ref _retries);

    public void Dispose() => _listener.Dispose();
}
