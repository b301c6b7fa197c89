using System.Globalization;

namespace ServerlessInventory.Benchmarks;

/// <summary>The end-to-end report: one row per run, beside the apply-only rate of (a) from the same process, then targets.</summary>
internal static class EndToEndTable
{
    public const double ThroughputTarget = 5_000;
    public const double LatencyP99TargetMilliseconds = 100;

    private const string None = "-";
    private const double MiB = 1024 * 1024;

    public static void Write(TextWriter writer, IReadOnlyList<EndToEndResult> results, ScenarioResult? applyOnly)
    {
        var table = new TextTable(
            ("Run", true), ("Events", false), ("Batch", false), ("Seconds", false), ("Events/s", false), ("vs apply (a)", false),
            ("p50 ms", false), ("p99 ms", false), ("Pushes", false), ("Backwards", false), ("Peak WS MiB", false), ("Alloc KiB/event", false), ("Check", true));
        foreach (var r in results)
        {
            table.Add(r.Name, Count(r.Events), Count(r.BatchSize), r.Elapsed.TotalSeconds.ToString("N2", CultureInfo.InvariantCulture), Count(r.EventsPerSecond),
                applyOnly is null ? None : Percent(r.EventsPerSecond / applyOnly.EventsPerSecond),
                Ms(r.P50Milliseconds), Ms(r.P99Milliseconds), Count(r.Pushes), Count(r.BackwardPushes),
                Number(r.Memory.PeakWorkingSet / MiB), Number(r.Memory.Allocated / 1024.0 / r.Events),
                r.Verification.Passed && r.BackwardPushes == 0 ? "verified" : "FAILED");
        }
        table.Write(writer);

        writer.WriteLine();
        writer.WriteLine("Targets");
        var throughput = results.FirstOrDefault(r => r.Name.StartsWith("(c)", StringComparison.Ordinal));
        var latency = results.FirstOrDefault(r => r.Name.StartsWith("(d)", StringComparison.Ordinal));
        writer.WriteLine($"  {"(c) events/s end to end >= " + Count(ThroughputTarget),-40} {Verdict(throughput?.EventsPerSecond, v => v >= ThroughputTarget, Count)}");
        writer.WriteLine($"  {"(d) p99 webhook to push <= " + Count(LatencyP99TargetMilliseconds) + " ms",-40} {Verdict(latency?.P99Milliseconds, v => v <= LatencyP99TargetMilliseconds, Ms)}");

        writer.WriteLine();
        writer.WriteLine("Verification");
        foreach (var r in results)
        {
            writer.WriteLine($"  {r.Name}: {(r.Verification.Passed ? "verified" : "FAILED")}: {r.Verification.Detail}; pushes going backwards: {r.BackwardPushes}");
        }
        writer.WriteLine();
        writer.WriteLine($"""
            Notes
              (c)          {EndToEndScenario.ThroughputClients} clients post signed webhooks of {EndToEndScenario.ThroughputBatch} receipts (10 per SKU, spread over requests) to the
                           runner over loopback HTTP; timed from the first request until the topic is empty and the ledger holds every event.
                           Pushes to every channel go to a receiver on loopback during the run.
              (d)          an open loop of {EndToEndScenario.LatencyBatch}-event webhooks every {1000.0 * EndToEndScenario.LatencyBatch / EndToEndScenario.LatencyRate:N0} ms ({Count(EndToEndScenario.LatencyRate)} events/s), each event a new SKU;
                           latency = request sent to the first push of that SKU arriving at the receiver.
              vs apply (a) end-to-end events/s divided by the apply-only events/s of (a) in this same run.
              The runner is hosted in the bench process (same registration and endpoints as dotnet run), so both share the 2 cores.
            """);
    }

    private static string Verdict(double? value, Func<double, bool> passes, Func<double?, string> format) =>
        value is { } v ? $"{format(v)}  {(passes(v) ? "PASS" : "FAIL")}" : "n/a (that scenario was not run)";

    private static string Count(double? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? None;

    private static string Number(double value) => value.ToString("N1", CultureInfo.InvariantCulture);

    private static string Ms(double? value) => value?.ToString("N1", CultureInfo.InvariantCulture) ?? None;

    private static string Percent(double ratio) => ratio.ToString("P1", CultureInfo.InvariantCulture);
}
