using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace ServerlessInventory.Benchmarks;

internal sealed record EndToEndResult(
    string Name,
    int Events,
    int BatchSize,
    TimeSpan Elapsed,
    double? P50Milliseconds,
    double? P99Milliseconds,
    long Pushes,
    long BackwardPushes,
    MemoryResult Memory,
    Verification Verification)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;
}

/// <summary>
/// The pipeline end to end over loopback HTTP: signed webhooks in, events applied through the local topic, availability
/// pushed out to a receiver. (c) measures sustained throughput; (d) the webhook-to-push latency at a fixed offered load.
/// </summary>
internal static class EndToEndScenario
{
    public const int ThroughputBatch = 100;
    public const int ThroughputClients = 4;
    public const int LatencyRate = 1_000;
    public const int LatencyBatch = 10;

    private static readonly TimeSpan _drainLimit = TimeSpan.FromMinutes(3);

    /// <summary>(c): events as fast as 4 clients can post batches of 100, timed until every one is applied.</summary>
    public static async Task<EndToEndResult> ThroughputAsync(string folder, int events)
    {
        await using var receiver = await PushReceiver.StartAsync();
        await using var host = await PipelineHost.StartAsync(Path.Combine(folder, "e2e-throughput.db"), receiver.Url);
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var load = new WebhookLoad(http);
        await WarmUpAsync(host, load);

        // Ten events per SKU, as in (a): SKUs cycle through the batches, so a SKU's events arrive in different requests.
        var skus = Math.Max(1, events / 10);
        var bodies = Enumerable.Range(0, events / ThroughputBatch)
            .Select(b => WebhookLoad.Receipts("tp", b * ThroughputBatch, Enumerable.Range(b * ThroughputBatch, ThroughputBatch).Select(i => $"sku-{i % skus}"), 1))
            .ToList();
        var sent = bodies.Count * ThroughputBatch;
        using var memory = MemorySampler.Start();
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = ThroughputClients }, async (body, ct) => await load.PostAsync(body, ct));
        await DrainAsync(host, sent + WarmUpEvents);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var used = memory.Stop();
        var verification = await VerifyAsync(host, sent + WarmUpEvents, sent + WarmUpEvents);
        return new EndToEndResult("(c) webhook to applied", sent, ThroughputBatch, elapsed, null, null, receiver.Pushes, receiver.Backwards, used, verification);
    }

    /// <summary>(d): 1,000 events/s as batches of 10 every 10 ms, each event a fresh SKU; latency = webhook sent to first push of its SKU.</summary>
    public static async Task<EndToEndResult> LatencyAsync(string folder, TimeSpan duration)
    {
        await using var receiver = await PushReceiver.StartAsync();
        await using var host = await PipelineHost.StartAsync(Path.Combine(folder, "e2e-latency.db"), receiver.Url);
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var load = new WebhookLoad(http);
        await WarmUpAsync(host, load);

        var batches = (int)(duration.TotalSeconds * LatencyRate / LatencyBatch);
        var interval = TimeSpan.FromSeconds((double)LatencyBatch / LatencyRate);
        var sentAt = new long[batches];
        var inFlight = new List<Task>(batches);
        using var memory = MemorySampler.Start();
        var started = Stopwatch.GetTimestamp();
        for (var b = 0; b < batches; b++)
        {
            // Open loop: each batch leaves on its schedule whether or not earlier ones were answered.
            var due = started + (long)(interval.TotalSeconds * b * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < due)
            {
                await Task.Delay(1);
            }
            var body = WebhookLoad.Receipts("lat", b * LatencyBatch, Enumerable.Range(b * LatencyBatch, LatencyBatch).Select(i => $"lat-{i}"), 1);
            sentAt[b] = Stopwatch.GetTimestamp();
            inFlight.Add(load.PostAsync(body, CancellationToken.None));
        }
        await Task.WhenAll(inFlight);
        var total = batches * LatencyBatch;
        await DrainAsync(host, total + WarmUpEvents);
        var latencies = await WaitForPushesAsync(receiver, batches, sentAt);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var used = memory.Stop();
        latencies.Sort();
        var verification = await VerifyAsync(host, total + WarmUpEvents, total + WarmUpEvents);
        if (latencies.Count < total)
        {
            verification = new Verification(false, $"only {latencies.Count} of {total} SKUs were pushed");
        }
        return new EndToEndResult("(d) webhook to push at 1,000/s", total, LatencyBatch, elapsed,
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), receiver.Pushes, receiver.Backwards, used, verification);
    }

    private const int WarmUpEvents = 200;

    /// <summary>JIT, connection pools and SQLite pages warmed before the clock starts.</summary>
    private static async Task WarmUpAsync(PipelineHost host, WebhookLoad load)
    {
        for (var b = 0; b < WarmUpEvents / 20; b++)
        {
            await load.PostAsync(WebhookLoad.Receipts("warm", b * 20, Enumerable.Range(b * 20, 20).Select(i => $"warm-{i % 50}"), 1), CancellationToken.None);
        }
        await DrainAsync(host, WarmUpEvents);
    }

    /// <summary>Waits until the topic holds nothing unsettled and the ledger has every event.</summary>
    private static async Task DrainAsync(PipelineHost host, long expectedLedgerRows)
    {
        var limit = Stopwatch.GetTimestamp() + (long)(_drainLimit.TotalSeconds * Stopwatch.Frequency);
        while (await host.Topic.CountPendingAsync(CancellationToken.None) > 0 || Count(host, "SELECT COUNT(*) FROM ledger") < expectedLedgerRows)
        {
            if (Stopwatch.GetTimestamp() > limit)
            {
                throw new TimeoutException($"the pipeline did not apply {expectedLedgerRows} events within {_drainLimit}");
            }
            await Task.Delay(5);
        }
    }

    private static async Task<List<double>> WaitForPushesAsync(PushReceiver receiver, int batches, long[] sentAt)
    {
        var limit = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
        var latencies = new List<double>(batches * LatencyBatch);
        for (var i = 0; i < batches * LatencyBatch; i++)
        {
            long arrived;
            while (!receiver.TryGetFirstArrival($"lat-{i}", out arrived) && Stopwatch.GetTimestamp() < limit)
            {
                await Task.Delay(5);
            }
            if (receiver.TryGetFirstArrival($"lat-{i}", out arrived))
            {
                latencies.Add(Stopwatch.GetElapsedTime(sentAt[i / LatencyBatch], arrived).TotalMilliseconds);
            }
        }
        return latencies;
    }

    private static Task<Verification> VerifyAsync(PipelineHost host, long expectedRows, long expectedOnHand)
    {
        var rows = Count(host, "SELECT COUNT(*) FROM ledger");
        var onHand = Count(host, "SELECT COALESCE(SUM(on_hand), 0) FROM positions");
        var passed = rows == expectedRows && onHand == expectedOnHand;
        return Task.FromResult(new Verification(passed, $"ledger {rows:N0} rows (expected {expectedRows:N0}), onHand {onHand:N0} (expected {expectedOnHand:N0})"));
    }

    private static long Count(PipelineHost host, string sql) => host.Database.Read((connection, transaction) =>
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    });

    private static double? Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
