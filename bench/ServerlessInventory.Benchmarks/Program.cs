using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using ServerlessInventory.Benchmarks;

// Exit codes: 0 measured and verified (a missed target is reported as FAIL in the table, not as an error),
// 1 a scenario left the store in a wrong state, 2 bad arguments.
BenchOptions? options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException invalid)
{
    Console.Error.WriteLine(invalid.Message);
    options = null;
}
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var scratch = Directory.CreateDirectory(Path.Combine(options.Directory, $"serverless-inventory-bench-{Environment.ProcessId}"));
try
{
#if DEBUG
    Console.WriteLine("WARNING: Debug build: the numbers mean nothing. Run with -c Release.");
#endif
    var applySuites = options.Spread || options.Hot || options.EndToEnd;
    Console.WriteLine(Header(options));
    RateResult? raw = null, adapter = null;
    if (applySuites)
    {
        Progress("raw SQLite rate");
        raw = RawSqliteRate.Measure(Path.Combine(scratch.FullName, "raw.db"), options.RawTransactions);
        Progress("adapter write path");
        adapter = await RawSqliteRate.MeasureAdapterPathAsync(Path.Combine(scratch.FullName, "adapter.db"), options.RawTransactions);
    }

    var workloads = new List<Func<Workload>>();
    if (options.Spread)
    {
        workloads.Add(() => Workload.Spread(options.Events));
    }
    if (options.Hot)
    {
        workloads.Add(() => Workload.Hot(options.Events));
    }
    var scenarios = new List<ScenarioResult>();
    foreach (var build in workloads)
    {
        var workload = build();
        Progress(workload.Name);
        scenarios.Add(await ApplyScenario.RunAsync(workload, Path.Combine(scratch.FullName, $"apply-{scenarios.Count}.db"), options.Appliers));
    }

    var endToEnd = new List<EndToEndResult>();
    if (options.EndToEnd)
    {
        Progress("(c) end-to-end throughput");
        endToEnd.Add(await EndToEndScenario.ThroughputAsync(scratch.FullName, options.EndToEndEvents));
        Progress("(d) end-to-end latency");
        endToEnd.Add(await EndToEndScenario.LatencyAsync(scratch.FullName, TimeSpan.FromSeconds(options.LatencySeconds)));
    }

    var stores = options.Stores ? await StoreSuite.RunAsync(options, scratch.FullName) : [];
    LoadResult? load = null;
    if (options.Load)
    {
        Progress($"load of {options.LoadRows:N0} rows");
        load = await LoadSuite.RunAsync(scratch.FullName, options.LoadRows, options.Appliers);
    }
    var reconcile = new List<ReconcileResult>();
    if (options.Reconcile)
    {
        Progress("reconcile");
        reconcile.Add(await ReconcileSuite.RunAsync(Path.Combine(scratch.FullName, "reconcile.db"), options.ReconcileSkus));
        if (options.ReconcileCosmosSkus > 0)
        {
            Progress("reconcile on Cosmos DB");
            reconcile.Add(await ReconcileSuite.RunOnCosmosAsync(Path.Combine(scratch.FullName, "reconcile-cosmos.db"), options.ReconcileCosmosSkus));
        }
    }
    var checkout = options.Checkout ? await CheckoutSuite.RunAsync(options, scratch.FullName) : ([], [], true);
    IReadOnlyList<ShopifyResult> shopify = [];
    if (options.Shopify)
    {
        Progress("shopify");
        shopify = await ShopifySuite.RunAsync(TimeSpan.FromSeconds(options.ShopifySeconds));
    }

    if (raw is not null && adapter is not null)
    {
        Console.WriteLine();
        ResultTable.Write(Console.Out, raw, adapter, scenarios);
    }
    if (endToEnd.Count > 0)
    {
        Console.WriteLine();
        Console.WriteLine("End to end: the local runner over loopback HTTP (webhook -> topic -> apply -> change feed -> push)");
        EndToEndTable.Write(Console.Out, endToEnd, scenarios.FirstOrDefault(s => s.Name.StartsWith("(a)", StringComparison.Ordinal)));
    }
    if (stores.Count > 0)
    {
        Console.WriteLine();
        StoreTable.Write(Console.Out, stores, standIn: string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("COSMOS_ENDPOINT")));
    }
    if (load is not null)
    {
        Console.WriteLine();
        LoadSuite.Write(Console.Out, load);
    }
    foreach (var result in reconcile)
    {
        Console.WriteLine();
        result.Write(Console.Out);
    }
    if (options.Checkout)
    {
        Console.WriteLine();
        CheckoutTable.Write(Console.Out, checkout.Http, checkout.Cosmos);
    }
    if (shopify.Count > 0)
    {
        Console.WriteLine();
        ShopifySuite.Write(Console.Out, shopify);
    }
    Console.WriteLine();
    using (var process = Process.GetCurrentProcess())
    {
        Console.WriteLine($"Process peak working set (OS high-water mark of the whole run, workloads included): {process.PeakWorkingSet64 / (1024 * 1024)} MiB");
    }
    return scenarios.All(s => s.Verification.Passed) && endToEnd.All(r => r.Verification.Passed && r.BackwardPushes == 0) && stores.All(r => r.Verification.Passed)
        && load?.Verification.Passed != false && reconcile.All(r => r.Verified) && checkout.Verified && shopify.All(r => r.Verified) ? 0 : 1;
}
finally
{
    SqliteConnection.ClearAllPools();
    scratch.Delete(recursive: true);
}

static void Progress(string what) => Console.Error.WriteLine($"running {what} ...");

static string Header(BenchOptions options)
{
    using var probe = new SqliteConnection("Data Source=:memory:");
    probe.Open();
    return $"""
        ServerlessInventory benchmarks: Core's handlers over SqliteInventoryStore{(options.Stores ? " and CosmosInventoryStore (Microsoft.Azure.Cosmos " + typeof(Microsoft.Azure.Cosmos.CosmosClient).Assembly.GetName().Version?.ToString(3) + ", Gateway mode)" : "")}
        {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, SQLite {probe.ServerVersion}, WAL + synchronous=NORMAL (store defaults)
        {options.Appliers} concurrent appliers per scenario; a batch is consecutive events of one SKU (session), at most {Workload.MaxBatchSize}; Core options at their defaults
        """;
}
