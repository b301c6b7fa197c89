using System.Collections.Concurrent;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Cli.Load;

/// <summary>What a load did, counted across concurrent appliers.</summary>
internal sealed class LoadTally
{
    private long _applied;
    private long _duplicates;

    public long Applied => Interlocked.Read(ref _applied);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public ConcurrentBag<RowError> Rejected { get; } = [];

    public void Count(EventOutcome outcome, long line)
    {
        switch (outcome.Disposition)
        {
            case EventDisposition.Applied:
                Interlocked.Increment(ref _applied);
                break;
            case EventDisposition.Duplicate:
                Interlocked.Increment(ref _duplicates);
                break;
            default:
                Rejected.Add(new RowError(line, "event", outcome.Reason ?? "rejected"));
                break;
        }
    }
}
