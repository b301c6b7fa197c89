using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Operations.Health;

namespace ServerlessInventory.Functions.Timers;

/// <summary>
/// Every 10 seconds (<c>SampleHealthSchedule</c>): samples the health report into this instance's hour of history and
/// refreshes the health gauges. The runner runs it on the same schedule, so history needs no metrics service locally.
/// </summary>
public sealed class SampleHealth(HealthSampler sampler)
{
    [Function(nameof(SampleHealth))]
    public Task Run([TimerTrigger("%" + AppSettings.SampleHealthSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sampler.SampleAsync(cancellationToken);
}
