using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Reconciliation;

public enum ReviewStatus
{
    Resolved,

    /// <summary>No such run, or the run raised no review item for that SKU.</summary>
    NotFound,

    /// <summary>Settled before: it stays as it was.</summary>
    AlreadyResolved,
}

public sealed record ReviewResult(ReviewStatus Status, Discrepancy? Item = null);

/// <summary>An open review item with the run and channel it belongs to.</summary>
public sealed record ReviewItem(string RunId, ChannelId Channel, Discrepancy Discrepancy);

/// <summary>
/// The review queue: discrepancies a run raised (missed_event, unknown) wait for a person, who accepts the master (its
/// value is pushed to the channel again) or the channel (the master records an <c>inventory.stock.adjusted</c> by the
/// difference, reason <c>reconciliation</c>, through the normal publish path: ledgered, applied once, pushed to every
/// channel). The item stays in its run's report with who settled it, when and how.
/// </summary>
public sealed class ReviewHandler(
    IReconciliationReportStore reports,
    IEventPublisher publisher,
    IPushStateStore pushStates,
    MasterCorrection correction,
    ReconciliationMetrics metrics,
    TimeProvider timeProvider)
{
    /// <summary>The source of the adjustments accepting a channel records.</summary>
    public static readonly ChannelId Source = new("reconciliation");

    public const string AdjustmentReason = "reconciliation";

    private const int ReportPageSize = 1000;

    /// <summary>Open items, newest run first, at most <paramref name="limit"/>, of the latest <paramref name="maxRuns"/> runs.</summary>
    public async Task<IReadOnlyList<ReviewItem>> ListOpenAsync(int limit, int maxRuns, CancellationToken cancellationToken)
    {
        var items = new List<ReviewItem>();
        var runs = await reports.ListRunsAsync(null, maxRuns, null, cancellationToken).ConfigureAwait(false);
        foreach (var run in runs.Items.Where(r => r.RaisedForReview > 0))
        {
            foreach (var discrepancy in await AllAsync(run.RunId, cancellationToken).ConfigureAwait(false))
            {
                if (discrepancy.IsOpenForReview)
                {
                    items.Add(new ReviewItem(run.RunId, run.Channel, discrepancy));
                    if (items.Count >= limit)
                    {
                        return items;
                    }
                }
            }
        }
        return items;
    }

    /// <summary>
    /// Settles one item. Acting comes before recording the resolution, and each action is idempotent (the adjustment's
    /// event id is fixed by the run and SKU; the re-push goes under one version), so an item whose resolution failed to
    /// save can be resolved again without acting twice.
    /// </summary>
    public async Task<ReviewResult> ResolveAsync(string runId, Sku sku, ReviewResolution resolution, string resolvedBy, CancellationToken cancellationToken)
    {
        if (await reports.GetAsync(runId, 1, null, cancellationToken).ConfigureAwait(false) is not { } report)
        {
            return new ReviewResult(ReviewStatus.NotFound);
        }
        var discrepancies = await AllAsync(runId, cancellationToken).ConfigureAwait(false);
        var index = discrepancies.FindIndex(d => d.Sku == sku && d.Action == DiscrepancyAction.RaisedForReview);
        if (index < 0)
        {
            return new ReviewResult(ReviewStatus.NotFound);
        }
        var item = discrepancies[index];
        if (item.Review is not null)
        {
            return new ReviewResult(ReviewStatus.AlreadyResolved, item);
        }
        var channel = report.Run.Channel;
        var now = timeProvider.GetUtcNow();
        if (resolution == ReviewResolution.AcceptMaster)
        {
            var last = (await pushStates.GetAsync([sku], cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.Channel == channel);
            var fix = MasterCorrection.Next(channel, sku, item.MasterValue, last);
            await correction.ApplyAsync([fix], cancellationToken).ConfigureAwait(false);
            item = item with { CorrectionVersion = fix.Version };
        }
        else
        {
            var location = item.Location ?? throw new InvalidOperationException($"review item {runId}/{sku} has no location to adjust");
            var adjustment = new StockAdjusted(new EventId($"reconciliation-{runId}-{sku.Value}"), Source, now, sku, location, item.Difference, AdjustmentReason);
            await publisher.PublishAsync([adjustment], cancellationToken).ConfigureAwait(false);
        }
        discrepancies[index] = item = item with { Review = new ReviewOutcome(resolution, resolvedBy, now) };
        await reports.SaveAsync(report.Run, discrepancies, cancellationToken).ConfigureAwait(false);
        metrics.Resolved();
        return new ReviewResult(ReviewStatus.Resolved, item);
    }

    private async Task<List<Discrepancy>> AllAsync(string runId, CancellationToken cancellationToken)
    {
        var all = new List<Discrepancy>();
        string? continuation = null;
        do
        {
            var page = (await reports.GetAsync(runId, ReportPageSize, continuation, cancellationToken).ConfigureAwait(false))?.Discrepancies;
            if (page is null)
            {
                break;
            }
            all.AddRange(page.Items);
            continuation = page.Continuation;
        }
        while (continuation is not null);
        return all;
    }
}
