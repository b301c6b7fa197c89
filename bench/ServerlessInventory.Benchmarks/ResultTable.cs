using System.Globalization;
using ServerlessInventory.Core.Application;

namespace ServerlessInventory.Benchmarks;

/// <summary>The report: one row per measured run, then each target with its numbers and PASS/FAIL.</summary>
internal static class ResultTable
{
    public const double SpreadTargetOfRaw = 0.25;
    public const double HotTargetOfSpread = 0.50;

    private const string None = "-";
    private const double MiB = 1024 * 1024;

    public static void Write(TextWriter writer, RateResult raw, RateResult adapter, IReadOnlyList<ScenarioResult> scenarios)
    {
        var table = new TextTable(
            ("Run", true), ("Events", false), ("Batch", false), ("Appliers", false), ("Seconds", false),
            ("Events/s", false), ("Commits/s", false), ("vs raw", false), ("Retries", false), ("Redelivered", false), ("CPU", false),
            ("Peak WS MiB", false), ("Peak heap MiB", false), ("Alloc KiB/event", false), ("Check", true));
        foreach (var rate in new[] { raw, adapter })
        {
            table.Add(rate.Name, Count(rate.Transactions), "1", "1", Seconds(rate.Elapsed), Count(rate.PerSecond), Count(rate.PerSecond),
                Percent(rate.PerSecond / raw.PerSecond), None, None, None, None, None, None, "rows counted");
        }
        foreach (var s in scenarios)
        {
            table.Add(s.Name, Count(s.Events), Count(s.BatchSize), Count(s.Appliers), Seconds(s.Elapsed), Count(s.EventsPerSecond),
                Count(s.CommitsPerSecond), Percent(s.EventsPerSecond / raw.PerSecond), Count(s.Retries), Count(s.Redeliveries), Percent(s.CpuUse),
                Number(s.Memory.PeakWorkingSet / MiB), Number(s.Memory.PeakHeap / MiB), Number(s.Memory.Allocated / 1024.0 / s.Events),
                s.Verification.Passed ? "verified" : "FAILED");
        }
        table.Write(writer);

        writer.WriteLine();
        writer.WriteLine("Targets");
        var spread = scenarios.FirstOrDefault(s => s.Name.StartsWith("(a)", StringComparison.Ordinal));
        var hot = scenarios.FirstOrDefault(s => s.Name.StartsWith("(b)", StringComparison.Ordinal));
        Target(writer, $"(a) events/s >= {Percent(SpreadTargetOfRaw)} of raw tx/s", spread?.EventsPerSecond, raw.PerSecond, SpreadTargetOfRaw);
        Target(writer, $"(b) events/s >= {Percent(HotTargetOfSpread)} of (a) events/s", hot?.EventsPerSecond, spread?.EventsPerSecond, HotTargetOfSpread);

        writer.WriteLine();
        writer.WriteLine("Verification");
        foreach (var s in scenarios)
        {
            writer.WriteLine($"  {s.Name}: {(s.Verification.Passed ? "verified" : "FAILED")}: {s.Verification.Detail}");
        }

        var core = new InventoryOptions();
        writer.WriteLine();
        writer.WriteLine($"""
            Notes
              Batch        consecutive events of one SKU, as one Service Bus session receive delivers them (at most {Workload.MaxBatchSize}):
                           (a) each SKU's {Workload.CycleLength} events are one batch; (b) the hot SKU's events in batches of {Workload.MaxBatchSize}.
                           One batch = one ApplyEventsHandler call = one SQLite transaction; Commits/s counts them.
              vs raw       events/s divided by the raw single-row INSERT transactions/s of the first row, measured in this run.
              Retries      the inventory.concurrency.retries counter (meter {InventoryMetrics.MeterName}), read with a MeterListener.
              Redelivered  batches whose handler gave up after {core.MaxConcurrencyAttempts} attempts (ConcurrencyExhaustedException) and went
                           back on the queue, as Service Bus redelivers them; nothing of theirs had been committed.
              CPU          process CPU time / (wall time x {Environment.ProcessorCount} cores): far below 100 % means something else limits throughput.
              Peak WS      highest Environment.WorkingSet sampled every 20 ms during the scenario (includes the runtime and the
                           pre-built workload); Peak heap: highest GC.GetTotalMemory over the same samples;
                           Alloc: GC.GetTotalAllocatedBytes during the scenario / events.
              Core options defaults: MaxConcurrencyAttempts {core.MaxConcurrencyAttempts}, ConflictBackoff {core.ConflictBackoff.TotalMilliseconds} ms.
            """);
    }

    private static void Target(TextWriter writer, string target, double? numerator, double? denominator, double threshold)
    {
        var line = (numerator, denominator) switch
        {
            ({ } n, { } d) => $"{Count(n)} / {Count(d)} = {Percent(n / d)}  {(n / d >= threshold ? "PASS" : "FAIL")}",
            _ => "n/a (that scenario was not run)",
        };
        writer.WriteLine($"  {target,-40} {line}");
    }

    private static string Count(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("N1", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("N2", CultureInfo.InvariantCulture);

    private static string Percent(double ratio) => ratio.ToString("P1", CultureInfo.InvariantCulture);
}
