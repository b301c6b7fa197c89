using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessInventory.Adapters.Channels;
using ServerlessInventory.Adapters.Channels.Shopify;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Testing;
using ServerlessInventory.Testing.Shopify;

namespace ServerlessInventory.Benchmarks;

/// <summary>One restore rate: what the push sink set on the simulator, against the most that budget allows.</summary>
internal sealed record ShopifyResult(double RestoreRate, double Bucket, int Items, long Quantities, long Calls, long Throttled, TimeSpan Elapsed, bool Verified)
{
    public double PushesPerSecond => Quantities / Elapsed.TotalSeconds;

    /// <summary>A full bucket at the start plus the restore rate since, 10 points a call of 250 quantities.</summary>
    public double MaximumPerSecond => (Bucket + (RestoreRate * Elapsed.TotalSeconds)) / ShopifyOperations.SetQuantitiesCost * ShopifyOperations.MaxInputArray / Elapsed.TotalSeconds;

    public double Ratio => PushesPerSecond / MaximumPerSecond;
}

/// <summary>
/// Pushes per second to the Shopify Admin simulator through the product's sink (<c>AddChannelPush</c>, the real clock):
/// rounds of every item's new value, as Core hands a channel its owed values, for a fixed time at each restore rate,
/// with a bucket of one second's restore. Verified: the simulator ends with each item's last value and at most one
/// THROTTLED answer.
/// </summary>
internal static class ShopifySuite
{
    public const double Target = 0.9;

    private const long Location = 655441491;

    private static readonly ChannelId _channel = new("shopify");

    public static async Task<IReadOnlyList<ShopifyResult>> RunAsync(TimeSpan duration)
    {
        List<ShopifyResult> results = [];
        foreach (var rate in new[] { 100.0, 1000.0 })
        {
            results.Add(await RunAsync(rate, duration));
        }
        return results;
    }

    private static async Task<ShopifyResult> RunAsync(double restoreRate, TimeSpan duration)
    {
        // One round a second's worth of the budget: 250 quantities per 10 points.
        var items = (int)(restoreRate / ShopifyOperations.SetQuantitiesCost * ShopifyOperations.MaxInputArray);
        await using var simulator = await ShopifyAdminSimulator.StartAsync(restoreRate, restoreRate, CancellationToken.None);
        for (var i = 0; i < items; i++)
        {
            simulator.AdminSet(i + 1, Location, 0);
        }
        var channel = simulator.ShopifyChannel("dc-1", Location);
        var catalog = new CatalogOptions();
        catalog.Channels[_channel.Value] = channel;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ChannelPush:AttemptTimeout"] = "00:00:30" }).Build();
        await using var provider = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IInventoryCatalogSource>(new FixedCatalog(catalog.ToCatalog()))
            .AddSingleton<IReportedLevelStore, InMemoryReportedLevelStore>()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddChannelPush(configuration)
            .BuildServiceProvider();
        var sink = provider.GetRequiredService<IAvailabilitySink>();

        var clock = Stopwatch.StartNew();
        long version = 0, quantities = 0;
        var verified = true;
        while (clock.Elapsed < duration)
        {
            version++;
            var round = Enumerable.Range(1, items)
                .Select(i => new AvailabilityUpdate(_channel, $"{i}", Value(i, version), version) { Acknowledged = version == 1 ? 0 : Value(i, version - 1) })
                .ToList();
            var failures = await sink.PushBatchAsync(round, CancellationToken.None);
            verified &= failures.All(f => f is null);
            quantities += items;
        }
        var elapsed = clock.Elapsed;
        var calls = simulator.Calls;
        verified &= Enumerable.Range(1, items).All(i => simulator.Level(i, Location) == Value(i, version)) && calls.Count(c => c.Throttled) <= 1;
        return new ShopifyResult(restoreRate, restoreRate, items, quantities, calls.Count(c => !c.Throttled), calls.Count(c => c.Throttled), elapsed, verified);
    }

    /// <summary>Every round a new value for every item, so nothing is skipped as unchanged.</summary>
    private static int Value(int item, long version) => (int)((item + version) % 1000);

    public static void Write(TextWriter writer, IReadOnlyList<ShopifyResult> results)
    {
        writer.WriteLine("Shopify: inventorySetQuantities to the Admin simulator through the push sink (250 quantities a call, 10 points a call, bucket = 1 s of restore)");
        var table = new TextTable(("restore rate", false), ("items/round", false), ("pushes", false), ("calls", false), ("THROTTLED", false), ("time", false), ("pushes/s", false), ("budget max/s", false), ("ratio", false), ("target", false), ("", true));
        foreach (var r in results)
        {
            table.Add(
                string.Create(CultureInfo.InvariantCulture, $"{r.RestoreRate:N0} pts/s"),
                r.Items.ToString("N0", CultureInfo.InvariantCulture),
                r.Quantities.ToString("N0", CultureInfo.InvariantCulture),
                r.Calls.ToString("N0", CultureInfo.InvariantCulture),
                r.Throttled.ToString("N0", CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{r.Elapsed.TotalSeconds:0.0} s"),
                r.PushesPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                r.MaximumPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{r.Ratio:P0}"),
                string.Create(CultureInfo.InvariantCulture, $">= {Target:P0}"),
                !r.Verified ? "WRONG" : r.Ratio >= Target ? "ok" : "FAIL");
        }
        table.Write(writer);
    }

    private sealed class FixedCatalog(InventoryCatalog catalog) : IInventoryCatalogSource
    {
        public ValueTask<InventoryCatalog> GetCatalogAsync(CancellationToken cancellationToken) => ValueTask.FromResult(catalog);
    }
}
