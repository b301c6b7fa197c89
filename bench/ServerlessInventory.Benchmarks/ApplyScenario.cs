using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Benchmarks;

/// <summary>
/// Applies a workload through <see cref="ApplyEventsHandler"/> on a fresh store with N appliers pulling batches
/// from one shared queue, as session receivers pull a backlog, then checks what the store holds.
/// </summary>
internal static class ApplyScenario
{
    private const int MaxWarmUpRounds = 30;
    private static readonly TimeSpan _quietJitPerRound = TimeSpan.FromMilliseconds(5);

    public static async Task<ScenarioResult> RunAsync(Workload workload, string databasePath, int appliers)
    {
        var rounds = await WarmUpAsync(databasePath + ".warmup");
        Console.Error.WriteLine($"  warm-up: {rounds} rounds of 300 events until the JIT went quiet");
        using var host = new BenchHost(databasePath);
        var handler = host.Apply;

        var queue = new ConcurrentQueue<InventoryEvent[]>(workload.Batches);
        var tally = new Tally();
        using var retries = new RetryCounter();
        var sampler = MemorySampler.Start();
        var cpu = CpuTime();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, appliers).Select(_ => Task.Run(() => ApplierAsync(handler, queue, tally))));
        clock.Stop();
        cpu = CpuTime() - cpu;
        var memory = sampler.Stop();

        var verification = StoreVerifier.Verify(host.Database, workload, tally);
        return new ScenarioResult(
            workload.Name, workload.Events, workload.BatchSize, workload.Batches.Count, appliers, clock.Elapsed,
            tally.Commits, retries.Retries, tally.Redeliveries, cpu, memory, verification);
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static async Task ApplierAsync(ApplyEventsHandler handler, ConcurrentQueue<InventoryEvent[]> queue, Tally tally)
    {
        while (queue.TryDequeue(out var batch))
        {
            IReadOnlyList<EventOutcome> outcomes;
            try
            {
                outcomes = await handler.HandleAsync(batch, CancellationToken.None);
            }
            catch (ConcurrencyExhaustedException)
            {
                // The function throws, its messages are abandoned and redelivered: nothing was committed.
                tally.Redelivered();
                queue.Enqueue(batch);
                continue;
            }
            tally.Record(outcomes);
        }
    }

    /// <summary>
    /// Runs throwaway rounds until tiered compilation is quiet: without it about a second of tier-1 and PGO
    /// recompilation lands inside the measured run and competes for the cores (seen here: ~1.3 s of JIT over
    /// the first ~8 rounds). Returns the rounds it took.
    /// </summary>
    private static async Task<int> WarmUpAsync(string databasePath)
    {
        using var host = new BenchHost(databasePath);
        var jit = JitInfo.GetCompilationTime();
        for (var round = 1; round <= MaxWarmUpRounds; round++)
        {
            // Fresh SKUs each round: events seen before would only exercise the duplicate path.
            var prefix = $"warm-up-{round}";
            foreach (var batch in Workload.Spread(2_000, prefix).Batches.Concat(Workload.Hot(1_000, prefix).Batches))
            {
                await host.Apply.HandleAsync(batch, CancellationToken.None);
            }
            // Tier-1 recompilation runs in the background after a delay: give it time, then see how much it did.
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            var now = JitInfo.GetCompilationTime();
            if (round >= 3 && now - jit < _quietJitPerRound)
            {
                return round;
            }
            jit = now;
        }
        return MaxWarmUpRounds;
    }
}
