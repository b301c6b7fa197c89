using Microsoft.Extensions.Options;

namespace ServerlessInventory.Core.Operations.Health;

/// <summary>Apply lag percentiles over recent applies; zero samples gives zeros.</summary>
public sealed record ApplyLagSummary(double P50Seconds, double P99Seconds, int Samples);

/// <summary>
/// The latest applies' lag (topic enqueue to commit), each with when it was recorded: percentiles are over those within
/// <see cref="HealthOptions.ApplyLagWindow"/>, at most <see cref="HealthOptions.ApplyLagSamples"/> of them, so a quiet
/// pipeline does not keep showing the lag of a burst long past.
/// </summary>
public sealed class ApplyLagWindow(TimeProvider timeProvider, IOptions<HealthOptions> options)
{
    private readonly HealthOptions _options = options.Value;
    private readonly Queue<(DateTimeOffset At, double Seconds)> _samples = new();
    private readonly Lock _gate = new();

    public void Record(TimeSpan lag)
    {
        var sample = (timeProvider.GetUtcNow(), Math.Max(0, lag.TotalSeconds));
        lock (_gate)
        {
            _samples.Enqueue(sample);
            while (_samples.Count > _options.ApplyLagSamples)
            {
                _samples.Dequeue();
            }
        }
    }

    public ApplyLagSummary Summarize()
    {
        var since = timeProvider.GetUtcNow() - _options.ApplyLagWindow;
        double[] recent;
        lock (_gate)
        {
            while (_samples.TryPeek(out var oldest) && oldest.At < since)
            {
                _samples.Dequeue();
            }
            recent = [.. _samples.Select(s => s.Seconds)];
        }
        Array.Sort(recent);
        return new ApplyLagSummary(Percentile(recent, 0.50), Percentile(recent, 0.99), recent.Length);
    }

    /// <summary>Nearest rank: a value that was actually observed, never one interpolated between two.</summary>
    internal static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
