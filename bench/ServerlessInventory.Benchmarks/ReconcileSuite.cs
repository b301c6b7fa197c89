using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessInventory.Adapters.Channels;
using ServerlessInventory.Adapters.Sqlite;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Reconciliation;
using ServerlessInventory.Testing.Emulators;

namespace ServerlessInventory.Benchmarks;

/// <summary>
/// The <c>reconcile</c> suite: SKUs × 4 locations, with what 3 channels were pushed and report, 1 % of the channel-SKU
/// pairs drifted with a planted cause and 1 % never reported (half of those never pushed either); one run per channel
/// through <see cref="ReconcileChannelHandler"/> (the product's wiring, page size and threshold at their defaults, no
/// settling window so the run decides at once), timed, then every discrepancy found compared with what was planted. On
/// SQLite, and over the Cosmos DB master on the stand-in (push states and reports on SQLite, as on Tables in Azure) with
/// the requests of the runs counted by kind.
/// </summary>
internal static class ReconcileSuite
{
    private static readonly LocationId[] _locations = [new("dc-1"), new("store-1"), new("store-2"), new("store-3")];

    /// <summary>web sells everywhere and reports per location; pos and wholesale sell from one and report pooled.</summary>
    private static readonly (ChannelId Channel, LocationId[] SellsFrom, bool PerLocation)[] _channels =
    [
        (new("web"), _locations, true),
        (new("pos"), [_locations[1]], false),
        (new("wholesale"), [_locations[0]], false),
    ];

    /// <summary>What is planted, in table order: the three causes among reported SKUs, and a SKU offered but never reported nor pushed.</summary>
    private static readonly Planting[] _plantings =
    [
        new("missed_push", DiscrepancyCause.MissedPush),
        new("stale_channel", DiscrepancyCause.StaleChannel),
        new("missed_event", DiscrepancyCause.MissedEvent),
        new("missed_push, never reported nor pushed", DiscrepancyCause.MissedPush),
    ];

    /// <summary>A planted drift: what the channel shows below the master.</summary>
    private const int Drift = 3;

    private const int SeedBatch = 1_000;

    public static async Task<ReconcileResult> RunAsync(string databasePath, int skus)
    {
        BenchHost.DeleteDatabase(databasePath);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(databasePath)).Build();
        using var provider = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddLogging()
            .AddSqliteAdapters(configuration)
            .AddChannelPush(configuration)
            .AddInventoryCore(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return await RunAsync(provider, skus, "SQLite", null);
    }

    /// <summary>The same over the Cosmos DB master on the stand-in (or <c>COSMOS_ENDPOINT</c>), the runs' requests counted.</summary>
    public static async Task<ReconcileResult> RunOnCosmosAsync(string databasePath, int skus)
    {
        BenchHost.DeleteDatabase(databasePath);
        Console.Error.WriteLine("  starting the Cosmos DB stand-in ...");
        await using var cosmos = new CosmosStandIn();
        await cosmos.InitializeAsync();
        await using var host = await StoreHost.ForCosmosAsync(cosmos.Endpoint, cosmos.AccountKey, $"bench-reconcile-{Guid.NewGuid().ToString("N")[..8]}", Settings(databasePath),
            (services, configuration) => services.AddSqliteAdapters(configuration).AddChannelPush(configuration));
        return await RunAsync(host.Services, skus, cosmos.IsStandIn ? "Cosmos DB stand-in" : "Cosmos DB (COSMOS_ENDPOINT)", host.Requests);
    }

