using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Application;

namespace ServerlessInventory.Core.Operations.Health;

/// <summary>
/// Samples the health report at the host's pace (the <c>SampleHealth</c> timer, every <see cref="HealthOptions.SampleInterval"/>)
/// and keeps the samples of the last <see cref="HealthOptions.HistoryWindow"/> in memory: the page's chart needs no
/// metrics service. The latest report also feeds the health gauges of the product's meter, for Azure Monitor.
/// </summary>
public sealed class HealthSampler
{
    private readonly HealthHandler _handler;
    private readonly WebhookWindow _webhooks;
    private readonly TimeProvider _timeProvider;
    private readonly HealthOptions _options;
    private readonly Queue<HealthSample> _samples = new();
    private readonly Lock _gate = new();
    private HealthReport? _latest;

    public HealthSampler(HealthHandler handler, WebhookWindow webhooks, TimeProvider timeProvider, IOptions<HealthOptions> options, IMeterFactory meterFactory)
    {
        _handler = handler;
        _webhooks = webhooks;
        _timeProvider = timeProvider;
        _options = options.Value;
        HealthGauges.Register(meterFactory.Create(InventoryMetrics.MeterName), () => Volatile.Read(ref _latest));
    }

    /// <summary>The report the latest sample was taken from; null before the first.</summary>
    public HealthReport? Latest => Volatile.Read(ref _latest);

    public async Task<HealthSample> SampleAsync(CancellationToken cancellationToken)
    {
        var report = await _handler.ReadAsync(cancellationToken).ConfigureAwait(false);
        var sample = new HealthSample(
            report.At,
            report.Apply.LagP99Seconds,
            report.Channels.Sum(c => (long)c.PushesOwed),
            _webhooks.Over(TimeSpan.FromMinutes(1)).Total);
        lock (_gate)
        {
            _samples.Enqueue(sample);
            Prune();
        }
        Volatile.Write(ref _latest, report);
        return sample;
    }

    /// <summary>The samples of the last <see cref="HealthOptions.HistoryWindow"/>, oldest first.</summary>
    public HealthHistory History()
    {
        lock (_gate)
        {
            Prune();
            return new HealthHistory(_options.SampleInterval.TotalSeconds, [.. _samples]);
        }
    }

    private void Prune()
    {
        var since = _timeProvider.GetUtcNow() - _options.HistoryWindow;
        while (_samples.TryPeek(out var oldest) && oldest.At < since)
        {
            _samples.Dequeue();
        }
    }
}
