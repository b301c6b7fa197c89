using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Benchmarks;

/// <summary>What the appliers saw, shared between them.</summary>
internal sealed class Tally
{
    private long _redeliveries;
    private long _commits;
    private long _applied;
    private long _notApplied;

    public long Redeliveries => Interlocked.Read(ref _redeliveries);

    public long Commits => Interlocked.Read(ref _commits);

    public long Applied => Interlocked.Read(ref _applied);

    public long NotApplied => Interlocked.Read(ref _notApplied);

    public void Redelivered() => Interlocked.Increment(ref _redeliveries);

    public void Record(IReadOnlyList<EventOutcome> outcomes)
    {
        var applied = outcomes.Count(o => o.Disposition == EventDisposition.Applied);
        // Each batch of fresh events changes its SKU, so a handler that returned committed exactly once.
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _applied, applied);
        Interlocked.Add(ref _notApplied, outcomes.Count - applied);
    }
}

internal sealed record ScenarioResult(
    string Name,
    int Events,
    int BatchSize,
    int Batches,
    int Appliers,
    TimeSpan Elapsed,
    long Commits,
    long Retries,
    long Redeliveries,
    TimeSpan Cpu,
    MemoryResult Memory,
    Verification Verification)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    public double CommitsPerSecond => Commits / Elapsed.TotalSeconds;

    /// <summary>Share of all cores the process used: well under 100 % means something other than CPU limits throughput.</summary>
    public double CpuUse => Cpu / (Elapsed * Environment.ProcessorCount);
}