    private static Dictionary<string, string?> Settings(string databasePath)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sqlite:DatabasePath"] = databasePath,
            ["Reconciliation:SettlingWindow"] = "00:00:00",
        };
        foreach (var (channel, sellsFrom, _) in _channels)
        {
            for (var i = 0; i < sellsFrom.Length; i++)
            {
                settings[$"Catalog:Channels:{channel.Value}:Locations:{i}"] = sellsFrom[i].Value;
            }
        }
        return settings;
    }

    private static async Task<ReconcileResult> RunAsync(IServiceProvider provider, int skus, string store, RequestCounter? requests)
    {
        var seeded = Stopwatch.StartNew();
        var planted = await SeedAsync(provider, skus);
        seeded.Stop();

        Console.Error.WriteLine($"  seeded {skus:N0} SKUs x {_locations.Length} locations and {_channels.Length} channels on {store} in {seeded.Elapsed.TotalSeconds:0.0} s; reconciling ...");
        GC.Collect();
        var handler = provider.GetRequiredService<ReconcileChannelHandler>();
        using var memory = MemorySampler.Start();
        if (requests is not null)
        {
            requests.Enabled = true;
        }
        var clock = Stopwatch.StartNew();
        var runs = await handler.RunChannelsAsync(null, CancellationToken.None);
        clock.Stop();
        if (requests is not null)
        {
            requests.Enabled = false;
        }
        var peak = memory.Stop();

        var found = new Dictionary<(ChannelId, Sku), DiscrepancyCause>();
        var reports = provider.GetRequiredService<IReconciliationReportStore>();
        foreach (var run in runs)
        {
            string? continuation = null;
            do
            {
                var page = (await reports.GetAsync(run.RunId, 1_000, continuation, CancellationToken.None))!.Discrepancies;
                foreach (var discrepancy in page.Items)
                {
                    found[(run.Channel, discrepancy.Sku)] = discrepancy.LikelyCause;
                }
                continuation = page.Continuation;
            }
            while (continuation is not null);
        }
        return new ReconcileResult(store, skus, runs.Sum(r => r.SkusCompared), clock.Elapsed, peak, seeded.Elapsed,
            [.. _plantings.Select(planting => new CauseCount(planting.Name,
                planted.Count(p => p.Value == planting),
                found.Count(f => planted.TryGetValue(f.Key, out var was) && was == planting && f.Value == planting.Cause)))],
            found.Count(f => !planted.TryGetValue(f.Key, out var was) || was.Cause != f.Value),
            runs.All(r => r.Status == RunStatus.Completed),
            requests?.Total);
    }

    private static int OnHand(int sku, int location) => 10 + ((sku + (location * 7)) % 20);

    private static Sku SkuOf(int sku) => new(string.Create(CultureInfo.InvariantCulture, $"RC-{sku:D7}"));

    /// <summary>
    /// 1 % of each channel's SKUs drift, a different 1 % per channel, the three causes in turn; another 1 % are never
    /// reported by the channel, half of them never pushed either (planted) and half acknowledged at the master's value.
    /// </summary>
    private static Planting? PlantedFor(int sku, int channel) => (sku % 100 - channel) switch
    {
        0 => _plantings[sku / 100 % 3],
        50 when sku / 100 % 2 == 0 => _plantings[3],
        _ => null,
    };

    private static bool Unreported(int sku, int channel) => sku % 100 - channel == 50;

    /// <summary>
    /// The master through Core (a receipt per position), then, written straight through the ports, what each channel
    /// was last pushed (delivered an hour ago) and what it reports: the master's value half an hour ago, except where
    /// something is planted. missed_push: it acknowledged an older value (push and report both <see cref="Drift"/> below);
    /// stale_channel: its report, <see cref="Drift"/> below, predates the push; missed_event: its report, <see cref="Drift"/>
    /// below, follows the push; never reported: no report, and no push either where that is planted.
    /// </summary>
    private static async Task<Dictionary<(ChannelId, Sku), Planting>> SeedAsync(IServiceProvider provider, int skus)
    {
        var apply = provider.GetRequiredService<ApplyEventsHandler>();
        var pushStates = provider.GetRequiredService<IPushStateStore>();
        var reported = provider.GetRequiredService<IReportedLevelStore>();
        var now = TimeProvider.System.GetUtcNow();
        var source = new ChannelId("wms");
        await Parallel.ForEachAsync(Enumerable.Range(0, skus), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, token) =>
        {
            var sku = SkuOf(i);
            await apply.HandleAsync(
                [.. _locations.Select((location, l) => (InventoryEvent)new StockReceived(new EventId($"seed-{i}-{l}"), source, now, sku, location, OnHand(i, l)))],
                token);
        });

        var (pushedAt, before, after) = (now.AddHours(-1), now.AddHours(-2), now.AddMinutes(-30));
        await Parallel.ForEachAsync(Enumerable.Range(0, skus).Chunk(SeedBatch), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (chunk, token) =>
        {
            var states = new List<PushState>(chunk.Length * _channels.Length);
            var levels = new List<ReportedLevel>(chunk.Length * (_locations.Length + 2));
            foreach (var i in chunk)
            {
                var sku = SkuOf(i);
                for (var c = 0; c < _channels.Length; c++)
                {
                    var (channel, sellsFrom, perLocation) = _channels[c];
                    var shown = sellsFrom.Select(location => OnHand(i, Array.IndexOf(_locations, location))).ToArray();
                    var master = shown.Sum();
                    var planting = PlantedFor(i, c);
                    if (Unreported(i, c))
                    {
                        if (planting is null)
                        {
                            states.Add(new PushState(channel, sku, master, 1, true, pushedAt));
                        }
                        continue;
                    }
                    if (planting is not null)
                    {
                        shown[0] -= Drift;
                    }
                    var acknowledged = planting?.Cause == DiscrepancyCause.MissedPush ? master - Drift : master;
                    states.Add(new PushState(channel, sku, acknowledged, 1, true, pushedAt));
                    var asOf = planting?.Cause == DiscrepancyCause.StaleChannel ? before : after;
                    if (perLocation)
                    {
                        levels.AddRange(sellsFrom.Select((location, l) => new ReportedLevel(channel, sku, location, shown[l], asOf)));
                    }
                    else
                    {
                        levels.Add(new ReportedLevel(channel, sku, null, shown.Sum(), asOf));
                    }
                }
            }
            await pushStates.SaveAsync(states, token);
            await reported.RecordAsync(levels, token);
        });
        var planted = new Dictionary<(ChannelId, Sku), Planting>();
        for (var i = 0; i < skus; i++)
        {
            for (var c = 0; c < _channels.Length; c++)
            {
                if (PlantedFor(i, c) is { } planting)
                {
                    planted[(_channels[c].Channel, SkuOf(i))] = planting;
                }
            }
        }
        return planted;
    }
}

