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

namespace ServerlessInventory.Benchmarks;

/// <summary>
/// The <c>reconcile</c> suite: SKUs × 4 locations on SQLite, with what 3 channels were pushed and report, 1 % of the
/// channel-SKU pairs drifted with a planted cause; one run per channel through <see cref="ReconcileChannelHandler"/>
/// (the product's wiring, page size and threshold at their defaults, no settling window so the run decides at once),
/// timed, then every discrepancy found compared with what was planted.
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

    private static readonly DiscrepancyCause[] _plantedCauses = [DiscrepancyCause.MissedPush, DiscrepancyCause.StaleChannel, DiscrepancyCause.MissedEvent];

    /// <summary>A planted drift: what the channel shows below the master.</summary>
    private const int Drift = 3;

    private const int SeedBatch = 1_000;

    public static async Task<ReconcileResult> RunAsync(string databasePath, int skus)
    {
        BenchHost.DeleteDatabase(databasePath);
        using var provider = Services(databasePath);
        var seeded = Stopwatch.StartNew();
        var planted = await SeedAsync(provider, skus);
        seeded.Stop();

        Console.Error.WriteLine($"  seeded {skus:N0} SKUs x {_locations.Length} locations and {_channels.Length} channels in {seeded.Elapsed.TotalSeconds:0.0} s; reconciling ...");
        GC.Collect();
        var handler = provider.GetRequiredService<ReconcileChannelHandler>();
        using var memory = MemorySampler.Start();
        var clock = Stopwatch.StartNew();
        var runs = await handler.RunChannelsAsync(null, CancellationToken.None);
        clock.Stop();
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
        return new ReconcileResult(skus, runs.Sum(r => r.SkusCompared), clock.Elapsed, peak, seeded.Elapsed,
            [.. _plantedCauses.Select(cause => new CauseCount(cause,
                planted.Count(p => p.Value == cause),
                found.Count(f => f.Value == cause && planted.TryGetValue(f.Key, out var was) && was == cause)))],
            found.Count(f => !planted.TryGetValue(f.Key, out var was) || was != f.Value),
            runs.All(r => r.Status == RunStatus.Completed));
    }

    private static ServiceProvider Services(string databasePath)
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
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddLogging()
            .AddSqliteAdapters(configuration)
            .AddChannelPush(configuration)
            .AddInventoryCore(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static int OnHand(int sku, int location) => 10 + ((sku + (location * 7)) % 20);

    private static Sku SkuOf(int sku) => new(string.Create(CultureInfo.InvariantCulture, $"RC-{sku:D7}"));

    /// <summary>1 % of each channel's SKUs drift, a different 1 % per channel, the causes in turn.</summary>
    private static DiscrepancyCause? PlantedCause(int sku, int channel) =>
        sku % 100 == channel ? _plantedCauses[sku / 100 % _plantedCauses.Length] : null;

    /// <summary>
    /// The master through Core (a receipt per position), then, written straight through the ports, what each channel
    /// was last pushed (delivered an hour ago) and what it reports: the master's value half an hour ago, except where a
    /// cause is planted. missed_push: it acknowledged an older value (push and report both <see cref="Drift"/> below);
    /// stale_channel: its report, <see cref="Drift"/> below, predates the push; missed_event: its report, <see cref="Drift"/>
    /// below, follows the push.
    /// </summary>
    private static async Task<Dictionary<(ChannelId, Sku), DiscrepancyCause>> SeedAsync(ServiceProvider provider, int skus)
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

        var planted = new Dictionary<(ChannelId, Sku), DiscrepancyCause>();
        var (pushedAt, before, after) = (now.AddHours(-1), now.AddHours(-2), now.AddMinutes(-30));
        foreach (var chunk in Enumerable.Range(0, skus).Chunk(SeedBatch))
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
                    var cause = PlantedCause(i, c);
                    if (cause is { } planting)
                    {
                        planted[(channel, sku)] = planting;
                        shown[0] -= Drift;
                    }
                    var acknowledged = cause == DiscrepancyCause.MissedPush ? master - Drift : master;
                    states.Add(new PushState(channel, sku, acknowledged, 1, true, pushedAt));
                    var asOf = cause == DiscrepancyCause.StaleChannel ? before : after;
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
            await pushStates.SaveAsync(states, CancellationToken.None);
            await reported.RecordAsync(levels, CancellationToken.None);
        }
        return planted;
    }
}

internal sealed record CauseCount(DiscrepancyCause Cause, int Planted, int Found);

internal sealed record ReconcileResult(
    int Skus, int Compared, TimeSpan RunTime, MemoryResult Memory, TimeSpan SeedTime, IReadOnlyList<CauseCount> ByCause, int FalsePositives, bool Completed)
{
    public const double TargetSeconds = 60;
    public const long TargetBytes = 512L * 1024 * 1024;

    /// <summary>Every planted discrepancy found with its cause, nothing else found, and every run completed.</summary>
    public bool Verified => Completed && FalsePositives == 0 && ByCause.All(c => c.Found == c.Planted);

    public void Write(TextWriter writer)
    {
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Reconcile (SQLite): {Skus:N0} SKUs x 4 locations, 3 channels ({Compared:N0} channel-SKU pairs compared), 1 % drifted; seeding took {SeedTime.TotalSeconds:0.0} s (not counted)"));
        var table = new TextTable(("measure", true), ("value", false), ("target", false), ("", true));
        table.Add("run time (3 runs, one per channel)", string.Create(CultureInfo.InvariantCulture, $"{RunTime.TotalSeconds:0.0} s"), $"<= {TargetSeconds:0} s", RunTime.TotalSeconds <= TargetSeconds ? "ok" : "FAIL");
        table.Add("peak working set during the runs", $"{Memory.PeakWorkingSet / (1024 * 1024)} MiB", $"<= {TargetBytes / (1024 * 1024)} MiB", Memory.PeakWorkingSet <= TargetBytes ? "ok" : "FAIL");
        foreach (var cause in ByCause)
        {
            table.Add($"{Core.Reconciliation.ReconciliationNames.Cause(cause.Cause)}: found / planted", $"{cause.Found:N0} / {cause.Planted:N0}", "all", cause.Found == cause.Planted ? "ok" : "FAIL");
        }
        table.Add("false positives (not planted, or another cause)", FalsePositives.ToString("N0", CultureInfo.InvariantCulture), "0", FalsePositives == 0 ? "ok" : "FAIL");
        table.Write(writer);
    }
}
