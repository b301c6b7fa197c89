using System.Collections.Concurrent;
using System.Diagnostics;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Benchmarks;

/// <summary>
/// The store contract's operations through Core's handlers, timed on one <see cref="StoreHost"/>: applying delivered
/// batches, reserving, querying. Each checks what the store holds afterwards through the port itself.
/// </summary>
internal static class StoreScenarios
{
    /// <summary>The channel reservations are made for (sells from the DC and the store, see <see cref="BenchHost.Settings"/>).</summary>
    public const string Channel = "web";

    /// <summary>Applies every batch, <paramref name="appliers"/> at a time from one queue; batches opening with a count are counted apart.</summary>
    public static async Task<StoreRun> ApplyAsync(StoreHost host, Workload workload, int appliers)
    {
        var counting = host.Requests is not null;
        var plain = counting ? new OperationStats($"{workload.Name}: batches") : null;
        var counted = counting ? new OperationStats($"{workload.Name}: batches with a count") : null;
        var queue = new ConcurrentQueue<InventoryEvent[]>(workload.Batches);
        var tally = new Tally();
        var clock = Measure(host, out var before);
        await Task.WhenAll(Enumerable.Range(0, appliers).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var batch))
            {
                var stats = batch.Any(e => e is StockCounted) ? counted : plain;
                try
                {
                    tally.Record(await RequestCounter.MeasureAsync(stats, () => host.Apply.HandleAsync(batch, CancellationToken.None)));
                }
                catch (ConcurrencyExhaustedException)
                {
                    tally.Redelivered();
                    queue.Enqueue(batch);
                }
            }
        })));
        var elapsed = Stop(host, clock);
        var verification = await PortVerifier.ApplyAsync(host.Port, workload, tally);
        return new StoreRun(host.Store, $"apply {workload.Name}", appliers, workload.Events, workload.Batches.Count, elapsed,
            verification, Requests(plain, counted), Unattributed(host, before, plain, counted));
    }

    /// <summary>
    /// <paramref name="count"/> reservations of one unit, each caller on SKUs of its own (cycling through them);
    /// <paramref name="reserved"/> accumulates the units held per SKU for the checks that follow.
    /// </summary>
    public static async Task<StoreRun> ReserveAsync(StoreHost host, IReadOnlyList<Sku> skus, int count, int callers, ConcurrentDictionary<Sku, int> reserved)
    {
        var stats = host.Requests is not null ? new OperationStats($"reserve, {callers} caller(s)") : null;
        var failed = 0;
        var clock = Measure(host, out var before);
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var own = skus.Where((_, i) => i % callers == caller).ToList();
            for (var n = 0; n < count / callers + (caller < count % callers ? 1 : 0); n++)
            {
                var sku = own[n % own.Count];
                var result = await RequestCounter.MeasureAsync(stats, () => host.Reserve.HandleAsync(new ReserveCommand(sku.Value, 1, Channel), CancellationToken.None));
                if (result.Reservation is null)
                {
                    Interlocked.Increment(ref failed);
                    continue;
                }
                reserved.AddOrUpdate(sku, 1, (_, held) => held + 1);
            }
        })));
        var elapsed = Stop(host, clock);
        var verification = failed > 0
            ? new Verification(false, $"{failed} reservations refused")
            : await PortVerifier.ReservedAsync(host.Port, reserved);
        return new StoreRun(host.Store, "reserve 1 unit", callers, count, count, elapsed, verification, Requests(stats), Unattributed(host, before, stats));
    }

    /// <summary>GET /api/inventory/{sku}'s handler, <paramref name="count"/> times over the SKUs; each answer is checked.</summary>
    public static async Task<StoreRun> QueryAsync(StoreHost host, Workload workload, int count, int callers, IReadOnlyDictionary<Sku, int> reserved)
    {
        var stats = host.Requests is not null ? new OperationStats($"query inventory, {callers} caller(s)") : null;
        var onHand = workload.Expected.Positions.GroupBy(p => p.Key.Sku).ToDictionary(g => new Sku(g.Key), g => g.Sum(p => p.Value.OnHand));
        var skus = onHand.Keys.ToList();
        var wrong = new ConcurrentBag<string>();
        var clock = Measure(host, out var before);
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            for (var n = caller; n < count; n += callers)
            {
                var sku = skus[n % skus.Count];
                var report = await RequestCounter.MeasureAsync(stats, () => host.Query.HandleAsync(sku, CancellationToken.None));
                var (gotOnHand, gotReserved) = (report.Locations.Sum(l => l.OnHand), report.Locations.Sum(l => l.Reserved));
                if (gotOnHand != onHand[sku] || gotReserved != reserved.GetValueOrDefault(sku))
                {
                    wrong.Add($"{sku}: onHand {gotOnHand} reserved {gotReserved}, expected {onHand[sku]} and {reserved.GetValueOrDefault(sku)}");
                }
            }
        })));
        var elapsed = Stop(host, clock);
        var verification = wrong.IsEmpty
            ? new Verification(true, $"{count:N0} answers with the expected onHand and reserved")
            : new Verification(false, $"{wrong.Count} wrong answers, e.g. {wrong.First()}");
        return new StoreRun(host.Store, "query inventory", callers, count, count, elapsed, verification, Requests(stats), Unattributed(host, before, stats));
    }

    private static Stopwatch Measure(StoreHost host, out long requestsBefore)
    {
        requestsBefore = host.Requests?.Total.Total ?? 0;
        if (host.Requests is { } requests)
        {
            requests.Enabled = true;
        }
        return Stopwatch.StartNew();
    }

    private static TimeSpan Stop(StoreHost host, Stopwatch clock)
    {
        clock.Stop();
        if (host.Requests is { } requests)
        {
            requests.Enabled = false;
        }
        return clock.Elapsed;
    }

    private static OperationStats[] Requests(params OperationStats?[] stats) => [.. stats.OfType<OperationStats>().Where(s => s.Operations > 0)];

    /// <summary>Requests on the wire during the run that no operation's flow sent (background refreshes): should be 0.</summary>
    private static long Unattributed(StoreHost host, long before, params OperationStats?[] stats) =>
        host.Requests is null ? 0 : host.Requests.Total.Total - before - stats.OfType<OperationStats>().Sum(s => s.Counts.Total);
}

/// <summary>
/// One timed run on one store: <see cref="Units"/> (events, reservations, queries) done in <see cref="Calls"/> handler
/// calls (delivered batches for apply), with the Cosmos requests of each kind of call.
/// </summary>
internal sealed record StoreRun(
    string Store,
    string Name,
    int Callers,
    long Units,
    long Calls,
    TimeSpan Elapsed,
    Verification Verification,
    IReadOnlyList<OperationStats> Requests,
    long UnattributedRequests)
{
    public double UnitsPerSecond => Units / Elapsed.TotalSeconds;

    public double CallsPerSecond => Calls / Elapsed.TotalSeconds;
}