/// <summary>What a planted discrepancy is called in the table, and the cause it must be found with.</summary>
internal sealed record Planting(string Name, DiscrepancyCause Cause);

internal sealed record CauseCount(string Name, int Planted, int Found);

internal sealed record ReconcileResult(
    string Store, int Skus, int Compared, TimeSpan RunTime, MemoryResult Memory, TimeSpan SeedTime, IReadOnlyList<CauseCount> ByCause, int FalsePositives, bool Completed,
    RequestCounts? Requests)
{
    public const double TargetSeconds = 60;
    public const long TargetBytes = 512L * 1024 * 1024;

    /// <summary>Every planted discrepancy found with its cause, nothing else found, and every run completed.</summary>
    public bool Verified => Completed && FalsePositives == 0 && ByCause.All(c => c.Found == c.Planted);

    /// <summary>The time and memory targets are the SQLite store's (the issue's); on Cosmos DB they are shown, not judged.</summary>
    private bool Targeted => Requests is null;

    public void Write(TextWriter writer)
    {
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Reconcile ({Store}): {Skus:N0} SKUs x 4 locations, 3 channels ({Compared:N0} channel-SKU pairs compared), 1 % drifted, 1 % never reported; seeding took {SeedTime.TotalSeconds:0.0} s (not counted)"));
        var table = new TextTable(("measure", true), ("value", false), ("target", false), ("", true));
        table.Add("run time (3 runs, one per channel)", string.Create(CultureInfo.InvariantCulture, $"{RunTime.TotalSeconds:0.0} s"),
            Targeted ? $"<= {TargetSeconds:0} s" : "-", !Targeted ? "" : RunTime.TotalSeconds <= TargetSeconds ? "ok" : "FAIL");
        table.Add("peak working set during the runs", $"{Memory.PeakWorkingSet / (1024 * 1024)} MiB",
            Targeted ? $"<= {TargetBytes / (1024 * 1024)} MiB" : "-", !Targeted ? "" : Memory.PeakWorkingSet <= TargetBytes ? "ok" : "FAIL");
        foreach (var cause in ByCause)
        {
            table.Add($"{cause.Name}: found / planted", $"{cause.Found:N0} / {cause.Planted:N0}", "all", cause.Found == cause.Planted ? "ok" : "FAIL");
        }
        table.Add("false positives (not planted, or another cause)", FalsePositives.ToString("N0", CultureInfo.InvariantCulture), "0", FalsePositives == 0 ? "ok" : "FAIL");
        table.Write(writer);
        if (Requests is { } requests && Compared > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Cosmos DB requests of the 3 runs, per channel-SKU pair compared (push states and reports are not on Cosmos DB)");
            var perSku = new TextTable(("request", true), ("count", false), ("per SKU compared", false));
            foreach (var kind in Enum.GetValues<RequestKind>())
            {
                perSku.Add(kind.ToString(), requests[kind].ToString("N0", CultureInfo.InvariantCulture), (requests[kind] / (double)Compared).ToString("0.000", CultureInfo.InvariantCulture));
            }
            perSku.Add("total", requests.Total.ToString("N0", CultureInfo.InvariantCulture), (requests.Total / (double)Compared).ToString("0.000", CultureInfo.InvariantCulture));
            perSku.Write(writer);
        }
    }
}
