using System.Collections.Concurrent;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Testing.Emulators;

namespace ServerlessInventory.Benchmarks;

/// <summary>
/// The <c>stores</c> suite: the same operations through Core on the SQLite store and on the Cosmos DB store (the
/// project's stand-in, or <c>COSMOS_ENDPOINT</c>), one after the other in one run, then both side by side.
/// </summary>
internal static class StoreSuite
{
    public static async Task<IReadOnlyList<StoreRun>> RunAsync(BenchOptions options, string scratch)
    {
        Console.Error.WriteLine("starting the Cosmos DB stand-in ...");
        // The test fixture: one copy of the start logic (npm ci when infra/node_modules is missing, a free port, wait
        // for its ready line, COSMOS_ENDPOINT / COSMOS_KEY to target a real emulator or account instead).
        var cosmos = new CosmosStandIn();
        await cosmos.InitializeAsync();
        try
        {
            Console.Error.WriteLine($"  Cosmos DB at {cosmos.Endpoint} ({(cosmos.IsStandIn ? "stand-in" : "COSMOS_ENDPOINT")})");
            var runs = new List<StoreRun>();
            var run = Guid.NewGuid().ToString("N")[..8];
            foreach (var store in new[] { StoreHost.Sqlite, StoreHost.Cosmos })
            {
                Task<StoreHost> Host(string name) => store == StoreHost.Sqlite
                    ? Task.FromResult(StoreHost.ForSqlite(Path.Combine(scratch, $"stores-{name}.db")))
                    : StoreHost.ForCosmosAsync(cosmos.Endpoint, cosmos.AccountKey, $"bench-{run}-{name}");
                await using (var host = await Host("spread"))
                {
                    runs.AddRange(await SpreadReserveQueryAsync(host, options));
                }
                await using (var host = await Host("hot"))
                {
                    var hot = Workload.Hot(options.StoreEvents);
                    Progress(host, hot.Name);
                    await WarmUpAsync(host);
                    // A session is held by one receiver at a time: a hot SKU's batches arrive one after another.
                    runs.Add(await StoreScenarios.ApplyAsync(host, hot, appliers: 1));
                }
            }
            return runs;
        }
        finally
        {
            await cosmos.DisposeAsync();
        }
    }

    private static async Task<List<StoreRun>> SpreadReserveQueryAsync(StoreHost host, BenchOptions options)
    {
        var spread = Workload.Spread(options.StoreEvents);
        var skus = spread.Batches.Select(b => b[0].Sku).ToList();
        var reserved = new ConcurrentDictionary<Sku, int>();
        var reservations = Math.Max(options.Appliers, options.StoreEvents / 5);
        var queries = Math.Max(options.Appliers, options.StoreEvents / 2);
        Progress(host, spread.Name);
        await WarmUpAsync(host);
        return
        [
            await StoreScenarios.ApplyAsync(host, spread, options.Appliers),
            await StoreScenarios.ReserveAsync(host, skus, reservations / 2, 1, reserved),
            await StoreScenarios.ReserveAsync(host, skus, reservations / 2, options.Appliers, reserved),
            await StoreScenarios.QueryAsync(host, spread, queries / 2, 1, reserved),
            await StoreScenarios.QueryAsync(host, spread, queries / 2, options.Appliers, reserved),
        ];
    }

    /// <summary>
    /// Every path once on SKUs of its own before the clock starts: the JIT, the connection pool and, on Cosmos, the SDK's
    /// metadata caches (account, container, partition key ranges), whose requests are not what an operation costs.
    /// </summary>
    private static async Task WarmUpAsync(StoreHost host)
    {
        for (var round = 0; round < 3; round++)
        {
            var prefix = $"warm-up-{round}";
            var warm = Workload.Spread(200, prefix);
            foreach (var batch in warm.Batches.Concat(Workload.Hot(2 * Workload.MaxBatchSize, prefix).Batches))
            {
                await host.Apply.HandleAsync(batch, CancellationToken.None);
            }
            foreach (var sku in warm.Batches.Select(b => b[0].Sku))
            {
                await host.Reserve.HandleAsync(new Core.Application.ReserveCommand(sku.Value, 1, StoreScenarios.Channel), CancellationToken.None);
                await host.Query.HandleAsync(sku, CancellationToken.None);
                await host.Port.ReadLedgerAsync(sku, 5, null, CancellationToken.None);
            }
        }
    }

    private static void Progress(StoreHost host, string what) => Console.Error.WriteLine($"running stores: {host.Store}, {what} ...");
}
