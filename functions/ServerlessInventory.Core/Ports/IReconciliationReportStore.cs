using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Ports;

/// <summary>Why the master and a channel most likely disagree about a SKU.</summary>
public enum DiscrepancyCause
{
    /// <summary>The master changed and the channel never got the push.</summary>
    MissedPush,

    /// <summary>The channel changed (a sale, a count) and the master never got the event.</summary>
    MissedEvent,

    /// <summary>The channel shows a value it has not refreshed since before the last push.</summary>
    StaleChannel,

    Unknown,
}

/// <summary>What reconciliation did about a discrepancy.</summary>
public enum DiscrepancyAction
{
    /// <summary>The master value was pushed again (the master had confirmed transactions).</summary>
    Repushed,

    /// <summary>Left for a person to look at.</summary>
    RaisedForReview,
}

/// <summary>How a person settled a discrepancy raised for review.</summary>
public enum ReviewResolution
{
    /// <summary>The master was right: its value was pushed to the channel again.</summary>
    AcceptMaster,

    /// <summary>The channel was right: the master recorded an adjustment by the difference.</summary>
    AcceptChannel,
}

/// <summary>Who settled a review item, when and how.</summary>
public sealed record ReviewOutcome(ReviewResolution Resolution, string ResolvedBy, DateTimeOffset ResolvedAt);

/// <summary>One SKU whose channel value differs from the master's by more than the threshold.</summary>
public sealed record Discrepancy(Sku Sku, int MasterValue, int ChannelValue, DiscrepancyCause LikelyCause, DiscrepancyAction Action)
{
    /// <summary>Channel minus master: positive when the channel offers more than the master has for it.</summary>
    public int Difference => ChannelValue - MasterValue;

    /// <summary>When the channel's value was true at the channel (its latest report); null when not known.</summary>
    public DateTimeOffset? ReportedAt { get; init; }

    /// <summary>Where accepting the channel records its adjustment; null when the run could not tell.</summary>
    public LocationId? Location { get; init; }

    /// <summary>The push version the master value was sent again under (auto-corrected or accepted master).</summary>
    public long? CorrectionVersion { get; init; }

    /// <summary>How a review item was settled; null while it is open (or when it was never raised).</summary>
    public ReviewOutcome? Review { get; init; }

    public bool IsOpenForReview => Action == DiscrepancyAction.RaisedForReview && Review is null;
}

/// <summary>Where a run is: still comparing (checkpointed, resumable) or done.</summary>
public enum RunStatus
{
    Completed,
    Running,
}

/// <summary>One reconciliation run of one channel, with its counts.</summary>
public sealed record ReconciliationRun(
    string RunId,
    ChannelId Channel,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int SkusCompared,
    int Discrepancies,
    int AutoCorrected,
    int RaisedForReview)
{
    /// <summary>Run ids are stored as keys, so they follow the identifier rules (<see cref="Guard.Identifier"/>).</summary>
    public string RunId { get; init => field = Guard.Identifier(value, "runId"); } = Guard.Identifier(RunId, "runId");

    public RunStatus Status { get; init; }

    /// <summary>Where the run is, while running: the reported-level store's position after the last SKU compared, where a resumed run continues.</summary>
    public string? Checkpoint { get; init; }

    public int InAgreement { get; init; }

    /// <summary>SKUs whose master value changed within the settling window, or whose push is still owed: not discrepancies.</summary>
    public int InFlight { get; init; }

    public int MissedPush { get; init; }

    public int StaleChannel { get; init; }

    public int MissedEvent { get; init; }

    public int UnknownCause { get; init; }

    /// <summary>Sum of |channel − master| over the discrepancies.</summary>
    public long VarianceUnits { get; init; }
}

/// <summary>A run and one page of its discrepancies, ordered by SKU; <see cref="Discrepancies"/>' continuation pages on.</summary>
public sealed record ReconciliationReport(ReconciliationRun Run, Page<Discrepancy> Discrepancies);

/// <summary>Reconciliation reports, kept queryable for ops: each run with its discrepancies.</summary>
public interface IReconciliationReportStore
{
    /// <summary>
    /// Saves the run with its discrepancies (at most one per SKU); saving the same run id again replaces the run and
    /// all of its discrepancies. A run is listed only once its discrepancies are stored.
    /// </summary>
    Task SaveAsync(ReconciliationRun run, IReadOnlyList<Discrepancy> discrepancies, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the run and adds <paramref name="added"/> (at most one per SKU) to the discrepancies already stored for it,
    /// keeping those: a stored SKU given again is replaced, so appending the same page twice changes nothing. A paged
    /// run appends each page's new discrepancies, so a page's save costs that page, not the whole run so far.
    /// </summary>
    Task AppendAsync(ReconciliationRun run, IReadOnlyList<Discrepancy> added, CancellationToken cancellationToken);

    /// <summary>The run and a page of its discrepancies by SKU; null when the run is unknown.</summary>
    Task<ReconciliationReport?> GetAsync(string runId, int pageSize, string? continuation, CancellationToken cancellationToken);

    /// <summary>Runs newest first (by start, ties by run id), of one channel or of all when <paramref name="channel"/> is null.</summary>
    Task<Page<ReconciliationRun>> ListRunsAsync(ChannelId? channel, int pageSize, string? continuation, CancellationToken cancellationToken);

    /// <summary>
    /// Takes or renews the channel's run lease for <paramref name="holder"/> until <paramref name="until"/>: granted when
    /// nobody holds it, when it lapsed (at or before <paramref name="now"/>), or when <paramref name="holder"/> already
    /// holds it; decided atomically, so two overlapping runs of one channel never both hold it.
    /// </summary>
    Task<bool> TryLeaseAsync(ChannelId channel, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Gives the lease up if <paramref name="holder"/> still holds it.</summary>
    Task ReleaseLeaseAsync(ChannelId channel, string holder, CancellationToken cancellationToken);
}

/// <summary>Checks shared by every <see cref="IReconciliationReportStore"/>.</summary>
public static class ReconciliationReports
{
    /// <summary>A run holds at most one discrepancy per SKU: its discrepancies are keyed by SKU in every store.</summary>
    /// <exception cref="ArgumentException">A SKU appears twice.</exception>
    public static void EnsureOnePerSku(IReadOnlyList<Discrepancy> discrepancies)
    {
        var seen = new HashSet<Sku>();
        foreach (var discrepancy in discrepancies)
        {
            if (!seen.Add(discrepancy.Sku))
            {
                throw new ArgumentException($"SKU '{discrepancy.Sku}' has more than one discrepancy in the run", nameof(discrepancies));
            }
        }
    }
}
