using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Benchmarks;

/// <summary>One checkout run's figures: answers by kind, wall time, per-request latencies.</summary>
internal sealed record CheckoutRun(string Name, string Mode, int Requests, int Granted, int ServerErrors, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double GrantedPerSecond => Granted / Elapsed.TotalSeconds;

    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public double Percentile(double p)
    {
        var sorted = LatenciesMs.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>Reservations over loopback HTTP, timed one by one; and stock put in place through Core before the clock starts.</summary>
internal static class CheckoutLoad
{
    public const string Location = "store-1";

    public static async Task StockAsync(ApplyEventsHandler apply, IEnumerable<string> skus, int units) =>
        // A delivered batch is one SKU's (a session), so each SKU's receipt is its own.
        await Parallel.ForEachAsync(skus, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (sku, ct) =>
            await apply.HandleAsync(
                [new StockReceived(new EventId(Guid.NewGuid().ToString("N")), new ChannelId("wms"), TimeProvider.System.GetUtcNow(), new Sku(sku), new LocationId(Location), units)],
                ct));

    /// <summary>Every one of <paramref name="skus"/> (one request each) at once, released together.</summary>
    public static async Task<CheckoutRun> RaceAsync(HttpClient http, string name, string mode, IReadOnlyList<string> skus)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = skus.Select(sku => Task.Run(async () =>
        {
            await start.Task;
            return await ReserveAsync(http, sku);
        })).ToList();
        var started = Stopwatch.GetTimestamp();
        start.SetResult();
        var answers = await Task.WhenAll(requests);
        return Tally(name, mode, answers, Stopwatch.GetElapsedTime(started));
    }

    /// <summary><paramref name="skus"/> (one request each) from <paramref name="clients"/> clients, each sending its next when answered.</summary>
    public static async Task<CheckoutRun> SpreadAsync(HttpClient http, string name, string mode, IReadOnlyList<string> skus, int clients)
    {
        var answers = new ConcurrentBag<(HttpStatusCode, double)>();
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(skus, new ParallelOptions { MaxDegreeOfParallelism = clients }, async (sku, _) => answers.Add(await ReserveAsync(http, sku)));
        return Tally(name, mode, [.. answers], Stopwatch.GetElapsedTime(started));
    }

    private static async Task<(HttpStatusCode Status, double Ms)> ReserveAsync(HttpClient http, string sku)
    {
        var sent = Stopwatch.GetTimestamp();
        using var response = await http.PostAsJsonAsync("/api/reservations", new { sku, quantity = 1, channel = "pos" });
        await response.Content.LoadIntoBufferAsync();
        return (response.StatusCode, Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
    }

    private static CheckoutRun Tally(string name, string mode, (HttpStatusCode Status, double Ms)[] answers, TimeSpan elapsed) => new(
        name,
        mode,
        answers.Length,
        answers.Count(a => a.Status == HttpStatusCode.Created),
        answers.Count(a => (int)a.Status >= 500),
        elapsed,
        [.. answers.Select(a => a.Ms)]);
}
