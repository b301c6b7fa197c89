using System.Diagnostics.Metrics;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Operations.Health;
using ServerlessInventory.Core.Tests.Support;

namespace ServerlessInventory.Core.Tests.Operations.Health;

public sealed class HealthSamplerTests : IDisposable
{
    private readonly CoreHarness _core = new();

    public void Dispose() => _core.Dispose();

    private HealthSampler Sampler => _core.Get<HealthSampler>();

    [Fact]
    public async Task History_SampledEveryTenSecondsForSeventyMinutes_KeepsTheLastHourOldestFirst()
    {
        for (var i = 0; i < 7 * 60; i++)
        {
            await Sampler.SampleAsync(CoreHarness.Ct);
            _core.Time.Advance(TimeSpan.FromSeconds(10));
        }

        var history = Sampler.History();

        history.IntervalSeconds.ShouldBe(10);
        history.Samples.Count.ShouldBe(360);
        history.Samples[0].At.ShouldBe(_core.Time.GetUtcNow() - TimeSpan.FromHours(1));
        history.Samples.Select(s => s.At).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public async Task Sample_WebhooksInTheLastMinute_IsTheRatePerMinute()
    {
        var metrics = _core.Get<InventoryMetrics>();
        metrics.Ingested(accepted: 5, duplicates: 1, parked: 1);
        _core.Time.Advance(TimeSpan.FromSeconds(61));
        metrics.Ingested(accepted: 3, duplicates: 0, parked: 0);

        var sample = await Sampler.SampleAsync(CoreHarness.Ct);

        sample.WebhooksPerMinute.ShouldBe(3);
    }

    [Fact]
    public async Task Gauges_BeforeAndAfterTheFirstSample_ReportNothingThenTheLatestReport()
    {
        var factory = _core.Get<IMeterFactory>();
        var seen = new List<(string Name, double Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == InventoryMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name.StartsWith("health.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => seen.Add((instrument.Name, value)));
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => seen.Add((instrument.Name, value)));
        _ = Sampler;
        listener.Start();

        listener.RecordObservableInstruments();
        seen.ShouldBeEmpty();

        _core.Get<InventoryMetrics>().ApplyLag(TimeSpan.FromMilliseconds(250));
        await Sampler.SampleAsync(CoreHarness.Ct);
        listener.RecordObservableInstruments();

        seen.ShouldContain(("health.apply.lag_p99", 0.25));
        seen.ShouldContain(("health.parked", 0));
    }
}
