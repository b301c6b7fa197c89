using System.Diagnostics.Metrics;

namespace ServerlessInventory.Core.Operations.Health;

/// <summary>
/// The health figures as observable gauges of the product's meter, read from the latest sample's report: an exporter's
/// collection costs no store read, and before the first sample the gauges report nothing rather than zeros.
/// </summary>
internal static class HealthGauges
{
    public static void Register(Meter meter, Func<HealthReport?> latest)
    {
        meter.CreateObservableGauge("health.pushes_owed", () => PerChannel(latest(), c => c.PushesOwed), "{push}", "Pushes owed per channel.");
        meter.CreateObservableGauge("health.oldest_owed_age", () => PerChannel(latest(), c => c.OldestOwedAgeSeconds), "s", "Age of the oldest push owed per channel.");
        meter.CreateObservableGauge("health.circuit_open", () => PerChannel(latest(), c => c.Circuit == "open" ? 1 : 0), "{circuit}", "1 while a channel's push circuit is open.");
        meter.CreateObservableGauge("health.topic.pending", () => One(latest(), r => r.Topic.Pending), "{message}", "Messages pending on the topic subscription.");
        meter.CreateObservableGauge("health.topic.dead_lettered", () => One(latest(), r => r.Topic.DeadLettered), "{message}", "Messages dead-lettered on the topic subscription.");
        meter.CreateObservableGauge("health.apply.lag_p50", () => One(latest(), r => r.Apply.LagP50Seconds), "s", "Apply lag, median of recent applies.");
        meter.CreateObservableGauge("health.apply.lag_p99", () => One(latest(), r => r.Apply.LagP99Seconds), "s", "Apply lag, 99th percentile of recent applies.");
        meter.CreateObservableGauge("health.parked", () => One(latest(), r => r.Parked.Count), "{event}", "Parked events not yet replayed.");
        meter.CreateObservableGauge("health.dead_letters", () => One(latest(), r => r.DeadLetters.Count), "{message}", "Dead letters not yet replayed.");
        meter.CreateObservableGauge("health.webhooks.last_5m", () => Webhooks(latest()), "{event}", "Webhook events by outcome over the last 5 minutes.");
    }

    private static IEnumerable<Measurement<double>> PerChannel(HealthReport? report, Func<ChannelHealth, double> value) =>
        report is null ? [] : report.Channels.Select(c => new Measurement<double>(value(c), new KeyValuePair<string, object?>("channel", c.Channel)));

    private static IEnumerable<Measurement<double>> One(HealthReport? report, Func<HealthReport, double> value) =>
        report is null ? [] : [new Measurement<double>(value(report))];

    private static IEnumerable<Measurement<long>> Webhooks(HealthReport? report) => report is null ? [] :
    [
        new(report.Webhooks.Last5Minutes.Accepted, new KeyValuePair<string, object?>("outcome", "accepted")),
        new(report.Webhooks.Last5Minutes.Duplicate, new KeyValuePair<string, object?>("outcome", "duplicate")),
        new(report.Webhooks.Last5Minutes.Parked, new KeyValuePair<string, object?>("outcome", "parked")),
    ];
}
