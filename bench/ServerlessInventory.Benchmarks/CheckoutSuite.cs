using System.Diagnostics;
using System.Globalization;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Testing.Emulators;

namespace ServerlessInventory.Benchmarks;

/// <summary>Cosmos DB figures of one race through Core: what the wire carried per granted reservation.</summary>
internal sealed record CosmosRace(string Mode, int Requests, int Granted, int Failed, long WireRequests, long Batches, long EtagConflicts, TimeSpan Elapsed);

/// <summary>
/// The <c>checkout</c> suite (issue 16): a flash sale's race for few units on one SKU and checkouts spread over many
/// SKUs, over loopback HTTP against the runner, each with concurrent checkouts on one SKU decided together
/// (<c>grouped</c>, the default) and committed alone (<c>alone</c>, <c>Reservations:GroupConcurrentRequests=false</c>, the
/// path before it) in the same run; then the race through Core on Cosmos DB, counting requests and ETag conflicts.
/// </summary>
internal static class CheckoutSuite
{
    private static readonly (string Mode, bool Grouped)[] _modes = [("grouped", true), ("alone", false)];

    public static async Task<(List<CheckoutRun> Http, List<CosmosRace> Cosmos, bool Verified)> RunAsync(BenchOptions options, string scratch)
    {
        var http = new List<CheckoutRun>();
        var verified = true;
        foreach (var (mode, grouped) in _modes)
        {
            await using var receiver = await PushReceiver.StartAsync();
            await using var host = await PipelineHost.StartAsync(Path.Combine(scratch, $"checkout-{mode}.db"), receiver.Url, Grouping(grouped));
            using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
            var apply = host.Get<ApplyEventsHandler>();
            var run = 0;
            async Task<CheckoutRun> Race(int units, int requests)
            {
                var sku = $"flash-{mode}-{run++}";
                await CheckoutLoad.StockAsync(apply, [sku], units);
                var result = await CheckoutLoad.RaceAsync(client, $"race {requests} on {units}", mode, [.. Enumerable.Repeat(sku, requests)]);
                // The path before grouping may answer 500 and so grant fewer; it must never grant more.
                verified &= grouped ? result.Granted == units && result.ServerErrors == 0 : result.Granted <= units;
                return result;
            }
            async Task<CheckoutRun> Spread(int clients)
            {
                var skus = Enumerable.Range(0, options.CheckoutSpread / 2).Select(i => $"spread-{mode}-{clients}-{i}").ToList();
                await CheckoutLoad.StockAsync(apply, skus, 10);
                var result = await CheckoutLoad.SpreadAsync(client, $"spread {options.CheckoutSpread} over {skus.Count} SKUs, {clients}-way", mode, [.. skus, .. skus], clients);
                verified &= result.Granted == options.CheckoutSpread && result.ServerErrors == 0;
                return result;
            }

            Console.Error.WriteLine($"running checkout over HTTP, {mode} ...");
            // The largest race once unmeasured: the JIT, and as many pooled connections as any run opens, since a
            // shopper's connection is open before a drop, and opening hundreds of them at once is not what is measured.
            await Race(options.CheckoutRace * 10 / 4, options.CheckoutRace * 10);
            await Spread(64);
            for (var rep = 0; rep < options.CheckoutReps; rep++)
            {
                http.Add(await Race(options.CheckoutRace / 4, options.CheckoutRace));
            }
            http.Add(await Race(options.CheckoutRace * 10 / 4, options.CheckoutRace * 10));
            http.Add(await Spread(8));
            http.Add(await Spread(64));
        }

        var cosmos = new List<CosmosRace>();
        Console.Error.WriteLine("starting the Cosmos DB stand-in for checkout ...");
        var standIn = new CosmosStandIn();
        await standIn.InitializeAsync();
        try
        {
            foreach (var (mode, grouped) in _modes)
            {
                Console.Error.WriteLine($"running checkout on Cosmos DB, {mode} ...");
                await using var host = await StoreHost.ForCosmosAsync(standIn.Endpoint, standIn.AccountKey, $"checkout-{Guid.NewGuid():N}"[..20], Grouping(grouped));
                var race = await CosmosRaceAsync(host, mode, options.CheckoutRace / 4, options.CheckoutRace);
                verified &= grouped ? race.Granted == options.CheckoutRace / 4 && race.Failed == 0 : race.Granted <= options.CheckoutRace / 4;
                cosmos.Add(race);
            }
        }
        finally
        {
            await standIn.DisposeAsync();
        }
        return (http, cosmos, verified);
    }

    private static Dictionary<string, string?> Grouping(bool grouped) => new()
    {
        ["Reservations:GroupConcurrentRequests"] = grouped.ToString(CultureInfo.InvariantCulture),
    };

    private static async Task<CosmosRace> CosmosRaceAsync(StoreHost host, string mode, int units, int requests)
    {
        await CheckoutLoad.StockAsync(host.Apply, ["warm-up"], 1);
        await host.Reserve.HandleAsync(new ReserveCommand("warm-up", 1, StoreScenarios.Channel), CancellationToken.None);
        await CheckoutLoad.StockAsync(host.Apply, ["flash"], units);
        using var retries = new RetryCounter();
        var counter = host.Requests!;
        var before = (counter.Total.Total, counter.Total[RequestKind.Batch]);
        counter.Enabled = true;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = Stopwatch.GetTimestamp();
        var answers = Enumerable.Range(0, requests).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                return (await host.Reserve.HandleAsync(new ReserveCommand("flash", 1, StoreScenarios.Channel, CheckoutLoad.Location), CancellationToken.None)).Succeeded ? 1 : 0;
            }
            catch (ConcurrencyExhaustedException)
            {
                return -1;
            }
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(answers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        counter.Enabled = false;
        return new CosmosRace(mode, requests, results.Count(r => r == 1), results.Count(r => r < 0),
            counter.Total.Total - before.Item1, counter.Total[RequestKind.Batch] - before.Item2, retries.Retries, elapsed);
    }
}
